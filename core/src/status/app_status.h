// AppStatus: everything one event log says about one application attempt,
// kept the way Spark's status listener (AppStatusListener and its live
// entities) keeps it, so the History Server's REST answers can be rebuilt
// exactly (report/rest/) and diagnosis reads trustworthy numbers.
//
// Ownership: StatusListener (status/listener.h) is the only writer. Readers
// get a const AppStatus after StatusListener::Finish().
#ifndef SPARKDX_STATUS_APP_STATUS_H_
#define SPARKDX_STATUS_APP_STATUS_H_

#include <array>
#include <cstdint>
#include <deque>
#include <list>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/task_record.h"
#include "status/duration_sample.h"
#include "status/events.h"
#include "status/executor_metrics.h"
#include "status/index_set.h"

namespace sparkdx {

// Sums of task metrics (Spark's v1.TaskMetrics used as a counter), indexed
// by TaskMetric.
struct TaskMetricTotals {
  std::array<int64_t, kTaskMetricCount> values{};
  int64_t operator[](TaskMetric m) const { return values[static_cast<int>(m)]; }
  void Add(const TaskRecord& task, int64_t sign = 1) {
    for (int i = 0; i < kTaskMetricCount; ++i) values[i] += sign * task.metrics[i];
  }
};

enum class JobStatusKind : uint8_t { kRunning, kSucceeded, kFailed, kUnknown };
enum class StageStatusKind : uint8_t { kActive, kComplete, kFailed, kPending, kSkipped };

struct AttemptStatus {
  std::optional<std::string> attempt_id;
  int64_t start_time_ms = -1;
  int64_t end_time_ms = -1;       // -1 until ApplicationEnd
  int64_t last_updated_ms = -1;
  int64_t duration_ms = -1;
  std::string spark_user;
  bool completed = false;
  std::string spark_version;
};

struct JobStatusData {
  int32_t job_id = -1;
  std::string name;
  std::optional<std::string> description;
  int64_t submission_time_ms = -1;
  int64_t completion_time_ms = -1;
  std::vector<int32_t> stage_ids;
  std::optional<std::string> job_group;
  std::vector<std::string> job_tags;
  JobStatusKind status = JobStatusKind::kRunning;
  int32_t num_tasks = 0;
  int32_t active_tasks = 0;
  int32_t completed_tasks = 0;
  int32_t skipped_tasks = 0;
  int32_t failed_tasks = 0;
  int32_t killed_tasks = 0;
  std::map<int32_t, IndexSet> completed_indices;  // per stage id: task indexes
  int32_t active_stages = 0;
  std::set<int32_t> completed_stages;
  std::set<int32_t> skipped_stages;
  int32_t failed_stages = 0;
  std::vector<std::pair<std::string, int32_t>> killed_summary;  // by kill reason, first seen first
  std::optional<int64_t> sql_execution_id;
  bool live = true;  // not yet ended (Spark's liveJobs)
};

struct ExecutorStageSummaryData {
  int64_t task_time_ms = 0;
  int32_t failed_tasks = 0;
  int32_t succeeded_tasks = 0;
  int32_t killed_tasks = 0;
  TaskMetricTotals metrics;
  bool excluded = false;
  ExecutorMetrics peak;
};

struct SpeculationSummaryData {
  bool present = false;  // a speculative task ran in this stage attempt
  int32_t num_tasks = 0;
  int32_t num_active_tasks = 0;
  int32_t num_completed_tasks = 0;
  int32_t num_failed_tasks = 0;
  int32_t num_killed_tasks = 0;
};

struct StageStatusData {
  StageInfoEvent info;  // the latest StageInfo seen (accumulables filtered)
  StageStatusKind status = StageStatusKind::kPending;
  std::set<int32_t> job_ids;
  std::optional<std::string> description;
  std::string scheduling_pool = "default";
  int32_t active_tasks = 0;
  int32_t completed_tasks = 0;
  int32_t failed_tasks = 0;
  int32_t killed_tasks = 0;
  IndexSet completed_indices;
  // Kill reasons and their counts, in first-seen order: Spark keeps them in
  // a small immutable Map, which lists up to four keys in insertion order.
  std::vector<std::pair<std::string, int32_t>> killed_summary;
  int64_t first_launch_time_ms = INT64_MAX;
  std::map<std::string, int64_t> locality_summary;
  TaskMetricTotals metrics;
  // Keyed by executor index (AppStatus::executors).
  std::map<uint32_t, ExecutorStageSummaryData> executor_summaries;
  std::unordered_map<uint32_t, int32_t> active_tasks_per_executor;
  std::set<std::string> excluded_executors;
  ExecutorMetrics peak;
  SpeculationSummaryData speculation;
  bool live = true;  // Spark's liveStages: removed once complete and idle
  bool tasks_only = false;  // known only from task events: Spark has no such stage

