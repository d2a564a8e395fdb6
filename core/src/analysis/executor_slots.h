// ExecutorSlots: when each executor could run tasks and how many at once.
// Slots are cores / spark.task.cpus, raised to the most tasks the executor
// was seen running at once (a log may omit cores: local mode's driver, old
// Spark). The driver counts only if it ran tasks (local mode).
#ifndef SPARKDX_ANALYSIS_EXECUTOR_SLOTS_H_
#define SPARKDX_ANALYSIS_EXECUTOR_SLOTS_H_

#include <cstdint>
#include <vector>

#include "analysis/app_window.h"
#include "base/saturating.h"
#include "status/app_status.h"

namespace sparkdx {

struct ExecutorSlots {
  uint32_t executor = 0;  // index into AppStatus::executors
  int64_t start_ms = 0;   // added (or its first task), clipped to the window
  int64_t end_ms = 0;     // removed (or the end of the window)
  int32_t slots = 0;
  int64_t slot_ms() const { return SatMul(end_ms - start_ms, slots); }
};

struct ExecutorSlotsSummary {
  std::vector<ExecutorSlots> executors;  // executors that had slots, in table order
  int64_t slot_ms = 0;            // sum over executors of lifetime x slots
  int32_t peak_slots = 0;         // most slots alive at once
  int64_t first_slot_ms = -1;     // when the first slot became available
};

ExecutorSlotsSummary ComputeExecutorSlots(const AppStatus& status, const AppWindow& window, int32_t task_cpus);

}  // namespace sparkdx

#endif  // SPARKDX_ANALYSIS_EXECUTOR_SLOTS_H_
