// stage.spill, stage.too_few_partitions, stage.oversized_partitions and
// stage.tiny_tasks: each firing, silent on a healthy stage, and at its
// threshold boundaries.
#include <gtest/gtest.h>

#include "diagnosis/rules.h"
#include "support/app_status_builder.h"

namespace sparkdx {
namespace {

using testing::AppStatusBuilder;
using testing::SetMetric;

const Recommendation* FindRecommendation(const Finding& f, const std::string& key) {
  for (const Recommendation& r : f.recommendations) {
    if (r.config_key == key) return &r;
  }
  return nullptr;
}

// 10 tasks of 30 s on 10 slots, each reading `read_bytes` of shuffle and
// spilling `memory_spill` from memory and 200 MiB to disk.
AppStatusBuilder SpillRun(int64_t memory_spill, int64_t read_bytes = 100 * kMiB) {
  AppStatusBuilder b(0, 600'000);
  uint32_t e = b.AddExecutor("1", "h", 10);
  b.AddJob(0, {0}, 0, 30'000);
  b.AddStage(0, 0, 0, 30'000, "sort at Etl.scala:5");
  for (int i = 0; i < 10; ++i) {
    TaskRecord t = b.Task(e, 0, 30'000);
    SetMetric(&t, TaskMetric::kShuffleRemoteBytesRead, read_bytes);
    SetMetric(&t, TaskMetric::kMemoryBytesSpilled, memory_spill);
    SetMetric(&t, TaskMetric::kDiskBytesSpilled, memory_spill > 0 ? 200 * kMiB : 0);
    b.AddTask(0, 0, t);
  }
  return b;
}

TEST(StageSpillRuleTest, FiresWithEstimatedSpillTime) {
  RuleOutput out = SpillRun(300 * kMiB).Run(CheckStageSpill);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.entity.id, "0.0");
  // 200 MiB written and read back at 200 MiB/s: 2 s per task, 10 tasks on 10 slots.
  EXPECT_EQ(f.saving_core_ms, 20'000);
  EXPECT_EQ(f.saving_ms, 2'000);
  EXPECT_NE(f.explanation.find("2.9 GiB"), std::string::npos) << f.explanation;  // 10 x 300 MiB spilled
  EXPECT_NE(f.explanation.find("300%"), std::string::npos) << f.explanation;
  // 1 GiB executors with 10 cores: about 43 MiB per task; it needed 300 MiB more.
  const Recommendation* memory = FindRecommendation(f, "spark.executor.memory");
  ASSERT_NE(memory, nullptr);
  EXPECT_EQ(memory->config_value, "6024m");  // (43.4 + 300) MiB x 10 / 0.6 + 300 MiB
  const Recommendation* partitions = FindRecommendation(f, "spark.sql.shuffle.partitions");
  ASSERT_NE(partitions, nullptr);
  EXPECT_EQ(partitions->config_value, "47");  // 1000 MiB at ~21.7 MiB (half the memory per task)
}

TEST(StageSpillRuleTest, OnePercentBoundary) {
  EXPECT_EQ(SpillRun(kMiB).Run(CheckStageSpill).findings.size(), 1u);  // 1 MiB of 100 MiB
  EXPECT_TRUE(SpillRun(kMiB - 1).Run(CheckStageSpill).findings.empty());
}

TEST(StageSpillRuleTest, SilentWithoutSpill) { EXPECT_TRUE(SpillRun(0).Run(CheckStageSpill).findings.empty()); }

TEST(StageSpillRuleTest, FewerCoresOnLargeExecutors) {
  AppStatusBuilder b = SpillRun(300 * kMiB);
  b.Conf("spark.executor.memory", "16g").Conf("spark.executor.cores", "8");
  RuleOutput out = b.Run(CheckStageSpill);
  ASSERT_EQ(out.findings.size(), 1u);
  const Recommendation* cores = FindRecommendation(out.findings[0], "spark.executor.cores");
  ASSERT_NE(cores, nullptr);
  // Unified memory (16 GiB - 300 MiB) x 0.6 = 9.4 GiB; each task needs 1.2 + 0.3 GiB.
  EXPECT_EQ(cores->config_value, "6");
}

TEST(StageSpillRuleTest, MultiTerabyteStagesAreInformationOnly) {
  RuleOutput out = SpillRun(64 * kGiB, 400 * kGiB).Run(CheckStageSpill);  // 4 TB read
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].saving_ms, 0);
  EXPECT_EQ(out.findings[0].saving_core_ms, 0);
}

// `tasks` tasks of `task_ms` on one 16-core executor, each reading 64 MiB of shuffle.
AppStatusBuilder FewTasksRun(int tasks, int64_t task_ms) {
  AppStatusBuilder b(0, 600'000);
  uint32_t e = b.AddExecutor("1", "h", 16);
  b.AddJob(0, {0}, 0, task_ms);
  b.AddStage(0, 0, 0, task_ms, "join at Etl.scala:9");
  for (int i = 0; i < tasks; ++i) {
    TaskRecord t = b.Task(e, 0, task_ms);
    SetMetric(&t, TaskMetric::kShuffleLocalBytesRead, 64 * kMiB);
    b.AddTask(0, 0, t);
  }
  return b;
}

TEST(StageTooFewPartitionsRuleTest, FiresUnderHalfTheSlots) {
  RuleOutput out = FewTasksRun(7, 60'000).Run(CheckStageTooFewPartitions);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.saving_ms, 60'000 - 7 * 60'000 / 16);  // the work spread over 16 slots
  const Recommendation* r = FindRecommendation(f, "spark.sql.shuffle.partitions");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->config_value, "28");  // 2 per slot would be 32, but 448 MiB / 16 MiB caps it at 28
  EXPECT_NE(f.explanation.find("7 tasks while 16 slots"), std::string::npos) << f.explanation;
}

TEST(StageTooFewPartitionsRuleTest, Boundaries) {
  EXPECT_TRUE(FewTasksRun(8, 60'000).Run(CheckStageTooFewPartitions).findings.empty());  // half the slots
  EXPECT_TRUE(FewTasksRun(7, 59'999).Run(CheckStageTooFewPartitions).findings.empty());  // short tasks
  EXPECT_TRUE(FewTasksRun(32, 60'000).Run(CheckStageTooFewPartitions).findings.empty());  // healthy
}

// `tasks` tasks of `task_ms` on 16 slots, each reading `bytes` of shuffle.
AppStatusBuilder BigTasksRun(int tasks, int64_t bytes, int64_t task_ms = 60'000) {
  AppStatusBuilder b(0, 600'000);
  uint32_t e = b.AddExecutor("1", "h", 16);
  b.AddJob(0, {0}, 0, task_ms);
  b.AddStage(0, 0, 0, task_ms, "agg at Etl.scala:11");
  for (int i = 0; i < tasks; ++i) {
    TaskRecord t = b.Task(e, 0, task_ms);
    SetMetric(&t, TaskMetric::kShuffleRemoteBytesRead, bytes);
    b.AddTask(0, 0, t);
  }
  return b;
}

TEST(StageOversizedPartitionsRuleTest, FiresAbove512MiB) {
  EXPECT_TRUE(BigTasksRun(16, 512 * kMiB).Run(CheckStageOversizedPartitions).findings.empty());
  RuleOutput out = BigTasksRun(16, 512 * kMiB + 1).Run(CheckStageOversizedPartitions);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_NE(out.findings[0].explanation.find("warning band"), std::string::npos);
  EXPECT_EQ(out.findings[0].saving_ms, 0);  // 16 tasks already filled 16 slots
}

TEST(StageOversizedPartitionsRuleTest, FewHugeTasksSaveByPacking) {
  RuleOutput out = BigTasksRun(4, 2 * kGiB, 120'000).Run(CheckStageOversizedPartitions);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_NE(f.explanation.find("critical band"), std::string::npos) << f.explanation;
  const Recommendation* r = FindRecommendation(f, "spark.sql.shuffle.partitions");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->config_value, "64");  // 8 GiB / 128 MiB
  // 480 s of task time on 16 slots (30 s) plus one 7.5 s task.
  EXPECT_EQ(f.saving_ms, 120'000 - 37'500);
  EXPECT_NE(FindRecommendation(f, "spark.sql.adaptive.advisoryPartitionSizeInBytes"), nullptr);  // AQE on in 3.5
}

// `tasks` tasks of `task_ms` on 8 slots in waves; `deserialize_ms` and
// `run_ms` set the per-task overhead (duration - run time).
AppStatusBuilder TinyRun(int tasks, int64_t task_ms, int64_t deserialize_ms = 5, int64_t run_ms = -1) {
  AppStatusBuilder b(0, 3'600'000);
  uint32_t e = b.AddExecutor("1", "h", 8);
  int64_t end = (tasks / 8 + 1) * task_ms;
  b.AddJob(0, {0}, 0, end);
  b.AddStage(0, 0, 0, end, "count at Etl.scala:2");
  for (int i = 0; i < tasks; ++i) {
    int64_t start = (i / 8) * task_ms;
    TaskRecord t = b.Task(e, start, start + task_ms);
    SetMetric(&t, TaskMetric::kExecutorDeserializeTimeMs, deserialize_ms);
    if (run_ms >= 0) SetMetric(&t, TaskMetric::kExecutorRunTimeMs, run_ms);
    b.AddTask(0, 0, t);
  }
  return b;
}

TEST(StageTinyTasksRuleTest, ManyShortTasksFire) {
  RuleOutput out = TinyRun(5001, 400).Run(CheckStageTinyTasks);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_NE(f.explanation.find("5001 tasks"), std::string::npos) << f.explanation;
  EXPECT_NE(f.recommendations[0].text.find("coalesce(501)"), std::string::npos) << f.recommendations[0].text;
  EXPECT_GT(f.saving_core_ms, 0);
}

TEST(StageTinyTasksRuleTest, Boundaries) {
  EXPECT_TRUE(TinyRun(5000, 400).Run(CheckStageTinyTasks).findings.empty());  // not over 5000, 2.5% overhead
  EXPECT_TRUE(TinyRun(5001, 500).Run(CheckStageTinyTasks).findings.empty());  // median not under 500 ms
  EXPECT_EQ(TinyRun(5001, 499).Run(CheckStageTinyTasks).findings.size(), 1u);
}

TEST(StageTinyTasksRuleTest, FewerTasksFireOnOverheadShare) {
  // 400 tasks of 100 ms on 8 slots: overhead = 100 - run time.
  RuleOutput out = TinyRun(400, 100, 30, 60).Run(CheckStageTinyTasks);  // 30 + 10 ms: 40%
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_NE(out.findings[0].explanation.find("40%"), std::string::npos) << out.findings[0].explanation;
  EXPECT_EQ(TinyRun(400, 100, 25, 75).Run(CheckStageTinyTasks).findings.size(), 1u);  // 25%, 10.0 s
  EXPECT_TRUE(TinyRun(400, 100, 14, 76).Run(CheckStageTinyTasks).findings.empty());   // 24%
  EXPECT_TRUE(TinyRun(15, 100, 30, 60).Run(CheckStageTinyTasks).findings.empty());    // under 2 waves
}

TEST(StageTinyTasksRuleTest, TooLittleOverheadToMatter) {
  // 25% overhead, but 399 x 25 ms = 9.975 s of it: under the 10 s gate.
  EXPECT_TRUE(TinyRun(399, 100, 25, 75).Run(CheckStageTinyTasks).findings.empty());
}

}  // namespace
}  // namespace sparkdx
