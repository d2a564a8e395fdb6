// The scheduler simulator on hand-built workloads whose answers are known
// by hand: chained stages, a join, concurrent and sequential jobs, late
// executors, dynamic allocation.
#include <gtest/gtest.h>

#include <vector>

#include "simulate/scheduler.h"

namespace sparkdx::simulate {
namespace {

// A workload built stage by stage; times from 0.
class WorkloadBuilder {
 public:
  int32_t Job(JobAnchor anchor = JobAnchor::kAppStart, int32_t anchor_job = -1, int64_t offset_ms = 0) {
    SimJob job;
    job.job_id = static_cast<int32_t>(w_.jobs.size());
    job.anchor = anchor;
    job.anchor_job = anchor_job;
    job.anchor_offset_ms = offset_ms;
    w_.jobs.push_back(job);
    return job.job_id;
  }
  int32_t Stage(int32_t job, int tasks, int64_t task_ms, const std::vector<int32_t>& parents = {}) {
    SimStage s;
    s.stage_id = static_cast<int32_t>(w_.stages.size());
    s.job = job;
    s.parents = parents;
    for (int i = 0; i < tasks; ++i) {
      SimTask t;
      t.duration_ms = task_ms;
      s.tasks.push_back(t);
    }
    int32_t index = s.stage_id;
    for (int32_t p : parents) w_.stages[p].children.push_back(index);
    w_.jobs[job].stages.push_back(index);
    w_.stages.push_back(std::move(s));
    return index;
  }
  SimWorkload& workload() { return w_; }
  std::vector<std::vector<int64_t>> Durations() const {
    std::vector<std::vector<int64_t>> d;
    for (const SimStage& s : w_.stages) {
      d.emplace_back();
      for (const SimTask& t : s.tasks) d.back().push_back(t.duration_ms);
    }
    return d;
  }

