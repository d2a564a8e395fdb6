// executors, allexecutors: Spark's ExecutorSummary for the driver and the
// executors; allmiscellaneousprocess: its ProcessSummary.
//
// The History Server lists what its store holds: every executor announced
// by ExecutorAdded or BlockManagerAdded (removed ones keep their state at
// removal), sorted by id as Java compares strings; "executors" keeps the
// active ones in descending id order (the store's "active" index read
// backwards), "allexecutors" takes all in ascending order. Entries exist
// only as Spark would store them: executors seen only in tasks are not
// listed, and past 100 removed executors Spark drops the lowest ids.
#include <algorithm>
#include <optional>

#include "report/rest/jackson_writer.h"
#include "report/rest/rest_endpoints.h"
#include "report/rest/rest_map_order.h"

namespace sparkdx {
namespace {

constexpr std::string_view kDriverId = "driver";
// The block manager of Spark's fallback storage, never listed.
constexpr std::string_view kFallbackId = "fallback";

// A Scala Map read from the log (a repeated key keeps its last value), its
// keys in the order Spark iterates them.
template <typename Value, typename ToJson>
RestJson ScalaMapJson(const std::vector<std::pair<std::string, Value>>& pairs, ToJson to_json) {
  std::vector<const std::string*> keys;
  std::vector<const Value*> values;
  for (const auto& pair : pairs) {
    auto known = std::find_if(keys.begin(), keys.end(), [&](const std::string* k) { return *k == pair.first; });
    if (known != keys.end()) {
      values[static_cast<size_t>(known - keys.begin())] = &pair.second;
    } else {
      keys.push_back(&pair.first);
      values.push_back(&pair.second);
    }
  }
  std::vector<int32_t> hashes;
  for (const std::string* key : keys) hashes.push_back(JavaStringHash(*key));
  RestJson json = RestJson::object();
  for (size_t i : ScalaImmutableMapOrder(hashes)) json[*keys[i]] = to_json(*values[i]);
  return json;
}

RestJson StringMapJson(const std::vector<std::pair<std::string, std::string>>& pairs) {
  return ScalaMapJson(pairs, [](const std::string& value) { return RestJson(value); });
}

RestJson PeakMetricsJson(const ExecutorMetrics& metrics) {
  RestJson json = RestJson::object();
  for (int i = 0; i < kExecutorMetricCount; ++i) json[std::string(ExecutorMetricName(i))] = metrics.values[i];
  return json;
}

// The application's run time so far, which the History Server shows as the
// driver's total duration (AppStatusStore.replaceExec): start to end, or
// to "now" for an unfinished application, for which sparkdx takes the
// log's last update. Unknown without an ApplicationStart.
std::optional<int64_t> ApplicationTimeMs(const AppStatus& status) {
  const AttemptStatus& attempt = status.attempt;
  if (!status.application_start_seen) return std::nullopt;
  if (attempt.completed) {
    if (attempt.end_time_ms == 0) return std::nullopt;
    return attempt.end_time_ms - attempt.start_time_ms;
  }
  int64_t now = attempt.last_updated_ms >= 0 ? attempt.last_updated_ms : status.last_event_time_ms;
  return now - attempt.start_time_ms;
}

RestJson ExecutorJson(const ExecutorStatusData& exec, const AppStatus& status) {
  bool has_peaks = exec.peak.IsSet();
  const ExecutorMetrics& peaks = exec.peak;
  int64_t total_duration_ms = exec.total_duration_ms;
  int64_t total_gc_time_ms = exec.total_gc_time_ms;
  if (exec.id == kDriverId) {
    // For the driver the History Server shows the application's run time
    // and, once it has peaks, its JVM's GC time, not its tasks'.
    if (auto app_time = ApplicationTimeMs(status)) total_duration_ms = *app_time;
    if (has_peaks) total_gc_time_ms = peaks[ExecutorMetric::kTotalGcTime];
  }
  RestJson json = RestJson::object();
  json["id"] = exec.id;
  const std::string& host_port = exec.host_port.empty() ? exec.host : exec.host_port;
  json["hostPort"] = host_port;
  json["isActive"] = exec.active;
  json["rddBlocks"] = exec.rdd_blocks;
  json["memoryUsed"] = exec.memory_used;
  json["diskUsed"] = exec.disk_used;
  json["totalCores"] = exec.total_cores;
  json["maxTasks"] = exec.max_tasks;
  json["activeTasks"] = exec.active_tasks;
  json["failedTasks"] = exec.failed_tasks;
  json["completedTasks"] = exec.completed_tasks;
  json["totalTasks"] = exec.total_tasks;
  json["totalDuration"] = total_duration_ms;
  json["totalGCTime"] = total_gc_time_ms;
  json["totalInputBytes"] = exec.total_input_bytes;
  json["totalShuffleRead"] = exec.total_shuffle_read;
  json["totalShuffleWrite"] = exec.total_shuffle_write;
  json["isBlacklisted"] = exec.excluded;
  json["maxMemory"] = exec.max_memory;
  json["addTime"] = RestDateText(exec.add_time_ms);
  if (!exec.in_live_map) json["removeTime"] = RestDateText(exec.remove_time_ms);
  if (exec.remove_reason) json["removeReason"] = *exec.remove_reason;
  json["executorLogs"] = StringMapJson(exec.logs);
  if (exec.HasMemoryInfo()) {
    json["memoryMetrics"] = RestJson{{"usedOnHeapStorageMemory", exec.used_on_heap},
                                     {"usedOffHeapStorageMemory", exec.used_off_heap},
                                     {"totalOnHeapStorageMemory", exec.total_on_heap},
                                     {"totalOffHeapStorageMemory", exec.total_off_heap}};
  }
  RestJson stages = RestJson::array();
  for (int32_t stage_id : exec.excluded_in_stages) stages.push_back(stage_id);
  json["blacklistedInStages"] = stages;
  if (has_peaks) json["peakMemoryMetrics"] = PeakMetricsJson(peaks);
  json["attributes"] = StringMapJson(exec.attributes);
  json["resources"] = ScalaMapJson(exec.resources, [](const ResourceInfo& resource) {
    return RestJson{{"name", resource.name}, {"addresses", resource.addresses}};
  });
  json["resourceProfileId"] = exec.resource_profile_id;
  json["isExcluded"] = exec.excluded;
  json["excludedInStages"] = std::move(stages);
  return json;
}

// The removed executors Spark's store still holds once the log ends. Its
// final flush writes the live executors not yet stored, one by one, and
// each write may drop the lowest removed ids again.
std::vector<const ExecutorStatusData*> RetainedDeadExecutors(const AppStatus& status) {
  std::vector<const ExecutorStatusData*> dead;
  int64_t live = 0, written = 0;
  for (const ExecutorStatusData& exec : status.executors) {
    if (!exec.announced) continue;
    if (exec.in_live_map) {
      ++live;
      written += exec.WrittenToSparkStore() ? 1 : 0;
    } else if (exec.in_spark_store) {
      dead.push_back(&exec);
    }
  }
  std::sort(dead.begin(), dead.end(),
            [](const ExecutorStatusData* a, const ExecutorStatusData* b) { return a->id < b->id; });
  size_t dropped = 0;
  int64_t stored = static_cast<int64_t>(dead.size()) + written;
  for (int64_t write = written; write < live; ++write) {
    ++stored;
    int64_t dead_count = stored - live;
    if (stored <= kSparkRetainedDeadExecutors || dead_count <= kSparkRetainedDeadExecutors) continue;
    int64_t to_drop = std::max(kSparkRetainedDeadExecutors / 10, dead_count - kSparkRetainedDeadExecutors);
    for (; to_drop > 0 && dropped < dead.size(); --to_drop, ++dropped) --stored;
  }
  dead.erase(dead.begin(), dead.begin() + static_cast<std::ptrdiff_t>(dropped));
  return dead;
}

RestJson ExecutorList(const AppStatus& status, bool active_only) {
  std::vector<const ExecutorStatusData*> listed;
  for (const ExecutorStatusData& exec : status.executors) {
    if (exec.announced && exec.in_live_map) listed.push_back(&exec);
  }
  if (!active_only) {
    for (const ExecutorStatusData* exec : RetainedDeadExecutors(status)) listed.push_back(exec);
  }
  listed.erase(std::remove_if(listed.begin(), listed.end(),
                              [](const ExecutorStatusData* exec) { return exec->id == kFallbackId; }),
               listed.end());
  // UTF-8 byte order: Java's String order unless ids mix characters of
  // U+E000..U+FFFF with ones beyond U+FFFF.
  std::sort(listed.begin(), listed.end(), [&](const ExecutorStatusData* a, const ExecutorStatusData* b) {
    return active_only ? a->id > b->id : a->id < b->id;
  });
  RestJson list = RestJson::array();
  for (const ExecutorStatusData* exec : listed) list.push_back(ExecutorJson(*exec, status));
  return list;
}

RestJson ProcessJson(const MiscProcessData& process) {
  RestJson json = RestJson::object();
  json["id"] = process.id;
  json["hostPort"] = process.host_port;
  json["isActive"] = process.active;
  json["totalCores"] = process.total_cores;
  json["addTime"] = RestDateText(process.add_time_ms);
  if (process.remove_time_ms != -1) json["removeTime"] = RestDateText(process.remove_time_ms);
  json["processLogs"] = StringMapJson(process.log_urls);
  return json;
}

}  // namespace

RestResponse ActiveExecutors(const RestCall& call) { return RestOk(ExecutorList(*call.attempt, true)); }

RestResponse AllExecutors(const RestCall& call) { return RestOk(ExecutorList(*call.attempt, false)); }

RestResponse MiscellaneousProcesses(const RestCall& call) {
  std::vector<const MiscProcessData*> listed;
  for (const MiscProcessData& process : call.attempt->misc_processes) listed.push_back(&process);
  std::sort(listed.begin(), listed.end(),
            [](const MiscProcessData* a, const MiscProcessData* b) { return a->id < b->id; });
  RestJson list = RestJson::array();
  for (const MiscProcessData* process : listed) list.push_back(ProcessJson(*process));
  return RestOk(list);
}

}  // namespace sparkdx
