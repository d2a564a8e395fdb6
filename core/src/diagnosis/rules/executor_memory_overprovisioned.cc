// executor.memory_overprovisioned: no executor ever used much of the heap
// it was given: the largest peak JVM heap (ExecutorMetrics JVMHeapMemory,
// Spark 3.0+ logs) across executors stayed well below spark.executor.memory.
// Memory is reserved for the executor's whole life, so the surplus is paid
// for whether used or not.
//
// Thresholds (ANCHORS §14.7, §14.12): the largest peak below 70% of
// spark.executor.memory (DataFlint's over-provisioned band); only for
// executor memory above 2 GiB (Dr. Elephant's JvmUsedMemoryHeuristic gate:
// smaller heaps are not worth shrinking); the recommendation is peak x 1.25
// (Dr. Elephant's 25% buffer over peak, §14.7), rounded up to 512 MiB.
// Not when GC is above 10% of run time (§14.2): then the heap is not too
// big, the peak is just sampled between collections.
//
// Saving. Freeing memory does not make the run faster, so saving_ms is 0.
// It is expressed as core time through DataFlint's cost units (§14.10:
// 0.05 per core-hour, 0.005 per GiB-hour, so one GiB-hour costs as much as
// 0.1 core-hour): saving_core_ms = GiB-hours freed x 0.1 core-hour. The
// engine then ranks it against the core time the run held like other
// resource waste; the GiB-hours themselves are in the evidence and impact.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/sql_support.h"

namespace sparkdx {
namespace {

constexpr double kOverprovisionedMaxPeakShare = 0.70;
constexpr int64_t kOverprovisionedMinMemoryBytes = 2 * kGiB;
constexpr double kPeakBufferFactor = 1.25;
constexpr int64_t kMemoryStepBytes = 512 * kMiB;
constexpr double kGcHealthyMaxShare = 0.10;
constexpr double kCoreHoursPerGibHour = 0.005 / 0.05;  // DataFlint's DCU weights

}  // namespace

void CheckExecutorMemoryOverprovisioned(const AppAnalysis& analysis, RuleOutput* out) {
  const AppStatus& status = *analysis.status;
  int64_t peak = -1;
  std::string peak_executor;
  int executors_with_peak = 0;
  for (const ExecutorStatusData& e : status.executors) {
    if (e.id == "driver" || !e.peak.IsSet()) continue;
    int64_t heap = e.peak[ExecutorMetric::kJvmHeapMemory];
    if (heap <= 0) continue;
    ++executors_with_peak;
    if (heap > peak) {
      peak = heap;
      peak_executor = e.id;
    }
  }
  if (peak <= 0) {
    out->NotRun("the log has no executor heap peaks (ExecutorMetrics arrive with Spark 3.0)");
    return;
  }
  int64_t memory = analysis.conf.executor_memory_bytes();
  if (memory <= kOverprovisionedMinMemoryBytes) return;
  double peak_share = SafeRatio(static_cast<double>(peak), static_cast<double>(memory));
  if (peak_share >= kOverprovisionedMaxPeakShare) return;

  int64_t gc_ms = 0, run_ms = 0;
  for (const StageTaskStats& s : analysis.stages) {
    gc_ms += s.Of(TaskQuantity::kGcTimeMs).sum;
    run_ms += s.Of(TaskQuantity::kRunTimeMs).sum;
  }
  double gc_share = SafeRatio(static_cast<double>(gc_ms), static_cast<double>(run_ms));
  if (gc_share > kGcHealthyMaxShare) return;

  int64_t target = RoundUpBytes(static_cast<int64_t>(static_cast<double>(peak) * kPeakBufferFactor), kMemoryStepBytes);
  if (target >= memory) return;
  int64_t freed = memory - target;
  int64_t executor_ms = 0;
  for (const ExecutorSlots& e : analysis.slots.executors) {
    if (status.executors[e.executor].id != "driver") executor_ms += e.end_ms - e.start_ms;
  }
  double gib_hours = static_cast<double>(freed) / static_cast<double>(kGiB) * static_cast<double>(executor_ms) / 3.6e6;
  char gib_hours_text[32];
  std::snprintf(gib_hours_text, sizeof gib_hours_text, "%.1f GiB-hours", gib_hours);

  Finding f;
  f.entity = ApplicationEntity(analysis);
  f.evidence = {Bytes("executor_memory", memory),
                Bytes("peak_jvm_heap", peak),
                Fraction("peak_heap_share", peak_share),
                Count("executors_with_heap_peaks", executors_with_peak),
                Fraction("gc_share", gc_share),
                Bytes("recommended_executor_memory", target),
                Bytes("memory_freed_per_executor", freed),
                Ms("executor_lifetime_total", executor_ms),
                {"memory_freed_gib_hours", gib_hours, "GiB-hours"}};
  f.explanation = "Executors were given " + HumanBytes(memory) + " of heap, but the largest JVM heap any of the " +
                  std::to_string(executors_with_peak) + " executors reported was " + HumanBytes(peak) +
                  " (executor " + peak_executor + ", " + HumanPercent(peak_share) + " of it, below " +
                  HumanPercent(kOverprovisionedMaxPeakShare) + "), with GC at only " + HumanPercent(gc_share) +
                  " of run time: " + HumanBytes(freed) + " per executor was reserved and never needed.";
  f.recommendations.push_back({"Size the heap to the peak plus a 25% buffer: " + HumanBytes(peak) + " x 1.25, rounded "
                                   "up to 512 MiB.",
                               "spark.executor.memory", SparkSizeText(target)});
  f.saving_core_ms = std::llround(gib_hours * kCoreHoursPerGibHour * 3.6e6);
  f.impact = std::string("Frees ") + gib_hours_text + " of memory (" + HumanBytes(freed) + " per executor over " +
             HumanDuration(executor_ms) + " of executor lifetime); the run's duration should not change. Counted as " +
             CoreHours(f.saving_core_ms) + " at DataFlint's cost weights (1 GiB-hour = 0.1 core-hour).";
  f.confidence = executors_with_peak >= 2 ? Confidence::kMedium : Confidence::kLow;
  out->findings.push_back(std::move(f));
}

}  // namespace sparkdx
