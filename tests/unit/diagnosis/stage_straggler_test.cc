// stage.straggler: time skew with balanced data and no cause stage.task_skew
// names, at its boundaries; and host.slow_executor across stages.
#include <gtest/gtest.h>

#include "diagnosis/rules.h"
#include "support/app_status_builder.h"

namespace sparkdx {
namespace {

using testing::AppStatusBuilder;
using testing::SetMetric;

// 8 tasks on 8 slots, each reading 16 MiB of shuffle: seven of 10 s and one
// of `long_ms` reading `long_bytes`.
AppStatusBuilder StragglerRun(int64_t long_ms, int64_t long_bytes = 16 * kMiB) {
  AppStatusBuilder b(0, 600'000);
  uint32_t e = b.AddExecutor("1", "h", 8, 0);
  b.AddJob(0, {0}, 0, long_ms);
  b.AddStage(0, 0, 0, long_ms, "map at Etl.scala:3");
  for (int i = 0; i < 7; ++i) {
    TaskRecord t = b.Task(e, 0, 10'000);
    SetMetric(&t, TaskMetric::kShuffleLocalBytesRead, 16 * kMiB);
    b.AddTask(0, 0, t);
  }
  TaskRecord slow = b.Task(e, 0, long_ms);
  SetMetric(&slow, TaskMetric::kShuffleLocalBytesRead, long_bytes);
  b.AddTask(0, 0, slow);
  return b;
}

bool HasRecommendation(const Finding& f, const std::string& key, const std::string& value) {
  for (const Recommendation& r : f.recommendations) {
    if (r.config_key == key && r.config_value == value) return true;
  }
  return false;
}

TEST(StageStragglerRuleTest, BalancedDataSlowTaskFires) {
  RuleOutput out = StragglerRun(60'000).Run(CheckStageStraggler);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.entity.id, "0.0");
  EXPECT_EQ(f.saving_ms, 60'000 - 16'250);  // balanced: max(10 s, 130 s / 8 slots)
  EXPECT_NE(f.explanation.find("1 min 00 s"), std::string::npos) << f.explanation;
  EXPECT_NE(f.explanation.find("6.0x"), std::string::npos) << f.explanation;
  EXPECT_TRUE(HasRecommendation(f, "spark.speculation", "true"));
  EXPECT_TRUE(HasRecommendation(f, "spark.speculation.multiplier", "3"));   // half of 6x
  EXPECT_TRUE(HasRecommendation(f, "spark.speculation.quantile", "0.75"));  // 1 of 8 tasks slow: over 10%
  EXPECT_FALSE(f.impact.empty());
}

TEST(StageStragglerRuleTest, TimeRatioBoundary) {
  EXPECT_EQ(StragglerRun(30'000).Run(CheckStageStraggler).findings.size(), 1u);  // 3.0x, 30 s
  EXPECT_TRUE(StragglerRun(29'999).Run(CheckStageStraggler).findings.empty());
}

TEST(StageStragglerRuleTest, SilentWhenDataExplainsIt) {
  // The slow task read 512 MiB: stage.task_skew's shuffle-key case, not ours.
  AppStatusBuilder b = StragglerRun(60'000, 512 * kMiB);
  EXPECT_EQ(b.Run(CheckStageTaskSkew).findings.size(), 1u);
  EXPECT_TRUE(b.Run(CheckStageStraggler).findings.empty());
}

TEST(StageStragglerRuleTest, SilentOnHealthyStage) {
  EXPECT_TRUE(StragglerRun(10'000).Run(CheckStageStraggler).findings.empty());
}

TEST(StageStragglerRuleTest, SpeculationOnButNotReachingThemLowersTheMultiplier) {
  AppStatusBuilder b = StragglerRun(40'000);  // 4x
  b.Conf("spark.speculation", "true").Conf("spark.speculation.multiplier", "5");
  RuleOutput out = b.Run(CheckStageStraggler);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_TRUE(HasRecommendation(out.findings[0], "spark.speculation.multiplier", "2"));
  EXPECT_FALSE(HasRecommendation(out.findings[0], "spark.speculation", "true"));
}

// Three executors on three hosts, two stages; in each stage executors 1 and 2
// run 6 tasks of 10 s and executor 3 runs 5 tasks of `slow_ms`, every task
// reading 64 MiB (executor 3's tasks read `slow_bytes`).
AppStatusBuilder SlowExecutorRun(int64_t slow_ms, int64_t slow_bytes = 64 * kMiB, bool shared_host = false) {
  AppStatusBuilder b(0, 600'000);
  uint32_t e1 = b.AddExecutor("1", "h1", 8);
  uint32_t e2 = b.AddExecutor("2", shared_host ? "h3" : "h2", 8);
  uint32_t e3 = b.AddExecutor("3", "h3", 8);
  b.AddJob(0, {0, 1}, 0, 400'000);
  for (int stage = 0; stage < 2; ++stage) {
    int64_t start = stage * 200'000;
    b.AddStage(stage, 0, start, start + 100'000);
    for (uint32_t e : {e1, e2}) {
      for (int i = 0; i < 6; ++i) {
        TaskRecord t = b.Task(e, start, start + 10'000);
        SetMetric(&t, TaskMetric::kInputBytesRead, 64 * kMiB);
        b.AddTask(stage, 0, t);
      }
    }
    for (int i = 0; i < 5; ++i) {
      TaskRecord t = b.Task(e3, start, start + slow_ms);
      SetMetric(&t, TaskMetric::kInputBytesRead, slow_bytes);
      b.AddTask(stage, 0, t);
    }
  }
  return b;
}

TEST(HostSlowExecutorRuleTest, ConsistentlySlowExecutorFires) {
  RuleOutput out = SlowExecutorRun(30'000).Run(CheckHostSlowExecutor);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.entity.kind, EntityKind::kExecutor);
  EXPECT_EQ(f.entity.id, "3");
  EXPECT_NE(f.explanation.find("3.0x"), std::string::npos) << f.explanation;
  EXPECT_EQ(f.saving_core_ms, 10 * 20'000);  // 10 tasks, 20 s beyond a 10 s median each
  EXPECT_TRUE(HasRecommendation(f, "spark.speculation", "true"));
}

TEST(HostSlowExecutorRuleTest, RatioBoundary) {
  EXPECT_EQ(SlowExecutorRun(20'000).Run(CheckHostSlowExecutor).findings.size(), 1u);  // 2.0x
  EXPECT_TRUE(SlowExecutorRun(19'999).Run(CheckHostSlowExecutor).findings.empty());
}

TEST(HostSlowExecutorRuleTest, SilentWhenItsTasksHadMoreData) {
  EXPECT_TRUE(SlowExecutorRun(30'000, 128 * kMiB).Run(CheckHostSlowExecutor).findings.empty());
  EXPECT_EQ(SlowExecutorRun(30'000, 80 * kMiB).Run(CheckHostSlowExecutor).findings.size(), 1u);  // 1.25x
}

TEST(HostSlowExecutorRuleTest, SilentWhenHealthy) {
  EXPECT_TRUE(SlowExecutorRun(10'000).Run(CheckHostSlowExecutor).findings.empty());
}

TEST(HostSlowExecutorRuleTest, NamesTheHostWhenAllItsExecutorsAreSlow) {
  // Executors 2 and 3 share h3 and only executor 3 is slow: the host's
  // median is not slow, so executor 3 is named.
  RuleOutput out = SlowExecutorRun(30'000, 64 * kMiB, true).Run(CheckHostSlowExecutor);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].entity.kind, EntityKind::kExecutor);
}

TEST(HostSlowExecutorRuleTest, HostEntityWhenEveryExecutorThereIsSlow) {
  AppStatusBuilder b(0, 600'000);
  uint32_t fast1 = b.AddExecutor("1", "h1", 8);
  uint32_t fast2 = b.AddExecutor("2", "h2", 8);
  uint32_t slow1 = b.AddExecutor("3", "h3", 8);
  uint32_t slow2 = b.AddExecutor("4", "h3", 8);
  b.AddJob(0, {0, 1}, 0, 400'000);
  for (int stage = 0; stage < 2; ++stage) {
    int64_t start = stage * 200'000;
    b.AddStage(stage, 0, start, start + 100'000);
    for (uint32_t e : {fast1, fast2}) {
      for (int i = 0; i < 8; ++i) b.AddTask(stage, 0, b.Task(e, start, start + 10'000));
    }
    for (uint32_t e : {slow1, slow2}) {
      for (int i = 0; i < 3; ++i) b.AddTask(stage, 0, b.Task(e, start, start + 40'000));
    }
  }
  RuleOutput out = b.Run(CheckHostSlowExecutor);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].entity.kind, EntityKind::kHost);
  EXPECT_EQ(out.findings[0].entity.id, "h3");
}

TEST(HostSlowExecutorRuleTest, NotRunWithOneExecutor) {
  EXPECT_TRUE(StragglerRun(60'000).Run(CheckHostSlowExecutor).not_run);
}

}  // namespace
}  // namespace sparkdx
