// The money of a run (see run_cost.h and docs/cost.md).
#include "cost/run_cost.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "base/saturating.h"

namespace sparkdx::cost {
namespace {

constexpr double kBytesPerGib = 1024.0 * 1024.0 * 1024.0;
// Names in the waste lists are cut to this many bytes (SQL descriptions
// can be whole queries).
constexpr size_t kMaxNameBytes = 80;
// Proposals are rounded up to these steps, as people write them.
constexpr int64_t kHeapStepBytes = 256 * kMiB;
constexpr int64_t kOverheadStepBytes = 128 * kMiB;
// Spark refuses an executor heap below 1.5 x its reserved 300 MiB.
constexpr int64_t kMinExecutorHeapBytes = 450 * kMiB;

std::string Cut(const std::string& text) {
  if (text.size() <= kMaxNameBytes) return text;
  size_t end = kMaxNameBytes;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;  // keep UTF-8 whole
  return text.substr(0, end) + "...";
}

int64_t RoundUp(double bytes, int64_t step) {
  double steps = std::ceil(bytes / static_cast<double>(step));
  return static_cast<int64_t>(std::min(steps, 1e9)) * step;
}

void Waste(WasteTarget* target, WasteCause cause, int64_t slot_ms) {
  int64_t& slot = target->slot_ms[static_cast<int>(cause)];
  slot = SatAdd(slot, slot_ms);
}

// Failed and speculative attempts per stage attempt, exactly; the skew tail
// apportioned by unused slot time at peak concurrency.
std::vector<WasteTarget> StageWaste(const AppAnalysis& analysis) {
  std::vector<WasteTarget> stages;
  std::vector<double> unused;
  double unused_total = 0;
  for (const StageTaskStats& stats : analysis.stages) {
    WasteTarget target;
    target.id = stats.stage_id;
    target.attempt_id = stats.attempt_id;
    if (stats.stage != nullptr) {
      target.name = Cut(stats.stage->info.name);
      std::set<int32_t> speculated;
      stats.stage->tasks.ForEach([&](const TaskRecord& t) {
        if (t.speculative) speculated.insert(t.index);
      });
      stats.stage->tasks.ForEach([&](const TaskRecord& t) {
        if (!t.started || t.running || (!t.failed && !t.killed)) return;
        bool lost_race = t.killed && speculated.count(t.index) > 0;
        Waste(&target, lost_race ? WasteCause::kSpeculation : WasteCause::kFailedAttempts, BoundedDurationMs(t));
      });
    }
    int64_t attempts_ms = SatAdd(SatAdd(stats.succeeded_task_ms, stats.failed_task_ms), stats.killed_task_ms);
    double held = static_cast<double>(stats.span_ms()) * std::max(0, stats.peak_concurrency);
    double idle = std::max(0.0, held - static_cast<double>(attempts_ms));
    unused.push_back(idle);
    unused_total += idle;
    stages.push_back(std::move(target));
  }
  const double tail = static_cast<double>(analysis.breakdown.idle_slot_ms_skew_tail);
  if (unused_total > 0 && tail > 0) {
    for (size_t i = 0; i < stages.size(); ++i) {
      Waste(&stages[i], WasteCause::kSkewTail, std::llround(tail * unused[i] / unused_total));
    }
  }
  return stages;
}

std::vector<WasteTarget> SqlWaste(const AppAnalysis& analysis, const std::vector<WasteTarget>& stages) {
  std::vector<WasteTarget> executions;
  double idle_claimed = 0;
  for (const auto& [id, execution] : analysis.status->sql_executions) {
    WasteTarget target;
    target.id = id;
    target.name = Cut(execution.description.value_or(""));
    for (const WasteTarget& stage : stages) {
      if (execution.stages.count(static_cast<int32_t>(stage.id)) == 0) continue;
      for (int c = 0; c < kWasteCauseCount; ++c) {
        if (c == static_cast<int>(WasteCause::kIdleSlots)) continue;
        Waste(&target, static_cast<WasteCause>(c), stage.slot_ms[c]);
      }
    }
    auto breakdown = analysis.sql_breakdowns.find(id);
    if (breakdown != analysis.sql_breakdowns.end()) {
      int64_t idle = SatAdd(breakdown->second.idle_slot_ms_no_task, breakdown->second.idle_slot_ms_unused);
      Waste(&target, WasteCause::kIdleSlots, idle);
      idle_claimed += static_cast<double>(idle);
    }
    executions.push_back(std::move(target));
  }
  // Concurrent executions each see the others' slots as idle: scale so the
  // executions never claim more idle time than the application had.
  const double app_idle =
      static_cast<double>(SatAdd(analysis.breakdown.idle_slot_ms_no_task, analysis.breakdown.idle_slot_ms_unused));
  if (idle_claimed > app_idle && idle_claimed > 0) {
    for (WasteTarget& target : executions) {
      int64_t& idle = target.slot_ms[static_cast<int>(WasteCause::kIdleSlots)];
      idle = std::llround(static_cast<double>(idle) * app_idle / idle_claimed);
    }
  }
  return executions;
}

std::vector<WasteTarget> Top(std::vector<WasteTarget> targets) {
  targets.erase(
      std::remove_if(targets.begin(), targets.end(), [](const WasteTarget& t) { return t.total_slot_ms() <= 0; }),
      targets.end());
  std::stable_sort(targets.begin(), targets.end(),
                   [](const WasteTarget& a, const WasteTarget& b) { return a.total_slot_ms() > b.total_slot_ms(); });
  if (targets.size() > static_cast<size_t>(kWasteTopCount)) targets.resize(kWasteTopCount);
  return targets;
}

RightSizing ComputeRightSizing(const AppAnalysis& analysis, const RunCost& cost) {
  RightSizing sizing;
  const ClusterShape& shape = cost.decision.shape;
  sizing.current_heap_bytes = shape.executor_heap_bytes;
  sizing.current_overhead_bytes = shape.executor_overhead_bytes;
  for (const ExecutorStatusData& e : analysis.status->executors) {
    if (e.id == "driver" || !e.peak.IsSet() || e.peak[ExecutorMetric::kJvmHeapMemory] <= 0) continue;
    ++sizing.executors_with_peaks;
    const ExecutorMetrics& p = e.peak;
    sizing.peak_heap_bytes = std::max(sizing.peak_heap_bytes, p[ExecutorMetric::kJvmHeapMemory]);
    int64_t off_heap =
        SatAdd(SatAdd(p[ExecutorMetric::kJvmOffHeapMemory], p[ExecutorMetric::kOffHeapUnifiedMemory]),
               SatAdd(p[ExecutorMetric::kProcessTreePythonRssMemory], p[ExecutorMetric::kProcessTreeOtherRssMemory]));
    sizing.peak_off_heap_bytes = std::max(sizing.peak_off_heap_bytes, off_heap);
    sizing.peak_rss_bytes = std::max(sizing.peak_rss_bytes, p[ExecutorMetric::kProcessTreeJvmRssMemory]);
  }
  if (sizing.executors_with_peaks == 0) {
    sizing.reason =
        "the log has no executor memory peaks (JVMHeapMemory): they need Spark 3.0+ and executor metrics in the "
        "event log (spark.eventLog.logStageExecutorMetrics=true)";
    return sizing;
  }
  if (shape.local_mode) {
    sizing.reason = "local mode: the driver runs the tasks, executor memory settings do not apply";
    return sizing;
  }
  sizing.available = true;
  const double factor = 1 + kRightSizingHeadroom;
  sizing.proposed_heap_bytes =
      std::max(kMinExecutorHeapBytes, RoundUp(sizing.peak_heap_bytes * factor, kHeapStepBytes));
  // YARN and Kubernetes kill a container whose process tree outgrows heap
  // + overhead: the overhead also covers the observed RSS beyond the heap.
  double overhead_need = std::max(sizing.peak_off_heap_bytes * factor,
                                  sizing.peak_rss_bytes * factor - static_cast<double>(sizing.proposed_heap_bytes));
  sizing.proposed_overhead_bytes = std::max(kSparkMinOverheadBytes, RoundUp(overhead_need, kOverheadStepBytes));
  // Never propose more than is configured: the used heap reaching the
  // heap's size (garbage included) says nothing about needing more.
  sizing.proposed_heap_bytes = std::min(sizing.proposed_heap_bytes, sizing.current_heap_bytes);
  sizing.proposed_overhead_bytes = std::min(sizing.proposed_overhead_bytes, sizing.current_overhead_bytes);
  const int64_t freed = (sizing.current_heap_bytes + sizing.current_overhead_bytes) -
                        (sizing.proposed_heap_bytes + sizing.proposed_overhead_bytes);
  sizing.memory_gib_hours_saved =
      cost.use.executor_hours * static_cast<double>(std::max<int64_t>(0, freed)) / kBytesPerGib;
  const Pricing& pricing = cost.decision.pricing;
  if (!pricing.known) return sizing;
  double usd = sizing.memory_gib_hours_saved * pricing.usd_per_memory_gib_hour;
  if (cost.decision.executors_per_instance > 0) {
    // Instance pricing: memory saves money only when more executors fit on
    // an instance.
    int after = ExecutorsPerInstance(cost.decision.worker_vcpu, cost.decision.worker_memory_gib, shape.executor_cores,
                                     sizing.proposed_heap_bytes + sizing.proposed_overhead_bytes);
    sizing.executors_per_instance_after = after;
    double per_executor_before = cost.decision.worker_usd_per_hour / cost.decision.executors_per_instance;
    double per_executor_after = cost.decision.worker_usd_per_hour / after;
    usd += cost.use.executor_hours * std::max(0.0, per_executor_before - per_executor_after);
  }
  sizing.usd_saved = usd;
  return sizing;
}

}  // namespace

const char* WasteCauseKey(WasteCause cause) {
  switch (cause) {
#define SPARKDX_WASTE_KEY(e, key, label) \
  case WasteCause::e:                    \
    return key;
    SPARKDX_WASTE_CAUSES(SPARKDX_WASTE_KEY)
#undef SPARKDX_WASTE_KEY
    case WasteCause::kCount:
      break;
  }
  return "";
}

const char* WasteCauseLabel(WasteCause cause) {
  switch (cause) {
#define SPARKDX_WASTE_LABEL(e, key, label) \
  case WasteCause::e:                      \
    return label;
    SPARKDX_WASTE_CAUSES(SPARKDX_WASTE_LABEL)
#undef SPARKDX_WASTE_LABEL
    case WasteCause::kCount:
      break;
  }
  return "";
}

int64_t WasteTarget::total_slot_ms() const {
  int64_t total = 0;
  for (int64_t ms : slot_ms) total = SatAdd(total, ms);
  return total;
}

RunCost ComputeRunCost(const AppAnalysis& analysis, const CostOptions& options) {
  RunCost cost;
  cost.decision = DecidePricing(*analysis.status, analysis.conf, options);
  cost.use = ObservedResourceUse(analysis, cost.decision.shape);
  const Pricing& pricing = cost.decision.pricing;

  const WallClockBreakdown& breakdown = analysis.breakdown;
  cost.alive_slot_ms = breakdown.alive_slot_ms;
  cost.busy_slot_ms = breakdown.busy_slot_ms;
  std::vector<WasteTarget> stages = StageWaste(analysis);
  int64_t failed = 0, speculation = 0;
  for (const WasteTarget& stage : stages) {
    failed = SatAdd(failed, stage.slot_ms[static_cast<int>(WasteCause::kFailedAttempts)]);
    speculation = SatAdd(speculation, stage.slot_ms[static_cast<int>(WasteCause::kSpeculation)]);
  }
  cost.waste_slot_ms[static_cast<int>(WasteCause::kIdleSlots)] =
      SatAdd(breakdown.idle_slot_ms_no_task, breakdown.idle_slot_ms_unused);
  cost.waste_slot_ms[static_cast<int>(WasteCause::kSkewTail)] = breakdown.idle_slot_ms_skew_tail;
  cost.waste_slot_ms[static_cast<int>(WasteCause::kFailedAttempts)] = failed;
  cost.waste_slot_ms[static_cast<int>(WasteCause::kSpeculation)] = speculation;
  cost.sql_executions = Top(SqlWaste(analysis, stages));
  cost.stages = Top(std::move(stages));

  if (pricing.known) {
    cost.total_usd = PriceUsd(pricing, cost.use);
    cost.driver_usd = pricing.usd_per_wall_clock_hour * cost.use.wall_clock_hours;
    cost.executors_usd = *cost.total_usd - cost.driver_usd;
    // In local mode the driver's node is what ran the tasks.
    double slot_money = cost.executors_usd > 0 ? cost.executors_usd : *cost.total_usd;
    if (cost.alive_slot_ms > 0) cost.usd_per_slot_hour = slot_money * 3.6e6 / static_cast<double>(cost.alive_slot_ms);
  }
  cost.right_sizing = ComputeRightSizing(analysis, cost);
  return cost;
}

}  // namespace sparkdx::cost