  // Every finished task attempt of this stage attempt, in end order, plus
  // (after Finish) those still running when the log ended.
  TaskStore tasks;
};

// spark.ui.retainedDeadExecutors at its default: once Spark's store holds
// more removed executors than this, it drops the lowest ids (compared as
// strings), at least a tenth of this many at a time.
inline constexpr int64_t kSparkRetainedDeadExecutors = 100;

// An executor (or the driver) as Spark's LiveExecutor keeps it; what the
// executors endpoints list. Counters change only while the executor is in
// Spark's liveExecutors (in_live_map); a removed executor keeps the state it
// had when removed.
struct ExecutorStatusData {
  std::string id;
  std::string host_port;  // from the block manager ("host:port"), or empty
  std::string host;       // from ExecutorAdded
  bool active = true;
  int32_t total_cores = 0;
  int32_t max_tasks = 0;
  int64_t add_time_ms = -1;
  int64_t remove_time_ms = -1;
  std::optional<std::string> remove_reason;
  int32_t rdd_blocks = 0;
  int64_t memory_used = 0;  // bytes of cached blocks in memory
  int64_t disk_used = 0;    // bytes of cached blocks on disk
  int64_t max_memory = 0;   // the block manager's storage memory, bytes
  int32_t total_tasks = 0;   // tasks started while live
  int32_t active_tasks = 0;  // started minus ended while live
  int32_t completed_tasks = 0;
  int32_t failed_tasks = 0;
  int64_t total_duration_ms = 0;
  int64_t total_gc_time_ms = 0;
  int64_t total_input_bytes = 0;
  int64_t total_shuffle_read = 0;
  int64_t total_shuffle_write = 0;
  bool excluded = false;
  std::set<int32_t> excluded_in_stages;
  std::vector<std::pair<std::string, std::string>> logs;
  std::vector<std::pair<std::string, std::string>> attributes;
  std::vector<std::pair<std::string, ResourceInfo>> resources;  // keyed as in the log
  int64_t total_on_heap = -1;  // -1: the log carries no memory breakdown
  int64_t total_off_heap = 0;
  int64_t used_on_heap = 0;
  int64_t used_off_heap = 0;
  int32_t resource_profile_id = 0;
  // Set by every task end while live (a log without executor metrics gives
  // zeros) and by stage executor metrics.
  ExecutorMetrics peak;
  bool in_live_map = true;  // Spark's liveExecutors (vs. removed)
  bool announced = false;   // by ExecutorAdded or BlockManagerAdded (not only seen in tasks)
  // Spark's store holds this executor's summary: every removed executor
  // until Spark drops it to keep at most kSparkRetainedDeadExecutors; a
  // live one once written (see WrittenToSparkStore).
  bool in_spark_store = false;

