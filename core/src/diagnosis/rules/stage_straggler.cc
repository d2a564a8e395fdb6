// stage.straggler: a stage waited on a few slow tasks although their data
// was no larger than the others': the time skew stage.task_skew reports,
// but with no cause in the log (not data, GC or one host). Such tasks are
// what speculation is for: a copy elsewhere finishes at a normal pace.
// Failed and killed attempts are excluded (retries are not stragglers).
//
// Thresholds (ANCHORS §14.1, §14.12, as stage.task_skew): max / median task
// time at least 3 with the longest task at least 30 s (Synapse) and at
// least half the stage's span. The speculation values suggested follow
// Spark's own straggler test (§14.1): a copy once a task runs `multiplier`
// x the median after `quantile` of tasks finished.
#include <algorithm>
#include <cmath>
#include <set>
#include <string>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/stage_support.h"

namespace sparkdx {
namespace {

constexpr int32_t kStragglerMinTasks = 4;
constexpr double kStragglerMinTimeRatio = 3.0;
constexpr int64_t kStragglerMinLongestTaskMs = 30'000;
constexpr double kStragglerMinShareOfSpan = 0.5;
// Spark 4's defaults (3x after 90%); a lower multiplier when the stragglers
// were only a little slower, so speculation would have caught them.
constexpr double kSuggestedMaxMultiplier = 3.0;
constexpr double kSuggestedMinMultiplier = 1.5;
// When more than this share of tasks are slow, speculation must start
// before 90% of tasks finished to reach them.
constexpr double kFewSlowTasksShare = 0.10;

}  // namespace

void CheckStageStraggler(const AppAnalysis& analysis, RuleOutput* out) {
  // Stages where stage.task_skew found a cause are its findings, not ours.
  RuleOutput skew;
  CheckStageTaskSkew(analysis, &skew);
  std::set<std::string> explained;
  for (const Finding& f : skew.findings) explained.insert(f.entity.id);

  SpeculationConf speculation = EffectiveSpeculation(analysis.conf);
  bool any_stage = false;
  for (const StageTaskStats& s : analysis.stages) {
    if (s.succeeded < kStragglerMinTasks || !s.has_longest) continue;
    any_stage = true;
    const Distribution& duration = s.Of(TaskQuantity::kDurationMs);
    double time_ratio = duration.MaxOverMedian();
    if (time_ratio < kStragglerMinTimeRatio || duration.max < kStragglerMinLongestTaskMs ||
        duration.max < kStragglerMinShareOfSpan * static_cast<double>(s.span_ms())) {
      continue;
    }
    FindingEntity entity = StageEntity(s);
    if (explained.count(entity.id) > 0) continue;

    // Slow tasks: at least kStragglerMinTimeRatio x the median.
    int64_t slow_ms = static_cast<int64_t>(kStragglerMinTimeRatio * static_cast<double>(duration.median));
    int32_t slow_tasks = 0;
    s.stage->tasks.ForEach([&](const TaskRecord& t) {
      if (t.successful() && t.started && BoundedDurationMs(t) >= slow_ms) ++slow_tasks;
    });
    double slow_share = SafeRatio(slow_tasks, s.succeeded);
    const TaskRecord& longest = s.longest;
    int64_t longest_data = TaskQuantityValue(longest, TaskQuantity::kInputBytes) +
                           TaskQuantityValue(longest, TaskQuantity::kShuffleReadBytes);
    int64_t median_data = s.Of(TaskQuantity::kInputBytes).median + s.Of(TaskQuantity::kShuffleReadBytes).median;
    const AppStatus& status = *analysis.status;
    std::string host = TaskHost(status, longest);
    std::string executor = longest.executor < status.executors.size() ? status.executors[longest.executor].id : "?";

    int64_t balanced_ms = BalancedSpanMs(s);
    int64_t saving_ms = std::max<int64_t>(0, s.span_ms() - balanced_ms);
    Finding f;
    f.entity = entity;
    f.cause = "unexplained_slow_tasks";
    f.evidence = {Count("tasks", s.succeeded),
                  Count("slow_tasks", slow_tasks),
                  Ms("median_task", duration.median),
                  Ms("max_task", duration.max),
                  Ratio("max_over_median_task_time", time_ratio),
                  Ms("stage_span", s.span_ms()),
                  Ms("balanced_span", balanced_ms),
                  Bytes("longest_task_data_read", longest_data),
                  Bytes("median_task_data_read", median_data)};
    f.explanation = StageLabel(s) + " ran " + std::to_string(s.succeeded) + " tasks with a median of " +
                    HumanDuration(duration.median) + ", but its longest task (index " + std::to_string(longest.index) +
                    ", executor " + executor + (host.empty() ? "" : " on " + host) + ") ran " +
                    HumanDuration(duration.max) + ", " + HumanRatio(time_ratio) + " the median, and " +
                    std::to_string(slow_tasks) + " task(s) ran at least " + HumanRatio(kStragglerMinTimeRatio) +
                    " the median; the stage took " + HumanDuration(s.span_ms()) + " where balanced tasks need about " +
                    HumanDuration(balanced_ms) + ". The longest task read " + HumanBytes(longest_data) +
                    " against a median of " + HumanBytes(median_data) +
                    ", and neither GC nor one host explains it: a few tasks were slow for reasons outside the data "
                    "(a busy or failing disk, network, a slow JVM start, an external call).";
    // Half the observed ratio, in steps of 0.5: copies start well before the
    // stragglers finish.
    double multiplier = std::clamp(std::floor(time_ratio) / 2.0, kSuggestedMinMultiplier,
                                   kSuggestedMaxMultiplier);
    double quantile = slow_share <= kFewSlowTasksShare ? 0.9 : 0.75;
    if (!speculation.enabled) {
      f.recommendations.push_back({"Enable speculation so Spark launches a copy of a task that runs far longer than "
                                   "its stage's median and keeps whichever finishes first.",
                                   "spark.speculation", "true"});
      f.recommendations.push_back({"Speculate tasks running " + HumanRatio(multiplier) + " the median (these ran " +
                                       HumanRatio(time_ratio) + ").",
                                   "spark.speculation.multiplier", ConfNumber(multiplier)});
      f.recommendations.push_back({"Start speculating once " + HumanPercent(quantile) + " of tasks finished (" +
                                       HumanPercent(slow_share) + " of this stage's tasks were slow).",
                                   "spark.speculation.quantile", ConfNumber(quantile)});
      f.confidence = Confidence::kMedium;
    } else if (speculation.multiplier > time_ratio || speculation.quantile > 1.0 - slow_share) {
      f.recommendations.push_back({"Speculation is on but its multiplier (" + ConfNumber(speculation.multiplier) +
                                       ") or quantile (" + ConfNumber(speculation.quantile) +
                                       ") kept it from copying these tasks; lower the multiplier.",
                                   "spark.speculation.multiplier", ConfNumber(multiplier)});
      f.recommendations.push_back({"Start speculating before the slow tasks are the only ones left.",
                                   "spark.speculation.quantile", ConfNumber(quantile)});
      f.confidence = Confidence::kMedium;
    } else {
      f.recommendations.push_back(
          {"Speculation was on and should have copied these tasks, so the copies were slow too: look at what task " +
               std::to_string(longest.index) + " does besides reading its data (external calls, locks, a UDF "
               "with data-dependent cost) in the executor log of executor " + executor + ".",
           "", ""});
      f.confidence = Confidence::kLow;
    }
    f.saving_ms = saving_ms;
    f.impact = "Up to " + HumanDuration(saving_ms) + " (" + ShareOfRun(saving_ms, analysis) + "): the stage's span " +
               HumanDuration(s.span_ms()) + " minus what balanced tasks would need, " + HumanDuration(balanced_ms) +
               " (max of median task x waves and total task time / slots used), if the slow tasks' copies run at "
               "the median pace and the stage is on the run's critical path.";
    out->findings.push_back(std::move(f));
  }
  if (!any_stage) out->NotRun("no stage has " + std::to_string(kStragglerMinTasks) + " or more successful tasks");
}

}  // namespace sparkdx
