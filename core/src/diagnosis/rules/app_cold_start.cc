// app.cold_start: jobs were ready but no executor slot was alive, so the run
// waited for executors (cluster scale-up, a busy queue, slow container
// start). Measured by the breakdown's "waiting for executors" part.
//
// Thresholds: warn when waiting is at least 10% of the run and at least 30 s.
#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"

namespace sparkdx {
namespace {

constexpr double kColdStartMinShare = 0.10;
constexpr int64_t kColdStartMinMs = 30'000;

}  // namespace

void CheckAppColdStart(const AppAnalysis& analysis, RuleOutput* out) {
  if (analysis.status->jobs.empty()) {
    out->NotRun("no job ran, so there was nothing to wait for");
    return;
  }
  int64_t waiting_ms = analysis.breakdown.Of(WallClockPart::kWaitingForExecutors);
  int64_t run_ms = analysis.window.duration_ms();
  if (waiting_ms < kColdStartMinMs || waiting_ms < kColdStartMinShare * static_cast<double>(run_ms)) return;
  int64_t first_slot_after_ms =
      analysis.slots.first_slot_ms >= 0 ? analysis.slots.first_slot_ms - analysis.window.start_ms : -1;
  Finding f;
  f.entity = ApplicationEntity(analysis);
  f.evidence = {Ms("waiting_for_executors", waiting_ms), Fraction("share_of_run", SafeRatio(waiting_ms, run_ms)),
                Ms("first_executor_after_start", first_slot_after_ms)};
  f.explanation = "Jobs waited " + HumanDuration(waiting_ms) + " (" + ShareOfRun(waiting_ms, analysis) +
                  ") with no executor to run on";
  if (first_slot_after_ms >= 0) {
    f.explanation += "; the first executor arrived " + HumanDuration(first_slot_after_ms) + " after the application started";
  }
  f.explanation += ".";
  if (analysis.conf.dynamic_allocation()) {
    int64_t initial = static_cast<int64_t>(analysis.slots.executors.size());
    f.recommendations.push_back({"Ask for executors up front instead of growing from the minimum.",
                                 "spark.dynamicAllocation.initialExecutors", std::to_string(initial)});
  }
  f.recommendations.push_back(
      {"If executors were slow to arrive because the cluster scaled up or the queue was full, use a warm pool "
       "(instance pools, a reserved queue) or schedule the job when capacity is free.",
       "", ""});
  f.saving_ms = waiting_ms;
  f.impact = "Up to " + HumanDuration(waiting_ms) + ", the time jobs waited without executors.";
  f.confidence = Confidence::kMedium;
  out->findings.push_back(std::move(f));
}

}  // namespace sparkdx
