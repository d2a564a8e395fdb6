// config.default_shuffle_partitions: spark.sql.shuffle.partitions was left
// at Spark's default of 200 while this run's SQL shuffles were far from
// what 200 partitions suit:
//  - too few: a SQL stage that read its shuffle in 200 tasks moved more
//    than 200 x 200 MiB, so each task handled over 200 MiB (partitions of
//    64-256 MiB are the OK band, ANCHORS §14.4; AQE only coalesces, never
//    splits, so it does not help); the count recommended is
//    ceil(bytes / 128 MiB) (the target task size, §14.4);
//  - too many, with AQE off (which would coalesce them): every such stage
//    read under 200 x 1 MiB, partitions of under a megabyte (below the
//    16 MiB critical band of §14.4 by far); the count recommended is
//    ceil(bytes / 128 MiB), at least the peak task slots.
//
// Saving: too few partitions spill: the estimated spill time of those
// stages (disk bytes spilled written and read back at
// kSpillBytesPerSecond) is core time saved. Too many: the tasks removed
// times the stage's median per-task overhead (duration minus run time).
#include <algorithm>
#include <string>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"

namespace sparkdx {
namespace {

constexpr int32_t kSparkDefaultShufflePartitions = 200;
constexpr int64_t kLargePartitionBytes = 200 * kMiB;
constexpr int64_t kTinyPartitionBytes = 1 * kMiB;
constexpr int64_t kTargetPartitionBytes = 128 * kMiB;

bool InSqlExecution(const AppStatus& status, const StageStatusData& stage) {
  for (int32_t job_id : stage.job_ids) {
    auto job = status.jobs.find(job_id);
    if (job != status.jobs.end() && job->second.sql_execution_id) return true;
  }
  return false;
}

}  // namespace

void CheckConfigDefaultShufflePartitions(const AppAnalysis& analysis, RuleOutput* out) {
  const SparkConf& conf = analysis.conf;
  if (conf.shuffle_partitions() != kSparkDefaultShufflePartitions) return;
  const AppStatus& status = *analysis.status;
  const StageTaskStats* largest = nullptr;
  int64_t largest_read = 0, default_stages = 0, max_read = 0, spill_bytes = 0, extra_tasks = 0, overhead_ms = 0;
  bool all_tiny = true;
  for (const StageTaskStats& s : analysis.stages) {
    int64_t read = s.Of(TaskQuantity::kShuffleReadBytes).sum;
    if (read <= 0 || s.stage->info.num_tasks != kSparkDefaultShufflePartitions || !InSqlExecution(status, *s.stage)) {
      continue;
    }
    ++default_stages;
    max_read = std::max(max_read, read);
    if (read > kLargePartitionBytes * kSparkDefaultShufflePartitions) {
      spill_bytes += s.Of(TaskQuantity::kDiskSpilledBytes).sum;
      if (read > largest_read) {
        largest_read = read;
        largest = &s;
      }
    }
    if (read >= kTinyPartitionBytes * kSparkDefaultShufflePartitions) {
      all_tiny = false;
    } else {
      int64_t target = std::max<int64_t>(std::max(1, analysis.slots.peak_slots),
                                         (read + kTargetPartitionBytes - 1) / kTargetPartitionBytes);
      int64_t extra = std::max<int64_t>(0, s.succeeded - target);
      extra_tasks += extra;
      overhead_ms += extra * std::max<int64_t>(0, s.Of(TaskQuantity::kDurationMs).median - s.Of(TaskQuantity::kRunTimeMs).median);
    }
  }
  if (default_stages == 0) return;
  bool tiny = largest == nullptr && all_tiny && !conf.adaptive_enabled() && extra_tasks > 0;
  if (largest == nullptr && !tiny) return;

  Finding f;
  f.entity = ApplicationEntity(analysis);
  if (largest != nullptr) {
    int64_t wanted = (largest_read + kTargetPartitionBytes - 1) / kTargetPartitionBytes;
    int64_t spill_ms = static_cast<int64_t>(2.0 * static_cast<double>(spill_bytes) / kSpillBytesPerSecond * 1000.0);
    f.cause = "too_few";
    f.evidence = {Bytes("largest_stage_shuffle_read", largest_read), Bytes("per_partition", largest_read / kSparkDefaultShufflePartitions),
                  Count("stages_with_200_partitions", default_stages), Bytes("disk_spilled", spill_bytes),
                  Ms("estimated_spill_time", spill_ms)};
    f.explanation = "spark.sql.shuffle.partitions was left at 200, but " + StageLabel(*largest) + " read " +
                    HumanBytes(largest_read) + " of shuffle data in 200 tasks, " +
                    HumanBytes(largest_read / kSparkDefaultShufflePartitions) + " each (above " +
                    HumanBytes(kLargePartitionBytes) + "); the stages this size spilled " + HumanBytes(spill_bytes) +
                    " to disk.";
    f.recommendations.push_back({"Size shuffles to about 128 MiB per partition: " + HumanBytes(largest_read) +
                                     " / 128 MiB for the largest one (AQE can coalesce where it is too many, never "
                                     "split where it is too few).",
                                 "spark.sql.shuffle.partitions", std::to_string(wanted)});
    f.saving_core_ms = spill_ms;
    f.impact = "About " + HumanDuration(spill_ms) + " of task time: the estimated time those stages spent spilling " +
               HumanBytes(spill_bytes) + " (written and read back at " + HumanBytes(static_cast<uint64_t>(kSpillBytesPerSecond)) +
               "/s), which partitions of 128 MiB avoid; tasks also get shorter and retries cheaper.";
    f.confidence = spill_bytes > 0 ? Confidence::kHigh : Confidence::kMedium;
  } else {
    int64_t wanted = std::max<int64_t>(std::max(1, analysis.slots.peak_slots),
                                       (max_read + kTargetPartitionBytes - 1) / kTargetPartitionBytes);
    f.cause = "too_many";
    f.evidence = {Bytes("largest_stage_shuffle_read", max_read), Count("stages_with_200_partitions", default_stages),
                  Count("tasks_removed", extra_tasks), Ms("per_task_overhead_removed", overhead_ms)};
    f.explanation = "spark.sql.shuffle.partitions was left at 200 with adaptive execution off, but the " +
                    std::to_string(default_stages) + " SQL stages that used it read at most " + HumanBytes(max_read) +
                    " of shuffle data: 200 partitions of under " + HumanBytes(kTinyPartitionBytes) +
                    " each, most of each task's time spent being scheduled.";
    f.recommendations.push_back({"Use fewer shuffle partitions: " + std::to_string(wanted) +
                                     " (the larger of the peak task slots and " + HumanBytes(max_read) + " / 128 MiB).",
                                 "spark.sql.shuffle.partitions", std::to_string(wanted)});
    if (conf.version().AtLeast(3, 0)) {
      f.recommendations.push_back({"Or turn on adaptive execution so Spark coalesces them per query.",
                                   "spark.sql.adaptive.enabled", "true"});
    }
    f.saving_core_ms = overhead_ms;
    f.impact = "About " + HumanDuration(overhead_ms) + " of task time: the " + std::to_string(extra_tasks) +
               " tasks removed, each at its stage's median overhead (duration minus run time).";
    f.confidence = Confidence::kMedium;
  }
  out->findings.push_back(std::move(f));
}

}  // namespace sparkdx
