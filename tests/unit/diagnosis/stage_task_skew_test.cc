// stage.task_skew: fires on time skew with a visible cause, at its boundaries.
#include <gtest/gtest.h>

#include "diagnosis/rules.h"
#include "support/app_status_builder.h"

namespace sparkdx {
namespace {

using testing::AppStatusBuilder;
using testing::SetMetric;

// 8 tasks on 8 slots: seven of 10 s reading 16 MiB of shuffle, one of
// `long_ms` reading `long_bytes`.
AppStatusBuilder SkewRun(int64_t long_ms, int64_t long_bytes, TaskMetric metric = TaskMetric::kShuffleLocalBytesRead) {
  AppStatusBuilder b(0, 600'000);
  uint32_t e = b.AddExecutor("1", "h", 8, 0);
  b.AddJob(0, {0}, 0, long_ms);
  b.AddStage(0, 0, 0, long_ms, "groupBy at Job.scala:7");
  for (int i = 0; i < 7; ++i) {
    TaskRecord t = b.Task(e, 0, 10'000);
    SetMetric(&t, metric, 16 * kMiB);
    b.AddTask(0, 0, t);
  }
  TaskRecord slow = b.Task(e, 0, long_ms);
  SetMetric(&slow, metric, long_bytes);
  b.AddTask(0, 0, slow);
  return b;
}

TEST(StageTaskSkewRuleTest, HotShuffleKeyFires) {
  RuleOutput out = SkewRun(60'000, 512 * kMiB).Run(CheckStageTaskSkew);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.cause, "shuffle_key");
  EXPECT_EQ(f.entity.id, "0.0");
  EXPECT_NE(f.explanation.find("512.0 MiB"), std::string::npos) << f.explanation;
  EXPECT_NE(f.explanation.find("6.0x"), std::string::npos) << f.explanation;
  EXPECT_EQ(f.saving_ms, 60'000 - 16'250);  // balanced: max(10 s, 130 s / 8 slots)
}

TEST(StageTaskSkewRuleTest, InputSplitIsNamed) {
  RuleOutput out = SkewRun(60'000, 512 * kMiB, TaskMetric::kInputBytesRead).Run(CheckStageTaskSkew);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].cause, "input_split");
}

TEST(StageTaskSkewRuleTest, TimeRatioBoundary) {
  // 30 s vs a 10 s median is 3.0x with a 30 s longest task: fires; 29.999 s does not.
  EXPECT_EQ(SkewRun(30'000, 512 * kMiB).Run(CheckStageTaskSkew).findings.size(), 1u);
  EXPECT_TRUE(SkewRun(29'999, 512 * kMiB).Run(CheckStageTaskSkew).findings.empty());
}

TEST(StageTaskSkewRuleTest, DataBoundary) {
  // The slow task must read 3x the median and 64 MiB more: 80 MiB vs 16 MiB
  // is 64 MiB more (fires); 79 MiB is not (and no other cause: silent).
  EXPECT_EQ(SkewRun(60'000, 80 * kMiB).Run(CheckStageTaskSkew).findings.size(), 1u);
  EXPECT_TRUE(SkewRun(60'000, 79 * kMiB).Run(CheckStageTaskSkew).findings.empty());
}

TEST(StageTaskSkewRuleTest, FailedRetriesAreNotSkew) {
  AppStatusBuilder b = SkewRun(10'000, 16 * kMiB);
  TaskRecord failed = b.Task(0, 0, 200'000);
  failed.failed = true;
  SetMetric(&failed, TaskMetric::kShuffleLocalBytesRead, 4 * kGiB);
  b.AddTask(0, 0, failed);
  EXPECT_TRUE(b.Run(CheckStageTaskSkew).findings.empty());
}

TEST(StageTaskSkewRuleTest, NotRunWithoutEnoughTasks) {
  AppStatusBuilder b(0, 1000);
  EXPECT_TRUE(b.Run(CheckStageTaskSkew).not_run);
}

}  // namespace
}  // namespace sparkdx
