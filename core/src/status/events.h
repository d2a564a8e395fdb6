// Typed forms of the Spark listener events the status model consumes, with
// every field the History Server's REST API or diagnosis needs. Handlers in
// eventlog/events/ fill them from JSON (Spark's JsonProtocol names, Spark 1.x
// variants included) and hand them to the StatusListener.
//
// Conventions: -1 (or an empty optional) for "absent"; string_views point
// into the line being parsed and are valid only during the listener call;
// std::string fields are copies the listener may keep.
#ifndef SPARKDX_STATUS_EVENTS_H_
#define SPARKDX_STATUS_EVENTS_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "model/task_record.h"
#include "status/executor_metrics.h"

namespace sparkdx {

// "Storage Level": Spark's StorageLevel.
struct StorageLevelInfo {
  bool use_disk = false;
  bool use_memory = false;
  bool use_off_heap = false;
  bool deserialized = false;
  int32_t replication = 1;
  bool IsValid() const { return (use_memory || use_disk) && replication > 0; }
  // Spark's StorageLevel.description, e.g. "Memory Deserialized 1x Replicated".
  std::string Description() const;
};

struct AccumulableEvent {
  int64_t id = -1;
  std::optional<std::string> name;
  std::optional<std::string> update;  // as text, the way the REST API shows it
  std::optional<std::string> value;
  bool internal = false;
  bool count_failed_values = false;
  std::optional<std::string> metadata;  // "sql" for SQL metrics
};

struct RddInfoEvent {
  int32_t id = -1;
  std::string name;
  std::string scope;     // "Scope" JSON text, or ""
  std::string callsite;
  std::vector<int32_t> parent_ids;
  StorageLevelInfo storage_level;
  bool barrier = false;
  int32_t num_partitions = 0;
  int32_t num_cached_partitions = 0;
  int64_t memory_size = 0;
  int64_t disk_size = 0;
};

struct StageInfoEvent {
  int32_t stage_id = -1;
  int32_t attempt_id = 0;
  std::string name;
  int32_t num_tasks = 0;
  std::vector<RddInfoEvent> rdd_infos;
  std::vector<int32_t> parent_ids;
  std::string details;
  int64_t submission_time_ms = -1;
  int64_t completion_time_ms = -1;
  std::optional<std::string> failure_reason;
  std::vector<AccumulableEvent> accumulables;
  int32_t resource_profile_id = 0;
  bool shuffle_push_enabled = false;
  int32_t shuffle_push_mergers_count = 0;
};

// The job and stage "Properties" sparkdx reads (the rest can be hundreds of
// Databricks keys and is skipped).
struct JobPropertiesEvent {
  std::optional<std::string> description;   // spark.job.description
  std::optional<std::string> job_group;     // spark.jobGroup.id
  std::optional<int64_t> sql_execution_id;  // spark.sql.execution.id
  std::optional<std::string> scheduler_pool;  // spark.scheduler.pool
  std::vector<std::string> job_tags;        // spark.job.tags (comma-separated)
  std::optional<std::string> call_site_short;  // callSite.short
};

struct JobStartEvent {
  int32_t job_id = -1;
  int64_t submission_time_ms = -1;
  std::vector<StageInfoEvent> stage_infos;
  std::vector<int32_t> stage_ids;
  JobPropertiesEvent properties;
};

struct JobEndEvent {
  int32_t job_id = -1;
  int64_t completion_time_ms = -1;
  bool succeeded = false;
  std::string exception;  // JobFailed's exception message, if any
};

struct StageSubmittedEvent {
  StageInfoEvent stage;
  JobPropertiesEvent properties;
};

// "Task End Reason" with what Spark's toErrorString needs. Defaults are what
// Spark's JsonProtocol reads when an older log lacks the field.
struct TaskEndReasonEvent {
  // FetchFailed's "Map Index" before Spark 3.0 (Int.MinValue; shown "Unknown").
  static constexpr int64_t kUnknownMapIndex = INT32_MIN;

