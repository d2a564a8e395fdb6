// stage.tiny_tasks: a stage split its work into very many very short tasks,
// so launching, (de)serialising and reporting each task (costs paid once
// per task, whatever its size) took a large share of the stage. Fewer,
// larger tasks pay them fewer times.
//
// Thresholds (ANCHORS §14.4, §14.12): median task under 500 ms with more
// than 5000 tasks (DataFlint's small-tasks alert); or, for smaller stages,
// median under 500 ms with at least 2 waves of tasks (tasks >= 2 x slots)
// when per-task overhead (scheduler delay + task deserialisation + result
// serialisation) is at least 25% of task time (our gate: a quarter of the
// stage lost to overhead is worth a change of partitioning), and in either
// case at least kTinyMinOverheadMs of overhead in the stage. Suggested
// tasks: tasks / 10 (DataFlint) or the stage's bytes / 128 MiB, whichever
// is larger.
#include <algorithm>
#include <string>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/stage_support.h"

namespace sparkdx {
namespace {

constexpr int64_t kTinyMaxMedianTaskMs = 500;
constexpr int32_t kTinyManyTasks = 5000;
constexpr int32_t kTinyMinWaves = 2;
constexpr double kTinyMinOverheadShare = 0.25;
constexpr int64_t kTinyTaskReduction = 10;  // DataFlint: repartition(ceil(tasks / 10))
// Below this much per-task overhead in a stage there is nothing worth
// changing the partitioning for (our gate: the corpus's test applications
// otherwise raise it for stages of ten 50 ms tasks).
constexpr int64_t kTinyMinOverheadMs = 10'000;

}  // namespace

void CheckStageTinyTasks(const AppAnalysis& analysis, RuleOutput* out) {
  for (const StageTaskStats& s : analysis.stages) {
    if (s.succeeded <= 0) continue;
    const Distribution& duration = s.Of(TaskQuantity::kDurationMs);
    if (duration.median >= kTinyMaxMedianTaskMs) continue;
    int32_t slots = StageSlots(analysis, s);
    bool many_tasks = s.succeeded > kTinyManyTasks;
    if (!many_tasks && s.succeeded < kTinyMinWaves * slots) continue;

    int64_t overhead_ms = s.Of(TaskQuantity::kSchedulerDelayMs).sum;
    s.stage->tasks.ForEach([&](const TaskRecord& t) {
      if (!t.successful() || !t.started) return;
      // Bounded like every task quantity, so a damaged log cannot overflow the sum.
      overhead_ms = SatAdd(overhead_ms, std::clamp<int64_t>(t.metric(TaskMetric::kExecutorDeserializeTimeMs), 0, kMaxTaskQuantity) +
                                            std::clamp<int64_t>(t.metric(TaskMetric::kResultSerializationTimeMs), 0, kMaxTaskQuantity));
    });
    double overhead_share = SafeRatio(static_cast<double>(overhead_ms), static_cast<double>(s.succeeded_task_ms));
    if (!many_tasks && overhead_share < kTinyMinOverheadShare) continue;
    if (overhead_ms < kTinyMinOverheadMs) continue;

    StageBytes bytes = StageDataBytes(s);
    int64_t tasks = s.succeeded;
    int64_t partitions = std::max((tasks + kTinyTaskReduction - 1) / kTinyTaskReduction,
                                  PartitionsFor(bytes.Read(), kTargetPartitionBytes));
    partitions = std::min(partitions, tasks / 2);  // a change below 2x is not this rule's advice
    if (partitions < 1) continue;
    // Per-task overhead is paid once per task: fewer tasks pay it fewer times.
    double removed = 1.0 - static_cast<double>(partitions) / static_cast<double>(tasks);
    int64_t saving_core_ms = static_cast<int64_t>(static_cast<double>(overhead_ms) * removed);
    int64_t saving_ms = static_cast<int64_t>(static_cast<double>(s.span_ms()) * overhead_share * removed);

    Finding f;
    f.entity = StageEntity(s);
    bool from_input = bytes.input > bytes.shuffle_read;
    f.cause = from_input ? "input_splits" : (bytes.shuffle_read > 0 ? "shuffle_partitions" : "parallelism");
    f.evidence = {Count("tasks", tasks),
                  Count("slots_alive", slots),
                  Ms("median_task", duration.median),
                  Ms("task_time", s.succeeded_task_ms),
                  Ms("per_task_overhead", overhead_ms),
                  Fraction("overhead_share", overhead_share),
                  Bytes("data_read", bytes.Read()),
                  Count("suggested_partitions", partitions),
                  Ms("stage_span", s.span_ms())};
    f.explanation = StageLabel(s) + " ran " + std::to_string(tasks) + " tasks (" +
                    HumanRatio(SafeRatio(tasks, slots)) + " its " + std::to_string(slots) +
                    " slots) with a median of " + HumanDuration(duration.median) +
                    (bytes.Read() > 0 ? ", each reading " + HumanBytes(bytes.Read() / tasks) + " on average" : "") +
                    "; scheduler delay and (de)serialisation took " +
                    HumanDuration(overhead_ms) + ", " + HumanPercent(overhead_share) + " of its " +
                    HumanDuration(s.succeeded_task_ms) + " of task time.";
    std::string count = std::to_string(partitions);
    if (from_input) {
      int64_t split = std::max<int64_t>(kTargetPartitionBytes, bytes.input / partitions);
      f.recommendations.push_back({"Pack more input into each task: about " + HumanBytes(split) + " per task gives " +
                                       "about " + count + " tasks.",
                                   "spark.sql.files.maxPartitionBytes", SparkSizeString(split)});
      if (bytes.input / tasks < 4 * kMiB) {
        f.recommendations.push_back({"The files are small (" + HumanBytes(bytes.input / tasks) +
                                         " per task): a lower estimated open cost packs more of them into a task "
                                         "(and compacting the files helps more).",
                                     "spark.sql.files.openCostInBytes", "1m"});
      }
    } else if (f.cause == "shuffle_partitions") {
      f.recommendations.push_back({"Use " + count + " shuffle partitions instead of " + std::to_string(tasks) +
                                       " (or a smaller repartition(n) in code).",
                                   "spark.sql.shuffle.partitions", count});
      if (!analysis.conf.adaptive_enabled() && analysis.conf.version().AtLeast(3, 0)) {
        f.recommendations.push_back({"Let AQE coalesce small shuffle partitions at run time.",
                                     "spark.sql.adaptive.enabled", "true"});
      }
    } else {
      f.recommendations.push_back({"Call coalesce(" + count + ") before this stage's work, or create the data with " +
                                       count + " partitions.",
                                   "", ""});
    }
    f.saving_ms = saving_ms;
    f.saving_core_ms = saving_core_ms;
    f.impact = "About " + HumanDuration(saving_ms) + " (" + ShareOfRun(saving_ms, analysis) + ") and " +
               CoreTime(saving_core_ms) + ": per-task overhead was " + HumanPercent(overhead_share) +
               " of the stage's " + HumanDuration(s.span_ms()) + " and is paid once per task, so " +
               std::to_string(partitions) + " tasks instead of " + std::to_string(tasks) + " remove " +
               HumanPercent(removed) + " of it.";
    f.confidence = overhead_share >= kTinyMinOverheadShare ? Confidence::kHigh : Confidence::kMedium;
    out->findings.push_back(std::move(f));
  }
}

}  // namespace sparkdx
