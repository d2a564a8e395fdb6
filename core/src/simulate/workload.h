// SimWorkload: what the scheduler simulator replays, extracted once per
// application from the model and its analysis (docs/simulation.md): jobs
// with how they were anchored in time (after the job before them, or
// alongside a job they overlapped), stage attempts with their parents in
// the same job, the driver-side delays the log shows around them, and each
// stage attempt's task attempts in launch order.
//
// Task records are decoded once per stage attempt here; every scenario
// reads these compact copies (about 56 bytes per task attempt, freed with
// the workload).
#ifndef SPARKDX_SIMULATE_WORKLOAD_H_
#define SPARKDX_SIMULATE_WORKLOAD_H_

#include <cstdint>
#include <vector>

#include "analysis/app_analysis.h"

namespace sparkdx::simulate {

// One task attempt as the simulator needs it. All values are clamped to
// [0, kMaxTaskQuantity] (analysis/stage_task_stats.h).
struct SimTask {
  int64_t duration_ms = 0;           // launch to finish
  int64_t gc_ms = 0;
  int64_t spill_ms = 0;              // estimated as the breakdown does (kSpillBytesPerSecond)
  int64_t memory_spilled_bytes = 0;
  int64_t peak_execution_bytes = 0;
  int64_t shuffle_read_bytes = 0;
  bool successful = true;            // else failed, killed or still running: extra work
};

struct SimStage {
  int32_t stage_id = -1;
  int32_t attempt_id = 0;
  int32_t job = -1;              // index into SimWorkload::jobs
  std::vector<int32_t> parents;  // indexes into SimWorkload::stages, same job
  std::vector<int32_t> children;
  // Driver-side delays kept fixed in every scenario: submission after it
  // could have started (job submitted, parents done), plus its first
  // task's wait when no other stage's task was running then (the driver,
  // not slots, held it back); completion after its last task finished. A
  // stage without tasks takes fixed_ms.
  int64_t ready_lag_ms = 0;
  int64_t tail_ms = 0;
  int64_t fixed_ms = 0;
  std::vector<SimTask> tasks;    // every attempt, in launch order
  // Its tasks read shuffle data of a SQL exchange, so
  // spark.sql.shuffle.partitions decides how many there are.
  bool shuffle_partitioned = false;
  int64_t observed_submit_ms = -1;
  int64_t observed_end_ms = -1;
  int64_t observed_first_launch_ms = -1;  // -1: no task
  int64_t observed_last_finish_ms = -1;
};

enum class JobAnchor : uint8_t {
  kAppStart,       // offset after the application started
  kAfterJobEnd,    // offset after anchor_job ended (it ran after it in the log)
  kWithJobSubmit,  // offset after anchor_job was submitted (they overlapped)
};

struct SimJob {
  int32_t job_id = -1;
  JobAnchor anchor = JobAnchor::kAppStart;
  int32_t anchor_job = -1;  // index into SimWorkload::jobs
  int64_t anchor_offset_ms = 0;
  int64_t tail_ms = 0;      // completion after its last stage (or its submission)
  std::vector<int32_t> stages;
  int64_t observed_submit_ms = -1;
  int64_t observed_end_ms = -1;
};

// Clock differences between driver events and task times stay within this.
inline constexpr int64_t kTaskTimeToleranceMs = 1000;

struct SimWorkload {
  int64_t start_ms = 0;  // the application's window
  int64_t end_ms = 0;
  int64_t end_tail_ms = 0;  // window end after the last job ended
  // Sorted by job id; stages sorted by (job, stage id, attempt), which is
  // also Spark's FIFO priority.
  std::vector<SimJob> jobs;
  std::vector<SimStage> stages;

  int64_t task_attempts = 0;        // in stages the simulator replays
  int64_t tasks_outside_jobs = 0;   // task attempts of stages no job ran
  int64_t tasks_running_at_end = 0;
  // Task attempts launched before their stage was submitted or finished
  // after it completed (beyond kTaskTimeToleranceMs): a damaged or edited log.
  int64_t tasks_outside_stage = 0;
  int64_t tasks_executor_lost = 0;  // attempts failed because their executor was lost
  bool concurrent_jobs = false;     // some job was submitted before an earlier one ended
};

SimWorkload BuildWorkload(const AppAnalysis& analysis);

}  // namespace sparkdx::simulate

#endif  // SPARKDX_SIMULATE_WORKLOAD_H_
