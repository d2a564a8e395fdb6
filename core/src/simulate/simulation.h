// Simulate: the what-if simulator's entry point (docs/simulation.md). It
// replays the observed run (the self-check: how close the model comes to
// the wall clock the log shows), then predicts the wall clock, core-hours
// and cost of each scenario: an executor-count curve with its knee, the
// user's executor shape, shuffle partitions and dynamic allocation, and the
// configuration the diagnosis recommends.
//
// To add a scenario kind: a row in SPARKDX_SCENARIO_KINDS, the change it
// makes in ScenarioConfig, how it changes task times or executors in
// simulation.cc (RunScenario), its uncertainty term, docs/simulation.md.
#ifndef SPARKDX_SIMULATE_SIMULATION_H_
#define SPARKDX_SIMULATE_SIMULATION_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "analysis/app_analysis.h"
#include "cost/pricing.h"
#include "diagnosis/diagnose.h"
#include "sparkdx/options.h"

namespace sparkdx::simulate {

// X(enumerator, key)
#define SPARKDX_SCENARIO_KINDS(X)          \
  X(kExecutorCount, "executor_count")      \
  X(kExecutorShape, "executor_shape")      \
  X(kShufflePartitions, "shuffle_partitions") \
  X(kDynamicAllocation, "dynamic_allocation") \
  X(kRecommended, "recommended")

enum class ScenarioKind : uint8_t {
#define SPARKDX_SCENARIO_ENUM(e, key) e,
  SPARKDX_SCENARIO_KINDS(SPARKDX_SCENARIO_ENUM)
#undef SPARKDX_SCENARIO_ENUM
};
const char* ScenarioKindKey(ScenarioKind kind);

// Thresholds, documented in docs/simulation.md.
inline constexpr double kTargetSelfCheckErrorPct = 10.0;
// Beyond this self-check error the model does not explain the run: invalid.
inline constexpr double kMaxValidSelfCheckErrorPct = 25.0;
// The knee: the first count from which doubling executors gains less than this.
inline constexpr double kKneeGainPerDoubling = 0.10;
// Uncertainty: at least this, plus terms per kind of extrapolation.
inline constexpr double kMinUncertainty = 0.05;
inline constexpr double kUncertaintyPerDoubling = 0.05;   // per doubling of executors away from observed
inline constexpr double kConcurrentJobsUncertainty = 0.10;
inline constexpr double kMemoryModelUncertainty = 0.15;
inline constexpr double kDynamicAllocationUncertainty = 0.10;
inline constexpr double kMaxUncertainty = 0.90;
// Guards against absurd requests (a scenario's cost grows with them).
inline constexpr int32_t kMaxSimulatedExecutors = 100'000;
inline constexpr int32_t kMaxSimulatedPartitions = 1'000'000;
// Spark's defaults for what dynamic allocation scenarios need.
inline constexpr int64_t kDefaultIdleTimeoutMs = 60'000;
inline constexpr int64_t kDefaultAdvisoryPartitionBytes = 64ll << 20;
// Executor start-up in dynamic allocation scenarios: the observed delay of
// the first executor after the application started, within these bounds.
inline constexpr int64_t kMinExecutorStartupMs = 1'000;
inline constexpr int64_t kMaxExecutorStartupMs = 30'000;

struct ScenarioConfig {
  int32_t executors = 0;  // static executors; dynamic: its max
  int32_t executor_cores = 0;
  int64_t executor_memory_bytes = 0;
  int32_t shuffle_partitions = 0;  // 0: as observed
  bool dynamic = false;
  int32_t dynamic_min = 0;
  int32_t dynamic_max = 0;
};

struct Scenario {
  ScenarioKind kind = ScenarioKind::kExecutorCount;
  std::string name;    // e.g. "executors x2 (16)"
  std::string source;  // "default", "user", "recommended"
  ScenarioConfig config;
  bool finished = true;  // false: the model could not run all the work
  int64_t wall_clock_ms = 0;
  int64_t low_ms = 0;
  int64_t high_ms = 0;
  double uncertainty = 0;  // relative half-width of [low, high]
  double core_hours = 0;
  double executor_hours = 0;
  double memory_gib_hours = 0;
  std::optional<double> cost_usd;
  std::vector<std::string> assumptions;
};

struct SimulationWarning {
  std::string kind;  // "concurrent_jobs", "dynamic_allocation", "streaming", "incomplete_log", "tasks_missing", ...
  std::string message;
  bool invalidates = false;
};

struct ObservedConfig {
  int32_t executors = 0;  // most alive at once
  int32_t slots_per_executor = 0;
  int32_t executor_cores = 0;
  int32_t task_cpus = 1;
  int64_t executor_memory_bytes = 0;
  int64_t executor_overhead_bytes = 0;
  int32_t shuffle_partitions = 0;
  bool dynamic_allocation = false;
  int64_t first_executor_ms = -1;  // absolute
};

struct Simulation {
  bool simulated = false;  // false: nothing to replay (see warnings)
  ObservedConfig observed;
  int64_t task_attempts = 0;
  int64_t observed_wall_clock_ms = 0;
  int64_t replayed_wall_clock_ms = 0;
  double self_check_error_pct = 0;  // (replayed - observed) / observed x 100
  bool valid = false;
  std::vector<SimulationWarning> warnings;
  double replayed_core_hours = 0;
  std::optional<double> replayed_cost_usd;
  bool priced = false;
  std::optional<int32_t> knee_executors;
  std::string knee_reason;
  std::vector<Scenario> scenarios;
};

Simulation Simulate(const AppAnalysis& analysis, const Diagnosis& diagnosis, const cost::Pricing& pricing,
                    const WhatIfOptions& options);

}  // namespace sparkdx::simulate

#endif  // SPARKDX_SIMULATE_SIMULATION_H_
