// The what-if task models: the least-squares task-time fit, re-cutting a
// stage into N partitions (a skewed key keeps its largest partition), and
// the executor-memory model (spill removed or added, GC scaled).
#include <gtest/gtest.h>

#include <vector>

#include "simulate/task_models.h"

namespace sparkdx::simulate {
namespace {

SimTask Task(int64_t bytes, int64_t ms) {
  SimTask t;
  t.shuffle_read_bytes = bytes;
  t.duration_ms = ms;
  return t;
}

TEST(TaskModelsTest, FitsTimeAsOverheadPlusBytes) {
  std::vector<SimTask> tasks = {Task(1000, 200), Task(2000, 300), Task(4000, 500), Task(8000, 900)};
  SimTask failed = Task(100'000, 99'999);
  failed.successful = false;  // not part of the fit
  tasks.push_back(failed);
  TaskTimeFit fit = FitTaskTime(tasks);
  EXPECT_TRUE(fit.by_least_squares);
  EXPECT_EQ(fit.tasks, 4);
  EXPECT_NEAR(fit.intercept_ms, 100, 1e-6);
  EXPECT_NEAR(fit.ms_per_byte, 0.1, 1e-9);
  EXPECT_NEAR(fit.rms_residual_ms, 0, 1e-6);
}

TEST(TaskModelsTest, FitKeepsInterceptAndSlopeNonNegative) {
  // Time falls with bytes: a constant per task.
  TaskTimeFit flat = FitTaskTime({Task(1000, 500), Task(2000, 400), Task(3000, 300)});
  EXPECT_EQ(flat.ms_per_byte, 0);
  EXPECT_NEAR(flat.intercept_ms, 400, 1e-9);
  // Too few tasks: proportional to bytes.
  TaskTimeFit two = FitTaskTime({Task(1000, 100), Task(3000, 300)});
  EXPECT_FALSE(two.by_least_squares);
  EXPECT_EQ(two.intercept_ms, 0);
  EXPECT_NEAR(two.ms_per_byte, 0.1, 1e-12);
}

TEST(TaskModelsTest, RecutsBytesEvenly) {
  std::vector<SimTask> tasks = {Task(1000, 200), Task(1000, 200), Task(1000, 200), Task(1000, 200)};
  TaskTimeFit fit;
  fit.intercept_ms = 100;
  fit.ms_per_byte = 0.1;
  std::vector<int64_t> eight = RepartitionedTaskMs(tasks, fit, 8);
  ASSERT_EQ(eight.size(), 8u);
  for (int64_t ms : eight) EXPECT_EQ(ms, 150);  // 500 bytes each
  std::vector<int64_t> two = RepartitionedTaskMs(tasks, fit, 2);
  ASSERT_EQ(two.size(), 2u);
  EXPECT_EQ(two[0], 300);
  EXPECT_TRUE(RepartitionedTaskMs(tasks, fit, 0).empty());
}

TEST(TaskModelsTest, SkewedKeyKeepsItsLargestPartition) {
  std::vector<SimTask> tasks = {Task(10'000, 5000), Task(100, 110), Task(100, 110), Task(100, 110)};
  TaskTimeFit fit;
  fit.intercept_ms = 100;
  fit.ms_per_byte = 0.1;
  std::vector<int64_t> out = RepartitionedTaskMs(tasks, fit, 8);
  ASSERT_EQ(out.size(), 8u);
  EXPECT_EQ(out[0], 5000);  // the hot key: its observed time
  for (size_t i = 1; i < out.size(); ++i) EXPECT_EQ(out[i], 104);  // 300 bytes over 7 tasks
}

TEST(TaskModelsTest, MoreMemoryRemovesSpillAndScalesGc) {
  SimTask t;
  t.duration_ms = 10'000;
  t.gc_ms = 1000;
  t.spill_ms = 2000;
  t.memory_spilled_bytes = 400;
  MemoryChange doubled{400, 800};
  // All spill covered (400 more bytes for 400 spilled), GC halved.
  EXPECT_EQ(TaskMsWithMemory(t, doubled), 10'000 - 2000 - 500);
  MemoryChange a_bit{400, 500};  // covers a quarter of the spill, GC x0.8
  EXPECT_EQ(TaskMsWithMemory(t, a_bit), 10'000 - 500 - 200);
  // Unchanged memory: unchanged time; failed attempts keep theirs.
  EXPECT_EQ(TaskMsWithMemory(t, MemoryChange{400, 400}), 10'000);
  SimTask failed = t;
  failed.successful = false;
  EXPECT_EQ(TaskMsWithMemory(failed, doubled), 10'000);
}

TEST(TaskModelsTest, LessMemorySpillsWhatNoLongerFits) {
  SimTask t;
  t.duration_ms = 10'000;
  t.peak_execution_bytes = 300LL << 20;
  MemoryChange halved{400LL << 20, 200LL << 20};
  // 100 MiB written and read back at 200 MiB/s: 1 s more.
  EXPECT_EQ(TaskMsWithMemory(t, halved), 11'000);
}

TEST(TaskModelsTest, ExecutionMemoryPerTaskFollowsSparksUnifiedMemory) {
  // (4 GiB - 300 MiB) x 0.6 / 4 slots.
  int64_t expected = static_cast<int64_t>(static_cast<double>((4LL << 30) - (300LL << 20)) * 0.6 / 4);
  EXPECT_EQ(ExecutionMemoryPerTaskBytes(4LL << 30, 0.6, 4), expected);
  EXPECT_EQ(ExecutionMemoryPerTaskBytes(100LL << 20, 0.6, 4), 0);
}

}  // namespace
}  // namespace sparkdx::simulate
