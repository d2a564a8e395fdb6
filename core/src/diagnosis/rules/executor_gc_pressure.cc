// executor.gc_pressure: tasks spent a large share of their executor run
// time in JVM garbage collection, across the application or on some
// executors: each task has too little heap for what it holds.
//
// GC in the long tasks of a skewed stage is stage.task_skew's (one task
// holding a hot key's rows); those tasks are left out before the share is
// computed, so a run whose GC is all in skewed tasks does not fire and more
// memory is not recommended for it.
//
// Thresholds (ANCHORS §14.2, §14.12): Σ GC / Σ executor run time above 10%
// (the Spark UI's red cell, Dr. Elephant's 0.10 band, spark-optimizer,
// kubeflow MCP); 20% and above is the critical band (§14.12), which raises
// the floor to a warning. A healthy share is 5% (spark-history-cli's OK
// band, Dr. Elephant's "too low" start): the saving is the GC above it.
// Remedies follow Dr. Elephant's OOM/GC ladder (§14.9): memory x2 below
// 4 GiB, x1.5 below 8 GiB, x1.25 below 16 GiB, else halve cores (cap 4).
// Skew is recognised as stage.task_skew does (§14.1): max / median task
// time at least 3 with the longest task at least 30 s and half the span.
#include <algorithm>
#include <cmath>
#include <map>
#include <string>
#include <vector>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/sql_support.h"

