// stage.too_few_partitions: a stage had far fewer tasks than the slots
// alive while it ran, and its tasks were long, so it ran on a fraction of
// the cluster for minutes while the rest sat idle. More partitions spread
// the same work over more slots.
//
// Thresholds (ANCHORS §14.4): tasks under half the slots alive during the
// stage (spark-optimizer's low-parallelism band, tasks < 0.5 x its
// 2 x cores target, applied to the slots themselves so only clearly
// under-used clusters count) with a median task of at least 60 s (long
// tasks: Dr. Elephant's band starts at 2.5 min and aims at 150 s tasks; a
// minute is where idle slots start to matter). The suggested count is
// 2 x slots (spark-optimizer, spark-rapids-tools' multiplier 2) or the
// stage's bytes / 128 MiB, whichever is larger, but no smaller than 16 MiB
// per task (spark-history-cli's critical band for tiny partitions, §14.4).
#include <algorithm>
#include <string>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/stage_support.h"

namespace sparkdx {
namespace {

constexpr double kFewTasksMaxShareOfSlots = 0.5;
constexpr int64_t kFewTasksMinMedianTaskMs = 60'000;
constexpr int64_t kSuggestedTasksPerSlot = 2;
constexpr int64_t kMinPartitionBytes = 16 * kMiB;

}  // namespace

void CheckStageTooFewPartitions(const AppAnalysis& analysis, RuleOutput* out) {
  if (analysis.slots.executors.empty()) {
    out->NotRun("the log shows no executor with task slots");
    return;
  }
  for (const StageTaskStats& s : analysis.stages) {
    if (s.succeeded <= 0) continue;
    const Distribution& duration = s.Of(TaskQuantity::kDurationMs);
    if (duration.median < kFewTasksMinMedianTaskMs) continue;
    int32_t tasks = std::max(s.succeeded, s.stage->info.num_tasks);
    int32_t slots = StageSlots(analysis, s);
    if (static_cast<double>(tasks) >= kFewTasksMaxShareOfSlots * slots) continue;

    StageBytes bytes = StageDataBytes(s);
    int64_t partitions = std::max<int64_t>(kSuggestedTasksPerSlot * slots, PartitionsFor(bytes.Read(), kTargetPartitionBytes));
    if (bytes.Read() > 0) partitions = std::min(partitions, PartitionsFor(bytes.Read(), kMinPartitionBytes));
    if (partitions <= tasks) continue;  // the data is too small to split further
    int64_t spread_over = std::min<int64_t>(slots, partitions);
    int64_t spread_span_ms = s.succeeded_task_ms / std::max<int64_t>(1, spread_over);
    int64_t saving_ms = std::max<int64_t>(0, s.span_ms() - spread_span_ms);
    if (saving_ms <= 0) continue;

    Finding f;
    f.entity = StageEntity(s);
    f.cause = bytes.shuffle_read >= bytes.input ? (bytes.shuffle_read > 0 ? "shuffle_partitions" : "parallelism")
                                                : "input_splits";
    f.evidence = {Count("tasks", tasks),
                  Count("slots_alive", slots),
                  Fraction("tasks_over_slots", SafeRatio(tasks, slots)),
                  Ms("median_task", duration.median),
                  Ms("stage_span", s.span_ms()),
                  Ms("task_time", s.succeeded_task_ms),
                  Bytes("input", bytes.input),
                  Bytes("shuffle_read", bytes.shuffle_read),
                  Count("suggested_partitions", partitions),
                  Ms("spread_span", spread_span_ms)};
    f.explanation = StageLabel(s) + " ran " + std::to_string(tasks) + " tasks while " + std::to_string(slots) +
                    " slots were alive (" + HumanPercent(SafeRatio(tasks, slots)) + "), each taking a median of " +
                    HumanDuration(duration.median) + ": for " + HumanDuration(s.span_ms()) + " most of the cluster "
                    "had nothing to do.";
    if (bytes.Read() > 0) {
      f.explanation += " It read " + HumanBytes(bytes.Read()) + " (" + HumanBytes(bytes.input) + " of input, " +
                       HumanBytes(bytes.shuffle_read) + " of shuffle data), " +
                       HumanBytes(bytes.Read() / std::max(1, s.succeeded)) + " per task.";
    }
    std::string count = std::to_string(partitions);
    if (f.cause == "shuffle_partitions") {
      f.recommendations.push_back({"Raise the shuffle partition count to " + count + " (" +
                                       HumanBytes(bytes.shuffle_read / partitions) + " per task, " +
                                       HumanRatio(SafeRatio(partitions, slots)) + " the " + std::to_string(slots) +
                                       " slots) for the query behind this stage; if the count is set in code "
                                       "(repartition(n), a join hint), raise it there.",
                                   "spark.sql.shuffle.partitions", count});
    } else if (f.cause == "input_splits") {
      int64_t split = std::max<int64_t>(kMiB, bytes.input / partitions);
      f.recommendations.push_back({"Split the input into more tasks: about " + HumanBytes(split) +
                                       " per task gives " + count + " tasks for splittable files (Parquet, ORC, "
                                       "uncompressed or bzip2 text).",
                                   "spark.sql.files.maxPartitionBytes", SparkSizeString(split)});
      f.recommendations.push_back({"For files that cannot be split (gzip), call repartition(" + count +
                                       ") right after reading so the work after the read is spread.",
                                   "", ""});
    } else {
      f.recommendations.push_back({"Create the data with more partitions: parallelize(data, " + count +
                                       ") or repartition(" + count + ") before the expensive step.",
                                   "", ""});
    }
    f.saving_ms = saving_ms;
    f.impact = "About " + HumanDuration(saving_ms) + " (" + ShareOfRun(saving_ms, analysis) + "): the stage's " +
               HumanDuration(s.span_ms()) + " minus its " + HumanDuration(s.succeeded_task_ms) +
               " of task time spread over " + std::to_string(spread_over) + " slots (" +
               HumanDuration(spread_span_ms) + "), if the work divides evenly.";
    f.confidence = Confidence::kMedium;
    out->findings.push_back(std::move(f));
  }
}

}  // namespace sparkdx