  TaskEndReason reason = TaskEndReason::kSuccess;
  std::string class_name;        // ExceptionFailure
  std::string description;
  std::string full_stack_trace;
  std::vector<std::string> stack_trace;  // "\tat Class.method(File:line)" frames, rendered
  std::string kill_reason = "unknown reason";  // TaskKilled (before Spark 2.2: none)
  std::string block_manager;     // FetchFailed: "BlockManagerId(exec, host, port, None)"
  int64_t shuffle_id = -1, map_id = -1, map_index = kUnknownMapIndex, reduce_id = -1;
  std::string message = "Unknown reason";  // FetchFailed
  std::string lost_executor_id = "Unknown";  // ExecutorLostFailure
  bool exit_caused_by_app = true;
  std::string loss_reason;
  int64_t commit_job_id = -1, commit_partition_id = -1, commit_attempt_number = -1;  // TaskCommitDenied
};

// A task accumulator update that matters beyond the task metrics: SQL metric
// values (aggregated per plan node) and user accumulators (shown per task).
// The views point into the event being read: valid during the listener call.
struct TaskAccumulableEvent {
  int64_t id = -1;
  int64_t update = 0;  // numeric update (SQL metrics are numbers)
  bool sql = false;
  bool has_update = false;
  bool has_value = false;
  std::string_view name, update_text, value_text;  // user accumulators only
};

struct TaskEvent {
  int32_t stage_id = -1;
  int32_t stage_attempt_id = 0;
  std::string_view executor_id;
  std::string_view host;
  TaskRecord record;                 // times, ids, flags, metrics
  bool finished = false;             // TaskEnd (vs TaskStart / GettingResult)
  TaskEndReasonEvent end_reason;     // TaskEnd only
  bool has_executor_metrics = false;
  // "Task Executor Metrics" (Spark 3.0+). Absent, Spark reads zeros, which
  // still count as a recorded peak (a stage's peakExecutorMetrics shows).
  ExecutorMetrics executor_metrics = ExecutorMetrics::Zeros();
  std::vector<TaskAccumulableEvent> accumulables;

