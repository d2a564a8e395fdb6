// executor.memory_underprovisioned: executors ran out of heap, or nearly:
// task attempts failed with java.lang.OutOfMemoryError, or an executor's
// peak JVM heap (ExecutorMetrics JVMHeapMemory) came within 5% of
// spark.executor.memory.
//
// A skewed stage is a cause, not this: OOM failures in a stage whose tasks
// are skewed (as stage.task_skew measures it) and heap peaks reached only
// while skewed stages ran are left out; more memory would only hide the
// hot key.
//
// Thresholds (ANCHORS §14.7, §14.12): peak heap above 95% of executor
// memory (DataFlint's under-provisioned band) recommends +20% (DataFlint);
// OutOfMemoryError failures (Dr. Elephant's StagesWithFailedTasks) recommend
// +50% (Dr. Elephant's OOM ladder, x1.5 up to 8 GiB); rounded up to 512 MiB.
// Skew gates as stage.task_skew's (§14.1): max / median task time at least
// 3, longest task at least 30 s and half the stage's span.
#include <algorithm>
#include <set>
#include <string>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/sql_support.h"

namespace sparkdx {
namespace {

constexpr double kUnderprovisionedMinPeakShare = 0.95;
constexpr double kNearLimitGrowth = 1.20;
constexpr double kOomGrowth = 1.50;
constexpr int64_t kMemoryStepBytes = 512 * kMiB;
constexpr int32_t kSkewMinTasks = 4;
constexpr double kSkewMinTimeRatio = 3.0;
constexpr int64_t kSkewMinLongestTaskMs = 30'000;
constexpr double kSkewMinShareOfSpan = 0.5;

bool Skewed(const StageTaskStats& s) {
  const Distribution& d = s.Of(TaskQuantity::kDurationMs);
  return s.succeeded >= kSkewMinTasks && d.MaxOverMedian() >= kSkewMinTimeRatio && d.max >= kSkewMinLongestTaskMs &&
         static_cast<double>(d.max) >= kSkewMinShareOfSpan * static_cast<double>(s.span_ms());
}

}  // namespace

void CheckExecutorMemoryUnderprovisioned(const AppAnalysis& analysis, RuleOutput* out) {
  const AppStatus& status = *analysis.status;
  int64_t memory = analysis.conf.executor_memory_bytes();
  int64_t near_limit_bytes = static_cast<int64_t>(kUnderprovisionedMinPeakShare * static_cast<double>(memory));

  // OutOfMemoryError task failures outside skewed stages.
  int64_t oom_tasks = 0, oom_task_ms = 0, oom_in_skewed = 0;
  std::set<int32_t> oom_stages;
  std::string oom_sample;
  // Heap peaks near the limit: per stage attempt when the log has them.
  std::set<uint32_t> near_in_healthy_stage, near_in_skewed_stage;
  for (const StageTaskStats& s : analysis.stages) {
    bool skewed = Skewed(s);
    s.stage->tasks.ForEach([&](const TaskRecord& t) {
      if (!t.failed || t.message_id < 0 || static_cast<size_t>(t.message_id) >= status.task_messages.size()) return;
      const std::string& message = status.task_messages[static_cast<size_t>(t.message_id)];
      if (message.find("java.lang.OutOfMemoryError") == std::string::npos) return;
      if (skewed) {
        ++oom_in_skewed;
        return;
      }
      ++oom_tasks;
      oom_task_ms += BoundedDurationMs(t);
      oom_stages.insert(s.stage_id);
      if (oom_sample.empty()) oom_sample = TruncateUtf8(message.substr(0, message.find('\n')), 160);
    });
    for (const auto& [executor, summary] : s.stage->executor_summaries) {
      if (!summary.peak.IsSet() || summary.peak[ExecutorMetric::kJvmHeapMemory] <= near_limit_bytes) continue;
      (skewed ? near_in_skewed_stage : near_in_healthy_stage).insert(executor);
    }
  }
  int64_t peak = -1;
  std::string peak_executor;
  int near_executors = 0;
  for (uint32_t i = 0; i < status.executors.size(); ++i) {
    const ExecutorStatusData& e = status.executors[i];
    if (e.id == "driver" || !e.peak.IsSet()) continue;
    int64_t heap = e.peak[ExecutorMetric::kJvmHeapMemory];
    if (heap <= near_limit_bytes) continue;
    // Reached only while skewed stages ran: the skew's.
    if (near_in_skewed_stage.count(i) > 0 && near_in_healthy_stage.count(i) == 0) continue;
    ++near_executors;
    if (heap > peak) {
      peak = heap;
      peak_executor = e.id;
    }
  }
  if (oom_tasks == 0 && near_executors == 0) return;

  double growth = oom_tasks > 0 ? kOomGrowth : kNearLimitGrowth;
  int64_t target = RoundUpBytes(static_cast<int64_t>(static_cast<double>(memory) * growth), kMemoryStepBytes);
  Finding f;
  f.entity = ApplicationEntity(analysis);
  f.evidence = {Bytes("executor_memory", memory), Count("oom_failed_tasks", oom_tasks),
                Ms("oom_failed_task_time", oom_task_ms), Count("oom_failed_tasks_in_skewed_stages", oom_in_skewed),
                Count("executors_near_heap_limit", near_executors), Bytes("peak_jvm_heap", std::max<int64_t>(0, peak)),
                Fraction("peak_heap_share", SafeRatio(static_cast<double>(std::max<int64_t>(0, peak)), static_cast<double>(memory))),
                Bytes("recommended_executor_memory", target)};
  std::string text;
  if (oom_tasks > 0) {
    text = std::to_string(oom_tasks) + " task attempts in " + std::to_string(oom_stages.size()) +
           " stages failed with java.lang.OutOfMemoryError after running " + HumanDuration(oom_task_ms) +
           " in all (\"" + oom_sample + "\"), with " + HumanBytes(memory) + " of executor heap.";
    f.cause = "out_of_memory";
    f.confidence = Confidence::kHigh;
  }
  if (near_executors > 0) {
    if (!text.empty()) text += " ";
    text += std::to_string(near_executors) + " executors peaked above " + HumanPercent(kUnderprovisionedMinPeakShare) +
            " of their " + HumanBytes(memory) + " heap (executor " + peak_executor + " at " + HumanBytes(peak) +
            ", " + HumanPercent(SafeRatio(static_cast<double>(peak), static_cast<double>(memory))) + ").";
    if (f.cause.empty()) {
      f.cause = "heap_near_limit";
      f.confidence = Confidence::kMedium;
    }
  }
  if (oom_in_skewed > 0) {
    text += " " + std::to_string(oom_in_skewed) + " more OutOfMemoryError failures in skewed stages are left to "
            "stage.task_skew.";
  }
  f.explanation = text;
  f.recommendations.push_back({"Raise executor memory by " + HumanPercent(growth - 1.0) + ", from " + HumanBytes(memory) +
                                   " to " + HumanBytes(target) + ".",
                               "spark.executor.memory", SparkSizeText(target)});
  int32_t cores = analysis.conf.executor_cores();
  if (oom_tasks > 0 && cores >= 4) {
    f.recommendations.push_back({"Or keep the memory and halve the tasks sharing it: " + std::to_string(cores / 2) +
                                     " cores instead of " + std::to_string(cores) + ".",
                                 "spark.executor.cores", std::to_string(cores / 2)});
  }
  // Failed attempts' wall clock, in the share the OOM failures had of all
  // failed and killed attempt time.
  int64_t failed_ms = 0;
  for (const StageTaskStats& s : analysis.stages) failed_ms += s.failed_task_ms + s.killed_task_ms;
  f.saving_ms = static_cast<int64_t>(static_cast<double>(analysis.breakdown.Of(WallClockPart::kFailedAttempts)) *
                                     std::min(1.0, SafeRatio(static_cast<double>(oom_task_ms), static_cast<double>(failed_ms))));
  if (oom_tasks > 0) {
    f.impact = "About " + HumanDuration(f.saving_ms) + " (" + ShareOfRun(f.saving_ms, analysis) +
               "): the wall clock of failed attempts, in the share the OutOfMemoryError failures had of all failed "
               "and killed attempt time; retries that killed executors may have cost more.";
  } else {
    f.impact = "No time was lost yet (no task failed for memory); a heap this close to its limit fails the next "
               "larger input, so this prevents failures rather than saving time.";
  }
  out->findings.push_back(std::move(f));
}

}  // namespace sparkdx
