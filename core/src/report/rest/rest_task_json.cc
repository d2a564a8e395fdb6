#include "report/rest/rest_task_json.h"

#include <algorithm>

#include "report/rest/jackson_writer.h"
#include "report/rest/rest_map_order.h"

namespace sparkdx {
namespace {

int64_t Metric(const TaskRecord& task, TaskMetric metric) { return task.metric(metric); }

RestJson ShufflePushReadJson(const TaskRecord& t) {
  RestJson json = RestJson::object();
  json["corruptMergedBlockChunks"] = Metric(t, TaskMetric::kPushCorruptMergedBlockChunks);
  json["mergedFetchFallbackCount"] = Metric(t, TaskMetric::kPushMergedFetchFallbackCount);
  json["remoteMergedBlocksFetched"] = Metric(t, TaskMetric::kPushMergedRemoteBlocksFetched);
  json["localMergedBlocksFetched"] = Metric(t, TaskMetric::kPushMergedLocalBlocksFetched);
  json["remoteMergedChunksFetched"] = Metric(t, TaskMetric::kPushMergedRemoteChunksFetched);
  json["localMergedChunksFetched"] = Metric(t, TaskMetric::kPushMergedLocalChunksFetched);
  json["remoteMergedBytesRead"] = Metric(t, TaskMetric::kPushMergedRemoteBytesRead);
  json["localMergedBytesRead"] = Metric(t, TaskMetric::kPushMergedLocalBytesRead);
  json["remoteMergedReqsDuration"] = Metric(t, TaskMetric::kPushMergedRemoteRequestsDurationMs);
  return json;
}

// v1.TaskMetrics; values as the log reported them (Spark stores an
// unsuccessful task's metrics negated but shows them restored).
RestJson TaskMetricsJson(const TaskRecord& t) {
  RestJson json = RestJson::object();
  json["executorDeserializeTime"] = Metric(t, TaskMetric::kExecutorDeserializeTimeMs);
  json["executorDeserializeCpuTime"] = Metric(t, TaskMetric::kExecutorDeserializeCpuTimeNs);
  json["executorRunTime"] = Metric(t, TaskMetric::kExecutorRunTimeMs);
  json["executorCpuTime"] = Metric(t, TaskMetric::kExecutorCpuTimeNs);
  json["resultSize"] = Metric(t, TaskMetric::kResultSizeBytes);
  json["jvmGcTime"] = Metric(t, TaskMetric::kJvmGcTimeMs);
  json["resultSerializationTime"] = Metric(t, TaskMetric::kResultSerializationTimeMs);
  json["memoryBytesSpilled"] = Metric(t, TaskMetric::kMemoryBytesSpilled);
  json["diskBytesSpilled"] = Metric(t, TaskMetric::kDiskBytesSpilled);
  json["peakExecutionMemory"] = Metric(t, TaskMetric::kPeakExecutionMemoryBytes);
  json["inputMetrics"] = RestJson{{"bytesRead", Metric(t, TaskMetric::kInputBytesRead)},
                                  {"recordsRead", Metric(t, TaskMetric::kInputRecordsRead)}};
  json["outputMetrics"] = RestJson{{"bytesWritten", Metric(t, TaskMetric::kOutputBytesWritten)},
                                   {"recordsWritten", Metric(t, TaskMetric::kOutputRecordsWritten)}};
  RestJson read = RestJson::object();
  read["remoteBlocksFetched"] = Metric(t, TaskMetric::kShuffleRemoteBlocksFetched);
  read["localBlocksFetched"] = Metric(t, TaskMetric::kShuffleLocalBlocksFetched);
  read["fetchWaitTime"] = Metric(t, TaskMetric::kShuffleFetchWaitTimeMs);
  read["remoteBytesRead"] = Metric(t, TaskMetric::kShuffleRemoteBytesRead);
  read["remoteBytesReadToDisk"] = Metric(t, TaskMetric::kShuffleRemoteBytesReadToDisk);
  read["localBytesRead"] = Metric(t, TaskMetric::kShuffleLocalBytesRead);
  read["recordsRead"] = Metric(t, TaskMetric::kShuffleRecordsRead);
  read["remoteReqsDuration"] = Metric(t, TaskMetric::kShuffleRemoteRequestsDurationMs);
  read["shufflePushReadMetrics"] = ShufflePushReadJson(t);
  json["shuffleReadMetrics"] = std::move(read);
  json["shuffleWriteMetrics"] = RestJson{{"bytesWritten", Metric(t, TaskMetric::kShuffleBytesWritten)},
                                         {"writeTime", Metric(t, TaskMetric::kShuffleWriteTimeNs)},
                                         {"recordsWritten", Metric(t, TaskMetric::kShuffleRecordsWritten)}};
  return json;
}

bool Finished(const TaskRecord& task) { return !task.running; }

}  // namespace

const char* TaskStatusName(const TaskRecord& task) {
  if (task.running) return task.getting_result_time_ms != 0 ? "GET RESULT" : "RUNNING";
  if (task.failed) return "FAILED";
  if (task.killed) return "KILLED";
  return "SUCCESS";
}

int64_t RestNowMs(const AppStatus& app) {
  return app.attempt.last_updated_ms >= 0 ? app.attempt.last_updated_ms : app.last_event_time_ms;
}

int64_t TaskGettingResultTimeMs(const TaskRecord& task, int64_t now_ms) {
  // Spark's resultFetchStart is the getting-result time when there is one;
  // with no duration to end at, Spark measures up to its clock's "now".
  int64_t fetch_start = task.getting_result_time_ms;
  if (fetch_start <= 0) return 0;
  int64_t duration = TaskDurationMs(task);
  return duration > 0 ? task.launch_time_ms + duration - fetch_start : now_ms - fetch_start;
}

int64_t TaskSchedulerDelayMs(const TaskRecord& task, int64_t now_ms) {
  int64_t delay = TaskDurationMs(task) - task.metric(TaskMetric::kExecutorRunTimeMs) -
                  task.metric(TaskMetric::kExecutorDeserializeTimeMs) -
                  task.metric(TaskMetric::kResultSerializationTimeMs) - TaskGettingResultTimeMs(task, now_ms);
  return std::max<int64_t>(0, delay);
}

int64_t TaskStoredMetric(const TaskRecord& task, TaskMetric metric) {
  if (!task.has_metrics) return -1;
  int64_t value = task.metric(metric);
  return task.successful() ? value : -value - 1;
}

std::vector<TaskRecord> StoredTasks(const StageStatusData& stage) {
  std::vector<TaskRecord> tasks;
  tasks.reserve(stage.tasks.size());
  stage.tasks.ForEach([&](const TaskRecord& task) {
    if (task.started) tasks.push_back(task);
  });
  // A task id is the store's key: a later record of the same id (none are
  // expected) replaces the earlier one.
  std::stable_sort(tasks.begin(), tasks.end(),
                   [](const TaskRecord& a, const TaskRecord& b) { return a.task_id < b.task_id; });
  std::vector<TaskRecord> unique;
  unique.reserve(tasks.size());
  for (const TaskRecord& task : tasks) {
    if (!unique.empty() && unique.back().task_id == task.task_id) {
      unique.back() = task;
    } else {
      unique.push_back(task);
    }
  }
  return unique;
}

const std::string& TaskHostName(const AppStatus& app, const TaskRecord& task) {
  static const std::string kNone;
  int32_t id = task.host_id;
  if (id < 0 && task.executor < app.executor_task_hosts.size()) id = app.executor_task_hosts[task.executor];
  if (id < 0 || static_cast<size_t>(id) >= app.task_hosts.size()) return kNone;
  return app.task_hosts[static_cast<size_t>(id)];
}

const RestJson& TaskJsonWriter::ExecutorLogs(uint32_t executor) {
  auto it = logs_.find(executor);
  if (it != logs_.end()) return it->second;
  // Spark reads the executor's summary from its store, where only executors
  // it was told about (not those known from tasks alone) are.
  RestJson logs = RestJson::object();
  if (executor < app_.executors.size() && app_.executors[executor].announced) {
    const auto& links = app_.executors[executor].logs;
    std::vector<int32_t> hashes;
    for (const auto& [name, url] : links) hashes.push_back(JavaStringHash(name));
    for (size_t i : ScalaImmutableMapOrder(hashes)) logs[links[i].first] = links[i].second;
  }
  return logs_.emplace(executor, std::move(logs)).first->second;
}

RestJson TaskJsonWriter::Json(const TaskRecord& task) {
  RestJson json = RestJson::object();
  json["taskId"] = task.task_id;
  json["index"] = task.index;
  json["attempt"] = task.attempt;
  json["partitionId"] = task.partition_id;
  json["launchTime"] = RestDateText(task.launch_time_ms);
  if (task.getting_result_time_ms > 0) json["resultFetchStart"] = RestDateText(task.getting_result_time_ms);
  int64_t duration = TaskDurationMs(task);
  if (duration > 0) json["duration"] = duration;  // Spark shows no duration of 0
  const std::string* executor_id = nullptr;
  if (task.executor < app_.executors.size()) executor_id = &app_.executors[task.executor].id;
  json["executorId"] = executor_id != nullptr ? *executor_id : std::string();
  json["host"] = TaskHostName(app_, task);
  json["status"] = TaskStatusName(task);
  json["taskLocality"] = TaskLocalityName(task.locality);
  json["speculative"] = task.speculative;
  RestJson updates = RestJson::array();
  auto accumulables = app_.task_accumulables.find(task.task_id);
  if (accumulables != app_.task_accumulables.end() && !task.running) {
    for (const AccumulableEvent& acc : accumulables->second) {
      RestJson entry = RestJson::object();
      entry["id"] = acc.id;
      if (acc.name) entry["name"] = *acc.name;
      if (acc.update) entry["update"] = *acc.update;
      if (acc.value) entry["value"] = *acc.value;
      updates.push_back(std::move(entry));
    }
  }
  json["accumulatorUpdates"] = std::move(updates);
  if (task.message_id >= 0 && static_cast<size_t>(task.message_id) < app_.task_messages.size()) {
    json["errorMessage"] = app_.task_messages[static_cast<size_t>(task.message_id)];
  }
  if (task.has_metrics) json["taskMetrics"] = TaskMetricsJson(task);
  json["executorLogs"] = ExecutorLogs(task.executor);
  // TaskData's own rule: a delay only for a finished task with metrics and
  // a duration.
  bool delay_known = Finished(task) && task.has_metrics && duration > 0;
  json["schedulerDelay"] = delay_known ? TaskSchedulerDelayMs(task, now_ms_) : 0;
  json["gettingResultTime"] = TaskGettingResultTimeMs(task, now_ms_);
  return json;
}

}  // namespace sparkdx
