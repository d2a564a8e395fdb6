// config.memory_overhead_low: spark.executor.memoryOverhead (or the legacy
// spark.yarn.executor.memoryOverhead) was set below Spark's own default,
// max(10% of executor memory, 384 MiB) (ANCHORS §14.7, §14.11). The
// overhead holds everything outside the heap: thread stacks, direct
// buffers (Netty shuffle), native libraries and Python workers; the
// cluster manager kills a container that exceeds heap + overhead.
//
// What makes it matter in this run, in order of strength: task attempts
// lost with their executor to a memory kill ("exceeding memory limits",
// "Container killed", exit code 137) -> high confidence; peak off-heap
// use (JVM off-heap + direct pool + Python RSS, ExecutorMetrics) above the
// configured overhead -> medium; otherwise it is a lint with low
// confidence. The value recommended is the larger of Spark's default and
// the peak off-heap use x 1.25 (Dr. Elephant's 25% buffer, §14.7), rounded
// up to 128 MiB.
//
// Saving: failed attempts' wall clock in the share memory kills had of
// failed and killed attempt time.
#include <algorithm>
#include <string>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"

namespace sparkdx {
namespace {

constexpr double kPeakBufferFactor = 1.25;
constexpr int64_t kOverheadStepBytes = 128 * kMiB;

bool MemoryKill(const std::string& message) {
  return message.find("exceeding memory limits") != std::string::npos ||
         message.find("Container killed") != std::string::npos || message.find("exit code 137") != std::string::npos ||
         message.find("exit code 143") != std::string::npos || message.find("OOMKilled") != std::string::npos;
}

}  // namespace

void CheckConfigMemoryOverheadLow(const AppAnalysis& analysis, RuleOutput* out) {
  const SparkConf& conf = analysis.conf;
  if (!conf.Has("spark.executor.memoryOverhead") && !conf.Has("spark.yarn.executor.memoryOverhead")) return;
  int64_t memory = conf.executor_memory_bytes();
  int64_t overhead = conf.executor_overhead_bytes();
  // Spark computes its default in whole MiB: max(0.1 x memory MiB truncated, 384).
  int64_t spark_default = std::max(
      kSparkMinOverheadBytes, static_cast<int64_t>(kSparkOverheadFactor * static_cast<double>(memory / kMiB)) * kMiB);
  if (overhead >= spark_default) return;
  const AppStatus& status = *analysis.status;
  if (analysis.stages.empty()) return;  // no task ran: nothing was at risk

  int64_t kills = 0, kill_ms = 0, failed_ms = 0;
  for (const StageTaskStats& s : analysis.stages) {
    failed_ms += s.failed_task_ms + s.killed_task_ms;
    s.stage->tasks.ForEach([&](const TaskRecord& t) {
      if (!t.failed || t.message_id < 0 || static_cast<size_t>(t.message_id) >= status.task_messages.size()) return;
      if (!MemoryKill(status.task_messages[static_cast<size_t>(t.message_id)])) return;
      ++kills;
      kill_ms += BoundedDurationMs(t);
    });
  }
  int64_t peak_off_heap = 0;
  for (const ExecutorStatusData& e : status.executors) {
    if (e.id == "driver" || !e.peak.IsSet()) continue;
    int64_t off = e.peak[ExecutorMetric::kJvmOffHeapMemory] + e.peak[ExecutorMetric::kDirectPoolMemory] +
                  e.peak[ExecutorMetric::kProcessTreePythonRssMemory];
    peak_off_heap = std::max(peak_off_heap, off);
  }
  int64_t wanted = std::max<int64_t>(spark_default, static_cast<int64_t>(kPeakBufferFactor * static_cast<double>(peak_off_heap)));
  wanted = (wanted + kOverheadStepBytes - 1) / kOverheadStepBytes * kOverheadStepBytes;

  Finding f;
  f.entity = ApplicationEntity(analysis);
  f.evidence = {Bytes("memory_overhead", overhead), Bytes("spark_default_overhead", spark_default),
                Bytes("executor_memory", memory), Bytes("peak_off_heap", peak_off_heap),
                Count("memory_killed_attempts", kills), Ms("memory_killed_attempt_time", kill_ms)};
  f.explanation = "spark.executor.memoryOverhead was set to " + HumanBytes(overhead) + ", below Spark's default of " +
                  HumanBytes(spark_default) + " for a " + HumanBytes(memory) + " heap (max(10%, 384 MiB)).";
  if (kills > 0) {
    f.explanation += " " + std::to_string(kills) + " task attempts were lost when the cluster manager killed their "
                     "executor for exceeding its memory limit (" + HumanDuration(kill_ms) + " of work).";
    f.confidence = Confidence::kHigh;
  } else if (peak_off_heap > overhead) {
    f.explanation += " Executors peaked at " + HumanBytes(peak_off_heap) +
                     " outside the heap (JVM off-heap, direct buffers and Python workers), more than the overhead.";
    f.confidence = Confidence::kMedium;
  } else {
    f.explanation += " No executor was killed for memory in this run, but shuffles, direct buffers and any Python "
                     "workers live in that space.";
    f.confidence = Confidence::kLow;
  }
  f.recommendations.push_back({"Give executors at least Spark's default overhead" +
                                   std::string(peak_off_heap * kPeakBufferFactor > spark_default
                                                   ? " and 25% above the off-heap peak seen"
                                                   : "") + ".",
                               "spark.executor.memoryOverhead", std::to_string(wanted / kMiB) + "m"});
  f.saving_ms = static_cast<int64_t>(static_cast<double>(analysis.breakdown.Of(WallClockPart::kFailedAttempts)) *
                                     std::min(1.0, SafeRatio(static_cast<double>(kill_ms), static_cast<double>(failed_ms))));
  f.impact = kills > 0 ? "About " + HumanDuration(f.saving_ms) + " (" + ShareOfRun(f.saving_ms, analysis) +
                             "): failed attempts' wall clock in the share memory kills had of failed and killed "
                             "attempt time, plus the executors' restarts."
                       : "No time was lost to it in this run; it prevents container kills when off-heap use grows.";
  out->findings.push_back(std::move(f));
}

}  // namespace sparkdx