namespace sparkdx {
namespace {

constexpr double kGcWarnShare = 0.10;
constexpr double kGcCriticalShare = 0.20;
constexpr double kGcHealthyShare = 0.05;
// Below a minute of task run time the share is noise (one full GC).
constexpr int64_t kGcMinRunTimeMs = 60'000;
// stage.task_skew's gates (stage_task_skew.cc).
constexpr int32_t kSkewMinTasks = 4;
constexpr double kSkewMinTimeRatio = 3.0;
constexpr int64_t kSkewMinLongestTaskMs = 30'000;
constexpr double kSkewMinShareOfSpan = 0.5;
// Dr. Elephant's memory ladder (bytes below which each factor applies).
constexpr int64_t kDoubleBelowBytes = 4 * kGiB;
constexpr int64_t kOneAndHalfBelowBytes = 8 * kGiB;
constexpr int64_t kQuarterMoreBelowBytes = 16 * kGiB;
constexpr int32_t kMaxRecommendedCores = 4;
constexpr int64_t kMemoryStepBytes = 512 * kMiB;

struct GcTotals {
  int64_t gc_ms = 0;
  int64_t run_ms = 0;
  double share() const { return SafeRatio(static_cast<double>(gc_ms), static_cast<double>(run_ms)); }
};

bool Skewed(const StageTaskStats& s) {
  const Distribution& d = s.Of(TaskQuantity::kDurationMs);
  return s.succeeded >= kSkewMinTasks && d.MaxOverMedian() >= kSkewMinTimeRatio && d.max >= kSkewMinLongestTaskMs &&
         static_cast<double>(d.max) >= kSkewMinShareOfSpan * static_cast<double>(s.span_ms());
}

}  // namespace

void CheckExecutorGcPressure(const AppAnalysis& analysis, RuleOutput* out) {
  const AppStatus& status = *analysis.status;
  GcTotals app, skewed;
  std::map<uint32_t, GcTotals> by_executor;
  for (const StageTaskStats& s : analysis.stages) {
    bool skewed_stage = Skewed(s);
    int64_t long_task_ms =
        static_cast<int64_t>(kSkewMinTimeRatio * static_cast<double>(s.Of(TaskQuantity::kDurationMs).median));
    s.stage->tasks.ForEach([&](const TaskRecord& t) {
      if (t.running || !t.has_metrics) return;
      int64_t gc = TaskQuantityValue(t, TaskQuantity::kGcTimeMs);
      int64_t run = TaskQuantityValue(t, TaskQuantity::kRunTimeMs);
      if (skewed_stage && t.successful() && BoundedDurationMs(t) >= long_task_ms) {
        skewed.gc_ms += gc;
        skewed.run_ms += run;
        return;
      }
      app.gc_ms += gc;
      app.run_ms += run;
      by_executor[t.executor].gc_ms += gc;
      by_executor[t.executor].run_ms += run;
    });
  }
  if (app.run_ms + skewed.run_ms <= 0) {
    out->NotRun("no finished task reported executor run time");
    return;
  }
  if (app.run_ms < kGcMinRunTimeMs) return;

  // Executors above the warn band, worst first.
  std::vector<std::pair<uint32_t, GcTotals>> hot;
  for (const auto& [executor, totals] : by_executor) {
    if (totals.run_ms >= kGcMinRunTimeMs && totals.share() > kGcWarnShare) hot.push_back({executor, totals});
  }
  std::sort(hot.begin(), hot.end(), [](const auto& a, const auto& b) { return a.second.share() > b.second.share(); });
  bool app_wide = app.share() > kGcWarnShare;
  if (!app_wide && hot.empty()) return;

  // Memory per task as configured, and the remedy on the ladder.
  const SparkConf& conf = analysis.conf;
  int64_t memory = conf.executor_memory_bytes();
  int32_t cores = conf.executor_cores();
  if (cores <= 0 && !analysis.slots.executors.empty()) cores = analysis.slots.executors.front().slots * conf.task_cpus();
  int32_t slots = std::max(1, cores / conf.task_cpus());
  double factor = memory < kDoubleBelowBytes ? 2.0 : memory < kOneAndHalfBelowBytes ? 1.5
                  : memory < kQuarterMoreBelowBytes ? 1.25 : 1.0;

  auto make_finding = [&](const GcTotals& totals, FindingEntity entity, const std::string& scope, bool app_level) {
    Finding f;
    f.entity = std::move(entity);
    double share = totals.share();
    int64_t excess_gc_ms = std::max<int64_t>(0, totals.gc_ms - static_cast<int64_t>(kGcHealthyShare * static_cast<double>(totals.run_ms)));
    int64_t all_gc_ms = app.gc_ms + skewed.gc_ms;
    int64_t gc_wall_ms = analysis.breakdown.Of(WallClockPart::kGc);
    f.saving_ms = static_cast<int64_t>(static_cast<double>(gc_wall_ms) *
                                       SafeRatio(static_cast<double>(excess_gc_ms), static_cast<double>(all_gc_ms)));
    f.evidence = {Ms("gc_time", totals.gc_ms), Ms("executor_run_time", totals.run_ms), Fraction("gc_share", share),
                  Ms("gc_time_above_healthy", excess_gc_ms), Ms("gc_wall_clock", gc_wall_ms),
                  Ms("gc_time_in_skewed_tasks_excluded", skewed.gc_ms), Bytes("executor_memory", memory),
                  Count("task_slots_per_executor", slots), Bytes("memory_per_task_slot", memory / slots)};
    f.explanation = scope + " spent " + HumanDuration(totals.gc_ms) + " of " + HumanDuration(totals.run_ms) +
                    " of executor run time in garbage collection (" + HumanPercent(share) + ", above the " +
                    HumanPercent(kGcWarnShare) + " at which the Spark UI marks it red).";
    if (app_level) {
      f.explanation += " Each of the " + std::to_string(slots) + " task slots per executor has about " +
                       HumanBytes(memory / slots) + " of the " + HumanBytes(memory) +
                       " heap, too little for what the tasks hold.";
    }
    if (skewed.gc_ms > 0) {
      f.explanation += " GC in the long tasks of skewed stages (" + HumanDuration(skewed.gc_ms) +
                       ") is left out: it is stage.task_skew's.";
    }
    if (factor > 1.0) {
      int64_t target = RoundUpBytes(static_cast<int64_t>(static_cast<double>(memory) * factor), kMemoryStepBytes);
      f.recommendations.push_back({"Give each task more heap: raise executor memory from " + HumanBytes(memory) +
                                       " to " + HumanBytes(target) + " (" + HumanRatio(factor) + ", keeping " + std::to_string(slots) + " slots per executor).",
                                   "spark.executor.memory", SparkSizeText(target)});
    }
    if (cores > 1) {
      int32_t fewer = std::max(1, std::min(kMaxRecommendedCores, cores / 2));
      if (fewer < cores) {
        f.recommendations.push_back({"Or keep the memory and run fewer tasks per executor: " + std::to_string(fewer) +
                                         " cores instead of " + std::to_string(cores) + " gives each task " +
                                         HumanBytes(memory / std::max(1, fewer / conf.task_cpus())) + ".",
                                     "spark.executor.cores", std::to_string(fewer)});
      }
    }
    std::string java_options = conf.Get("spark.executor.extraJavaOptions").value_or("");
    bool old_java = status.environment.java_version && status.environment.java_version->rfind("1.", 0) == 0;
    if (old_java && java_options.find("G1GC") == std::string::npos && memory >= 4 * kGiB) {
      // Java 8 defaults to the parallel collector, whose full pauses grow with the heap.
      std::string value = java_options.empty() ? "-XX:+UseG1GC" : java_options + " -XX:+UseG1GC";
      f.recommendations.push_back({"This run's JVM is Java " + *status.environment.java_version +
                                       ", whose default parallel collector stops every task for full GCs of a " +
                                       HumanBytes(memory) + " heap; use G1.",
                                   "spark.executor.extraJavaOptions", value});
    }
    if (f.recommendations.empty()) {
      f.recommendations.push_back({"Executors already have " + HumanBytes(memory) +
                                       " and one core each: reduce what each task holds (fewer cached objects, "
                                       "narrower rows, avoid collect_list over large groups).",
                                   "", ""});
    }
    f.impact = "About " + HumanDuration(f.saving_ms) + " (" + ShareOfRun(f.saving_ms, analysis) +
               "): the run's GC wall clock (" + HumanDuration(gc_wall_ms) + ") scaled by the GC time above a healthy " +
               HumanPercent(kGcHealthyShare) + " of run time (" + HumanDuration(excess_gc_ms) + " of " +
               HumanDuration(all_gc_ms) + ").";
    f.confidence = share > kGcCriticalShare ? Confidence::kHigh : Confidence::kMedium;
    if (share > kGcCriticalShare) f.severity_floor = FindingSeverity::kWarning;
    return f;
  };

  if (app_wide) {
    Finding f = make_finding(app, ApplicationEntity(analysis), "Tasks across the application", true);
    if (!hot.empty()) {
      const ExecutorStatusData& worst = status.executors[hot.front().first];
      f.evidence.push_back(Fraction("worst_executor_gc_share", hot.front().second.share()));
      f.evidence.push_back(Count("executors_above_threshold", static_cast<int64_t>(hot.size())));
      f.explanation += " " + std::to_string(hot.size()) + " executors were above " + HumanPercent(kGcWarnShare) +
                       ", the worst (executor " + worst.id + ") at " + HumanPercent(hot.front().second.share()) + ".";
    }
    out->findings.push_back(std::move(f));
    return;
  }
  // The application as a whole is healthy: name the executors that were
  // not. The memory settings suit every other executor, so the advice is
  // about these executors' hosts and data, not the configuration.
  std::map<std::string, int> hot_per_host;
  for (const auto& [executor, totals] : hot) ++hot_per_host[status.executors[executor].host];
  for (const auto& [executor, totals] : hot) {
    const ExecutorStatusData& e = status.executors[executor];
    Finding f = make_finding(totals, ExecutorEntity(e), "Tasks on executor " + e.id + " (" + e.host + ")", false);
    f.explanation += " The application as a whole was at " + HumanPercent(app.share()) +
                     ", so the memory settings suit the other executors";
    int on_host = hot_per_host[e.host];
    f.explanation += on_host > 1 ? "; " + std::to_string(on_host) + " of the executors above it ran on this same host."
                                 : ".";
    f.recommendations.clear();
    f.recommendations.push_back(
        {"Look at host " + e.host +
             " (memory pressure from other processes, swapping, a failing disk) and at the data this executor's "
             "tasks got; the configuration is not the problem, so changing it would cost every other executor.",
         "", ""});
    f.confidence = Confidence::kLow;
    f.severity_floor.reset();  // one executor's GC: its saving decides
    out->findings.push_back(std::move(f));
  }
}

}  // namespace sparkdx
