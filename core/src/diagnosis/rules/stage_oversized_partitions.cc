// stage.oversized_partitions: a stage's typical large task read far more
// than a task should (input split or shuffle partition): such tasks spill,
// collect garbage, fail with out-of-memory errors, and make each task a
// coarse unit of work, so the last wave leaves slots idle. When only a few
// tasks are large it is skew, stage.task_skew's (the engine folds it).
//
// Thresholds (ANCHORS §14.4, §14.12): the 95th percentile of data read per
// task (input or shuffle read, whichever is larger) above 512 MiB (the
// Observability Agent's chunk threshold); above 1 GiB is the critical band
// named in the explanation (severity still comes from the saving). The
// target is 128 MiB per task (§14.4: Spark's maxPartitionBytes, the low end
// of spark-rapids-tools' 128-256 MB).
#include <algorithm>
#include <string>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/stage_support.h"

namespace sparkdx {
namespace {

constexpr int64_t kOversizedMinP95Bytes = 512 * kMiB;
constexpr int64_t kOversizedCriticalP95Bytes = kGiB;

}  // namespace

void CheckStageOversizedPartitions(const AppAnalysis& analysis, RuleOutput* out) {
  for (const StageTaskStats& s : analysis.stages) {
    if (s.succeeded <= 0) continue;
    const Distribution& input = s.Of(TaskQuantity::kInputBytes);
    const Distribution& shuffle = s.Of(TaskQuantity::kShuffleReadBytes);
    bool from_shuffle = shuffle.p95 >= input.p95;
    const Distribution& data = from_shuffle ? shuffle : input;
    if (data.p95 <= kOversizedMinP95Bytes) continue;

    int64_t partitions = std::max<int64_t>(PartitionsFor(data.sum, kTargetPartitionBytes), s.succeeded);
    int32_t slots = StageSlots(analysis, s);
    // With tasks of the target size, the stage needs its task time packed on
    // the slots it can use plus one new task's length for the last wave.
    int64_t usable = std::min<int64_t>(slots, partitions);
    int64_t new_task_ms = s.succeeded_task_ms / partitions;
    int64_t packed_span_ms = s.succeeded_task_ms / std::max<int64_t>(1, usable) + new_task_ms;
    int64_t saving_ms = std::max<int64_t>(0, s.span_ms() - packed_span_ms);
    bool critical_band = data.p95 > kOversizedCriticalP95Bytes;
    const char* kind = from_shuffle ? "shuffle data" : "input";

    Finding f;
    f.entity = StageEntity(s);
    f.cause = from_shuffle ? "shuffle_partitions" : "input_splits";
    f.evidence = {Count("tasks", s.succeeded),
                  Bytes("p95_task_data", data.p95),
                  Bytes("median_task_data", data.median),
                  Bytes("max_task_data", data.max),
                  Bytes("stage_data", data.sum),
                  Count("slots_alive", slots),
                  Count("suggested_partitions", partitions),
                  Ms("stage_span", s.span_ms()),
                  Ms("packed_span", packed_span_ms)};
    f.explanation = StageLabel(s) + " read " + HumanBytes(data.sum) + " of " + kind + " in " +
                    std::to_string(s.succeeded) + " tasks; its 95th-percentile task read " + HumanBytes(data.p95) +
                    " (median " + HumanBytes(data.median) + ", largest " + HumanBytes(data.max) + "), above the " +
                    HumanBytes(critical_band ? kOversizedCriticalP95Bytes : kOversizedMinP95Bytes) +
                    (critical_band ? " critical band" : " warning band") + " against a target of " +
                    HumanBytes(kTargetPartitionBytes) + " per task. Partitions this large risk spill, long GC and "
                    "out-of-memory failures, and make the last wave of tasks long.";
    std::string count = std::to_string(partitions);
    if (from_shuffle) {
      f.recommendations.push_back({"Split the shuffle into " + count + " partitions of about " +
                                       HumanBytes(data.sum / partitions) + " (or raise repartition(n) in code).",
                                   "spark.sql.shuffle.partitions", count});
      if (analysis.conf.adaptive_enabled()) {
        f.recommendations.push_back({"AQE only merges partitions, never splits them: with more shuffle partitions, "
                                     "let it coalesce to the target size.",
                                     "spark.sql.adaptive.advisoryPartitionSizeInBytes",
                                     SparkSizeString(kTargetPartitionBytes)});
      }
    } else {
      int64_t max_partition = analysis.conf.BytesOr("spark.sql.files.maxPartitionBytes", 1, kTargetPartitionBytes);
      if (max_partition > kTargetPartitionBytes) {
        f.recommendations.push_back({"Cap what one task reads from splittable files (it was " +
                                         HumanBytes(max_partition) + ").",
                                     "spark.sql.files.maxPartitionBytes", SparkSizeString(kTargetPartitionBytes)});
      }
      f.recommendations.push_back(
          {max_partition > kTargetPartitionBytes
               ? "If the files cannot be split that finely (gzip, single large files), call repartition(" + count +
                     ") right after reading."
               : "The cap is already " + HumanBytes(max_partition) + ", so the files could not be split (gzip, "
                     "single large files, large row groups): store them splittable (Parquet/ORC, bzip2/zstd) or call "
                     "repartition(" + count + ") right after reading.",
           "", ""});
    }
    f.saving_ms = saving_ms;
    f.impact = saving_ms > 0
                   ? "About " + HumanDuration(saving_ms) + " (" + ShareOfRun(saving_ms, analysis) + "): the stage's " +
                         HumanDuration(s.span_ms()) + " minus its task time packed on " + std::to_string(usable) +
                         " slots plus one " + HumanDuration(new_task_ms) + " task of the new size for the last wave (" +
                         HumanDuration(packed_span_ms) + "); spill and GC saved come on top."
                   : "No wall-clock saving from packing alone (the stage already kept its slots busy); the gain is "
                     "less spill, GC and out-of-memory risk.";
    f.confidence = Confidence::kMedium;
    out->findings.push_back(std::move(f));
  }
}

}  // namespace sparkdx
