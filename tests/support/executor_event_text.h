// Event-log lines about executors, storage, the environment and resource
// profiles, shaped like Spark 3.x/4.x writes them, for the executors,
// storage and environment REST tests. Each function returns one JSON line
// without its newline; fragments named `*_json` are inserted verbatim.
#ifndef SPARKDX_TESTS_SUPPORT_EXECUTOR_EVENT_TEXT_H_
#define SPARKDX_TESTS_SUPPORT_EXECUTOR_EVENT_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>

namespace sparkdx::testing {

// ApplicationStart with "Driver Logs" and "Driver Attributes" objects.
std::string ApplicationStartWithDriverLine(const std::string& app_id, int64_t time_ms, const std::string& logs_json,
                                           const std::string& attributes_json);

// BlockManagerAdded; the on/off-heap maxima only when `on_heap` is given.
std::string BlockManagerAddedLine(const std::string& executor_id, const std::string& host, int port,
                                  int64_t max_memory, int64_t time_ms, std::optional<int64_t> on_heap = std::nullopt,
                                  int64_t off_heap = 0);

// ExecutorAdded with every "Executor Info" field.
std::string ExecutorAddedFullLine(const std::string& executor_id, const std::string& host, int cores, int64_t time_ms,
                                  int resource_profile_id, const std::string& log_urls_json = "{}",
                                  const std::string& attributes_json = "{}", const std::string& resources_json = "{}");

std::string ExecutorRemovedLine(const std::string& executor_id, int64_t time_ms, const std::string& reason);

// One of the exclusion events, e.g. "SparkListenerExecutorExcluded" or
// "SparkListenerNodeBlacklistedForStage", with its Jackson-named fields.
std::string ExclusionLine(const std::string& event_class, const std::string& fields_json);

std::string StageExecutorMetricsLine(const std::string& executor_id, int stage_id, int attempt,
                                     const std::string& metrics_json);

// StageSubmitted whose stage reads one RDD with the given storage level.
std::string StageSubmittedWithRddLine(int stage_id, int tasks, int64_t time_ms, int rdd_id, const std::string& rdd_name,
                                      int partitions, const std::string& storage_level_json);

// A "Storage Level" object.
std::string StorageLevelJson(bool use_disk, bool use_memory, bool deserialized, int replication,
                             bool use_off_heap = false);

std::string BlockUpdatedLine(const std::string& executor_id, const std::string& host, int port,
                             const std::string& block_id, const std::string& storage_level_json, int64_t memory_size,
                             int64_t disk_size);

std::string UnpersistRddLine(int rdd_id);

std::string EnvironmentUpdateLine(const std::string& jvm_json, const std::string& spark_json,
                                  const std::string& hadoop_json, const std::string& system_json,
                                  const std::string& metrics_json, const std::string& classpath_json);

// ResourceProfileAdded asking `cores` cores and `memory_mb` memory per
// executor and `cpus` CPUs per task, plus `extra_executor_json` /
// `extra_task_json` requests (comma-led fragments, or empty).
std::string ResourceProfileAddedLine(int id, int cores, int64_t memory_mb, double cpus,
                                     const std::string& extra_executor_json = "",
                                     const std::string& extra_task_json = "");

std::string MiscProcessAddedLine(const std::string& process_id, const std::string& host_port, int cores,
                                 int64_t time_ms, const std::string& log_urls_json);

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_EXECUTOR_EVENT_TEXT_H_