  bool HasMemoryInfo() const { return total_on_heap >= 0; }
  // Whether a live executor's summary is already in Spark's store: written
  // when its logs came with ApplicationStart (the driver), and, as sparkdx
  // approximates it, once it ended a task or reported metrics (Spark writes
  // it when a task end leaves it idle or its peaks rise). All live
  // executors are written when the log ends.
  bool WrittenToSparkStore() const { return in_spark_store || peak.IsSet(); }
  // Spark's LiveExecutor.hostname.
  std::string Hostname() const;
};

// A cached block of an RDD (Spark's LiveRDDPartition).
struct RddPartitionData {
  std::string block_name;     // "rdd_<rdd id>_<partition>"
  std::string storage_level;  // what the block actually uses, e.g. "Memory Deserialized 1x Replicated"
  int64_t memory_used = 0;
  int64_t disk_used = 0;
  std::vector<std::string> executors;  // in the order they stored the block
};

// One executor's share of a cached RDD (Spark's LiveRDDDistribution).
struct RddDistributionData {
  int64_t memory_used = 0;
  int64_t disk_used = 0;
  int64_t on_heap_used = 0;
  int64_t off_heap_used = 0;
  uint64_t insertion = 0;  // order of creation, for Spark's listing order
  // What the executor looked like when Spark last rendered this entry: it
  // renders it again only after an RDD block update on that executor, so
  // the remaining-memory figures can be older than the executor's.
  std::string address;
  int64_t memory_remaining = 0;
  bool has_memory_info = false;
  int64_t on_heap_remaining = 0;
  int64_t off_heap_remaining = 0;
};

// An RDD Spark tracks because a submitted stage used it with a valid
// storage level (Spark's LiveRDD).
struct RddStatusData {
  RddInfoEvent info;
  StorageLevelInfo storage_level;  // fixed when the RDD was first seen cached
  int64_t memory_used = 0;
  int64_t disk_used = 0;
  // Cached blocks in the order they were first stored, and where each is.
  std::list<RddPartitionData> partitions;
  std::unordered_map<std::string, std::list<RddPartitionData>::iterator> partition_index;
  // By executor id. Spark keeps them in a Scala mutable.HashMap and lists
  // them in its iteration order, which depends on the table size it grew to.
  std::unordered_map<std::string, RddDistributionData> distributions;
  int32_t distribution_table_size = 16;
  uint64_t distributions_created = 0;
};

// The last SparkListenerEnvironmentUpdate, as Spark stores it.
struct EnvironmentData {
  bool present = false;
  // Absent from "JVM Information": null in Spark, so not shown.
  std::optional<std::string> java_version, java_home, scala_version;
  // In log order; a key given twice keeps its last value (Spark reads each
  // section into a map).
  std::vector<std::pair<std::string, std::string>> spark_properties;
  std::vector<std::pair<std::string, std::string>> hadoop_properties;
  std::vector<std::pair<std::string, std::string>> system_properties;
  std::vector<std::pair<std::string, std::string>> metrics_properties;
  std::vector<std::pair<std::string, std::string>> classpath_entries;
};

// A process that is neither the driver nor an executor, e.g. the YARN
// application master (Spark's LiveMiscellaneousProcess).
struct MiscProcessData {
  std::string id;
  std::string host_port;
  bool active = true;
  int32_t total_cores = 0;
  int64_t add_time_ms = -1;  // when first announced
  int64_t remove_time_ms = -1;
  std::vector<std::pair<std::string, std::string>> log_urls;
};

struct SqlMetricData {
  std::string name;
  int64_t accumulator_id = -1;
  std::string metric_type;  // "sum", "size", "timing", "nsTiming", "average", "v2Custom_<class>"
};
// A node of Spark's SparkPlanGraph (what the SQL tab draws and the REST API
// lists): whole-stage-codegen stages become clusters holding their
// operators, adapters and reused exchanges are folded away.
struct SqlPlanNodeData {
  int64_t node_id = -1;  // Spark's numbering: depth first, clusters included
  std::string node_name;
  std::string simple_string;
  std::vector<SqlMetricData> metrics;
  bool is_cluster = false;   // a WholeStageCodegen stage
  int64_t cluster_id = -1;   // the cluster holding this node, or -1
};
struct SqlPlanEdgeData {
  int64_t from_id = -1;  // the child
  int64_t to_id = -1;    // the parent
};

// One SQL metric's final value, aggregated the way Spark's SQL listener does
// (over every task index of the execution's stages, plus driver updates).
// Rendering it as Spark's text (e.g. "total (min, med, max (stageId: taskId))")
// is the REST layer's job.
struct SqlMetricAggregate {
  std::string metric_type;
  int64_t sum = 0;    // over the values the type counts (>= 0; > 0 for "average")
  int64_t min = 0, median = 0, max = 0;
  int64_t value_count = 0;  // values the type counts
  bool has_max_task = false;  // else the maximum came from the driver
  int64_t max_stage_id = -1, max_stage_attempt_id = -1, max_task_id = -1;
};

struct SqlExecutionData {
  int64_t execution_id = -1;
  int64_t root_execution_id = -1;
  bool start_seen = false;  // Spark also creates executions named only by a job
  std::optional<std::string> description;
  std::optional<std::string> details;
  std::optional<std::string> physical_plan_description;
  std::optional<std::string> query_id;
  // The latest plan (AQE updates replace it), in Spark's allNodes order:
  // a cluster's operators come just before the cluster.
  std::vector<SqlPlanNodeData> nodes;
  std::vector<SqlPlanEdgeData> edges;
  // Every metric of every plan the execution had, by accumulator id (the
  // latest declaration wins), as Spark's addMetrics keeps them.
  std::map<int64_t, std::string> metric_types;
  int64_t submission_time_ms = -1;
  int64_t completion_time_ms = -1;  // -1: no SQLExecutionEnd
  std::optional<std::string> error_message;
  std::map<int32_t, JobStatusKind> jobs;
  std::set<int32_t> stages;
  std::vector<std::pair<int64_t, int64_t>> driver_updates;  // (accumulator id, value), in order
  // Set once aggregated (at SQLExecutionEnd, or at the end of the log).
  std::optional<std::map<int64_t, SqlMetricAggregate>> metric_values;
  std::vector<std::pair<std::string, std::string>> modified_configs;
};

enum class StreamingQueryStatusKind : uint8_t { kActive, kTerminated, kFailed };

// One run of a structured streaming query (keyed by run id, as Spark's
// StreamingQueryStatusListener keys it), with compact aggregates of its
// progress events instead of the events themselves.
struct StreamingQueryRunData {
  std::string id;
  std::string run_id;
  std::optional<std::string> name;
  // A run known only from progress, idle or terminated events (the log
  // lacks its QueryStartedEvent): Spark's streaming UI does not list it.
  bool start_seen = false;
  int64_t start_time_ms = -1;
  // Set by QueryTerminatedEvent, which has no time: the latest time seen in
  // the log up to that event (see StreamingListener). -1 while active.
  int64_t end_time_ms = -1;
  StreamingQueryStatusKind status = StreamingQueryStatusKind::kActive;
  std::optional<std::string> exception;  // cut to StreamingListener::kExceptionExcerptBytes

