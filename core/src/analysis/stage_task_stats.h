// StageTaskStats: per stage attempt, the exact distributions of what its
// successful tasks did, plus what failed and killed attempts cost. The
// diagnosis rules read these instead of decoding task records themselves.
//
// Distributions cover successful attempts only: a failed or killed attempt
// is cut short or duplicated work, and counting it would make retries look
// like skew.
#ifndef SPARKDX_ANALYSIS_STAGE_TASK_STATS_H_
#define SPARKDX_ANALYSIS_STAGE_TASK_STATS_H_

#include <algorithm>
#include <cstdint>
#include <map>
#include <vector>

#include "analysis/distribution.h"
#include "base/saturating.h"
#include "model/task_record.h"
#include "status/app_status.h"

namespace sparkdx {

// One per-task quantity; kCount sizes the table. To add one, add a row here
// and its value in TaskQuantityValue (stage_task_stats.cc).
enum class TaskQuantity : uint8_t {
  kDurationMs,           // launch to finish
  kRunTimeMs,            // executor run time
  kGcTimeMs,
  kSchedulerDelayMs,     // duration minus run, (de)serialisation and result fetch
  kInputBytes,
  kInputRecords,
  kShuffleReadBytes,     // local + remote
  kShuffleReadRecords,
  kShuffleFetchWaitMs,
  kShuffleWriteBytes,
  kOutputBytes,
  kMemorySpilledBytes,
  kDiskSpilledBytes,
  kPeakExecutionMemoryBytes,
  kCount
};
inline constexpr int kTaskQuantityCount = static_cast<int>(TaskQuantity::kCount);
// A task's value of `quantity`, clamped to [0, kMaxTaskQuantity] so sums
// and products over a damaged log stay in range.
inline constexpr int64_t kMaxTaskQuantity = int64_t{1} << 40;
int64_t TaskQuantityValue(const TaskRecord& task, TaskQuantity quantity);
// launch to finish, clamped to [0, kMaxTaskQuantity].
int64_t BoundedDurationMs(const TaskRecord& task);
const char* TaskQuantityName(TaskQuantity quantity);  // "duration_ms", ...

// What one executor did within one stage attempt (successful tasks).
struct ExecutorInStage {
  int32_t tasks = 0;
  int64_t duration_ms = 0;
  int64_t data_bytes = 0;  // input + shuffle read
};

struct StageTaskStats {
  int32_t stage_id = -1;
  int32_t attempt_id = 0;
  const StageStatusData* stage = nullptr;

  int32_t succeeded = 0;
  int32_t failed = 0;
  int32_t killed = 0;
  int32_t speculative = 0;       // speculative attempts launched
  int32_t running_at_end = 0;
  int64_t succeeded_task_ms = 0;  // summed durations
  int64_t failed_task_ms = 0;
  int64_t killed_task_ms = 0;

  // Span of all attempts: first launch to last finish (-1 when no task).
  int64_t first_launch_ms = -1;
  int64_t last_launch_ms = -1;
  int64_t last_finish_ms = -1;
  int64_t span_ms() const {
    return first_launch_ms < 0 ? 0 : std::clamp<int64_t>(SatSub(last_finish_ms, first_launch_ms), 0, int64_t{1} << 40);
  }
  // Most task attempts running at once within this stage attempt.
  int32_t peak_concurrency = 0;

  Distribution quantities[kTaskQuantityCount];
  const Distribution& Of(TaskQuantity q) const { return quantities[static_cast<int>(q)]; }

  // The successful attempt that ran longest (ties: the first seen).
  TaskRecord longest;
  bool has_longest = false;

  std::map<uint32_t, ExecutorInStage> by_executor;  // executor index -> work
};

// Stats for every stage attempt of the application, in (stage, attempt) order.
std::vector<StageTaskStats> ComputeStageTaskStats(const AppStatus& status);

}  // namespace sparkdx

#endif  // SPARKDX_ANALYSIS_STAGE_TASK_STATS_H_
