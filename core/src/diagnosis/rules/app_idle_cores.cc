// app.idle_cores: executor cores were held while no task used them, both
// while stages ran with fewer tasks than slots and while no task ran at all
// (the driver working alone, executors kept through idle time). Idle slots
// while a stage waits on its slowest tasks are the skew tail, stage.task_skew's.
// It costs core-hours, not wall clock.
//
// Thresholds (ANCHORS §14.6, §14.12): warn when more than 20% of the core
// time held sat unused; ignore runs holding under one core-hour.
#include <algorithm>
#include <cmath>
#include <vector>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"

namespace sparkdx {
namespace {

constexpr double kIdleCoresMinShare = 0.20;
constexpr int64_t kIdleCoresMinSlotMs = 60 * 60 * 1000;  // one core-hour: less is not worth tuning
// Busy slots at this quantile of the time tasks ran size the suggestion.
constexpr double kBusySlotsQuantile = 0.95;

}  // namespace

void CheckAppIdleCores(const AppAnalysis& analysis, RuleOutput* out) {
  const WallClockBreakdown& b = analysis.breakdown;
  if (analysis.slots.executors.empty()) {
    out->NotRun("the log shows no executor with task slots");
    return;
  }
  if (b.alive_slot_ms < kIdleCoresMinSlotMs) return;
  int64_t idle_ms = b.idle_slot_ms_unused + b.idle_slot_ms_no_task;
  double unused_share = SafeRatio(static_cast<double>(idle_ms), static_cast<double>(b.alive_slot_ms));
  if (unused_share < kIdleCoresMinShare) return;

  std::vector<double> busy;
  for (const SlotSample& sample : b.samples) {
    if (sample.busy_slots > 0) busy.push_back(sample.busy_slots);
  }
  std::sort(busy.begin(), busy.end());
  double busy_high = busy.empty() ? 0 : busy[static_cast<size_t>(kBusySlotsQuantile * static_cast<double>(busy.size() - 1))];
  std::vector<int32_t> per_executor;
  for (const ExecutorSlots& e : analysis.slots.executors) per_executor.push_back(e.slots);
  std::sort(per_executor.begin(), per_executor.end());
  int32_t slots_per_executor = std::max(1, per_executor[per_executor.size() / 2]);
  int64_t suggested = std::max<int64_t>(1, static_cast<int64_t>(std::ceil(busy_high / slots_per_executor)));
  int64_t executors = static_cast<int64_t>(analysis.slots.executors.size());

  Finding f;
  f.entity = ApplicationEntity(analysis);
  f.evidence = {Ms("core_time_held", b.alive_slot_ms), Ms("core_time_busy", b.busy_slot_ms),
                Ms("core_time_idle", idle_ms), Ms("core_time_idle_during_stages", b.idle_slot_ms_unused),
                Ms("core_time_idle_no_task_running", b.idle_slot_ms_no_task),
                Fraction("unused_share", unused_share), Count("executors", executors),
                Count("peak_slots", analysis.slots.peak_slots), Ratio("busy_slots_p95", busy_high)};
  f.explanation = "Executors held " + CoreHours(b.alive_slot_ms) + " of cores; tasks used " +
                  CoreHours(b.busy_slot_ms) + "; " + CoreHours(idle_ms) + " (" + HumanPercent(unused_share) +
                  ") sat idle: " + CoreHours(b.idle_slot_ms_no_task) + " while no task ran at all and " +
                  CoreHours(b.idle_slot_ms_unused) + " while stages ran with fewer tasks than slots. At the 95th "
                  "percentile of the time tasks ran, " + std::to_string(static_cast<int64_t>(std::lround(busy_high))) + " of " +
                  std::to_string(analysis.slots.peak_slots) + " slots were busy.";
  if (!analysis.conf.dynamic_allocation()) {
    f.recommendations.push_back({"Let Spark release idle executors: enable dynamic allocation.",
                                 "spark.dynamicAllocation.enabled", "true"});
    if (analysis.conf.version().AtLeast(3, 0)) {
      f.recommendations.push_back({"Dynamic allocation without an external shuffle service needs shuffle tracking.",
                                   "spark.dynamicAllocation.shuffleTracking.enabled", "true"});
    }
    f.recommendations.push_back({"Or size the fleet to what tasks used: " + std::to_string(suggested) +
                                     " executors of " + std::to_string(slots_per_executor) + " slots.",
                                 "spark.executor.instances", std::to_string(suggested)});
  } else {
    if (b.idle_slot_ms_no_task > b.idle_slot_ms_unused) {
      f.recommendations.push_back({"Release executors sooner when no task runs (the default keeps them 60 s).",
                                   "spark.dynamicAllocation.executorIdleTimeout", "30s"});
    }
    f.recommendations.push_back({"Cap dynamic allocation at what tasks used (" + std::to_string(suggested) +
                                     " executors of " + std::to_string(slots_per_executor) + " slots).",
                                 "spark.dynamicAllocation.maxExecutors", std::to_string(suggested)});
  }
  // Executors cannot be shed instantly: count half the idle time as freed.
  f.saving_core_ms = idle_ms / 2;
  f.impact = "About " + CoreHours(f.saving_core_ms) +
             " of core time freed, half the idle core time (executors are released or added with a delay); the "
             "run's duration should not change, since those slots ran nothing.";
  f.confidence = Confidence::kMedium;
  out->findings.push_back(std::move(f));
}

}  // namespace sparkdx
