// The wall-clock breakdown: parts sum to the window, and each part gets the
// time the method says it should.
#include "analysis/wall_clock_breakdown.h"

#include <gtest/gtest.h>

#include "support/app_status_builder.h"

namespace sparkdx {
namespace {

using testing::AppStatusBuilder;
using testing::SetMetric;

int64_t Sum(const WallClockBreakdown& b) {
  int64_t sum = 0;
  for (int64_t ms : b.part_ms) sum += ms;
  return sum;
}

TEST(WallClockBreakdownTest, DriverComputeAndIdleSlotsSplitExactly) {
  // 100 s run, one 2-slot executor from 0; one job 10..90 s with one stage
  // of a single 40 s task (20..60 s): 1 of 2 slots busy for 40 s.
  AppStatusBuilder b(0, 100'000);
  uint32_t e = b.AddExecutor("1", "h1", 2, 0);
  b.AddJob(0, {0}, 10'000, 90'000);
  b.AddStage(0, 0, 10'000, 60'000);
  TaskRecord t = b.Task(e, 20'000, 60'000);
  SetMetric(&t, TaskMetric::kExecutorRunTimeMs, 40'000);
  SetMetric(&t, TaskMetric::kExecutorDeserializeTimeMs, 0);
  SetMetric(&t, TaskMetric::kJvmGcTimeMs, 10'000);
  b.AddTask(0, 0, t);
  AppAnalysis a = b.Analyze();
  const WallClockBreakdown& w = a.breakdown;
  EXPECT_EQ(Sum(w), 100'000);
  EXPECT_EQ(w.Of(WallClockPart::kDriver), 60'000);
  EXPECT_EQ(w.Of(WallClockPart::kGc), 5'000);        // 10 s of GC on 1 of 2 slots
  EXPECT_EQ(w.Of(WallClockPart::kCompute), 15'000);  // 30 s of compute on 1 of 2 slots
  EXPECT_EQ(w.Of(WallClockPart::kIdleSlots) + w.Of(WallClockPart::kSkewTail), 20'000);
  EXPECT_EQ(w.busy_slot_ms, 40'000);
  EXPECT_EQ(w.alive_slot_ms, 200'000);
  EXPECT_EQ(w.idle_slot_ms_no_task, 120'000);
}

TEST(WallClockBreakdownTest, WaitingForExecutorsWhenAJobHasNoSlots) {
  // The job starts at 0 but the executor arrives at 30 s.
  AppStatusBuilder b(0, 60'000);
  uint32_t e = b.AddExecutor("1", "h1", 1, 30'000);
  b.AddJob(0, {0}, 0, 60'000);
  b.AddStage(0, 0, 0, 60'000);
  b.AddTask(0, 0, b.Task(e, 30'000, 60'000));
  AppAnalysis a = b.Analyze();
  EXPECT_EQ(a.breakdown.Of(WallClockPart::kWaitingForExecutors), 30'000);
  EXPECT_EQ(a.breakdown.Of(WallClockPart::kDriver), 0);
  EXPECT_EQ(Sum(a.breakdown), 60'000);
}

TEST(WallClockBreakdownTest, SkewTailIsIdleTimeWhileAStageWaitsOnItsSlowTask) {
  // 4 slots, 4 tasks launched at 0: three of 10 s and one of 100 s. The
  // stage's balanced span is max(median 10 s x 1 wave, 130 s / 4) = 32.5 s;
  // after that the three idle slots wait on the slow task.
  AppStatusBuilder b(0, 100'000);
  uint32_t e = b.AddExecutor("1", "h1", 4, 0);
  b.AddJob(0, {0}, 0, 100'000);
  b.AddStage(0, 0, 0, 100'000);
  for (int i = 0; i < 3; ++i) b.AddTask(0, 0, b.Task(e, 0, 10'000));
  b.AddTask(0, 0, b.Task(e, 0, 100'000));
  AppAnalysis a = b.Analyze();
  // Idle slot time: 3 slots x 90 s = 270 s of slot time = 67.5 s of wall
  // clock; from 32.5 s on it is skew tail: 3 x 67.5 s / 4 = 50.6 s.
  EXPECT_NEAR(a.breakdown.Of(WallClockPart::kSkewTail), 50'625, 1);
  EXPECT_NEAR(a.breakdown.Of(WallClockPart::kIdleSlots), 16'875, 1);
  EXPECT_EQ(Sum(a.breakdown), 100'000);
}

TEST(WallClockBreakdownTest, FailedAttemptsAndUnknownSlots) {
  // No executor announced: the task's slot is inferred, so the run is busy.
  AppStatusBuilder b(0, 10'000);
  b.status().executors.emplace_back();
  b.status().executors.back().id = "7";
  b.AddJob(0, {0}, 0, 10'000);
  b.AddStage(0, 0, 0, 10'000);
  TaskRecord t = b.Task(0, 0, 10'000);
  t.failed = true;
  b.AddTask(0, 0, t);
  AppAnalysis a = b.Analyze();
  EXPECT_EQ(a.breakdown.Of(WallClockPart::kFailedAttempts), 10'000);
}

TEST(WallClockBreakdownTest, JobScopeCountsOnlyItsOwnTasks) {
  AppStatusBuilder b(0, 100'000);
  uint32_t e = b.AddExecutor("1", "h1", 1, 0);
  b.AddJob(0, {0}, 0, 50'000);
  b.AddJob(1, {1}, 50'000, 100'000);
  b.AddStage(0, 0, 0, 50'000);
  b.AddStage(1, 0, 50'000, 100'000);
  b.AddTask(0, 0, b.Task(e, 0, 50'000));
  b.AddTask(1, 0, b.Task(e, 50'000, 75'000));
  AppAnalysis a = b.Analyze();
  ASSERT_EQ(a.job_breakdowns.size(), 2u);
  const WallClockBreakdown& second = a.job_breakdowns.at(1);
  EXPECT_EQ(second.duration_ms(), 50'000);
  EXPECT_EQ(Sum(second), 50'000);
  EXPECT_EQ(second.Of(WallClockPart::kDriver), 25'000);
  ASSERT_EQ(a.critical_paths.size(), 2u);
  EXPECT_EQ(a.critical_paths[1].stage_ids, std::vector<int32_t>{1});
}

TEST(WallClockBreakdownTest, EmptyApplicationIsAllDriver) {
  AppStatusBuilder b(0, 5'000);
  AppAnalysis a = b.Analyze();
  EXPECT_EQ(a.breakdown.Of(WallClockPart::kDriver), 5'000);
  EXPECT_EQ(a.breakdown.alive_slot_ms, 0);
}

}  // namespace
}  // namespace sparkdx
