// config.dynamic_allocation_unbounded: dynamic allocation was on without
// what makes it safe or bounded:
//  - no way to keep shuffle files when executors are released: neither the
//    external shuffle service (spark.shuffle.service.enabled) nor, on Spark
//    3.x, shuffle tracking (spark.dynamicAllocation.shuffleTracking.enabled,
//    on by default in recent 3.x releases, off before 3.4), nor a remote
//    shuffle manager or shuffle-block decommissioning: released executors
//    take their shuffle output with them and stages are recomputed;
//  - no spark.dynamicAllocation.maxExecutors (default: unbounded): one wide
//    stage can ask for as many executors as it has tasks.
//
// Thresholds (ANCHORS §14.9, Dr. Elephant's ConfigurationHeuristic): dynamic
// allocation without the external shuffle service is severe; maxExecutors
// above 900 is critical, so an unbounded one is too. What makes it matter in
// this run: shuffle stages (for the first) and the executors it reached (for
// the second). The cap recommended is the most executors alive at once in
// this run (its demand), which Spark would not have exceeded had it been set.
//
// Saving: the wall clock of failed attempts, in the share FetchFailed
// attempts (lost shuffle output) had of failed and killed attempt time.
#include <algorithm>
#include <string>
#include <utility>
#include <vector>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"

namespace sparkdx {
namespace {

constexpr int64_t kMaxExecutorsCritical = 900;

int32_t PeakExecutorsAlive(const AppAnalysis& analysis) {
  std::vector<std::pair<int64_t, int>> events;
  for (const ExecutorSlots& e : analysis.slots.executors) {
    if (analysis.status->executors[e.executor].id == "driver") continue;
    events.push_back({e.start_ms, 1});
    events.push_back({e.end_ms, -1});
  }
  std::sort(events.begin(), events.end());  // removals (-1) before additions at the same time
  int32_t alive = 0, peak = 0;
  for (const auto& [time, delta] : events) peak = std::max(peak, alive += delta);
  return peak;
}

}  // namespace

void CheckConfigDynamicAllocationUnbounded(const AppAnalysis& analysis, RuleOutput* out) {
  const SparkConf& conf = analysis.conf;
  if (!conf.dynamic_allocation()) return;
  const AppStatus& status = *analysis.status;
  bool service = conf.BoolOr("spark.shuffle.service.enabled", false);
  bool tracking = conf.version().AtLeast(3, 0) &&
                  conf.BoolOr("spark.dynamicAllocation.shuffleTracking.enabled", conf.version().AtLeast(3, 4));
  bool decommission = conf.BoolOr("spark.decommission.enabled", false) &&
                      conf.BoolOr("spark.storage.decommission.shuffleBlocks.enabled", false);
  bool remote_shuffle = conf.Has("spark.shuffle.manager") &&
                        conf.Get("spark.shuffle.manager")->find("SortShuffleManager") == std::string::npos &&
                        *conf.Get("spark.shuffle.manager") != "sort";
  int64_t shuffle_bytes = 0, fetch_failed = 0, fetch_failed_ms = 0, failed_ms = 0;
  for (const StageTaskStats& s : analysis.stages) {
    shuffle_bytes += s.stage->metrics[TaskMetric::kShuffleBytesWritten];
    failed_ms += s.failed_task_ms + s.killed_task_ms;
    s.stage->tasks.ForEach([&](const TaskRecord& t) {
      if (t.reason != TaskEndReason::kFetchFailed) return;
      ++fetch_failed;
      fetch_failed_ms += BoundedDurationMs(t);
    });
  }
  bool unsafe_shuffle = !service && !tracking && !decommission && !remote_shuffle && shuffle_bytes > 0;
  std::optional<std::string> max_text = conf.Get("spark.dynamicAllocation.maxExecutors");
  int64_t max_executors = conf.IntOr("spark.dynamicAllocation.maxExecutors", INT32_MAX);
  bool unbounded = !max_text || max_executors > kMaxExecutorsCritical;
  if (!unsafe_shuffle && !unbounded) return;

  int32_t peak = PeakExecutorsAlive(analysis);
  int64_t removed = 0;
  for (const ExecutorStatusData& e : status.executors) removed += e.id != "driver" && e.remove_time_ms >= 0;
  Finding f;
  f.entity = ApplicationEntity(analysis);
  f.cause = unsafe_shuffle ? "no_shuffle_service" : "no_max_executors";
  f.evidence = {Count("peak_executors", peak), Count("executors_removed", removed), Bytes("shuffle_written", shuffle_bytes),
                Count("fetch_failed_attempts", fetch_failed), Ms("fetch_failed_attempt_time", fetch_failed_ms)};
  std::string text = "Dynamic allocation was on";
  if (unsafe_shuffle) {
    text += " without the external shuffle service or shuffle tracking, while the run wrote " +
            HumanBytes(shuffle_bytes) + " of shuffle data that released executors take with them: " +
            std::to_string(removed) + " executors were removed and " + std::to_string(fetch_failed) +
            " task attempts failed fetching shuffle output (" + HumanDuration(fetch_failed_ms) + ").";
    if (conf.version().AtLeast(3, 0)) {
      f.recommendations.push_back({"Keep executors holding shuffle data until it is no longer needed.",
                                   "spark.dynamicAllocation.shuffleTracking.enabled", "true"});
    }
    f.recommendations.push_back({"Or run the external shuffle service on the cluster's nodes and use it.",
                                 "spark.shuffle.service.enabled", "true"});
  }
  if (unbounded) {
    text += std::string(unsafe_shuffle ? " It was also" : ",") + " " +
            (max_text ? "capped at " + std::to_string(max_executors) + " executors, above " +
                            std::to_string(kMaxExecutorsCritical)
                      : "without spark.dynamicAllocation.maxExecutors (unbounded)") +
            ": one wide stage may ask for an executor per " + std::to_string(std::max(1, conf.executor_cores())) +
            " pending tasks. This run reached " + std::to_string(peak) + " executors at once.";
    f.recommendations.push_back({"Cap the executors at what this run used at its peak (" + std::to_string(peak) +
                                     "), raising it deliberately if later runs need more.",
                                 "spark.dynamicAllocation.maxExecutors", std::to_string(std::max(1, peak))});
  }
  f.explanation = text;
  f.saving_ms = static_cast<int64_t>(static_cast<double>(analysis.breakdown.Of(WallClockPart::kFailedAttempts)) *
                                     std::min(1.0, SafeRatio(static_cast<double>(fetch_failed_ms), static_cast<double>(failed_ms))));
  f.impact = fetch_failed > 0
                 ? "About " + HumanDuration(f.saving_ms) + " (" + ShareOfRun(f.saving_ms, analysis) +
                       "): failed attempts' wall clock in the share of FetchFailed attempts, plus the recomputed "
                       "map stages they caused."
                 : "No time was lost to it in this run; it bounds the cluster share a run can take and protects "
                   "shuffle output when executors are released.";
  f.confidence = unsafe_shuffle && fetch_failed > 0 ? Confidence::kHigh : Confidence::kMedium;
  out->findings.push_back(std::move(f));
}

}  // namespace sparkdx