  // Progress events (a trigger that found no data reports one too, with the
  // previous batch id).
  int64_t batches = 0;
  int64_t first_batch_id = -1;
  int64_t last_batch_id = -1;
  int64_t last_progress_time_ms = -1;
  int64_t idle_events = 0;
  int64_t last_idle_time_ms = -1;
  int64_t input_rows = 0;
  int64_t output_rows = -1;  // -1: no progress said (Spark's v1 sinks write -1)
  std::optional<std::string> sink;  // the last progress's sink description
  // Batch duration: "batchDuration", or durationMs.triggerExecution in logs
  // before Spark 3.1; only batches that report one count.
  int64_t batch_duration_ms_total = 0;
  int64_t batch_duration_ms_max = -1;
  DurationSample batch_durations;
  // durationMs summed per phase, phases in first-seen order.
  std::vector<std::pair<std::string, int64_t>> duration_ms_by_phase;
  // Over progress events reporting state operators, each summed over them.
  int64_t state_memory_bytes_max = -1;
  int64_t state_rows_max = -1;
};

// What was still open when the log ended (set by StatusListener::Finish):
// what the History Server shows as RUNNING / ACTIVE without an end event.
struct OpenAtEndCounts {
  int64_t jobs = 0;            // JobStart without JobEnd
  int64_t stage_attempts = 0;  // StageSubmitted without StageCompleted (never-submitted stages excluded)
  int64_t tasks = 0;           // TaskStart without TaskEnd
  bool any() const { return jobs > 0 || stage_attempts > 0 || tasks > 0; }
};

// A task seen starting but not (yet) ending.
struct RunningTaskData {
  int32_t stage_id = 0;
  int32_t stage_attempt_id = 0;
  TaskRecord record;
  ExecutorMetrics executor_metrics;
};

struct AppStatus {
  std::optional<std::string> app_id;
  std::string app_name;
  AttemptStatus attempt;
  bool application_start_seen = false;
  uint32_t application_starts = 0;
  std::string spark_version;  // from LogStart
  int64_t last_event_time_ms = -1;  // the latest timestamp of any kind

  std::map<int32_t, JobStatusData> jobs;
  std::map<std::pair<int32_t, int32_t>, std::unique_ptr<StageStatusData>> stages;
  std::deque<ExecutorStatusData> executors;  // in order of first appearance
  std::map<int32_t, RddStatusData> rdds;
  EnvironmentData environment;
  std::map<int32_t, ResourceProfileEvent> resource_profiles;
  std::deque<MiscProcessData> misc_processes;
  std::map<int64_t, SqlExecutionData> sql_executions;
  std::map<std::string, std::set<int32_t>> pools;
  std::unordered_map<int64_t, RunningTaskData> running_tasks;
  // Structured streaming query runs, in order of first appearance.
  std::vector<StreamingQueryRunData> streaming_queries;
  OpenAtEndCounts open_at_end;  // valid after StatusListener::Finish

  // Failure messages of task attempts (TaskRecord::message_id indexes it)
  // and user accumulator updates per task (by task id).
  std::vector<std::string> task_messages;
  std::unordered_map<int64_t, std::vector<AccumulableEvent>> task_accumulables;
  // Hosts task attempts ran on. Each executor index has a usual task host
  // (that of its first task, -1 before any); a record names its host
  // (TaskRecord::host_id) only when it differs, so the usual case costs
  // nothing per task. (The executor's own host can differ: the driver's
  // block manager names the machine, its tasks say "localhost".)
  std::vector<std::string> task_hosts;
  std::vector<int32_t> executor_task_hosts;

  uint64_t task_end_count = 0;

  ExecutorStatusData* FindExecutor(const std::string& id);
  const ExecutorStatusData* FindExecutor(const std::string& id) const;
  uint64_t task_store_bytes() const;
  // Everything kept per task attempt: the records, failure messages, user
  // accumulator updates and completed-index sets (for the benchmark's
  // "bytes retained per task").
  uint64_t per_task_bytes() const;
};

}  // namespace sparkdx

#endif  // SPARKDX_STATUS_APP_STATUS_H_