 private:
  SimWorkload w_;
};

ExecutorPlan Static(int executors, int slots, int64_t start_ms = 0) {
  ExecutorPlan plan;
  for (int i = 0; i < executors; ++i) plan.executors.push_back(PlannedExecutor{start_ms, -1, slots, slots});
  return plan;
}

TEST(SchedulerTest, TwoChainedStagesOfEightTasksOnFourSlots) {
  WorkloadBuilder b;
  int32_t job = b.Job();
  int32_t first = b.Stage(job, 8, 1000);
  b.Stage(job, 8, 1000, {first});
  SimRun run = RunSchedule(b.workload(), b.Durations(), Static(2, 2));
  EXPECT_TRUE(run.finished);
  EXPECT_EQ(run.wall_clock_ms, 4000);  // two waves per stage
  EXPECT_EQ(run.stage_end_ms[0], 2000);
  EXPECT_DOUBLE_EQ(run.executor_ms, 2 * 4000.0);
  EXPECT_DOUBLE_EQ(run.core_ms, 4 * 4000.0);
  EXPECT_EQ(run.peak_executors, 2);
  // Eight slots: one wave each.
  EXPECT_EQ(RunSchedule(b.workload(), b.Durations(), Static(4, 2)).wall_clock_ms, 2000);
}

TEST(SchedulerTest, JoinWaitsForBothParentsInFifoOrder) {
  WorkloadBuilder b;
  int32_t job = b.Job();
  int32_t left = b.Stage(job, 4, 1000);
  int32_t right = b.Stage(job, 4, 2000);
  b.Stage(job, 4, 500, {left, right});
  // Four slots: the left side takes them all first (lower stage id), the
  // right side runs 1000..3000, the join 3000..3500.
  SimRun four = RunSchedule(b.workload(), b.Durations(), Static(1, 4));
  EXPECT_EQ(four.stage_end_ms[0], 1000);
  EXPECT_EQ(four.stage_end_ms[1], 3000);
  EXPECT_EQ(four.wall_clock_ms, 3500);
  // Eight slots: both sides at once, the join after the slower one.
  EXPECT_EQ(RunSchedule(b.workload(), b.Durations(), Static(2, 4)).wall_clock_ms, 2500);
}

TEST(SchedulerTest, ConcurrentJobsShareSlotsEarliestJobFirst) {
  WorkloadBuilder b;
  int32_t first = b.Job();
  int32_t second = b.Job(JobAnchor::kWithJobSubmit, first, 0);
  b.Stage(first, 4, 1000);
  b.Stage(second, 4, 1000);
  SimRun run = RunSchedule(b.workload(), b.Durations(), Static(1, 4));
  EXPECT_EQ(run.job_end_ms[0], 1000);
  EXPECT_EQ(run.job_end_ms[1], 2000);
  EXPECT_EQ(run.wall_clock_ms, 2000);
  EXPECT_EQ(RunSchedule(b.workload(), b.Durations(), Static(2, 4)).wall_clock_ms, 1000);
}

TEST(SchedulerTest, DriverGapsBetweenSequentialJobsStayFixed) {
  WorkloadBuilder b;
  int32_t first = b.Job(JobAnchor::kAppStart, -1, 300);
  int32_t second = b.Job(JobAnchor::kAfterJobEnd, first, 500);
  b.Stage(first, 4, 1000);
  b.Stage(second, 4, 1000);
  b.workload().end_tail_ms = 200;
  b.workload().jobs[second].tail_ms = 50;
  b.workload().stages[0].ready_lag_ms = 20;
  b.workload().stages[1].tail_ms = 30;
  // 300 + 20 + 2000 (2 waves) | +500 | 2000 + 30 + 50 | +200
  EXPECT_EQ(RunSchedule(b.workload(), b.Durations(), Static(1, 2)).wall_clock_ms, 5100);
  // Twice the slots halve the task time only.
  EXPECT_EQ(RunSchedule(b.workload(), b.Durations(), Static(1, 4)).wall_clock_ms, 3100);
}

TEST(SchedulerTest, TasksWaitForExecutorsToArrive) {
  WorkloadBuilder b;
  b.Stage(b.Job(), 4, 1000);
  EXPECT_EQ(RunSchedule(b.workload(), b.Durations(), Static(1, 4, 3000)).wall_clock_ms, 4000);
  // An executor that leaves takes its slots with it: 8 tasks, one wave on
  // 4 slots, then two on the 2 left.
  WorkloadBuilder eight;
  eight.Stage(eight.Job(), 8, 1000);
  ExecutorPlan plan = Static(1, 2);
  plan.executors.push_back(PlannedExecutor{0, 1000, 2, 2});
  SimRun run = RunSchedule(eight.workload(), eight.Durations(), plan);
  EXPECT_EQ(run.wall_clock_ms, 3000);
  EXPECT_DOUBLE_EQ(run.executor_ms, 3000.0 + 1000.0);
}

TEST(SchedulerTest, NoSlotsMeansUnfinished) {
  WorkloadBuilder b;
  b.Stage(b.Job(), 4, 1000);
  SimRun run = RunSchedule(b.workload(), b.Durations(), ExecutorPlan{});
  EXPECT_FALSE(run.finished);
  EXPECT_EQ(run.job_end_ms[0], -1);
}

TEST(SchedulerTest, StageWithoutTasksTakesItsObservedTime) {
  WorkloadBuilder b;
  int32_t job = b.Job();
  int32_t empty = b.Stage(job, 0, 0);
  b.workload().stages[empty].fixed_ms = 700;
  b.Stage(job, 2, 1000, {empty});
  EXPECT_EQ(RunSchedule(b.workload(), b.Durations(), Static(1, 2)).wall_clock_ms, 1700);
}

TEST(SchedulerTest, DynamicAllocationRequestsExecutorsForTheBacklog) {
  WorkloadBuilder b;
  b.Stage(b.Job(), 8, 1000);
  ExecutorPlan plan;
  plan.slots_per_executor = 2;
  plan.cores_per_executor = 2;
  DynamicPlan d;
  d.min_executors = 0;
  d.max_executors = 2;
  d.startup_ms = 1000;
  plan.dynamic = d;
  // The backlog asks for 4 executors, capped at 2 (4 slots), arriving at
  // 1000: two waves end at 3000.
  SimRun run = RunSchedule(b.workload(), b.Durations(), plan);
  EXPECT_TRUE(run.finished);
  EXPECT_EQ(run.wall_clock_ms, 3000);
  EXPECT_EQ(run.peak_executors, 2);
  EXPECT_DOUBLE_EQ(run.executor_ms, 2 * 2000.0);
  EXPECT_DOUBLE_EQ(run.core_ms, 2 * 2 * 2000.0);
}

TEST(SchedulerTest, DynamicAllocationReleasesIdleExecutors) {
  WorkloadBuilder b;
  int32_t first = b.Job();
  int32_t second = b.Job(JobAnchor::kAfterJobEnd, first, 200'000);  // a long driver pause
  b.Stage(first, 4, 1000);
  b.Stage(second, 4, 1000);
  ExecutorPlan plan;
  plan.slots_per_executor = 1;
  plan.cores_per_executor = 1;
  DynamicPlan d;
  d.max_executors = 4;
  d.startup_ms = 1000;
  d.idle_timeout_ms = 60'000;
  plan.dynamic = d;
  SimRun run = RunSchedule(b.workload(), b.Durations(), plan);
  EXPECT_EQ(run.wall_clock_ms, 1000 + 1000 + 200'000 + 1000 + 1000);
  // Held: 4 executors from 1000 to 62000 (idle timeout after 2000), then
  // 4 from 203000 to 204000.
  EXPECT_DOUBLE_EQ(run.executor_ms, 4 * (62'000.0 - 1000) + 4 * 1000.0);
}

}  // namespace
}  // namespace sparkdx::simulate
