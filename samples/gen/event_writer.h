// The JSON text of each Spark listener event, exactly as Spark 3.5's
// JsonProtocol (and Jackson, for SQL events) writes it: field names, key
// order, which fields are optional, numbers vs. strings. One function per
// event; each returns the line without its newline. Nothing here decides
// values: the simulator passes them in.
#ifndef SPARKDX_SAMPLES_GEN_EVENT_WRITER_H_
#define SPARKDX_SAMPLES_GEN_EVENT_WRITER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "scenario.h"

namespace sparkdx::samples {

// Spark's ExecutorMetrics, in ExecutorMetricType order.
struct ExecutorMetricValues {
  int64_t jvm_heap_bytes = 0;
  int64_t jvm_off_heap_bytes = 0;
  int64_t on_heap_execution_bytes = 0;
  int64_t on_heap_storage_bytes = 0;
  int64_t direct_pool_bytes = 0;
  int64_t process_tree_jvm_vmem_bytes = 0;
  int64_t process_tree_jvm_rss_bytes = 0;
  int64_t process_tree_python_vmem_bytes = 0;
  int64_t process_tree_python_rss_bytes = 0;
  int64_t minor_gc_count = 0;
  int64_t minor_gc_ms = 0;
  int64_t major_gc_count = 0;
  int64_t major_gc_ms = 0;
  // Element-wise maximum (how Spark keeps peaks).
  void Max(const ExecutorMetricValues& other);
};

// TaskMetrics as JsonProtocol writes "Task Metrics".
struct TaskMetricValues {
  int64_t deserialize_ms = 0;
  int64_t deserialize_cpu_ns = 0;
  int64_t run_ms = 0;
  int64_t cpu_ns = 0;
  int64_t peak_execution_bytes = 0;
  int64_t result_bytes = 0;
  int64_t gc_ms = 0;
  int64_t result_serialization_ms = 0;
  int64_t memory_spill_bytes = 0;
  int64_t disk_spill_bytes = 0;
  int64_t remote_blocks = 0;
  int64_t local_blocks = 0;
  int64_t fetch_wait_ms = 0;
  int64_t remote_bytes = 0;
  int64_t remote_to_disk_bytes = 0;
  int64_t local_bytes = 0;
  int64_t shuffle_read_records = 0;
  int64_t remote_requests_ms = 0;
  int64_t shuffle_write_bytes = 0;
  int64_t shuffle_write_time_ns = 0;
  int64_t shuffle_write_records = 0;
  int64_t input_bytes = 0;
  int64_t input_records = 0;
  int64_t output_bytes = 0;
  int64_t output_records = 0;
};

// An AccumulableInfo. SQL metrics carry their values as strings and
// "Metadata":"sql"; internal task metrics as numbers.
struct Accumulable {
  int64_t id = 0;
  std::string name;
  int64_t update = 0;
  int64_t value = 0;
  bool sql = false;
};

// The internal accumulators of a stage attempt (35 ids from `first_id`, in
// TaskMetrics' registration order) that are non-zero in `m`, as a TaskEnd
// lists them; `totals` are the stage attempt's running values after this
// task, updated in place.
std::vector<Accumulable> InternalAccumulables(int64_t first_id, const TaskMetricValues& m, TaskMetricValues* totals);
// The same for StageCompleted (values only, non-zero totals).
std::vector<Accumulable> InternalStageAccumulables(int64_t first_id, const TaskMetricValues& totals);
// Accumulator updates a failed or killed attempt reports ("Accumulator
// Updates": ids only, updates as strings, as executors send them).
std::string FailedTaskAccumulatorUpdates(int64_t first_id, const TaskMetricValues& m);
inline constexpr int64_t kInternalAccumulatorIds = 35;

struct TaskInfoValues {
  int64_t task_id = 0;
  int32_t index = 0;
  int32_t attempt = 0;
  int32_t partition = 0;
  int64_t launch_ms = 0;
  std::string executor_id;
  std::string host;
  std::string locality = "PROCESS_LOCAL";
  bool speculative = false;
  int64_t getting_result_ms = 0;
  int64_t finish_ms = 0;  // 0 in TaskStart
  bool failed = false;
  bool killed = false;
  std::vector<Accumulable> accumulables;
};

struct StackFrame {
  std::string declaring_class;
  std::string method;
  std::string file;
  int32_t line = -1;
};

// "Task End Reason" objects.
std::string SuccessReason();
std::string ExceptionFailureReason(const std::string& class_name, const std::string& description,
                                   const std::vector<StackFrame>& frames, const std::string& accumulator_updates);
std::string ExecutorLostReason(const std::string& executor_id, bool caused_by_app, const std::string& loss_reason);
std::string FetchFailedReason(const std::string& executor_id, const std::string& host, int32_t port, int32_t shuffle_id,
                              int64_t map_id, int32_t map_index, int32_t reduce_id, const std::string& message);
std::string TaskKilledReason(const std::string& kill_reason, const std::string& accumulator_updates);
// "java.lang.X: message\n\tat a.b.C.m(F.java:1)\n..." as Throwable prints it.
std::string FullStackTrace(const std::string& class_name, const std::string& description,
                           const std::vector<StackFrame>& frames);

struct RddInfoValues {
  int32_t id = 0;
  std::string name;
  std::string scope_id;
  std::string scope_name;
  std::string call_site;
  std::vector<int32_t> parent_ids;
  std::string deterministic_level = "DETERMINATE";
  int32_t partitions = 0;
};

struct StageInfoValues {
  int32_t stage_id = 0;
  int32_t attempt = 0;
  std::string name;
  int32_t num_tasks = 0;
  std::vector<RddInfoValues> rdds;
  std::vector<int32_t> parent_ids;
  std::string details;
  int64_t submission_ms = -1;  // -1: not written
  int64_t completion_ms = -1;
  std::optional<std::string> failure_reason;
  std::vector<Accumulable> accumulables;
};

// Application and environment.
std::string LogStartEvent(const std::string& spark_version);
std::string ResourceProfileAddedEvent(int32_t cores, int64_t memory_mb, int64_t overhead_mb);
std::string EnvironmentUpdateEvent(const std::vector<Property>& jvm, const std::vector<Property>& spark,
                                   const std::vector<Property>& hadoop, const std::vector<Property>& system,
                                   const std::vector<Property>& metrics, const std::vector<Property>& classpath);
std::string ApplicationStartEvent(const std::string& name, const std::string& id, int64_t time_ms,
                                  const std::string& user);
std::string ApplicationEndEvent(int64_t time_ms);

// Executors.
std::string ExecutorAddedEvent(int64_t time_ms, const std::string& executor_id, const std::string& host, int32_t cores,
                               const std::string& container_id, const std::string& user, int64_t request_ms);
std::string ExecutorRemovedEvent(int64_t time_ms, const std::string& executor_id, const std::string& reason);
std::string BlockManagerAddedEvent(int64_t time_ms, const std::string& executor_id, const std::string& host,
                                   int32_t port, int64_t max_memory_bytes);
std::string BlockManagerRemovedEvent(int64_t time_ms, const std::string& executor_id, const std::string& host,
                                     int32_t port);
std::string StageExecutorMetricsEvent(const std::string& executor_id, int32_t stage_id, int32_t attempt,
                                      const ExecutorMetricValues& metrics);

// Jobs, stages, tasks.
std::string JobStartEvent(int32_t job_id, int64_t submission_ms, const std::vector<StageInfoValues>& stages,
                          const std::string& properties_json);
std::string JobEndEvent(int32_t job_id, int64_t completion_ms, const std::optional<std::string>& failure_message,
                        const std::vector<StackFrame>& driver_frames);
std::string StageSubmittedEvent(const StageInfoValues& stage, const std::string& properties_json);
std::string StageCompletedEvent(const StageInfoValues& stage);
std::string TaskStartEvent(int32_t stage_id, int32_t attempt, const TaskInfoValues& info);
// `metrics` null: no "Task Metrics" (ExecutorLostFailure, FetchFailed).
std::string TaskEndEvent(int32_t stage_id, int32_t attempt, bool result_task, const std::string& reason_json,
                         const TaskInfoValues& info, const ExecutorMetricValues& executor_metrics,
                         const TaskMetricValues* metrics);

// SQL (Jackson field names).
std::string SqlExecutionStartEvent(int64_t execution_id, const std::string& description, const std::string& details,
                                   const std::string& plan_description, const std::string& plan_info_json,
                                   int64_t time_ms);
std::string SqlExecutionEndEvent(int64_t execution_id, int64_t time_ms, const std::string& error_message);
std::string SqlAdaptiveExecutionUpdateEvent(int64_t execution_id, const std::string& plan_description,
                                            const std::string& plan_info_json);
std::string SqlDriverAccumUpdatesEvent(int64_t execution_id, const std::vector<std::pair<int64_t, int64_t>>& updates);

}  // namespace sparkdx::samples

#endif  // SPARKDX_SAMPLES_GEN_EVENT_WRITER_H_
