// Scenario: the description of one simulated Spark 3.5 application, from
// which the simulator (simulator.h) writes a complete event log. A scenario
// says what the application did (jobs, stages, SQL plans) and what each
// task's work looks like (medians, spreads, outliers, failures); the
// simulator decides when each task ran and on which slot, and derives every
// event from that.
//
// Units are in the names: *_ms epoch or relative milliseconds, *_bytes
// bytes, *_permille thousandths. All values are integers so the output is
// the same on every machine.
#ifndef SPARKDX_SAMPLES_GEN_SCENARIO_H_
#define SPARKDX_SAMPLES_GEN_SCENARIO_H_

#include <cstdint>
#include <string>
#include <vector>

namespace sparkdx::samples {

struct Property {
  std::string key;
  std::string value;
};

struct AppSpec {
  std::string id;    // "application_1717999200000_0042"
  std::string name;  // "App Name"
  std::string user = "hadoop";
  std::string spark_version = "3.5.1";
  int64_t start_ms = 0;        // SparkListenerApplicationStart "Timestamp"
  int64_t shutdown_ms = 1200;  // last job end -> SparkListenerApplicationEnd
  // >= 0: the log ends at start_ms + log_cut_ms, as if the driver died or
  // the log was copied while the application ran: no event after that
  // instant is written (no ApplicationEnd; running tasks, stages, jobs and
  // SQL executions never end).
  int64_t log_cut_ms = -1;
  bool pyspark = false;  // call sites through py4j (a PySpark driver)
};

// Executors: `executors` of `cores` cores on hosts host-NN, registered one
// after another from `first_executor_ms` after the application start.
struct ClusterSpec {
  int32_t executors = 10;
  int32_t cores = 4;
  int64_t memory_mb = 8192;   // spark.executor.memory (the JVM heap)
  int64_t overhead_mb = 819;  // spark.executor.memoryOverhead (YARN container = memory + overhead)
  int32_t executors_per_host = 1;
  int64_t first_executor_ms = 2500;
  int64_t executor_spacing_ms = 150;
  // Peak JVM heap used while a stage runs, permille of memory_mb, for
  // stages that do not set their own: ~78%, a well-sized heap.
  int32_t heap_permille = 780;
  int64_t driver_memory_mb = 4096;
  // Python worker memory is reported (ProcessTreePython*) when > 0.
  int64_t python_rss_bytes = 0;
};

// How a task's SQL metric update is derived from its task metrics.
enum class Quantity {
  kInputRecords,
  kInputBytes,
  kShuffleReadRecords,
  kShuffleReadBytes,
  kShuffleRemoteBytes,
  kShuffleLocalBytes,
  kShuffleRemoteBlocks,
  kShuffleLocalBlocks,
  kFetchWaitMs,
  kShuffleWriteRecords,
  kShuffleWriteBytes,
  kShuffleWriteTimeNs,
  kOutputRecords,
  kOutputBytes,
  kRunMs,
  kMemorySpillBytes,
  kPeakExecutionBytes,
  kRemoteRequestsMs,
  kFixed,  // `value`, the same for every task
};

// A SQL metric that every task of the stage updates (Spark lists the
// non-zero ones in the TaskEnd's accumulables):
// quantity * scale_ppm / 1000000, or `value` for kFixed.
struct SqlTaskUpdate {
  int32_t node = 0;    // index into the stage's SQL execution's nodes
  std::string metric;  // the metric's name on that node
  Quantity quantity = Quantity::kFixed;
  int64_t scale_ppm = 1000000;
  int64_t value = 0;
};

// A data-heavy task: a skewed partition or an unsplittable file.
struct TaskOutlier {
  int32_t index = 0;
  int32_t time_x100 = 100;  // its run time: the stage median x time_x100 / 100
  int32_t data_x100 = 100;  // its bytes and records: the median x data_x100 / 100
};

enum class FailureKind {
  kHeapOom,         // ExceptionFailure java.lang.OutOfMemoryError; the executor exits (code 52)
  kYarnMemoryKill,  // the container exceeds its memory limit: ExecutorLostFailure, exit 137
  kExecutorLost,    // the executor stops heartbeating: ExecutorLostFailure
  kUserException,   // ExceptionFailure java.lang.IllegalArgumentException from user code
};

struct TaskFailureSpec {
  int32_t index = 0;
  FailureKind kind = FailureKind::kUserException;
  // Attempts that fail before one succeeds. spark.task.maxFailures (4)
  // failures abort the stage and fail its job.
  int32_t failing_attempts = 1;
  int32_t progress_permille = 500;  // how far into its work an attempt fails
};

struct StageSpec {
  std::string name;           // "Stage Name": "save at DailyRollup.scala:88"
  std::string call_site;      // "Details" (the long call site); empty: the job's
  bool result_stage = false;  // ResultTask (else ShuffleMapTask)
  int32_t num_tasks = 1;
  std::vector<int32_t> parents;                 // indexes into Scenario::stages
  std::string rdd_shape = "scan";               // scan | shuffle | join | rdd_scan | rdd_shuffle | parallelize
  std::string scope = "WholeStageCodegen (1)";  // the innermost RDD scope name

