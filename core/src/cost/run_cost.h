// RunCost: the money of one application: its total under the decided
// pricing (cluster_pricing.h), the waste in money split by cause and
// attributed to stages and SQL executions, and the right-sizing of
// executor memory from observed peaks. The report's "cost" section
// (report/cost_json.cc, docs/report.md, docs/cost.md) shows it.
//
// Waste. Executor money buys slot time (analysis/wall_clock_breakdown.h:
// alive slot-ms); each cause's slot-ms costs its share of the executors'
// money (the driver's wall-clock charge is not waste):
//   idle_slots       alive slots with no task, outside stage tails
//   skew_tail        slots idle while every running stage waited on its tail
//   failed_attempts  failed and killed attempts, except speculation's
//   speculation      killed attempts of task indexes that had a speculative copy
// Stages get their failed / speculative attempts exactly and the skew tail
// apportioned by each stage's unused slot time at its peak concurrency;
// SQL executions get their stages' waste plus the idle slot time while
// they ran (scaled so executions never claim more than the application's).
#ifndef SPARKDX_COST_RUN_COST_H_
#define SPARKDX_COST_RUN_COST_H_

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/app_analysis.h"
#include "cost/cluster_pricing.h"
#include "sparkdx/options.h"

namespace sparkdx::cost {

// The closed set of waste causes; X(enumerator, key, label).
#define SPARKDX_WASTE_CAUSES(X)                                                        \
  X(kIdleSlots, "idle_slots", "idle executor cores")                                   \
  X(kSkewTail, "skew_tail", "skew tails (cores idle while stages wait on slow tasks)") \
  X(kFailedAttempts, "failed_attempts", "failed and killed task attempts, retries")    \
  X(kSpeculation, "speculation", "speculative copies that lost")

enum class WasteCause : uint8_t {
#define SPARKDX_WASTE_ENUM(e, key, label) e,
  SPARKDX_WASTE_CAUSES(SPARKDX_WASTE_ENUM)
#undef SPARKDX_WASTE_ENUM
      kCount
};
inline constexpr int kWasteCauseCount = static_cast<int>(WasteCause::kCount);
const char* WasteCauseKey(WasteCause cause);
const char* WasteCauseLabel(WasteCause cause);

// How many stages and SQL executions the waste lists (the largest).
inline constexpr int kWasteTopCount = 5;
// Right-sizing proposes the observed peak plus this share.
inline constexpr double kRightSizingHeadroom = 0.20;

struct WasteTarget {
  int64_t id = -1;         // stage id or SQL execution id
  int32_t attempt_id = 0;  // stages only
  std::string name;        // stage name or SQL description (cut)
  std::array<int64_t, kWasteCauseCount> slot_ms{};
  int64_t total_slot_ms() const;
};

struct RightSizing {
  bool available = false;
  std::string reason;               // when not available
  int64_t peak_heap_bytes = 0;      // max over executors of JVMHeapMemory
  int64_t peak_off_heap_bytes = 0;  // JVMOffHeapMemory + off-heap unified + Python/other process RSS
  int64_t peak_rss_bytes = 0;       // ProcessTreeJVMRSSMemory, 0 when not recorded
  int32_t executors_with_peaks = 0;
  int64_t current_heap_bytes = 0, current_overhead_bytes = 0;
  int64_t proposed_heap_bytes = 0, proposed_overhead_bytes = 0;
  double memory_gib_hours_saved = 0;     // >= 0
  std::optional<double> usd_saved;       // when priced
  int executors_per_instance_after = 0;  // instance pricing only
};

struct RunCost {
  PricingDecision decision;
  ResourceUse use;
  std::optional<double> total_usd;  // when priced
  double driver_usd = 0, executors_usd = 0;
  int64_t alive_slot_ms = 0, busy_slot_ms = 0;
  std::array<int64_t, kWasteCauseCount> waste_slot_ms{};
  double usd_per_slot_hour = 0;     // executors' money per slot-hour
  std::vector<WasteTarget> stages;  // the top kWasteTopCount by waste
  std::vector<WasteTarget> sql_executions;
  RightSizing right_sizing;

  double WasteUsd(int64_t slot_ms) const { return usd_per_slot_hour * static_cast<double>(slot_ms) / 3.6e6; }
};

RunCost ComputeRunCost(const AppAnalysis& analysis, const CostOptions& options);

}  // namespace sparkdx::cost

#endif  // SPARKDX_COST_RUN_COST_H_
