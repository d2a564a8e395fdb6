// Internal to the simulator: the state shared by its parts (executors,
// task work, the stage runner, the application flow) and their functions.
// Not for scenarios.
#ifndef SPARKDX_SAMPLES_GEN_SIM_STATE_H_
#define SPARKDX_SAMPLES_GEN_SIM_STATE_H_

#include <cstdint>
#include <limits>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "event_writer.h"
#include "plan_render.h"
#include "rng.h"
#include "scenario.h"
#include "simulator.h"

namespace sparkdx::samples::internal {

inline constexpr int64_t kHeartbeatMs = 10000;  // tasks shorter than this report no executor metric peaks
inline constexpr int32_t kMaxTaskFailures = 4;  // spark.task.maxFailures

struct ExecutorState {
  std::string id;
  std::string host;
  int32_t cores = 0;
  int32_t port = 0;
  std::string container_id;
  int64_t added_ms = 0;
  bool alive = true;
  bool dying = false;           // its process is gone; the driver has not noticed yet
  int32_t jitter_permille = 0;  // its own variation of memory peaks, 0..25
  int64_t gc_total_ms = 0;      // JVM GC time of the tasks finished on it (GC counters are cumulative)
  bool in_stage = false;        // alive during the current stage attempt
  bool ran_in_stage = false;    // ran a task of the current stage attempt
};

struct PendingExecutor {
  int64_t time_ms = 0;
  std::string host;
};

struct StageState {
  int32_t stage_id = -1;  // given by the first job that runs it
  int32_t attempts = 0;
  int32_t shuffle_id = -1;
  std::vector<RddInfoValues> rdds;
  // Shuffle map stages: where each partition's output lives (executor
  // index, -1: lost or never computed) and the map task that wrote it.
  std::vector<int32_t> output_executor;
  std::vector<int64_t> output_task_id;
};

struct SqlState {
  int64_t execution_id = -1;
  PlanIds ids;
  int32_t jobs_total = 0;
  int32_t jobs_done = 0;
  std::string error_message;  // set when a job of the execution failed
};

struct SimState {
  explicit SimState(const Scenario& s)
      : scenario(s),
        rng(s.seed),
        cut_ms(s.app.log_cut_ms >= 0 ? s.app.start_ms + s.app.log_cut_ms : std::numeric_limits<int64_t>::max()) {}

  // Appends one event line, unless the log has been cut before `time_ms`.
  void Emit(int64_t time_ms, const std::string& line);
  bool Written(int64_t time_ms) const { return time_ms <= cut_ms; }

  const Scenario& scenario;
  Rng rng;
  std::string out;
  int64_t cut_ms;
  int64_t last_time_ms = 0;
  LogSummary summary;
  std::set<int32_t> stage_ids_seen;
  std::set<std::pair<int32_t, int32_t>> stage_attempts_seen;

  std::vector<ExecutorState> executors;
  std::vector<PendingExecutor> pending;  // ordered by time
  int32_t next_executor_number = 1;
  int32_t next_container = 2;  // 000001 is the YARN application master
  int32_t next_new_host = 0;   // replacement hosts after the scenario's last

  int64_t next_task_id = 0;
  int64_t next_accumulator_id = 1;
  int32_t next_rdd_id = 0;
  int32_t next_scope_id = 0;
  int32_t next_shuffle_id = 0;
  int32_t next_stage_id = 0;
  std::vector<StageState> stages;
  std::vector<SqlState> sql;
  std::map<int64_t, int64_t> accumulator_totals;  // SQL metric accumulators' driver-side values
  int64_t now_ms = 0;
};

// --- executors.cc ---

// Registers (ExecutorAdded, BlockManagerAdded) every pending executor due by
// `time_ms`; their indexes go to `added`.
void AddExecutorsUntil(SimState* s, int64_t time_ms, std::vector<int32_t>* added);
void ScheduleExecutor(SimState* s, int64_t time_ms, const std::string& host);
// ExecutorRemoved + BlockManagerRemoved; the executor runs nothing more.
void RemoveExecutor(SimState* s, int32_t index, int64_t time_ms, const std::string& reason);
// A new host name for replacement executors (after the scenario's hosts).
std::string NewHost(SimState* s);
// Peak executor metrics of `e` during a stage running `stage`.
ExecutorMetricValues ExecutorPeak(const SimState& s, const ExecutorState& e, const StageSpec& stage);
ExecutorMetricValues DriverPeak(const SimState& s);

// --- task_work.cc ---

// The metrics of one task attempt that ran `run_ms` of work whose data is
// `data_permille` of the stage's median, `progress_permille` done.
TaskMetricValues TaskMetrics(SimState* s, const StageSpec& stage, int64_t run_ms, int64_t deserialize_ms,
                             int32_t data_permille, int32_t progress_permille, int32_t parent_map_tasks,
                             int32_t live_executors);
// The SQL metric update `update` describes for a task with metrics `m`.
int64_t SqlQuantity(const SqlTaskUpdate& update, const TaskMetricValues& m);
// The accumulator id of `metric` on `node` of execution `sql` (aborts on a
// scenario naming a metric the node does not have).
int64_t SqlMetricId(const SimState& s, int32_t sql, int32_t node, const std::string& metric);

// --- stage_runner.cc ---

struct JobContext {
  int32_t job_id = 0;
  int32_t sql = -1;
  std::string properties_json;
  std::string call_site;
  // Stage ids in this job by stage index: the stages it runs and, under
  // fresh ids, the ones it lists as already computed (skipped).
  std::map<int32_t, int32_t> stage_ids;
  // Set when a stage aborts: the JobFailed message, and TaskKilled lines
  // to write after the JobEnd (time, line).
  std::string abort_message;
  std::vector<std::pair<int64_t, std::string>> after_job_end;
};

// Runs the stage (and, after a fetch failure, its parent's lost partitions
// and its own second attempt). Returns false if the stage aborted.
bool RunStage(SimState* s, int32_t stage_index, JobContext* job);
// The stage info of a stage (attempt `attempt`, `num_tasks`) as job `job`
// lists it.
StageInfoValues StageInfo(SimState* s, int32_t stage_index, int32_t attempt, int32_t num_tasks, const JobContext& job);

[[noreturn]] void Fail(const std::string& message);

}  // namespace sparkdx::samples::internal

#endif  // SPARKDX_SAMPLES_GEN_SIM_STATE_H_