  // One task's work, as the median of the balanced tasks; each task varies
  // by up to +-spread_permille (duration) and +-data_spread_permille (bytes).
  int64_t run_ms = 1000;
  int32_t spread_permille = 100;
  int32_t data_spread_permille = 50;
  int32_t cpu_permille = 850;   // executor CPU time / run time
  int32_t gc_permille = 15;     // JVM GC time / run time
  int64_t deserialize_ms = 15;  // the first task of a stage attempt on an executor: ~9x (class loading)
  int64_t result_bytes = 2600;
  int64_t input_bytes = 0;
  int64_t input_records = 0;
  int64_t shuffle_read_bytes = 0;
  int64_t shuffle_read_records = 0;
  int32_t fetch_wait_permille = 5;  // of run time
  int64_t shuffle_write_bytes = 0;
  int64_t shuffle_write_records = 0;
  int64_t output_bytes = 0;
  int64_t output_records = 0;
  int64_t memory_spill_bytes = 0;
  int64_t disk_spill_bytes = 0;
  int64_t peak_execution_bytes = 0;
  int32_t heap_permille = 0;  // 0: the cluster's
  int64_t storage_bytes = 0;  // on-heap storage memory in use (broadcast blocks) while it runs

  std::vector<TaskOutlier> outliers;
  std::string slow_host;  // every task on this host runs slower
  int32_t slow_host_x100 = 100;
  std::vector<TaskFailureSpec> failures;
  // Share of tasks given a speculative copy that runs long and is killed
  // when the original finishes first.
  int32_t speculated_permille = 0;
  // Hosts lost (preempted) `lost_at_ms` after the stage starts: their
  // executors go, tasks running there fail (ExecutorLostFailure, not the
  // app's fault), the other running tasks fail to fetch their shuffle input
  // (FetchFailed), the stage attempt fails, the parent map stage reruns the
  // partitions whose output was on those hosts (attempt 1), then this stage
  // runs again (attempt 1).
  std::vector<std::string> lost_hosts;
  int64_t lost_at_ms = 0;

  std::vector<SqlTaskUpdate> sql_updates;
};

struct PlanMetric {
  std::string name;
  std::string type;  // sum | size | timing | nsTiming | average
};

// One node of a physical plan, as both sparkPlanInfo and the formatted
// physicalPlanDescription show it.
struct PlanNode {
  std::string name;    // nodeName
  std::string simple;  // simpleString
  std::string detail;  // body of its "(N) name" section in the description
  std::string metadata = "{}";
  std::vector<PlanMetric> metrics;
  std::vector<int32_t> children;
  bool wrapper = false;  // WholeStageCodegen / InputAdapter: no operator number
  // Added when Spark prepares the plan for execution (ColumnarToRow and the
  // codegen wrappers): absent from an adaptive plan's initial version.
  bool physical_only = false;
  int32_t codegen_id = 0;  // > 0: inside WholeStageCodegen (codegen_id): drawn "* name"
  // Exchange under AQE: the final plan reads it through AQEShuffleRead with
  // these driver-side values (0: not coalesced, no AQEShuffleRead).
  int64_t aqe_partitions = 0;
  int64_t aqe_partition_bytes = 0;
};

// A value a SQL metric gets on the driver (scan listing, broadcast build,
// write commit), posted as SparkListenerDriverAccumUpdates.
struct SqlDriverUpdate {
  int32_t node = 0;
  std::string metric;
  int64_t value = 0;
  int32_t after_job = -1;  // -1: when the execution starts; k: after its k-th job (0-based)
};

struct SqlSpec {
  std::string description;
  std::vector<PlanNode> nodes;
  int32_t root = 0;      // under AdaptiveSparkPlan when adaptive
  bool adaptive = true;  // spark.sql.adaptive.enabled
  std::vector<SqlDriverUpdate> driver_updates;
  int64_t commit_ms = 0;  // driver time after the last job (a write's job commit) before the end
};

struct JobSpec {
  std::vector<int32_t> stages;          // run in this order (indexes into Scenario::stages)
  std::vector<int32_t> skipped_stages;  // listed by JobStart but computed by an earlier job
  int32_t sql = -1;                     // index into Scenario::sql, or -1
  int64_t gap_before_ms = 300;          // driver-only time before JobStart
  std::string call_site;                // "Details" of its stages; empty: the scenario's default
  int32_t add_executors = 0;            // registered before the job (dynamic allocation)
  int32_t remove_executors = 0;         // idle executors released before the job
};

// A job that fails ends the application: the driver program gets the
// exception and exits (the remaining jobs do not run).
struct Scenario {
  std::string name;       // file stem in samples/diagnosis
  std::string pathology;  // one line
  uint64_t seed = 1;
  AppSpec app;
  ClusterSpec cluster;
  std::vector<Property> spark_properties;  // the complete "Spark Properties"
  std::string call_site;                   // default "Details" of stages
  std::vector<StageSpec> stages;
  std::vector<SqlSpec> sql;
  std::vector<JobSpec> jobs;
};

}  // namespace sparkdx::samples

#endif  // SPARKDX_SAMPLES_GEN_SCENARIO_H_
