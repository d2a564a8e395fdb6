// host.slow_executor: across the run, one executor (or every executor of one
// host) ran its tasks consistently slower than the other tasks of the same
// stage, with no more data per task: the machine, not the work, was slow
// (a degraded disk, a noisy neighbour, CPU throttling, a bad network link).
// Comparing each task with the median of its own stage makes stages of
// different cost comparable; requiring several stages rules out one
// unlucky stage, which stage.task_skew / stage.straggler report.
//
// Thresholds: the median over its tasks of task time / its stage's median
// task time at least 2 (the low band of executor time skew, Dr. Elephant
// master's 1.778-3.162 and the Observability Agent's 2x, ANCHORS §14.1),
// over at least 10 tasks (the Agent's minimum) in at least 2 stages, with
// the median of data per task / stage median at most 1.25 (the data is not
// what made it slow). Stages with a median task under 1 s are ignored:
// scheduling noise dominates such tasks.
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/stage_support.h"

namespace sparkdx {
namespace {

constexpr double kSlowMinTimeRatio = 2.0;
constexpr int32_t kSlowMinTasks = 10;
constexpr int32_t kSlowMinStages = 2;
constexpr double kSlowMaxDataRatio = 1.25;
constexpr int64_t kSlowMinStageMedianMs = 1000;
constexpr int32_t kSlowMinStageTasks = 4;  // a median of fewer tasks says little

// What one executor or host did, relative to its stages' medians.
struct Relative {
  std::vector<double> time_ratios;
  std::vector<double> data_ratios;
  std::set<std::pair<int32_t, int32_t>> stages;
  int64_t excess_task_ms = 0;   // summed time beyond the stage median
  int64_t task_ms = 0;
  std::set<uint32_t> executors;
};

// The upper median; reorders `values` (callers are done with their order).
double Median(std::vector<double>& values) {
  if (values.empty()) return 0;
  auto middle = values.begin() + static_cast<std::ptrdiff_t>(values.size() / 2);
  std::nth_element(values.begin(), middle, values.end());
  return *middle;
}

}  // namespace

void CheckHostSlowExecutor(const AppAnalysis& analysis, RuleOutput* out) {
  const AppStatus& status = *analysis.status;
  std::map<uint32_t, Relative> by_executor;
  std::map<std::string, Relative> by_host;
  // Per stage attempt, where its longest task ran (for the wall-clock estimate).
  std::vector<const StageTaskStats*> compared;
  for (const StageTaskStats& s : analysis.stages) {
    const Distribution& duration = s.Of(TaskQuantity::kDurationMs);
    if (s.succeeded < kSlowMinStageTasks || duration.median < kSlowMinStageMedianMs) continue;
    compared.push_back(&s);
    int64_t median_data = s.Of(TaskQuantity::kInputBytes).median + s.Of(TaskQuantity::kShuffleReadBytes).median;
    // The executor's and host's records, looked up once per (executor, host)
    // pair and stage rather than once per task: the maps are keyed by strings.
    std::map<std::pair<uint32_t, int32_t>, std::pair<Relative*, Relative*>> seen_in_stage;
    s.stage->tasks.ForEach([&](const TaskRecord& t) {
      if (!t.successful() || !t.started) return;
      double time_ratio = static_cast<double>(BoundedDurationMs(t)) / static_cast<double>(duration.median);
      int64_t data = TaskQuantityValue(t, TaskQuantity::kInputBytes) + TaskQuantityValue(t, TaskQuantity::kShuffleReadBytes);
      int64_t excess = std::max<int64_t>(0, BoundedDurationMs(t) - duration.median);
      auto [slot, first] = seen_in_stage.try_emplace({t.executor, t.host_id});
      if (first) {
        slot->second = {&by_executor[t.executor], &by_host[TaskHost(status, t)]};
        for (Relative* r : {slot->second.first, slot->second.second}) {
          r->stages.insert({s.stage_id, s.attempt_id});
          r->executors.insert(t.executor);
        }
      }
      for (Relative* r : {slot->second.first, slot->second.second}) {
        r->time_ratios.push_back(time_ratio);
        if (median_data > 0) r->data_ratios.push_back(static_cast<double>(data) / static_cast<double>(median_data));
        r->excess_task_ms += excess;
        r->task_ms += BoundedDurationMs(t);
      }
    });
  }
  if (by_executor.size() < 2) {
    out->NotRun("fewer than two executors ran tasks in stages with a median task of at least " +
                HumanDuration(kSlowMinStageMedianMs));
    return;
  }

  auto qualifies = [](Relative& r, double* time_ratio, double* data_ratio) {
    *time_ratio = Median(r.time_ratios);
    *data_ratio = r.data_ratios.empty() ? 1.0 : Median(r.data_ratios);
    return static_cast<int32_t>(r.time_ratios.size()) >= kSlowMinTasks &&
           static_cast<int32_t>(r.stages.size()) >= kSlowMinStages && *time_ratio >= kSlowMinTimeRatio &&
           *data_ratio <= kSlowMaxDataRatio;
  };
  SpeculationConf speculation = EffectiveSpeculation(analysis.conf);
  auto report = [&](const Relative& r, double time_ratio, double data_ratio, FindingEntity entity,
                    const std::string& what, const std::string& host) {
    // Wall clock: stages whose longest task ran here would have ended when balanced.
    int64_t saving_ms = 0;
    int32_t stages_held_up = 0;
    for (const StageTaskStats* s : compared) {
      if (!s->has_longest || r.executors.count(s->longest.executor) == 0) continue;
      if (TaskHost(status, s->longest) != host && entity.kind == EntityKind::kHost) continue;
      int64_t late = std::max<int64_t>(0, s->span_ms() - BalancedSpanMs(*s));
      if (late > 0) ++stages_held_up;
      saving_ms += late;
    }
    int32_t failed = 0;
    for (uint32_t e : r.executors) failed += e < status.executors.size() ? status.executors[e].failed_tasks : 0;
    Finding f;
    f.entity = std::move(entity);
    f.cause = "slow_machine";
    f.evidence = {Count("tasks", static_cast<int64_t>(r.time_ratios.size())),
                  Count("stages", static_cast<int64_t>(r.stages.size())),
                  Count("executors", static_cast<int64_t>(r.executors.size())),
                  Ratio("median_task_time_over_stage_median", time_ratio),
                  Ratio("median_task_data_over_stage_median", data_ratio),
                  Ms("task_time", r.task_ms),
                  Ms("excess_task_time", r.excess_task_ms),
                  Count("stages_held_up", stages_held_up),
                  Count("failed_tasks", failed)};
    f.explanation = what + " ran " + std::to_string(r.time_ratios.size()) + " tasks in " +
                    std::to_string(r.stages.size()) + " stages; its typical task took " + HumanRatio(time_ratio) +
                    " as long as the median task of the same stage while reading " + HumanRatio(data_ratio) +
                    " the median data, so the machine was slow, not the work. Its tasks ran " +
                    HumanDuration(r.excess_task_ms) + " beyond their stages' medians, and " +
                    std::to_string(stages_held_up) + " stage(s) waited on their longest task there.";
    f.recommendations.push_back({"Check host " + host +
                                     ": disk health and latency, network errors, CPU steal or throttling, other "
                                     "workloads on it; drain it if it is degraded.",
                                 "", ""});
    if (!speculation.enabled) {
      f.recommendations.push_back({"Enable speculation so copies of tasks stuck on a slow machine run elsewhere.",
                                   "spark.speculation", "true"});
    }
    if (analysis.conf.Get("spark.master").value_or("").rfind("yarn", 0) == 0 && !host.empty()) {
      f.recommendations.push_back({"Keep YARN from placing executors on this host until it is fixed.",
                                   analysis.conf.version().AtLeast(3, 1) ? "spark.yarn.exclude.nodes"
                                                                         : "spark.yarn.blacklist.nodes",
                                   host});
    }
    if (failed > 0 && !analysis.conf.BoolOr("spark.excludeOnFailure.enabled", false) &&
        analysis.conf.version().AtLeast(3, 1)) {
      f.recommendations.push_back({"Its executors also failed " + std::to_string(failed) +
                                       " task(s): let Spark stop scheduling on executors and hosts that keep failing.",
                                   "spark.excludeOnFailure.enabled", "true"});
    }
    f.saving_ms = saving_ms;
    f.saving_core_ms = r.excess_task_ms;
    f.impact = "About " + HumanDuration(saving_ms) + " of wall clock (" + ShareOfRun(saving_ms, analysis) +
               "): the span beyond balanced tasks of the stages whose longest task ran here; and " +
               CoreTime(r.excess_task_ms) + " its tasks spent beyond their stages' medians.";
    f.confidence = r.stages.size() >= 3 ? Confidence::kHigh : Confidence::kMedium;
    out->findings.push_back(std::move(f));
  };

  std::set<uint32_t> reported;
  for (auto& [host, r] : by_host) {
    double time_ratio = 0, data_ratio = 0;
    if (host.empty() || r.executors.size() < 2 || by_host.size() < 2 || !qualifies(r, &time_ratio, &data_ratio)) {
      continue;
    }
    report(r, time_ratio, data_ratio, {EntityKind::kHost, host, host},
           "Host " + host + " (" + std::to_string(r.executors.size()) + " executors)", host);
    reported.insert(r.executors.begin(), r.executors.end());
  }
  for (auto& [index, r] : by_executor) {
    double time_ratio = 0, data_ratio = 0;
    if (reported.count(index) > 0 || index >= status.executors.size() || !qualifies(r, &time_ratio, &data_ratio)) {
      continue;
    }
    const ExecutorStatusData& e = status.executors[index];
    report(r, time_ratio, data_ratio, ExecutorEntity(e), "Executor " + e.id + (e.host.empty() ? "" : " on " + e.host),
           e.host);
  }
}

}  // namespace sparkdx
