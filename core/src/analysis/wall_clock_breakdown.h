// WallClockBreakdown: where the wall-clock time of an application (or of one
// job or SQL execution) went, as parts that sum to exactly its duration.
//
// Method. Time is cut into segments at every task launch and finish,
// executor arrival and departure, job start and end, and stage "tail" start
// (below). In a segment of length dt with k tasks running on S slots
// (S raised to k when tasks ran on unknown slots):
//   - k == 0: the segment is driver time, or waiting for executors when a
//     job was waiting and no executor slot was alive;
//   - k > 0: each running task owns dt / S, split by what that task spent
//     its time on (GC, shuffle fetch wait, shuffle write, spill, scheduling
//     and (de)serialisation, compute; failed and killed attempts entirely
//     as failed attempts); the (S - k) idle slots' dt * (S - k) / S is skew
//     tail when every running task belongs to a stage in its tail, else
//     idle slots.
// A stage is in its tail once it has launched every task and outlived what
// balanced tasks would need: max(median task x waves, total task time /
// usable slots) after its first launch, where usable slots is the most
// tasks it ran at once. Spill time is not in Spark's metrics; it is
// estimated from disk bytes spilled at kSpillBytesPerSecond (written and
// read back), capped by the task's run time left after GC and fetch wait.
// For a job or SQL execution only its own tasks count as running: slots
// used by concurrent work are idle from its point of view.
#ifndef SPARKDX_ANALYSIS_WALL_CLOCK_BREAKDOWN_H_
#define SPARKDX_ANALYSIS_WALL_CLOCK_BREAKDOWN_H_

#include <cstdint>
#include <functional>
#include <vector>

#include "analysis/app_window.h"
#include "analysis/executor_slots.h"
#include "analysis/stage_task_stats.h"
#include "status/app_status.h"

namespace sparkdx {

// The closed set of parts; the table drives names and order in reports.
// X(enumerator, key, label)
#define SPARKDX_WALL_CLOCK_PARTS(X)                                                     \
  X(kDriver, "driver", "driver / no task running")                                       \
  X(kWaitingForExecutors, "waiting_for_executors", "waiting for executors")              \
  X(kCompute, "compute", "task compute")                                                 \
  X(kGc, "gc", "JVM garbage collection")                                                 \
  X(kShuffleFetchWait, "shuffle_fetch_wait", "shuffle fetch wait")                       \
  X(kShuffleWrite, "shuffle_write", "shuffle write")                                     \
  X(kSpill, "spill", "spill to disk (estimated)")                                        \
  X(kSchedulingAndSerialization, "scheduling_and_serialization",                         \
    "scheduler delay and (de)serialisation")                                             \
  X(kFailedAttempts, "failed_attempts", "failed and killed task attempts")               \
  X(kSkewTail, "skew_tail", "skew tail (slots idle while stages wait on slow tasks)")     \
  X(kIdleSlots, "idle_slots", "idle executor slots")

enum class WallClockPart : uint8_t {
#define SPARKDX_PART_ENUM(e, key, label) e,
  SPARKDX_WALL_CLOCK_PARTS(SPARKDX_PART_ENUM)
#undef SPARKDX_PART_ENUM
  kCount
};
inline constexpr int kWallClockPartCount = static_cast<int>(WallClockPart::kCount);
const char* WallClockPartKey(WallClockPart part);
const char* WallClockPartLabel(WallClockPart part);

// Disk spill is written once and read back once at this rate (a local SSD
// under concurrent use; documented in docs/diagnosis.md).
inline constexpr double kSpillBytesPerSecond = 200.0 * 1024 * 1024;

// A stretch of wall clock with no task running.
struct NoTaskGap {
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  bool waiting_for_executors = false;
  int64_t duration_ms() const { return end_ms - start_ms; }
};

struct SlotSample {
  int64_t start_ms = 0;
  double alive_slots = 0;  // average over the sample's interval
  double busy_slots = 0;
};

struct WallClockBreakdown {
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  // Milliseconds per part, rounded so they sum to end_ms - start_ms.
  int64_t part_ms[kWallClockPartCount] = {};
  int64_t busy_slot_ms = 0;   // task attempt time inside the window
  int64_t alive_slot_ms = 0;  // slot time alive inside the window (S raised to k)
  // Where the idle slot time (alive minus busy) fell: while no task ran,
  // while stages waited on their tails, and otherwise.
  int64_t idle_slot_ms_no_task = 0;
  int64_t idle_slot_ms_skew_tail = 0;
  int64_t idle_slot_ms_unused = 0;
  std::vector<NoTaskGap> gaps;        // when requested: gaps of at least gap_min_ms, in time order
  std::vector<SlotSample> samples;    // when requested: alive vs busy slots over time

  int64_t duration_ms() const { return end_ms - start_ms; }
  int64_t Of(WallClockPart part) const { return part_ms[static_cast<int>(part)]; }
  double ShareOf(WallClockPart part) const {
    return duration_ms() > 0 ? static_cast<double>(Of(part)) / static_cast<double>(duration_ms()) : 0;
  }
};

struct BreakdownScope {
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  // Which stage attempts' tasks count (index into the StageTaskStats list).
  std::function<bool(const StageTaskStats&)> includes;
  // Job activity decides "waiting for executors"; a job or SQL scope is
  // always active.
  bool always_active = false;
  int64_t gap_min_ms = -1;  // collect no-task gaps at least this long; -1: none
  int sample_count = 0;     // slot samples to produce; 0: none
};

WallClockBreakdown ComputeBreakdown(const AppStatus& status, const std::vector<StageTaskStats>& stages,
                                    const ExecutorSlotsSummary& slots, const BreakdownScope& scope);

}  // namespace sparkdx

#endif  // SPARKDX_ANALYSIS_WALL_CLOCK_BREAKDOWN_H_
