#include "report/rest/rest_stage_json.h"

#include <algorithm>
#include <utility>

#include "report/rest/jackson_writer.h"
#include "report/rest/rest_map_order.h"
#include "report/rest/rest_task_json.h"
#include "report/rest/rest_task_summary.h"

namespace sparkdx {
namespace {

bool WantedStatus(const StageJsonOptions& options, const TaskRecord& task) {
  if (options.task_statuses.empty()) return true;
  return std::find(options.task_statuses.begin(), options.task_statuses.end(), TaskStatusName(task)) !=
         options.task_statuses.end();
}

// StageInfo.accumulables is a mutable HashMap by accumulator id: its
// iteration order, the last update of an id winning.
RestJson StageAccumulablesJson(const std::vector<AccumulableEvent>& accumulables) {
  std::vector<const AccumulableEvent*> distinct;
  for (const AccumulableEvent& acc : accumulables) {
    auto same = std::find_if(distinct.begin(), distinct.end(), [&](const AccumulableEvent* d) { return d->id == acc.id; });
    if (same == distinct.end()) {
      distinct.push_back(&acc);
    } else {
      *same = &acc;
    }
  }
  std::vector<int32_t> hashes;
  for (const AccumulableEvent* acc : distinct) hashes.push_back(ScalaLongHash(acc->id));
  RestJson list = RestJson::array();
  for (size_t i : ScalaMutableMapOrder(hashes)) {
    const AccumulableEvent& acc = *distinct[i];
    RestJson entry = RestJson::object();
    entry["id"] = acc.id;
    if (acc.name) entry["name"] = *acc.name;
    if (acc.update) entry["update"] = *acc.update;
    if (acc.value) entry["value"] = *acc.value;
    list.push_back(std::move(entry));
  }
  return list;
}

// v1.ExecutorStageSummary.
RestJson ExecutorStageSummaryJson(const ExecutorStageSummaryData& s) {
  RestJson json = RestJson::object();
  json["taskTime"] = s.task_time_ms;
  json["failedTasks"] = s.failed_tasks;
  json["succeededTasks"] = s.succeeded_tasks;
  json["killedTasks"] = s.killed_tasks;
  json["inputBytes"] = s.metrics[TaskMetric::kInputBytesRead];
  json["inputRecords"] = s.metrics[TaskMetric::kInputRecordsRead];
  json["outputBytes"] = s.metrics[TaskMetric::kOutputBytesWritten];
  json["outputRecords"] = s.metrics[TaskMetric::kOutputRecordsWritten];
  json["shuffleRead"] = s.metrics[TaskMetric::kShuffleRemoteBytesRead] + s.metrics[TaskMetric::kShuffleLocalBytesRead];
  json["shuffleReadRecords"] = s.metrics[TaskMetric::kShuffleRecordsRead];
  json["shuffleWrite"] = s.metrics[TaskMetric::kShuffleBytesWritten];
  json["shuffleWriteRecords"] = s.metrics[TaskMetric::kShuffleRecordsWritten];
  json["memoryBytesSpilled"] = s.metrics[TaskMetric::kMemoryBytesSpilled];
  json["diskBytesSpilled"] = s.metrics[TaskMetric::kDiskBytesSpilled];
  json["isBlacklistedForStage"] = s.excluded;
  if (s.peak.IsSet()) json["peakMemoryMetrics"] = ExecutorMetricsJson(s.peak);
  json["isExcludedForStage"] = s.excluded;
  return json;
}

// Spark lists a stage's executor summaries by executor id, then makes a
// map of them.
RestJson ExecutorSummariesJson(const AppStatus& app, const StageStatusData& stage) {
  std::vector<std::pair<const std::string*, const ExecutorStageSummaryData*>> rows;
  for (const auto& [executor, summary] : stage.executor_summaries) {
    if (executor < app.executors.size()) rows.emplace_back(&app.executors[executor].id, &summary);
  }
  std::sort(rows.begin(), rows.end(), [](const auto& a, const auto& b) { return *a.first < *b.first; });
  std::vector<int32_t> hashes;
  for (const auto& row : rows) hashes.push_back(JavaStringHash(*row.first));
  RestJson json = RestJson::object();
  for (size_t i : ScalaImmutableMapOrder(hashes)) json[*rows[i].first] = ExecutorStageSummaryJson(*rows[i].second);
  return json;
}

// Spark lists the tasks latest id first, then makes a map of them.
RestJson TasksJson(const AppStatus& app, const std::vector<TaskRecord>& stored, const StageJsonOptions& options) {
  std::vector<const TaskRecord*> listed;
  for (auto it = stored.rbegin(); it != stored.rend(); ++it) {
    if (WantedStatus(options, *it)) listed.push_back(&*it);
  }
  std::vector<int32_t> hashes;
  for (const TaskRecord* task : listed) hashes.push_back(ScalaLongHash(task->task_id));
  TaskJsonWriter writer(app);
  RestJson json = RestJson::object();
  for (size_t i : ScalaImmutableMapOrder(hashes)) json[std::to_string(listed[i]->task_id)] = writer.Json(*listed[i]);
  return json;
}

RestJson SpeculationJson(const SpeculationSummaryData& s) {
  RestJson json = RestJson::object();
  json["numTasks"] = s.num_tasks;
  json["numActiveTasks"] = s.num_active_tasks;
  json["numCompletedTasks"] = s.num_completed_tasks;
  json["numFailedTasks"] = s.num_failed_tasks;
  json["numKilledTasks"] = s.num_killed_tasks;
  return json;
}

void MetricTotalsJson(const TaskMetricTotals& m, RestJson* json) {
  RestJson& j = *json;
  j["executorDeserializeTime"] = m[TaskMetric::kExecutorDeserializeTimeMs];
  j["executorDeserializeCpuTime"] = m[TaskMetric::kExecutorDeserializeCpuTimeNs];
  j["executorRunTime"] = m[TaskMetric::kExecutorRunTimeMs];
  j["executorCpuTime"] = m[TaskMetric::kExecutorCpuTimeNs];
  j["resultSize"] = m[TaskMetric::kResultSizeBytes];
  j["jvmGcTime"] = m[TaskMetric::kJvmGcTimeMs];
  j["resultSerializationTime"] = m[TaskMetric::kResultSerializationTimeMs];
  j["memoryBytesSpilled"] = m[TaskMetric::kMemoryBytesSpilled];
  j["diskBytesSpilled"] = m[TaskMetric::kDiskBytesSpilled];
  j["peakExecutionMemory"] = m[TaskMetric::kPeakExecutionMemoryBytes];
  j["inputBytes"] = m[TaskMetric::kInputBytesRead];
  j["inputRecords"] = m[TaskMetric::kInputRecordsRead];
  j["outputBytes"] = m[TaskMetric::kOutputBytesWritten];
  j["outputRecords"] = m[TaskMetric::kOutputRecordsWritten];
  j["shuffleRemoteBlocksFetched"] = m[TaskMetric::kShuffleRemoteBlocksFetched];
  j["shuffleLocalBlocksFetched"] = m[TaskMetric::kShuffleLocalBlocksFetched];
  j["shuffleFetchWaitTime"] = m[TaskMetric::kShuffleFetchWaitTimeMs];
  j["shuffleRemoteBytesRead"] = m[TaskMetric::kShuffleRemoteBytesRead];
  j["shuffleRemoteBytesReadToDisk"] = m[TaskMetric::kShuffleRemoteBytesReadToDisk];
  j["shuffleLocalBytesRead"] = m[TaskMetric::kShuffleLocalBytesRead];
  j["shuffleReadBytes"] = m[TaskMetric::kShuffleLocalBytesRead] + m[TaskMetric::kShuffleRemoteBytesRead];
  j["shuffleReadRecords"] = m[TaskMetric::kShuffleRecordsRead];
  j["shuffleCorruptMergedBlockChunks"] = m[TaskMetric::kPushCorruptMergedBlockChunks];
  j["shuffleMergedFetchFallbackCount"] = m[TaskMetric::kPushMergedFetchFallbackCount];
  j["shuffleMergedRemoteBlocksFetched"] = m[TaskMetric::kPushMergedRemoteBlocksFetched];
  j["shuffleMergedLocalBlocksFetched"] = m[TaskMetric::kPushMergedLocalBlocksFetched];
  j["shuffleMergedRemoteChunksFetched"] = m[TaskMetric::kPushMergedRemoteChunksFetched];
  j["shuffleMergedLocalChunksFetched"] = m[TaskMetric::kPushMergedLocalChunksFetched];
  j["shuffleMergedRemoteBytesRead"] = m[TaskMetric::kPushMergedRemoteBytesRead];
  j["shuffleMergedLocalBytesRead"] = m[TaskMetric::kPushMergedLocalBytesRead];
  j["shuffleRemoteReqsDuration"] = m[TaskMetric::kShuffleRemoteRequestsDurationMs];
  j["shuffleMergedRemoteReqsDuration"] = m[TaskMetric::kPushMergedRemoteRequestsDurationMs];
  j["shuffleWriteBytes"] = m[TaskMetric::kShuffleBytesWritten];
  j["shuffleWriteTime"] = m[TaskMetric::kShuffleWriteTimeNs];
  j["shuffleWriteRecords"] = m[TaskMetric::kShuffleRecordsWritten];
}

}  // namespace

const char* StageStatusName(StageStatusKind status) {
  switch (status) {
    case StageStatusKind::kActive: return "ACTIVE";
    case StageStatusKind::kComplete: return "COMPLETE";
    case StageStatusKind::kFailed: return "FAILED";
    case StageStatusKind::kPending: return "PENDING";
    case StageStatusKind::kSkipped: return "SKIPPED";
  }
  return "PENDING";
}

RestJson ExecutorMetricsJson(const ExecutorMetrics& metrics) {
  RestJson json = RestJson::object();
  for (int m = 0; m < kExecutorMetricCount; ++m) json[std::string(ExecutorMetricName(m))] = metrics.values[m];
  return json;
}

bool StageJson(const AppStatus& app, const StageStatusData& stage, const StageJsonOptions& options, RestJson* out,
               std::string* error) {
  const StageInfoEvent& info = stage.info;
  RestJson json = RestJson::object();
  json["status"] = StageStatusName(stage.status);
  json["stageId"] = info.stage_id;
  json["attemptId"] = info.attempt_id;
  json["numTasks"] = info.num_tasks;
  json["numActiveTasks"] = stage.active_tasks;
  json["numCompleteTasks"] = stage.completed_tasks;
  json["numFailedTasks"] = stage.failed_tasks;
  json["numKilledTasks"] = stage.killed_tasks;
  json["numCompletedIndices"] = stage.completed_indices.size();
  if (info.submission_time_ms >= 0) json["submissionTime"] = RestDateText(info.submission_time_ms);
  if (stage.first_launch_time_ms < INT64_MAX) json["firstTaskLaunchedTime"] = RestDateText(stage.first_launch_time_ms);
  if (info.completion_time_ms >= 0) json["completionTime"] = RestDateText(info.completion_time_ms);
  if (info.failure_reason) json["failureReason"] = *info.failure_reason;
  MetricTotalsJson(stage.metrics, &json);
  json["name"] = info.name;
  if (stage.description) json["description"] = *stage.description;
  json["details"] = info.details;
  json["schedulingPool"] = stage.scheduling_pool;
  RestJson rdd_ids = RestJson::array();
  for (const RddInfoEvent& rdd : info.rdd_infos) rdd_ids.push_back(rdd.id);
  json["rddIds"] = std::move(rdd_ids);
  json["accumulatorUpdates"] = StageAccumulablesJson(info.accumulables);

  std::vector<TaskRecord> stored;
  if (options.details || options.with_summaries) stored = StoredTasks(stage);
  if (options.details) {
    json["tasks"] = TasksJson(app, stored, options);
    json["executorSummary"] = ExecutorSummariesJson(app, stage);
    if (stage.speculation.present) json["speculationSummary"] = SpeculationJson(stage.speculation);
  }
  json["killedTasksSummary"] = KilledSummaryJson(stage.killed_summary);
  json["resourceProfileId"] = info.resource_profile_id;
  if (stage.peak.IsSet()) json["peakExecutorMetrics"] = ExecutorMetricsJson(stage.peak);
  if (options.with_summaries) {
    if (std::optional<RestJson> tasks = TaskMetricDistributionsJson(stored, options.quantiles, RestNowMs(app))) {
      json["taskMetricsDistributions"] = std::move(*tasks);
    }
    std::optional<RestJson> executors;
    if (!ExecutorMetricsDistributionsJson(stage, options.quantiles, &executors, error)) return false;
    if (executors) json["executorMetricsDistributions"] = std::move(*executors);
  }
  json["isShufflePushEnabled"] = info.shuffle_push_enabled;
  json["shuffleMergersCount"] = info.shuffle_push_mergers_count;
  *out = std::move(json);
  return true;
}

}  // namespace sparkdx
