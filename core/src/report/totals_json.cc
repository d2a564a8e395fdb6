#include "report/totals_json.h"

#include <cstdint>

#include "analysis/stage_task_stats.h"

namespace sparkdx {

nlohmann::ordered_json TotalsJson(const AppAnalysis& analysis) {
  int64_t attempts = 0, failed = 0, killed = 0;
  uint64_t memory_spilled = 0, disk_spilled = 0;
  for (const StageTaskStats& s : analysis.stages) {
    attempts += int64_t{s.succeeded} + s.failed + s.killed;
    failed += s.failed;
    killed += s.killed;
    // The same attempts StageTaskStats counts; each value is clamped to
    // 2^40, so the sums cannot overflow for any log that fits in memory.
    s.stage->tasks.ForEach([&](const TaskRecord& t) {
      if (!t.started || t.running) return;
      memory_spilled += static_cast<uint64_t>(TaskQuantityValue(t, TaskQuantity::kMemorySpilledBytes));
      disk_spilled += static_cast<uint64_t>(TaskQuantityValue(t, TaskQuantity::kDiskSpilledBytes));
    });
  }
  return nlohmann::ordered_json{{"task_attempts", attempts},
                                {"failed_task_attempts", failed},
                                {"killed_task_attempts", killed},
                                {"bytes_spilled_memory", memory_spilled},
                                {"bytes_spilled_disk", disk_spilled}};
}

}  // namespace sparkdx
