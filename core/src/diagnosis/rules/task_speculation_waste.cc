// task.speculation_waste: speculation launched copies of running tasks, and
// most copies lost: the original finished first and the copy was killed (or
// failed), so its core time bought nothing. Speculation that copies tasks
// only a little slower than the median mostly duplicates work; a higher
// multiplier and quantile keep the copies for real stragglers.
//
// Thresholds: fires when more speculative copies lost than won (the waste
// outweighs what speculation saved), or when a stage launched more than 20
// speculative copies (Compass's speculative-task detector, ANCHORS §14.6)
// and some were lost. Suggested settings: multiplier 3 and quantile 0.9
// (Spark 4's defaults, §14.1), or one step stricter when already there.
// The core time saved counts the lost copies that the stricter multiplier
// would not have launched: those whose original finished within
// multiplier x the stage's median task time.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/stage_support.h"

namespace sparkdx {
namespace {

constexpr int32_t kManySpeculativeCopies = 20;
constexpr double kSuggestedMultiplier = 3.0;
constexpr double kSuggestedQuantile = 0.9;
constexpr double kStricterMultiplierStep = 1.0;
constexpr double kStricterQuantile = 0.95;

}  // namespace

void CheckTaskSpeculationWaste(const AppAnalysis& analysis, RuleOutput* out) {
  SpeculationConf speculation = EffectiveSpeculation(analysis.conf);
  double new_multiplier = speculation.multiplier < kSuggestedMultiplier ? kSuggestedMultiplier
                                                                        : speculation.multiplier + kStricterMultiplierStep;
  double new_quantile = speculation.quantile < kSuggestedQuantile ? kSuggestedQuantile
                                                                  : std::max(speculation.quantile, kStricterQuantile);

  int32_t copies = 0, won = 0, lost = 0, stages_with_copies = 0, most_copies = 0;
  int32_t avoided_copies = 0, wins_delayed = 0;
  int64_t waste_ms = 0, avoidable_ms = 0;
  const StageTaskStats* busiest = nullptr;
  for (const StageTaskStats& s : analysis.stages) {
    if (s.speculative == 0) continue;
    ++stages_with_copies;
    if (s.speculative > most_copies) most_copies = s.speculative, busiest = &s;
    int64_t threshold_ms = static_cast<int64_t>(new_multiplier * static_cast<double>(s.Of(TaskQuantity::kDurationMs).median));
    std::map<int32_t, std::vector<TaskRecord>> by_index;
    s.stage->tasks.ForEach([&](const TaskRecord& t) {
      if (t.started && !t.running) by_index[t.index].push_back(t);
    });
    for (const auto& [index, attempts] : by_index) {
      const TaskRecord* original = nullptr;
      const TaskRecord* winner = nullptr;
      for (const TaskRecord& t : attempts) {
        if (!t.speculative && (original == nullptr || t.launch_time_ms < original->launch_time_ms)) original = &t;
        if (t.successful()) winner = &t;
      }
      for (const TaskRecord& t : attempts) {
        if (!t.speculative) continue;
        ++copies;
        if (t.successful()) {
          ++won;
          // A stricter multiplier launches this copy later, if at all.
          if (original != nullptr && t.launch_time_ms - original->launch_time_ms < threshold_ms) ++wins_delayed;
        } else if (t.killed || t.failed) {
          ++lost;
          int64_t d = std::max<int64_t>(0, BoundedDurationMs(t));
          waste_ms += d;
          // The original won within the stricter threshold: no copy would have run.
          if (winner != nullptr && !winner->speculative && winner->duration_ms() < threshold_ms) {
            ++avoided_copies;
            avoidable_ms += d;
          }
        }
      }
    }
  }
  if (copies == 0) {
    out->NotRun("no speculative task attempt ran");
    return;
  }
  if (lost == 0 || (lost <= won && most_copies <= kManySpeculativeCopies)) return;

  Finding f;
  f.entity = stages_with_copies == 1 && busiest != nullptr ? StageEntity(*busiest) : ApplicationEntity(analysis);
  f.cause = "speculation_too_eager";
  f.evidence = {Count("speculative_copies", copies),
                Count("copies_won", won),
                Count("copies_lost", lost),
                Ms("lost_copies_task_time", waste_ms),
                Count("stages_with_copies", stages_with_copies),
                Count("most_copies_in_a_stage", most_copies),
                Ratio("speculation_multiplier", speculation.multiplier),
                Fraction("speculation_quantile", speculation.quantile),
                Count("copies_avoided_by_suggestion", avoided_copies),
                Count("wins_delayed_by_suggestion", wins_delayed)};
  f.explanation = "Speculation launched " + std::to_string(copies) + " copies of running tasks in " +
                  std::to_string(stages_with_copies) + " stage(s) (up to " + std::to_string(most_copies) +
                  " in " + (busiest != nullptr ? StageLabel(*busiest) : std::string("one stage")) + "): " +
                  std::to_string(won) + " finished first, " + std::to_string(lost) +
                  " lost to the original and were killed, using " + HumanDuration(waste_ms) +
                  " of task time for nothing. With multiplier " + ConfNumber(speculation.multiplier) +
                  " and quantile " + ConfNumber(speculation.quantile) +
                  ", Spark copied tasks that were only a little slower than the median.";
  if (avoided_copies > 0 || speculation.multiplier < new_multiplier) {
    f.recommendations.push_back({"Copy only tasks running " + HumanRatio(new_multiplier) + " the median: " +
                                     std::to_string(avoided_copies) + " of the " + std::to_string(lost) +
                                     " lost copies would not have run (" + std::to_string(wins_delayed) +
                                     " winning copies would start later).",
                                 "spark.speculation.multiplier", ConfNumber(new_multiplier)});
  }
  f.recommendations.push_back({"Start speculating only when " + HumanPercent(new_quantile) +
                                   " of a stage's tasks have finished, so the median is known.",
                               "spark.speculation.quantile", ConfNumber(new_quantile)});
  f.saving_core_ms = avoidable_ms;
  f.impact = "About " + CoreTime(avoidable_ms) + ": the lost copies whose original finished within " + HumanRatio(new_multiplier) +
             " the stage's median task time, which the stricter multiplier would not launch; the run's duration "
             "should not change, since the originals finished first.";
  f.confidence = avoided_copies > 0 ? Confidence::kMedium : Confidence::kLow;
  out->findings.push_back(std::move(f));
}

}  // namespace sparkdx