  // Back to a fresh event, keeping allocated capacity (one TaskEvent is
  // reused for every task event of a log).
  void Reset();
};

// Spark's ResourceInformation, e.g. a GPU and its addresses.
struct ResourceInfo {
  std::string name;
  std::vector<std::string> addresses;
};

struct ExecutorAddedEvent {
  int64_t time_ms = -1;
  std::string executor_id;
  std::string host;
  int32_t total_cores = 0;
  std::vector<std::pair<std::string, std::string>> log_urls;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<std::pair<std::string, ResourceInfo>> resources;  // keyed as in the log
  int32_t resource_profile_id = 0;
  int64_t registration_time_ms = -1;
};

struct ExecutorRemovedEvent {
  int64_t time_ms = -1;
  std::string executor_id;
  std::string reason;
};

struct BlockManagerEvent {
  int64_t time_ms = -1;
  std::string executor_id;
  std::string host;
  int32_t port = 0;
  int64_t max_memory = 0;
  std::optional<int64_t> max_on_heap_memory;
  std::optional<int64_t> max_off_heap_memory;
};

struct BlockUpdatedEvent {
  std::string executor_id;
  std::string host;
  int32_t port = 0;
  std::string block_id;  // "rdd_<rdd>_<partition>", "broadcast_...", "input-..."
  StorageLevelInfo storage_level;
  int64_t memory_size = 0;
  int64_t disk_size = 0;
};

struct StageExecutorMetricsEvent {
  std::string executor_id;
  int32_t stage_id = -1;
  int32_t stage_attempt_id = 0;
  ExecutorMetrics metrics = ExecutorMetrics::Zeros();  // absent: zeros, as Spark reads it
};

// Executor/node exclusion (and the older "blacklist" names).
struct ExclusionEvent {
  enum class Target : uint8_t { kExecutor, kNode };
  Target target = Target::kExecutor;
  bool excluded = true;      // false: un-excluded
  bool for_stage = false;
  int64_t time_ms = -1;
  std::string executor_id;   // kExecutor
  std::string host;          // kNode
  int32_t stage_id = -1;
  int32_t stage_attempt_id = 0;
};

struct EnvironmentUpdateEvent {
  std::vector<std::pair<std::string, std::string>> jvm_information;
  std::vector<std::pair<std::string, std::string>> spark_properties;
  std::vector<std::pair<std::string, std::string>> hadoop_properties;
  std::vector<std::pair<std::string, std::string>> system_properties;
  std::vector<std::pair<std::string, std::string>> metrics_properties;
  std::vector<std::pair<std::string, std::string>> classpath_entries;
};

struct ExecutorResourceRequest {
  std::string resource_name;
  int64_t amount = 0;
  std::string discovery_script;
  std::string vendor;
};
struct TaskResourceRequest {
  std::string resource_name;
  double amount = 0;
};
struct ResourceProfileEvent {
  int32_t id = 0;
  std::vector<std::pair<std::string, ExecutorResourceRequest>> executor_resources;
  std::vector<std::pair<std::string, TaskResourceRequest>> task_resources;
};

struct MiscProcessEvent {
  int64_t time_ms = -1;
  std::string process_id;
  std::string host_port;
  int32_t cores = 0;
  std::vector<std::pair<std::string, std::string>> log_urls;
};

// One node of a SQL plan ("sparkPlanInfo"), flattened by the handler.
struct SqlPlanMetricEvent {
  std::string name;
  int64_t accumulator_id = -1;
  std::string metric_type;  // "sum", "size", "timing", "nsTiming", "average"
};
struct SqlPlanNodeEvent {
  std::string node_name;
  std::string simple_string;
  std::vector<SqlPlanMetricEvent> metrics;
  std::vector<int32_t> children;  // indexes into SqlPlanEvent::nodes
};
struct SqlPlanEvent {
  std::vector<SqlPlanNodeEvent> nodes;  // nodes[0] is the root
};

struct SqlExecutionStartEvent {
  int64_t execution_id = -1;
  int64_t root_execution_id = -1;
  std::string description;
  std::string details;
  std::string physical_plan_description;
  SqlPlanEvent plan;
  int64_t time_ms = -1;
  std::vector<std::pair<std::string, std::string>> modified_configs;
  std::optional<std::string> query_id;  // Spark 4+
};
struct SqlExecutionEndEvent {
  int64_t execution_id = -1;
  int64_t time_ms = -1;
  std::optional<std::string> error_message;
};
struct SqlAdaptiveUpdateEvent {  // SQLAdaptiveExecutionUpdate
  int64_t execution_id = -1;
  std::string physical_plan_description;
  SqlPlanEvent plan;
};
struct SqlAdaptiveMetricsEvent {  // SQLAdaptiveSQLMetricUpdates
  int64_t execution_id = -1;
  std::vector<SqlPlanMetricEvent> metrics;
};
struct SqlDriverAccumUpdatesEvent {
  int64_t execution_id = -1;
  std::vector<std::pair<int64_t, int64_t>> updates;  // (accumulator id, value)
};

// Structured streaming: StreamingQueryListener events (Jackson-serialised).
// A query `id` survives restarts from the same checkpoint; each start makes
// a new `run_id`, which is what Spark's streaming UI keys a run by.
struct StreamingQueryStartedEvent {
  std::string id;
  std::string run_id;
  std::optional<std::string> name;  // null unless the query was named
  int64_t time_ms = -1;             // "timestamp" (ISO-8601) in epoch ms; -1 if unreadable
};

// One QueryProgressEvent's "progress" (Spark's StreamingQueryProgress): one
// micro-batch, or an empty trigger that found no new data.
struct StreamingQueryProgressEvent {
  std::string id;
  std::string run_id;
  std::optional<std::string> name;
  int64_t time_ms = -1;  // "timestamp": when the trigger started
  int64_t batch_id = -1;
  int64_t batch_duration_ms = -1;  // "batchDuration" (Spark 3.1+); -1 when absent
  // "durationMs": phase -> ms (triggerExecution, addBatch, getBatch,
  // latestOffset, queryPlanning, walCommit, ...), in log order.
  std::vector<std::pair<std::string, int64_t>> duration_ms;
  int64_t num_input_rows = 0;  // summed over "sources"
  // Summed over "sources", as Spark's own getters do. Jackson writes
  // Double.NaN and infinities as the strings "NaN", "Infinity", "-Infinity":
  // they read as those doubles (NaN is what a first batch reports).
  double input_rows_per_second = 0;
  double processed_rows_per_second = 0;
  // Summed over "stateOperators" (absent for stateless queries).
  int64_t state_rows_total = 0;
  int64_t state_memory_bytes = 0;
  bool has_state = false;
  std::optional<std::string> sink_description;
  int64_t sink_output_rows = -1;  // -1: the sink does not say (Spark's v1 sinks)
};

// QueryIdleEvent (Spark 3.5+): a trigger found no new data.
struct StreamingQueryIdleEvent {
  std::string id;
  std::string run_id;
  int64_t time_ms = -1;
};

// QueryTerminatedEvent: the run stopped, failing when `exception` is set.
// It carries no time.
struct StreamingQueryTerminatedEvent {
  std::string id;
  std::string run_id;
  std::optional<std::string> exception;
};

struct ApplicationStartEvent {
  std::string app_name;
  std::optional<std::string> app_id;
  std::optional<std::string> attempt_id;
  std::string user;
  int64_t time_ms = -1;
  // "Driver Logs" when the event has them (even empty: Spark then gives the
  // driver these logs and the attributes, absent reading as none).
  std::optional<std::vector<std::pair<std::string, std::string>>> driver_logs;
  std::vector<std::pair<std::string, std::string>> driver_attributes;
};

}  // namespace sparkdx

#endif  // SPARKDX_STATUS_EVENTS_H_
