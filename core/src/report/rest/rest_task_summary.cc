#include "report/rest/rest_task_summary.h"

#include <algorithm>
#include <cmath>
#include <limits>

#include "report/rest/rest_task_json.h"

namespace sparkdx {
namespace {

// How a distribution reads its index of Spark's TaskDataWrapper.
enum class Column : uint8_t {
  kMetric,              // a task metric (negated for unsuccessful tasks)
  kDuration,            // "dur": every task
  kGettingResultTime,   // "grt": every task with metrics
  kSchedulerDelay,      // "dly": every task with metrics
  kShuffleTotalReads,   // "stby": every task with metrics, read negated
  kShuffleTotalBlocks,  // "stbl": likewise
};

struct Distribution {
  const char* group;  // nullptr: top level; else the nested object's key
  const char* name;
  Column column;
  TaskMetric metric;
};

// v1.TaskMetricDistributions, in Spark's field order ("shufflePushReadMetricsDist"
// nests inside "shuffleReadMetrics").
constexpr const char* kPush = "shufflePushReadMetricsDist";
const Distribution kDistributions[] = {
    {nullptr, "duration", Column::kDuration, TaskMetric::kCount},
    {nullptr, "executorDeserializeTime", Column::kMetric, TaskMetric::kExecutorDeserializeTimeMs},
    {nullptr, "executorDeserializeCpuTime", Column::kMetric, TaskMetric::kExecutorDeserializeCpuTimeNs},
    {nullptr, "executorRunTime", Column::kMetric, TaskMetric::kExecutorRunTimeMs},
    {nullptr, "executorCpuTime", Column::kMetric, TaskMetric::kExecutorCpuTimeNs},
    {nullptr, "resultSize", Column::kMetric, TaskMetric::kResultSizeBytes},
    {nullptr, "jvmGcTime", Column::kMetric, TaskMetric::kJvmGcTimeMs},
    {nullptr, "resultSerializationTime", Column::kMetric, TaskMetric::kResultSerializationTimeMs},
    {nullptr, "gettingResultTime", Column::kGettingResultTime, TaskMetric::kCount},
    {nullptr, "schedulerDelay", Column::kSchedulerDelay, TaskMetric::kCount},
    {nullptr, "peakExecutionMemory", Column::kMetric, TaskMetric::kPeakExecutionMemoryBytes},
    {nullptr, "memoryBytesSpilled", Column::kMetric, TaskMetric::kMemoryBytesSpilled},
    {nullptr, "diskBytesSpilled", Column::kMetric, TaskMetric::kDiskBytesSpilled},
    {"inputMetrics", "bytesRead", Column::kMetric, TaskMetric::kInputBytesRead},
    {"inputMetrics", "recordsRead", Column::kMetric, TaskMetric::kInputRecordsRead},
    {"outputMetrics", "bytesWritten", Column::kMetric, TaskMetric::kOutputBytesWritten},
    {"outputMetrics", "recordsWritten", Column::kMetric, TaskMetric::kOutputRecordsWritten},
    {"shuffleReadMetrics", "readBytes", Column::kShuffleTotalReads, TaskMetric::kCount},
    {"shuffleReadMetrics", "readRecords", Column::kMetric, TaskMetric::kShuffleRecordsRead},
    {"shuffleReadMetrics", "remoteBlocksFetched", Column::kMetric, TaskMetric::kShuffleRemoteBlocksFetched},
    {"shuffleReadMetrics", "localBlocksFetched", Column::kMetric, TaskMetric::kShuffleLocalBlocksFetched},
    {"shuffleReadMetrics", "fetchWaitTime", Column::kMetric, TaskMetric::kShuffleFetchWaitTimeMs},
    {"shuffleReadMetrics", "remoteBytesRead", Column::kMetric, TaskMetric::kShuffleRemoteBytesRead},
    {"shuffleReadMetrics", "remoteBytesReadToDisk", Column::kMetric, TaskMetric::kShuffleRemoteBytesReadToDisk},
    {"shuffleReadMetrics", "totalBlocksFetched", Column::kShuffleTotalBlocks, TaskMetric::kCount},
    {"shuffleReadMetrics", "remoteReqsDuration", Column::kMetric, TaskMetric::kShuffleRemoteRequestsDurationMs},
    {kPush, "corruptMergedBlockChunks", Column::kMetric, TaskMetric::kPushCorruptMergedBlockChunks},
    {kPush, "mergedFetchFallbackCount", Column::kMetric, TaskMetric::kPushMergedFetchFallbackCount},
    {kPush, "remoteMergedBlocksFetched", Column::kMetric, TaskMetric::kPushMergedRemoteBlocksFetched},
    {kPush, "localMergedBlocksFetched", Column::kMetric, TaskMetric::kPushMergedLocalBlocksFetched},
    {kPush, "remoteMergedChunksFetched", Column::kMetric, TaskMetric::kPushMergedRemoteChunksFetched},
    {kPush, "localMergedChunksFetched", Column::kMetric, TaskMetric::kPushMergedLocalChunksFetched},
    {kPush, "remoteMergedBytesRead", Column::kMetric, TaskMetric::kPushMergedRemoteBytesRead},
    {kPush, "localMergedBytesRead", Column::kMetric, TaskMetric::kPushMergedLocalBytesRead},
    {kPush, "remoteMergedReqsDuration", Column::kMetric, TaskMetric::kPushMergedRemoteRequestsDurationMs},
    {"shuffleWriteMetrics", "writeBytes", Column::kMetric, TaskMetric::kShuffleBytesWritten},
    {"shuffleWriteMetrics", "writeRecords", Column::kMetric, TaskMetric::kShuffleRecordsWritten},
    {"shuffleWriteMetrics", "writeTime", Column::kMetric, TaskMetric::kShuffleWriteTimeNs},
};

int64_t Stored(const TaskRecord& task, TaskMetric metric) { return TaskStoredMetric(task, metric); }

struct IndexEntry {
  int64_t index_value;
  int64_t task_id;
  int64_t value;  // what Spark reads from the task found at that position
};

// The task's entry in the distribution's index (index_value < 0: not listed
// from 0 up).
IndexEntry Entry(const TaskRecord& task, const Distribution& d, int64_t now_ms) {
  IndexEntry entry{-1, task.task_id, -1};
  switch (d.column) {
    case Column::kMetric: entry.index_value = entry.value = Stored(task, d.metric); break;
    case Column::kDuration: entry.index_value = entry.value = TaskDurationMs(task); break;
    case Column::kGettingResultTime:
      if (task.has_metrics) entry.index_value = entry.value = TaskGettingResultTimeMs(task, now_ms);
      break;
    case Column::kSchedulerDelay:
      if (task.has_metrics) entry.index_value = entry.value = TaskSchedulerDelayMs(task, now_ms);
      break;
    case Column::kShuffleTotalReads:
    case Column::kShuffleTotalBlocks: {
      TaskMetric local = d.column == Column::kShuffleTotalReads ? TaskMetric::kShuffleLocalBytesRead
                                                                : TaskMetric::kShuffleLocalBlocksFetched;
      TaskMetric remote = d.column == Column::kShuffleTotalReads ? TaskMetric::kShuffleRemoteBytesRead
                                                                 : TaskMetric::kShuffleRemoteBlocksFetched;
      if (task.has_metrics) {
        // Indexed by the restored values, but read from the stored ones:
        // an unsuccessful task found there reads negative (Spark's quirk).
        entry.index_value = task.metric(local) + task.metric(remote);
        entry.value = Stored(task, local) + Stored(task, remote);
      }
      break;
    }
  }
  return entry;
}

// Java's (long) cast of a double.
int64_t JavaLong(double value) {
  if (std::isnan(value)) return 0;
  if (value >= 9.2233720368547758e18) return std::numeric_limits<int64_t>::max();
  if (value <= -9.2233720368547758e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(value);
}

std::vector<int64_t> Positions(const std::vector<double>& quantiles, int64_t count) {
  std::vector<int64_t> positions;
  for (double q : quantiles) positions.push_back(std::min(JavaLong(q * static_cast<double>(count)), count - 1));
  return positions;
}

// Spark's scanTasks: walks the index once, skipping to each position; a
// repeated position repeats the last value read, one past the end reads NaN.
std::vector<double> Scan(const std::vector<IndexEntry>& index, const std::vector<int64_t>& positions) {
  std::vector<double> values;
  const int64_t size = static_cast<int64_t>(index.size());
  int64_t next = 0;      // the iterator's position
  int64_t current = -1;  // the last position asked for
  double last = std::nan("");
  for (int64_t position : positions) {
    if (position == current) {
      values.push_back(last);
      continue;
    }
    int64_t skip = position - current - 1;
    current = position;
    if (skip > 0) next = skip >= size - next ? size : next + skip;
    if (next < size) {
      last = static_cast<double>(index[static_cast<size_t>(next)].value);
      ++next;
      values.push_back(last);
    } else {
      values.push_back(std::nan(""));
    }
  }
  return values;
}

// Jackson quotes non-numeric doubles by default (QUOTE_NON_NUMERIC_NUMBERS):
// a NaN reads "NaN".
RestJson Doubles(const std::vector<double>& values) {
  RestJson array = RestJson::array();
  for (double v : values) {
    if (std::isnan(v)) {
      array.push_back("NaN");
    } else {
      array.push_back(v);
    }
  }
  return array;
}

// AppStatusUtils.getQuantilesValue over already sorted values.
bool QuantileValues(const std::vector<double>& sorted, const std::vector<double>& quantiles, RestJson* out,
                    std::string* error) {
  std::vector<double> values;
  const int64_t count = static_cast<int64_t>(sorted.size());
  for (double q : quantiles) {
    if (count == 0) {
      values.push_back(0.0);
      continue;
    }
    int64_t position = std::min(JavaLong(q * static_cast<double>(count)), count - 1);
    if (position < 0) {
      *error = "quantile " + std::to_string(q) + " gives no position among " + std::to_string(count) +
               " executors (Spark fails on it too)";
      return false;
    }
    values.push_back(sorted[static_cast<size_t>(position)]);
  }
  *out = Doubles(values);
  return true;
}

}  // namespace

std::optional<RestJson> TaskMetricDistributionsJson(const std::vector<TaskRecord>& tasks,
                                                    const std::vector<double>& quantiles, int64_t now_ms) {
  int64_t count = 0;
  for (const TaskRecord& task : tasks) count += Stored(task, TaskMetric::kExecutorRunTimeMs) >= 0 ? 1 : 0;
  if (count <= 0) return std::nullopt;
  std::vector<int64_t> positions = Positions(quantiles, count);

  RestJson json = RestJson::object();
  json["quantiles"] = Doubles(quantiles);
  std::vector<IndexEntry> index;
  index.reserve(tasks.size());
  for (const Distribution& d : kDistributions) {
    index.clear();
    for (const TaskRecord& task : tasks) {
      IndexEntry entry = Entry(task, d, now_ms);
      if (entry.index_value >= 0) index.push_back(entry);
    }
    // An index orders by value, then by task id (the store's key).
    std::sort(index.begin(), index.end(), [](const IndexEntry& a, const IndexEntry& b) {
      return a.index_value != b.index_value ? a.index_value < b.index_value : a.task_id < b.task_id;
    });
    RestJson values = Doubles(Scan(index, positions));
    if (d.group == nullptr) {
      json[d.name] = std::move(values);
    } else if (d.group == kPush) {
      json["shuffleReadMetrics"][kPush][d.name] = std::move(values);
    } else {
      json[d.group][d.name] = std::move(values);
    }
  }
  return json;
}

bool ExecutorMetricsDistributionsJson(const StageStatusData& stage, const std::vector<double>& quantiles,
                                      std::optional<RestJson>* out, std::string* error) {
  out->reset();
  if (stage.executor_summaries.empty()) return true;
  using Getter = int64_t (*)(const ExecutorStageSummaryData&);
  struct Field {
    const char* name;
    Getter get;
  };
  static const Field kFields[] = {
      {"taskTime", [](const ExecutorStageSummaryData& s) { return s.task_time_ms; }},
      {"failedTasks", [](const ExecutorStageSummaryData& s) { return int64_t{s.failed_tasks}; }},
      {"succeededTasks", [](const ExecutorStageSummaryData& s) { return int64_t{s.succeeded_tasks}; }},
      {"killedTasks", [](const ExecutorStageSummaryData& s) { return int64_t{s.killed_tasks}; }},
      {"inputBytes", [](const ExecutorStageSummaryData& s) { return s.metrics[TaskMetric::kInputBytesRead]; }},
      {"inputRecords", [](const ExecutorStageSummaryData& s) { return s.metrics[TaskMetric::kInputRecordsRead]; }},
      {"outputBytes", [](const ExecutorStageSummaryData& s) { return s.metrics[TaskMetric::kOutputBytesWritten]; }},
      {"outputRecords",
       [](const ExecutorStageSummaryData& s) { return s.metrics[TaskMetric::kOutputRecordsWritten]; }},
      {"shuffleRead",
       [](const ExecutorStageSummaryData& s) {
         return s.metrics[TaskMetric::kShuffleRemoteBytesRead] + s.metrics[TaskMetric::kShuffleLocalBytesRead];
       }},
      {"shuffleReadRecords",
       [](const ExecutorStageSummaryData& s) { return s.metrics[TaskMetric::kShuffleRecordsRead]; }},
      {"shuffleWrite", [](const ExecutorStageSummaryData& s) { return s.metrics[TaskMetric::kShuffleBytesWritten]; }},
      {"shuffleWriteRecords",
       [](const ExecutorStageSummaryData& s) { return s.metrics[TaskMetric::kShuffleRecordsWritten]; }},
      {"memoryBytesSpilled",
       [](const ExecutorStageSummaryData& s) { return s.metrics[TaskMetric::kMemoryBytesSpilled]; }},
      {"diskBytesSpilled", [](const ExecutorStageSummaryData& s) { return s.metrics[TaskMetric::kDiskBytesSpilled]; }},
  };
  RestJson json = RestJson::object();
  json["quantiles"] = Doubles(quantiles);
  for (const Field& field : kFields) {
    std::vector<double> values;
    for (const auto& [executor, summary] : stage.executor_summaries) values.push_back(static_cast<double>(field.get(summary)));
    std::sort(values.begin(), values.end());
    if (!QuantileValues(values, quantiles, &json[field.name], error)) return false;
  }
  // Peaks: over the executors whose peaks were recorded.
  RestJson peaks = RestJson::object();
  for (int m = 0; m < kExecutorMetricCount; ++m) {
    std::vector<double> values;
    for (const auto& [executor, summary] : stage.executor_summaries) {
      if (summary.peak.IsSet()) values.push_back(static_cast<double>(summary.peak.values[m]));
    }
    std::sort(values.begin(), values.end());
    if (!QuantileValues(values, quantiles, &peaks[std::string(ExecutorMetricName(m))], error)) return false;
  }
  json["peakMemoryMetrics"] = std::move(peaks);
  *out = std::move(json);
  return true;
}

}  // namespace sparkdx
