// stage.spill: a stage's tasks ran out of execution memory and spilled
// sorted or aggregated data to disk, writing it and reading it back. The
// remedy is more memory per task (more executor memory or fewer cores per
// executor) or less data per task (more partitions). Spill confined to
// skewed tasks is stage.task_skew's (the engine folds it there).
//
// Thresholds (ANCHORS §14.3, §14.12): memory bytes spilled / the largest of
// the stage's input, shuffle read, shuffle write and output at least 1%
// (Dr. Elephant's low band; any disk spill is a warning in spark-history-cli),
// reported for information only (no saving claimed) when the stage moved
// 3 TiB or more, where Dr. Elephant suppresses it. Spill time is estimated
// at kSpillBytesPerSecond for writing and reading back the disk bytes. The
// memory advice follows Dr. Elephant's storage-spill heuristic: fewer cores
// when an executor has 4+ cores and 10+ GB, else more memory.
#include <algorithm>
#include <cmath>
#include <string>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/stage_support.h"

namespace sparkdx {
namespace {

constexpr double kSpillMinShareOfData = 0.01;
constexpr int64_t kSpillSuppressStageBytes = 3LL * 1024 * kGiB;  // 3 TiB
constexpr int32_t kFewerCoresMinCores = 4;
constexpr int64_t kFewerCoresMinMemoryBytes = 10 * kGiB;
// Spill in at most this share of a stage's tasks (and at least
// kConcentratedMinTasks tasks in the stage) is the data of those tasks, not
// a memory setting: raising memory for every task would waste it on the rest.
constexpr double kConcentratedMaxTaskShare = 0.10;
constexpr int32_t kConcentratedMinTasks = 10;

}  // namespace

void CheckStageSpill(const AppAnalysis& analysis, RuleOutput* out) {
  const SparkConf& conf = analysis.conf;
  for (const StageTaskStats& s : analysis.stages) {
    int64_t memory_spilled = s.Of(TaskQuantity::kMemorySpilledBytes).sum;
    int64_t disk_spilled = s.Of(TaskQuantity::kDiskSpilledBytes).sum;
    if (memory_spilled <= 0 && disk_spilled <= 0) continue;
    StageBytes bytes = StageDataBytes(s);
    int64_t data = bytes.Largest();
    double share = SafeRatio(static_cast<double>(memory_spilled), static_cast<double>(data));
    // A stage that moved no data it could measure but spilled is spilling.
    if (data > 0 && share < kSpillMinShareOfData) continue;

    int32_t spilling_tasks = 0;
    int64_t spill_task_ms = 0;  // estimated spill time, capped by each task's run time
    s.stage->tasks.ForEach([&](const TaskRecord& t) {
      if (!t.successful() || !t.started) return;
      int64_t disk = TaskQuantityValue(t, TaskQuantity::kDiskSpilledBytes);
      if (disk <= 0 && TaskQuantityValue(t, TaskQuantity::kMemorySpilledBytes) <= 0) return;
      ++spilling_tasks;
      spill_task_ms = SatAdd(spill_task_ms, std::min(EstimatedSpillMs(disk), TaskQuantityValue(t, TaskQuantity::kRunTimeMs)));
    });
    int64_t usable = std::max<int64_t>(1, std::min<int64_t>(s.succeeded, s.peak_concurrency));
    int64_t spill_wall_ms = std::min(s.span_ms(), spill_task_ms / usable);
    bool suppressed = data >= kSpillSuppressStageBytes;

    // Memory per task now: unified memory (execution + storage) per core.
    int64_t executor_memory = conf.executor_memory_bytes();
    int32_t cores = EffectiveExecutorCores(analysis);
    double fraction = conf.memory_fraction();
    int64_t unified = static_cast<int64_t>(
        static_cast<double>(std::max<int64_t>(0, executor_memory - kSparkReservedMemoryBytes)) * fraction);
    int64_t per_task = unified / cores;
    int64_t spill_per_task = spilling_tasks > 0 ? memory_spilled / spilling_tasks : memory_spilled;
    int64_t needed_per_task = per_task + spill_per_task;

    Finding f;
    f.entity = StageEntity(s);
    f.cause = "execution_memory";
    f.evidence = {Bytes("memory_spilled", memory_spilled),
                  Bytes("disk_spilled", disk_spilled),
                  Bytes("stage_data", data),
                  Fraction("memory_spilled_over_stage_data", share),
                  Count("spilling_tasks", spilling_tasks),
                  Count("tasks", s.succeeded),
                  Ms("estimated_spill_task_time", spill_task_ms),
                  Ms("estimated_spill_wall_clock", spill_wall_ms),
                  Bytes("executor_memory", executor_memory),
                  Count("executor_cores", cores),
                  Bytes("unified_memory_per_task", per_task)};
    f.explanation = StageLabel(s) + " spilled " + HumanBytes(memory_spilled) + " from memory (" +
                    HumanBytes(disk_spilled) + " on disk) in " + std::to_string(spilling_tasks) + " of " +
                    std::to_string(s.succeeded) + " tasks, " + HumanPercent(share) + " of the " + HumanBytes(data) +
                    " it moved. Each task had about " + HumanBytes(per_task) + " of execution and storage memory (" +
                    HumanBytes(executor_memory) + " executors with " + std::to_string(cores) +
                    " cores, spark.memory.fraction " + ConfNumber(fraction) + ") and needed about " +
                    HumanBytes(spill_per_task) + " more; writing and reading back the spill cost an estimated " +
                    HumanDuration(spill_task_ms) + " of task time.";
    if (suppressed) {
      f.explanation += " At " + HumanBytes(data) + " some spill is expected; reported for information.";
    }

    bool concentrated = s.succeeded >= kConcentratedMinTasks &&
                        spilling_tasks <= kConcentratedMaxTaskShare * static_cast<double>(s.succeeded);
    if (concentrated) {
      f.cause = "skewed_tasks";
      f.explanation += " The spill is confined to " + std::to_string(spilling_tasks) + " of " +
                       std::to_string(s.succeeded) +
                       " tasks: those tasks got far more data than the rest, so more memory for every task would "
                       "be wasted on the others.";
      f.recommendations.push_back(
          {"Even out the data of the spilling tasks: salt a hot key, let AQE split skewed join partitions, or "
           "split oversized input files (stage.task_skew names the cause when the tasks also ran long).",
           "", ""});
      if (!conf.adaptive_enabled() && conf.version().AtLeast(3, 0)) {
        f.recommendations.push_back({"Let adaptive execution split skewed join partitions.",
                                     "spark.sql.adaptive.enabled", "true"});
      }
    } else if (cores >= kFewerCoresMinCores && executor_memory >= kFewerCoresMinMemoryBytes && needed_per_task > 0) {
      int64_t fewer = std::clamp<int64_t>(unified / needed_per_task, 1, cores - 1);
      f.recommendations.push_back({"Give each task more memory by running fewer tasks per executor: " +
                                       std::to_string(fewer) + " cores leave about " + HumanBytes(unified / fewer) +
                                       " per task.",
                                   "spark.executor.cores", std::to_string(fewer)});
    } else {
      int64_t new_memory = static_cast<int64_t>(std::ceil(static_cast<double>(needed_per_task * cores) / fraction)) +
                           kSparkReservedMemoryBytes;
      new_memory = std::max(new_memory, executor_memory + executor_memory / 4);
      f.recommendations.push_back({"Give each task about " + HumanBytes(needed_per_task) +
                                       " of execution memory by raising executor memory from " +
                                       HumanBytes(executor_memory) + " (keep memoryOverhead in step on YARN/Kubernetes).",
                                   "spark.executor.memory", SparkSizeString(new_memory)});
    }
    if (!concentrated && bytes.shuffle_read > 0 && bytes.shuffle_read >= bytes.input) {
      // Less data per task: enough partitions that each reads about the target.
      int64_t per_task_read = bytes.shuffle_read / std::max(1, s.succeeded);
      int64_t target = std::min<int64_t>(kTargetPartitionBytes, std::max<int64_t>(per_task / 2, 16 * kMiB));
      int64_t partitions = std::max<int64_t>(PartitionsFor(bytes.shuffle_read, target), s.succeeded * 2);
      f.recommendations.push_back({"Or split the shuffle finer: " + std::to_string(partitions) + " partitions give " +
                                       HumanBytes(bytes.shuffle_read / partitions) + " per task instead of " +
                                       HumanBytes(per_task_read) + ".",
                                   "spark.sql.shuffle.partitions", std::to_string(partitions)});
      if (conf.adaptive_enabled()) {
        f.recommendations.push_back({"With AQE on, keep coalescing from merging the partitions back.",
                                     "spark.sql.adaptive.advisoryPartitionSizeInBytes", SparkSizeString(target)});
      }
    }
    if (suppressed) {
      f.impact = "No saving claimed: at " + HumanBytes(data) + " spill is expected (estimated " +
                 HumanDuration(spill_wall_ms) + " of the stage's wall clock).";
    } else {
      f.saving_ms = spill_wall_ms;
      f.saving_core_ms = spill_task_ms;
      f.impact = "About " + HumanDuration(spill_wall_ms) + " of wall clock (" + ShareOfRun(spill_wall_ms, analysis) +
                 ") and " + CoreTime(spill_task_ms) + ": " + HumanBytes(disk_spilled) +
                 " spilled to disk, written and read back at an assumed " +
                 HumanBytes(static_cast<uint64_t>(kSpillBytesPerSecond)) + "/s, spread over the " +
                 std::to_string(usable) + " slots the stage used.";
    }
    f.confidence = disk_spilled > 0 ? Confidence::kMedium : Confidence::kLow;
    out->findings.push_back(std::move(f));
  }
}

}  // namespace sparkdx
