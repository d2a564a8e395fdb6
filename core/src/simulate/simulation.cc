#include "simulate/simulation.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <utility>

#include "base/format.h"
#include "base/saturating.h"
#include "simulate/scheduler.h"
#include "simulate/task_models.h"
#include "simulate/workload.h"

namespace sparkdx::simulate {
namespace {

constexpr double kMsPerHour = 3'600'000.0;
constexpr double kBytesPerGiB = 1024.0 * 1024.0 * 1024.0;

const char* const kScenarioKindKeys[] = {
#define SPARKDX_SCENARIO_KEY(e, key) key,
    SPARKDX_SCENARIO_KINDS(SPARKDX_SCENARIO_KEY)
#undef SPARKDX_SCENARIO_KEY
};

int32_t MostCommon(const std::vector<int32_t>& values, int32_t fallback) {
  std::map<int32_t, int> counts;
  for (int32_t v : values) ++counts[v];
  int32_t best = fallback;
  int most = 0;
  for (const auto& [v, n] : counts) {
    if (n > most) {
      most = n;
      best = v;
    }
  }
  return best;
}

// Slots of an executor for the simulator: cores / spark.task.cpus when the
// log gives cores. The analysis raises slots to the most tasks seen at once,
// but Spark never runs more than that: an excess is a task end logged a
// millisecond after the next launch.
int32_t SimSlots(const AppAnalysis& a, const ExecutorSlots& e) {
  int32_t cores = a.status->executors[e.executor].total_cores;
  int32_t task_cpus = std::max(1, a.conf.task_cpus());
  return cores >= task_cpus ? std::min(e.slots, cores / task_cpus) : e.slots;
}

ObservedConfig ObserveConfig(const AppAnalysis& a) {
  ObservedConfig c;
  const AppStatus& status = *a.status;
  c.task_cpus = std::max(1, a.conf.task_cpus());
  std::vector<int32_t> slots, cores;
  std::vector<std::pair<int64_t, int>> edges;
  for (const ExecutorSlots& e : a.slots.executors) {
    slots.push_back(SimSlots(a, e));
    int32_t total = status.executors[e.executor].total_cores;
    cores.push_back(total > 0 ? total : e.slots * c.task_cpus);
    edges.emplace_back(e.start_ms, 1);
    edges.emplace_back(e.end_ms, -1);
    if (c.first_executor_ms < 0 || e.start_ms < c.first_executor_ms) c.first_executor_ms = e.start_ms;
  }
  std::sort(edges.begin(), edges.end());
  int32_t alive = 0;
  for (const auto& edge : edges) {
    alive += edge.second;
    c.executors = std::max(c.executors, alive);
  }
  if (c.executors == 0 && !a.slots.executors.empty()) c.executors = static_cast<int32_t>(a.slots.executors.size());
  c.slots_per_executor = std::max(1, MostCommon(slots, 1));
  c.executor_cores = std::max(1, MostCommon(cores, c.slots_per_executor * c.task_cpus));
  c.executor_memory_bytes = a.conf.executor_memory_bytes();
  c.executor_overhead_bytes = a.conf.executor_overhead_bytes();
  c.shuffle_partitions = a.conf.shuffle_partitions();
  c.dynamic_allocation = a.conf.dynamic_allocation();
  return c;
}

struct Context {
  const AppAnalysis* analysis;
  const SimWorkload* workload;
  const cost::Pricing* pricing;
  ObservedConfig observed;
  double self_check_error = 0;  // fraction, absolute
  bool concurrent_jobs = false;
  std::vector<int64_t> arrivals_ms;  // observed executor arrivals, sorted
};

std::vector<std::vector<int64_t>> BaseDurations(const SimWorkload& w) {
  std::vector<std::vector<int64_t>> out(w.stages.size());
  for (size_t s = 0; s < w.stages.size(); ++s) {
    out[s].reserve(w.stages[s].tasks.size());
    for (const SimTask& t : w.stages[s].tasks) out[s].push_back(t.duration_ms);
  }
  return out;
}

int32_t SlotsPerExecutor(const ScenarioConfig& config, const ObservedConfig& observed) {
  if (config.executor_cores == observed.executor_cores) return observed.slots_per_executor;
  return std::max(1, config.executor_cores / observed.task_cpus);
}

// Effective task count of a re-cut stage: with AQE coalescing, Spark merges
// small partitions up to the advisory size, so more partitions than the
// bytes need do not give more tasks.
int32_t EffectivePartitions(const Context& ctx, const SimStage& stage, int32_t partitions, int64_t bytes) {
  const SparkConf& conf = ctx.analysis->conf;
  if (!conf.adaptive_enabled() || !conf.BoolOr("spark.sql.adaptive.coalescePartitions.enabled", true)) return partitions;
  int64_t advisory = std::max<int64_t>(1, conf.BytesOr("spark.sql.adaptive.advisoryPartitionSizeInBytes", 1,
                                                       kDefaultAdvisoryPartitionBytes));
  int64_t observed = 0;
  for (const SimTask& t : stage.tasks) observed += t.successful ? 1 : 0;
  int64_t by_bytes = std::max<int64_t>(1, (bytes + advisory - 1) / advisory);
  return static_cast<int32_t>(std::clamp<int64_t>(std::max(observed, by_bytes), 1, partitions));
}

struct ScenarioResult {
  SimRun run;
  double extra_uncertainty = 0;
  std::vector<std::string> assumptions;
};

ScenarioResult RunScenario(const Context& ctx, const ScenarioConfig& config) {
  const SimWorkload& w = *ctx.workload;
  const ObservedConfig& o = ctx.observed;
  ScenarioResult result;
  std::vector<std::vector<int64_t>> durations(w.stages.size());
  int32_t slots_per_executor = SlotsPerExecutor(config, o);
  MemoryChange memory;
  memory.observed_bytes_per_task =
      ExecutionMemoryPerTaskBytes(o.executor_memory_bytes, ctx.analysis->conf.memory_fraction(), o.slots_per_executor);
  memory.new_bytes_per_task =
      ExecutionMemoryPerTaskBytes(config.executor_memory_bytes, ctx.analysis->conf.memory_fraction(), slots_per_executor);
  bool memory_changes = memory.new_bytes_per_task != memory.observed_bytes_per_task;
  bool repartition = config.shuffle_partitions > 0 && config.shuffle_partitions != o.shuffle_partitions;
  double residual_weighted = 0, recut_ms = 0;
  int recut_stages = 0;
  for (size_t s = 0; s < w.stages.size(); ++s) {
    const SimStage& stage = w.stages[s];
    std::vector<int64_t>& out = durations[s];
    if (repartition && stage.shuffle_partitioned) {
      TaskTimeFit fit = FitTaskTime(stage.tasks);
      int64_t bytes = 0;
      for (const SimTask& t : stage.tasks) bytes = SatAdd(bytes, t.successful ? t.shuffle_read_bytes : 0);
      if (fit.tasks > 0) {
        out = RepartitionedTaskMs(stage.tasks, fit, EffectivePartitions(ctx, stage, config.shuffle_partitions, bytes));
        double stage_ms = fit.mean_ms * static_cast<double>(fit.tasks);
        if (fit.mean_ms > 0) residual_weighted += fit.rms_residual_ms / fit.mean_ms * stage_ms;
        recut_ms += stage_ms;
        ++recut_stages;
        for (const SimTask& t : stage.tasks) {
          if (!t.successful) out.push_back(t.duration_ms);
        }
        continue;
      }
    }
    out.reserve(stage.tasks.size());
    for (const SimTask& t : stage.tasks) out.push_back(memory_changes ? TaskMsWithMemory(t, memory) : t.duration_ms);
  }
  if (repartition) {
    double relative = recut_ms > 0 ? residual_weighted / recut_ms : 0;
    result.extra_uncertainty += std::min(0.5, relative);
    result.assumptions.push_back(std::to_string(recut_stages) +
                                 " stages reading SQL shuffle data re-cut into the new partition count; each task takes "
                                 "a fixed time plus a per-byte time fitted on its stage's tasks (relative residual " +
                                 HumanPercent(relative) + ")");
    if (ctx.analysis->conf.adaptive_enabled()) {
      result.assumptions.push_back("AQE coalesces partitions below the advisory size, so raising partitions adds tasks "
                                   "only where the bytes call for them");
    }
    if (memory_changes) result.assumptions.push_back("the memory model is not applied to re-cut stages");
  }
  if (memory_changes) {
    result.extra_uncertainty += kMemoryModelUncertainty;
    result.assumptions.push_back("execution memory per task " + HumanBytes(static_cast<uint64_t>(std::max<int64_t>(0, memory.observed_bytes_per_task))) +
                                 " -> " + HumanBytes(static_cast<uint64_t>(std::max<int64_t>(0, memory.new_bytes_per_task))) +
                                 ": spill time removed or added and GC time scaled (an estimate)");
  }
  if (config.executor_cores != o.executor_cores) {
    result.extra_uncertainty += kUncertaintyPerDoubling *
                                std::fabs(std::log2(static_cast<double>(config.executor_cores) / o.executor_cores));
    result.assumptions.push_back("tasks run as fast on executors of " + std::to_string(config.executor_cores) +
                                 " cores as on the observed " + std::to_string(o.executor_cores));
  }

  ExecutorPlan plan;
  plan.slots_per_executor = slots_per_executor;
  plan.cores_per_executor = config.executor_cores;
  if (config.dynamic) {
    DynamicPlan d;
    d.min_executors = config.dynamic_min;
    d.max_executors = std::max(1, config.dynamic_max);
    d.initial_executors = std::max<int32_t>(
        d.min_executors, static_cast<int32_t>(ctx.analysis->conf.IntOr("spark.dynamicAllocation.initialExecutors", d.min_executors)));
    d.initial_executors = std::min(d.initial_executors, d.max_executors);
    d.first_arrival_ms = o.first_executor_ms >= 0 ? o.first_executor_ms : w.start_ms;
    d.startup_ms = std::clamp<int64_t>(o.first_executor_ms >= 0 ? o.first_executor_ms - w.start_ms : 0,
                                       kMinExecutorStartupMs, kMaxExecutorStartupMs);
    d.idle_timeout_ms = kDefaultIdleTimeoutMs;
    plan.dynamic = d;
    result.extra_uncertainty += kDynamicAllocationUncertainty;
    result.assumptions.push_back("dynamic allocation: executors follow the task backlog within [" +
                                 std::to_string(d.min_executors) + ", " + std::to_string(d.max_executors) +
                                 "], arrive " + HumanDuration(d.startup_ms) + " after being requested and leave after " +
                                 HumanDuration(d.idle_timeout_ms) + " idle");
  } else {
    for (int32_t k = 0; k < config.executors; ++k) {
      PlannedExecutor e;
      size_t arrival = std::min<size_t>(static_cast<size_t>(k), ctx.arrivals_ms.empty() ? 0 : ctx.arrivals_ms.size() - 1);
      e.start_ms = ctx.arrivals_ms.empty() ? w.start_ms : ctx.arrivals_ms[arrival];
      e.slots = slots_per_executor;
      e.cores = config.executor_cores;
      plan.executors.push_back(e);
    }
    double doublings = std::fabs(std::log2(static_cast<double>(std::max(1, config.executors)) / std::max(1, o.executors)));
    result.extra_uncertainty += kUncertaintyPerDoubling * doublings;
  }
  result.run = RunSchedule(w, durations, plan);
  return result;
}

// Memory overhead of an executor of `memory_bytes`: as observed for the
// observed size or when set explicitly, else Spark's default.
int64_t OverheadBytes(const Context& ctx, int64_t memory_bytes) {
  const SparkConf& conf = ctx.analysis->conf;
  if (memory_bytes == ctx.observed.executor_memory_bytes || conf.Has("spark.executor.memoryOverhead") ||
      conf.Has("spark.yarn.executor.memoryOverhead")) {
    return ctx.observed.executor_overhead_bytes;
  }
  return std::max(kSparkMinOverheadBytes, ClampToInt64(static_cast<double>(memory_bytes) * kSparkOverheadFactor));
}

Scenario MakeScenario(const Context& ctx, ScenarioKind kind, std::string name, std::string source,
                      const ScenarioConfig& config) {
  Scenario s;
  s.kind = kind;
  s.name = std::move(name);
  s.source = std::move(source);
  s.config = config;
  ScenarioResult r = RunScenario(ctx, config);
  s.finished = r.run.finished;
  s.wall_clock_ms = r.run.wall_clock_ms;
  double u = std::max(kMinUncertainty, ctx.self_check_error) + r.extra_uncertainty;
  if (ctx.concurrent_jobs) u += kConcurrentJobsUncertainty;
  s.uncertainty = std::min(kMaxUncertainty, u);
  s.low_ms = ClampToInt64(static_cast<double>(s.wall_clock_ms) * (1.0 - s.uncertainty));
  s.high_ms = ClampToInt64(static_cast<double>(s.wall_clock_ms) * (1.0 + s.uncertainty));
  s.executor_hours = r.run.executor_ms / kMsPerHour;
  s.core_hours = r.run.core_ms / kMsPerHour;
  s.memory_gib_hours = s.executor_hours *
                       static_cast<double>(config.executor_memory_bytes + OverheadBytes(ctx, config.executor_memory_bytes)) /
                       kBytesPerGiB;
  if (ctx.pricing->known) {
    cost::ResourceUse use;
    use.wall_clock_hours = static_cast<double>(s.wall_clock_ms) / kMsPerHour;
    use.executor_hours = s.executor_hours;
    use.core_hours = s.core_hours;
    use.memory_gib_hours = s.memory_gib_hours;
    s.cost_usd = cost::PriceUsd(*ctx.pricing, use);
    if (config.executor_cores != ctx.observed.executor_cores ||
        config.executor_memory_bytes != ctx.observed.executor_memory_bytes) {
      r.assumptions.push_back("priced with the observed per-executor, per-core and per-GiB rates");
    }
  }
  if (!s.finished) r.assumptions.push_back("the model could not run all the work: no executor slot for it");
  s.assumptions = std::move(r.assumptions);
  return s;
}

ScenarioConfig ObservedScenarioConfig(const ObservedConfig& o) {
  ScenarioConfig c;
  c.executors = std::max(1, o.executors);
  c.executor_cores = o.executor_cores;
  c.executor_memory_bytes = o.executor_memory_bytes;
  return c;
}

void FindKnee(Simulation* sim) {
  std::vector<const Scenario*> curve;
  for (const Scenario& s : sim->scenarios) {
    if (s.kind == ScenarioKind::kExecutorCount && s.finished) curve.push_back(&s);
  }
  std::sort(curve.begin(), curve.end(),
            [](const Scenario* a, const Scenario* b) { return a->config.executors < b->config.executors; });
  if (curve.size() < 2) return;
  // Each count against the largest count up to twice it (else the next):
  // a step of one executor can gain nothing from wave rounding alone.
  for (size_t i = 0; i + 1 < curve.size(); ++i) {
    const Scenario& a = *curve[i];
    size_t j = i + 1;
    while (j + 1 < curve.size() && curve[j + 1]->config.executors <= 2 * a.config.executors) ++j;
    const Scenario& b = *curve[j];
    if (a.wall_clock_ms <= 0 || b.config.executors <= a.config.executors) continue;
    double gain = 1.0 - static_cast<double>(b.wall_clock_ms) / static_cast<double>(a.wall_clock_ms);
    double per_doubling = gain / std::log2(static_cast<double>(b.config.executors) / a.config.executors);
    if (per_doubling < kKneeGainPerDoubling) {
      sim->knee_executors = a.config.executors;
      sim->knee_reason = "from " + std::to_string(a.config.executors) + " to " + std::to_string(b.config.executors) +
                         " executors the run gets " + HumanPercent(std::max(0.0, gain)) +
                         " faster: less than " + HumanPercent(kKneeGainPerDoubling) + " per doubling";
      return;
    }
  }
  sim->knee_executors = curve.back()->config.executors;
  sim->knee_reason = "still " + HumanPercent(kKneeGainPerDoubling) +
                     " or more faster per doubling up to the largest count simulated";
}

// The recommendations of the diagnosis the simulator understands.
bool RecommendedConfig(const Diagnosis& diagnosis, const ObservedConfig& o, const SparkConf& conf, ScenarioConfig* out,
                       std::vector<std::string>* applied, std::vector<std::string>* ignored) {
  *out = ObservedScenarioConfig(o);
  std::set<std::string> seen;
  for (const Finding& f : diagnosis.findings) {
    // A finding's later recommendations are alternatives ("or ...") to its
    // first: one change per finding.
    bool took = false;
    for (const Recommendation& r : f.recommendations) {
      if (r.config_key.empty() || r.config_value.empty()) continue;
      if (took) {
        ignored->push_back(r.config_key + "=" + r.config_value + " (an alternative)");
        continue;
      }
      if (!seen.insert(r.config_key).second) continue;
      const std::string& key = r.config_key;
      std::optional<int64_t> bytes = ParseSparkBytes(r.config_value, kMiB);
      std::optional<int64_t> count = ParseSparkBytes(r.config_value, 1);
      bool numeric = count && *count > 0 && r.config_value.find_first_not_of("0123456789") == std::string::npos;
      bool used = true;
      if (key == "spark.executor.instances" && numeric) {
        out->executors = static_cast<int32_t>(std::min<int64_t>(*count, kMaxSimulatedExecutors));
      } else if (key == "spark.dynamicAllocation.maxExecutors" && numeric) {
        out->dynamic = true;
        out->dynamic_max = static_cast<int32_t>(std::min<int64_t>(*count, kMaxSimulatedExecutors));
        out->dynamic_min = static_cast<int32_t>(std::clamp<int64_t>(conf.IntOr("spark.dynamicAllocation.minExecutors", 0), 0, out->dynamic_max));
      } else if (key == "spark.executor.cores" && numeric) {
        out->executor_cores = static_cast<int32_t>(std::min<int64_t>(*count, 1024));
      } else if (key == "spark.executor.memory" && bytes && *bytes > 0) {
        out->executor_memory_bytes = *bytes;
      } else if (key == "spark.sql.shuffle.partitions" && numeric) {
        out->shuffle_partitions = static_cast<int32_t>(std::min<int64_t>(*count, kMaxSimulatedPartitions));
      } else {
        used = false;
      }
      (used ? applied : ignored)->push_back(key + "=" + r.config_value);
      took = took || used;
    }
  }
  return !applied->empty();
}

std::string Times(double factor) {
  if (factor == 0.25) return "x0.25";
  if (factor == 0.5) return "x0.5";
  return "x" + std::to_string(static_cast<int>(factor));
}

void AddWarnings(const AppAnalysis& a, const SimWorkload& w, const ObservedConfig& o, Simulation* sim) {
  const AppStatus& status = *a.status;
  auto warn = [&](const char* kind, std::string message, bool invalidates) {
    sim->warnings.push_back(SimulationWarning{kind, std::move(message), invalidates});
  };
  if (w.concurrent_jobs) {
    warn("concurrent_jobs",
         "jobs overlapped (submitted from several threads): the simulation keeps their observed overlap, and "
         "competition between them for slots follows Spark's FIFO order, which a fair-scheduler pool would not",
         false);
  }
  bool ramp = o.dynamic_allocation;
  for (const ExecutorSlots& e : a.slots.executors) {
    if (status.executors[e.executor].remove_time_ms >= 0) ramp = true;
  }
  if (ramp) {
    warn("dynamic_allocation",
         "executors came and went during the run: the replay follows them as observed; executor-count and shape "
         "scenarios hold a fixed number of executors from the observed arrival times",
         false);
  }
  if (!status.streaming_queries.empty()) {
    warn("streaming", "structured streaming queries ran: micro-batches are paced by their trigger, not by slots, so "
                      "what-ifs do not apply", true);
  }
  if (!a.window.end_observed || status.open_at_end.any()) {
    warn("incomplete_log", "the log ends before the application did (no ApplicationEnd, or jobs, stages or tasks still "
                           "open): the replay covers only what was logged", true);
  }
  int64_t all = w.task_attempts + w.tasks_outside_jobs;
  if (w.tasks_outside_jobs > 0) {
    warn("tasks_missing", std::to_string(w.tasks_outside_jobs) + " of " + std::to_string(all) +
                              " task attempts belong to no job in the log and are not replayed",
         w.tasks_outside_jobs * 100 > all);
  }
  if (w.tasks_executor_lost > 0) {
    warn("executors_lost", std::to_string(w.tasks_executor_lost) +
                               " task attempts failed because their executor was lost: the replay counts their work "
                               "but not the time Spark took to notice the loss and rerun them",
         false);
  }
  if (w.tasks_outside_stage > 0) {
    warn("task_times", std::to_string(w.tasks_outside_stage) + " of " + std::to_string(w.task_attempts) +
                           " task attempts ran outside their stage's submission and completion times (a damaged or "
                           "edited log): the replay cannot match the observed wall clock",
         w.tasks_outside_stage * 100 > w.task_attempts);
  }
  if (w.task_attempts == 0) warn("no_tasks", "the log records no task to replay", true);
}

}  // namespace

const char* ScenarioKindKey(ScenarioKind kind) { return kScenarioKindKeys[static_cast<int>(kind)]; }

Simulation Simulate(const AppAnalysis& analysis, const Diagnosis& diagnosis, const cost::Pricing& pricing,
                    const WhatIfOptions& options) {
  Simulation sim;
  sim.priced = pricing.known;
  SimWorkload w = BuildWorkload(analysis);
  sim.observed = ObserveConfig(analysis);
  sim.task_attempts = w.task_attempts;
  sim.observed_wall_clock_ms = std::max<int64_t>(0, analysis.window.duration_ms());
  AddWarnings(analysis, w, sim.observed, &sim);
  if (w.task_attempts == 0 || analysis.slots.executors.empty() || sim.observed_wall_clock_ms <= 0) return sim;
  sim.simulated = true;

  // The self-check: the observed executors, as they came and went.
  ExecutorPlan replay;
  for (const ExecutorSlots& e : analysis.slots.executors) {
    PlannedExecutor p;
    p.start_ms = e.start_ms;
    p.end_ms = analysis.status->executors[e.executor].remove_time_ms >= 0 ? e.end_ms : -1;
    p.slots = SimSlots(analysis, e);
    int32_t cores = analysis.status->executors[e.executor].total_cores;
    p.cores = cores > 0 ? cores : e.slots * sim.observed.task_cpus;
    replay.executors.push_back(p);
  }
  std::vector<std::vector<int64_t>> base = BaseDurations(w);
  SimRun replayed = RunSchedule(w, base, replay);
  sim.replayed_wall_clock_ms = replayed.wall_clock_ms;
  sim.self_check_error_pct = 100.0 * static_cast<double>(replayed.wall_clock_ms - sim.observed_wall_clock_ms) /
                             static_cast<double>(sim.observed_wall_clock_ms);
  sim.replayed_core_hours = replayed.core_ms / kMsPerHour;
  if (pricing.known) {
    cost::ResourceUse use;
    use.wall_clock_hours = static_cast<double>(replayed.wall_clock_ms) / kMsPerHour;
    use.executor_hours = replayed.executor_ms / kMsPerHour;
    use.core_hours = sim.replayed_core_hours;
    use.memory_gib_hours = use.executor_hours *
                           static_cast<double>(sim.observed.executor_memory_bytes + sim.observed.executor_overhead_bytes) /
                           kBytesPerGiB;
    sim.replayed_cost_usd = cost::PriceUsd(pricing, use);
  }
  if (!replayed.finished) {
    sim.warnings.push_back({"replay_unfinished", "the replay could not run every task on the observed executors", true});
  }
  if (std::fabs(sim.self_check_error_pct) > kMaxValidSelfCheckErrorPct) {
    sim.warnings.push_back({"self_check", "the replay misses the observed wall clock by more than " +
                                              HumanPercent(kMaxValidSelfCheckErrorPct / 100) +
                                              ": the model does not explain this run",
                            true});
  }
  sim.valid = std::none_of(sim.warnings.begin(), sim.warnings.end(),
                           [](const SimulationWarning& warning) { return warning.invalidates; });

  Context ctx{&analysis, &w, &pricing, sim.observed, std::fabs(sim.self_check_error_pct) / 100.0, w.concurrent_jobs, {}};
  for (const ExecutorSlots& e : analysis.slots.executors) ctx.arrivals_ms.push_back(e.start_ms);
  std::sort(ctx.arrivals_ms.begin(), ctx.arrivals_ms.end());
  const ObservedConfig& o = sim.observed;
  ScenarioConfig observed_config = ObservedScenarioConfig(o);

  // The executor curve: multiples of the observed count, then the user's.
  std::set<int32_t> counts;
  for (double factor : {0.25, 0.5, 1.0, 2.0, 4.0}) {
    int32_t n = std::clamp(static_cast<int32_t>(std::lround(factor * observed_config.executors)), 1, kMaxSimulatedExecutors);
    if (!counts.insert(n).second) continue;
    ScenarioConfig c = observed_config;
    c.executors = n;
    sim.scenarios.push_back(MakeScenario(ctx, ScenarioKind::kExecutorCount,
                                         "executors " + Times(factor) + " (" + std::to_string(n) + ")", "default", c));
  }
  for (int32_t requested : options.executors) {
    int32_t n = std::clamp(requested, 1, kMaxSimulatedExecutors);
    if (!counts.insert(n).second) continue;
    ScenarioConfig c = observed_config;
    c.executors = n;
    sim.scenarios.push_back(
        MakeScenario(ctx, ScenarioKind::kExecutorCount, "executors " + std::to_string(n), "user", c));
  }
  FindKnee(&sim);

  if (options.executor_cores > 0 || options.executor_memory_bytes > 0) {
    ScenarioConfig c = observed_config;
    if (options.executor_cores > 0) c.executor_cores = std::min(options.executor_cores, 1024);
    if (options.executor_memory_bytes > 0) c.executor_memory_bytes = options.executor_memory_bytes;
    // One count asked for: that many; else the observed total of cores.
    c.executors = options.executors.size() == 1
                      ? std::clamp(options.executors[0], 1, kMaxSimulatedExecutors)
                      : std::max(1, static_cast<int32_t>(std::lround(static_cast<double>(observed_config.executors) *
                                                                     o.executor_cores / c.executor_cores)));
    Scenario s = MakeScenario(ctx, ScenarioKind::kExecutorShape,
                              std::to_string(c.executors) + " executors of " + std::to_string(c.executor_cores) +
                                  " cores, " + HumanBytes(static_cast<uint64_t>(c.executor_memory_bytes)),
                              "user", c);
    if (options.executors.size() != 1) s.assumptions.insert(s.assumptions.begin(), "the observed total of cores is kept");
    sim.scenarios.push_back(std::move(s));
  }
  if (options.shuffle_partitions > 0) {
    ScenarioConfig c = observed_config;
    c.shuffle_partitions = std::min(options.shuffle_partitions, kMaxSimulatedPartitions);
    sim.scenarios.push_back(MakeScenario(ctx, ScenarioKind::kShufflePartitions,
                                         "shuffle partitions " + std::to_string(c.shuffle_partitions), "user", c));
  }
  if (options.dynamic_max_executors > 0) {
    ScenarioConfig c = observed_config;
    c.dynamic = true;
    c.dynamic_max = std::min(options.dynamic_max_executors, kMaxSimulatedExecutors);
    c.dynamic_min = std::clamp(options.dynamic_min_executors, 0, c.dynamic_max);
    c.executors = c.dynamic_max;
    sim.scenarios.push_back(MakeScenario(ctx, ScenarioKind::kDynamicAllocation,
                                         "dynamic allocation " + std::to_string(c.dynamic_min) + ".." +
                                             std::to_string(c.dynamic_max),
                                         "user", c));
  }
  ScenarioConfig recommended;
  std::vector<std::string> applied, ignored;
  if (RecommendedConfig(diagnosis, o, analysis.conf, &recommended, &applied, &ignored)) {
    if (recommended.dynamic) recommended.executors = recommended.dynamic_max;
    std::string name = "recommended:";
    for (const std::string& a : applied) name += " " + a;
    Scenario s = MakeScenario(ctx, ScenarioKind::kRecommended, name, "recommended", recommended);
    for (const std::string& i : ignored) s.assumptions.push_back("not simulated: " + i);
    sim.scenarios.push_back(std::move(s));
  }
  return sim;
}

}  // namespace sparkdx::simulate
