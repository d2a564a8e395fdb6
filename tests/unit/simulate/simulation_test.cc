// Simulate end to end on models built in C++: the self-check reproduces a
// perfectly packed run exactly, the executor curve is monotone and has a
// knee, scenarios are priced with PriceUsd, the recommended configuration
// applies the diagnosis' settings, and validity warnings are raised.
#include <gtest/gtest.h>

#include <set>
#include <string>

#include "simulate/simulation.h"
#include "simulate/workload.h"
#include "support/app_status_builder.h"

namespace sparkdx::simulate {
namespace {

using testing::AppStatusBuilder;

// Two executors of 4 cores (8 slots) from 0; job 0 at 1000 runs stage 0
// (16 tasks of 10 s, two waves, 1000..21000) then stage 1 (8 tasks of 5 s,
// 21000..26000); the application ends at 27000.
void BuildPackedRun(AppStatusBuilder* b, int64_t stage1_shuffle_bytes = 0) {
  uint32_t e1 = b->AddExecutor("1", "host-1", 4);
  uint32_t e2 = b->AddExecutor("2", "host-2", 4);
  b->Conf("spark.executor.cores", "4").Conf("spark.executor.memory", "4g");
  b->AddJob(0, {0, 1}, 1000, 26000);
  b->AddStage(0, 0, 1000, 21000);
  b->AddStage(1, 0, 21000, 26000, "", {0});
  for (int wave = 0; wave < 2; ++wave) {
    for (int i = 0; i < 8; ++i) {
      int64_t start = 1000 + wave * 10'000;
      b->AddTask(0, 0, b->Task(i < 4 ? e1 : e2, start, start + 10'000));
    }
  }
  for (int i = 0; i < 8; ++i) {
    TaskRecord t = b->Task(i < 4 ? e1 : e2, 21000, 26000);
    testing::SetMetric(&t, TaskMetric::kShuffleLocalBytesRead, stage1_shuffle_bytes);
    b->AddTask(1, 0, t);
  }
}

const Scenario* Find(const Simulation& sim, ScenarioKind kind, int32_t executors = -1) {
  for (const Scenario& s : sim.scenarios) {
    if (s.kind == kind && (executors < 0 || s.config.executors == executors)) return &s;
  }
  return nullptr;
}

TEST(SimulationTest, ReplayReproducesAPackedRunExactly) {
  AppStatusBuilder b(0, 27000);
  BuildPackedRun(&b);
  AppAnalysis a = b.Analyze();
  Simulation sim = Simulate(a, Diagnosis{}, cost::Pricing{}, WhatIfOptions{});
  ASSERT_TRUE(sim.simulated);
  EXPECT_EQ(sim.observed_wall_clock_ms, 27000);
  EXPECT_EQ(sim.replayed_wall_clock_ms, 27000);
  EXPECT_EQ(sim.self_check_error_pct, 0);
  EXPECT_TRUE(sim.valid);
  EXPECT_TRUE(sim.warnings.empty());
  EXPECT_EQ(sim.observed.executors, 2);
  EXPECT_EQ(sim.observed.executor_cores, 4);
  EXPECT_EQ(sim.task_attempts, 24);
  EXPECT_FALSE(sim.priced);
  for (const Scenario& s : sim.scenarios) EXPECT_FALSE(s.cost_usd.has_value());
}

TEST(SimulationTest, ExecutorCurveIsMonotoneWithAKnee) {
  AppStatusBuilder b(0, 27000);
  BuildPackedRun(&b);
  AppAnalysis a = b.Analyze();
  WhatIfOptions options;
  options.executors = {3, 16};
  Simulation sim = Simulate(a, Diagnosis{}, cost::Pricing{}, options);
  // Observed 2: x0.25 and x0.5 round to 1 (kept once), x1 2, x2 4, x4 8, then 3 and 16.
  const Scenario* one = Find(sim, ScenarioKind::kExecutorCount, 1);
  const Scenario* two = Find(sim, ScenarioKind::kExecutorCount, 2);
  const Scenario* four = Find(sim, ScenarioKind::kExecutorCount, 4);
  const Scenario* sixteen = Find(sim, ScenarioKind::kExecutorCount, 16);
  ASSERT_TRUE(one && two && four && sixteen && Find(sim, ScenarioKind::kExecutorCount, 3));
  EXPECT_EQ(sixteen->source, "user");
  // 1 executor: 4 waves of 10 s + 2 of 5 s; 2: as observed; 4: one wave each.
  EXPECT_EQ(one->wall_clock_ms, 1000 + 40'000 + 10'000 + 1000);
  EXPECT_EQ(two->wall_clock_ms, 27000);
  EXPECT_EQ(four->wall_clock_ms, 1000 + 10'000 + 5'000 + 1000);
  EXPECT_EQ(sixteen->wall_clock_ms, four->wall_clock_ms);  // no more tasks than 16 slots
  std::vector<const Scenario*> curve;
  for (const Scenario& s : sim.scenarios) {
    if (s.kind == ScenarioKind::kExecutorCount) curve.push_back(&s);
  }
  for (const Scenario* x : curve) {
    for (const Scenario* y : curve) {
      if (x->config.executors < y->config.executors) EXPECT_GE(x->wall_clock_ms, y->wall_clock_ms);
    }
    EXPECT_LE(x->low_ms, x->wall_clock_ms);
    EXPECT_GE(x->high_ms, x->wall_clock_ms);
  }
  // Core-hours: executors x 4 cores x the run.
  EXPECT_NEAR(four->core_hours, 4 * 4 * 17'000 / 3.6e6, 1e-9);
  ASSERT_TRUE(sim.knee_executors.has_value());
  EXPECT_EQ(*sim.knee_executors, 4);  // 4 -> 8 gains nothing
}

TEST(SimulationTest, ScenariosArePricedWithTheContract) {
  AppStatusBuilder b(0, 27000);
  BuildPackedRun(&b);
  AppAnalysis a = b.Analyze();
  cost::Pricing pricing;
  pricing.known = true;
  pricing.usd_per_wall_clock_hour = 0.5;
  pricing.usd_per_executor_hour = 0.1;
  pricing.usd_per_core_hour = 0.04;
  pricing.usd_per_memory_gib_hour = 0.005;
  WhatIfOptions options;
  options.executor_memory_bytes = 8LL << 30;
  Simulation sim = Simulate(a, Diagnosis{}, pricing, options);
  ASSERT_TRUE(sim.priced);
  ASSERT_FALSE(sim.scenarios.empty());
  for (const Scenario& s : sim.scenarios) {
    ASSERT_TRUE(s.cost_usd.has_value()) << s.name;
    // Overhead: as observed (max(10%, 384 MiB) of 4 GiB), or of the new size.
    int64_t overhead = s.config.executor_memory_bytes == (4LL << 30) ? a.conf.executor_overhead_bytes()
                                                                     : static_cast<int64_t>((8LL << 30) * 0.10);
    double memory_gib = static_cast<double>(s.config.executor_memory_bytes + overhead) / (1 << 30);
    EXPECT_NEAR(s.memory_gib_hours, s.executor_hours * memory_gib, 1e-9);
    double expected = 0.5 * s.wall_clock_ms / 3.6e6 + 0.1 * s.executor_hours + 0.04 * s.core_hours +
                      0.005 * s.memory_gib_hours;
    EXPECT_NEAR(*s.cost_usd, expected, 1e-9) << s.name;
  }
  const Scenario* shape = Find(sim, ScenarioKind::kExecutorShape);
  ASSERT_NE(shape, nullptr);
  EXPECT_EQ(shape->config.executor_memory_bytes, 8LL << 30);
  EXPECT_EQ(shape->config.executors, 2);  // the observed total of cores kept
  ASSERT_TRUE(sim.replayed_cost_usd.has_value());
}

TEST(SimulationTest, RecommendedConfigurationAppliesTheDiagnosis) {
  AppStatusBuilder b(0, 27000);
  BuildPackedRun(&b);
  AppAnalysis a = b.Analyze();
  Diagnosis diagnosis;
  Finding f;
  f.recommendations.push_back(Recommendation{"more executors", "spark.executor.instances", "4"});
  f.recommendations.push_back(Recommendation{"or bigger ones", "spark.executor.cores", "8"});
  Finding g;
  g.recommendations.push_back(Recommendation{"a code change", "", ""});
  g.recommendations.push_back(Recommendation{"serializer", "spark.serializer", "kryo"});
  diagnosis.findings = {f, g};
  Simulation sim = Simulate(a, diagnosis, cost::Pricing{}, WhatIfOptions{});
  const Scenario* rec = Find(sim, ScenarioKind::kRecommended);
  ASSERT_NE(rec, nullptr);
  EXPECT_EQ(rec->config.executors, 4);
  EXPECT_EQ(rec->config.executor_cores, 4);  // the alternative is not applied
  EXPECT_EQ(rec->wall_clock_ms, 17'000);
  std::string assumptions;
  for (const std::string& s : rec->assumptions) assumptions += s + "\n";
  EXPECT_NE(assumptions.find("spark.executor.cores=8 (an alternative)"), std::string::npos) << assumptions;
  EXPECT_NE(assumptions.find("not simulated: spark.serializer=kryo"), std::string::npos) << assumptions;
  // Nothing the simulator understands: no recommended scenario.
  Diagnosis none;
  none.findings = {g};
  EXPECT_EQ(Find(Simulate(a, none, cost::Pricing{}, WhatIfOptions{}), ScenarioKind::kRecommended), nullptr);
}

TEST(SimulationTest, PartitionsAndDynamicAllocationScenarios) {
  AppStatusBuilder b(0, 27000);
  // Stage 1 reads shuffle data: 8 tasks of 100 MiB taking 5 s.
  BuildPackedRun(&b, 100LL << 20);
  b.Conf("spark.sql.adaptive.enabled", "false");
  AppAnalysis a = b.Analyze();
  WhatIfOptions options;
  options.shuffle_partitions = 16;
  options.dynamic_min_executors = 0;
  options.dynamic_max_executors = 4;
  Simulation sim = Simulate(a, Diagnosis{}, cost::Pricing{}, options);
  const Scenario* partitions = Find(sim, ScenarioKind::kShufflePartitions);
  ASSERT_NE(partitions, nullptr);
  // 16 tasks of 50 MiB at the fitted rate (proportional: no spread in
  // bytes): 2.5 s each, two waves on 8 slots -> as long as before.
  EXPECT_EQ(partitions->wall_clock_ms, 27000);
  const Scenario* dynamic = Find(sim, ScenarioKind::kDynamicAllocation);
  ASSERT_NE(dynamic, nullptr);
  EXPECT_TRUE(dynamic->config.dynamic);
  EXPECT_TRUE(dynamic->finished);
  EXPECT_GT(dynamic->executor_hours, 0);
}

TEST(SimulationTest, WarnsWhereTheModelDoesNotApply) {
  AppStatusBuilder b(0, 27000);
  BuildPackedRun(&b);
  b.Incomplete(26000);
  b.status().streaming_queries.emplace_back();
  // A second job overlapping the first.
  b.AddJob(1, {2}, 5000, 6000);
  b.AddStage(2, 0, 5000, 6000);
  b.AddTask(2, 0, b.Task(0, 5000, 6000));
  Simulation sim = Simulate(b.Analyze(), Diagnosis{}, cost::Pricing{}, WhatIfOptions{});
  std::set<std::string> kinds;
  for (const SimulationWarning& w : sim.warnings) kinds.insert(w.kind);
  EXPECT_TRUE(kinds.count("incomplete_log"));
  EXPECT_TRUE(kinds.count("streaming"));
  EXPECT_TRUE(kinds.count("concurrent_jobs"));
  EXPECT_FALSE(sim.valid);
  // No task at all: nothing to replay.
  AppStatusBuilder empty(0, 1000);
  Simulation none = Simulate(empty.Analyze(), Diagnosis{}, cost::Pricing{}, WhatIfOptions{});
  EXPECT_FALSE(none.simulated);
  EXPECT_FALSE(none.valid);
  EXPECT_TRUE(none.scenarios.empty());
}

TEST(SimulationTest, WorkloadAnchorsJobsAndKeepsDriverDelays) {
  AppStatusBuilder b(0, 40000);
  uint32_t e = b.AddExecutor("1", "host-1", 2);
  b.AddJob(0, {0}, 1000, 5000);
  b.AddStage(0, 0, 1200, 4900);
  b.AddTask(0, 0, b.Task(e, 1500, 4500));  // waited 300 ms with no other task running
  b.AddJob(1, {1}, 8000, 12000);
  b.AddStage(1, 0, 8000, 12000);
  b.AddTask(1, 0, b.Task(e, 8000, 12000));
  SimWorkload w = BuildWorkload(b.Analyze());
  ASSERT_EQ(w.jobs.size(), 2u);
  EXPECT_EQ(w.jobs[0].anchor, JobAnchor::kAppStart);
  EXPECT_EQ(w.jobs[0].anchor_offset_ms, 1000);
  EXPECT_EQ(w.jobs[1].anchor, JobAnchor::kAfterJobEnd);
  EXPECT_EQ(w.jobs[1].anchor_offset_ms, 3000);
  EXPECT_EQ(w.stages[0].ready_lag_ms, 200 + 300);
  EXPECT_EQ(w.stages[0].tail_ms, 400);
  EXPECT_EQ(w.jobs[0].tail_ms, 100);
  EXPECT_EQ(w.end_tail_ms, 28000);
  EXPECT_FALSE(w.concurrent_jobs);
}

}  // namespace
}  // namespace sparkdx::simulate
