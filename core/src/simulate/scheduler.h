// The scheduler simulator: replays a workload's task attempts on executor
// slots, as Spark's FIFO scheduler would hand them out (docs/simulation.md).
//
// Model. Slots form one pool (locality is not modelled). A stage becomes
// ready ready_lag_ms after its job was submitted and its parents in the
// job completed; its task attempts are dispatched in launch order, the
// ready stage of the earliest job (then lowest stage id) first, each on the
// first free slot (greedy list scheduling). A stage completes tail_ms
// after its last task; a job tail_ms after its last stage. Jobs start at
// their anchor (after the job before them ended, or with the job they
// overlapped, plus the observed offset): driver time never scales with
// executors. Cost: O(task attempts x log(slots + stages + executors)).
#ifndef SPARKDX_SIMULATE_SCHEDULER_H_
#define SPARKDX_SIMULATE_SCHEDULER_H_

#include <cstdint>
#include <optional>
#include <vector>

#include "simulate/workload.h"

namespace sparkdx::simulate {

// An executor of a static plan, in the log's absolute time. It is alive from
// start_ms until end_ms, or until the run ends when end_ms is -1.
struct PlannedExecutor {
  int64_t start_ms = 0;
  int64_t end_ms = -1;
  int32_t slots = 1;
  int32_t cores = 1;
};

// Spark's dynamic allocation, simplified: the executor target follows the
// backlog (running + ready tasks / slots per executor) within [min, max];
// requested executors arrive startup_ms later; executors beyond the target
// for idle_timeout_ms are removed (only while idle: free slots).
struct DynamicPlan {
  int32_t min_executors = 0;
  int32_t max_executors = 1;
  int32_t initial_executors = 0;
  int64_t first_arrival_ms = 0;  // when the initial executors arrive (absolute)
  int64_t startup_ms = 1000;
  int64_t idle_timeout_ms = 60'000;
};

struct ExecutorPlan {
  std::vector<PlannedExecutor> executors;  // static plan (ignored when dynamic is set)
  std::optional<DynamicPlan> dynamic;
  int32_t slots_per_executor = 1;  // dynamic plan
  int32_t cores_per_executor = 1;  // dynamic plan
};

struct SimRun {
  bool finished = true;      // false: work was left with no slot ever to run it
  int64_t wall_clock_ms = 0;  // application start to end
  double executor_ms = 0;    // executors alive x time, within the run
  double core_ms = 0;        // executor cores alive x time, within the run
  int32_t peak_executors = 0;
  // When each job and stage attempt ended in the simulation (absolute ms,
  // -1: never), indexed as the workload's jobs and stages.
  std::vector<int64_t> job_end_ms;
  std::vector<int64_t> stage_end_ms;
};

// `durations[s]` are the task times of workload.stages[s] in dispatch order
// (a scenario may change their number and values).
SimRun RunSchedule(const SimWorkload& workload, const std::vector<std::vector<int64_t>>& durations,
                   const ExecutorPlan& plan);

}  // namespace sparkdx::simulate

#endif  // SPARKDX_SIMULATE_SCHEDULER_H_
