#include "cost/run_cost.h"

#include <gtest/gtest.h>

#include "support/app_status_builder.h"

namespace sparkdx::cost {
namespace {

using testing::AppStatusBuilder;

constexpr int64_t kHourMs = 3'600'000;
constexpr int64_t kMinuteMs = 60'000;

CostOptions DollarPerCoreHour() {
  CostOptions options;
  options.price_per_core_hour = 1.0;
  return options;
}

int64_t Cause(const RunCost& cost, WasteCause cause) { return cost.waste_slot_ms[static_cast<int>(cause)]; }

// One 4-core executor for an hour; one successful 30-minute task and one
// 10-minute attempt that failed.
TEST(RunCostTest, WasteCausesSumToUnusedAndFailedSlotTime) {
  AppStatusBuilder b(0, kHourMs);
  uint32_t e = b.AddExecutor("1", "h1", 4, 0);
  b.AddJob(0, {0}, 0, kHourMs);
  b.AddStage(0, 0, 0, kHourMs, "stage zero");
  b.AddTask(0, 0, b.Task(e, 0, 30 * kMinuteMs));
  TaskRecord failed = b.Task(e, 0, 10 * kMinuteMs);
  failed.failed = true;
  b.AddTask(0, 0, failed);
  AppAnalysis a = b.Analyze();
  RunCost cost = ComputeRunCost(a, DollarPerCoreHour());
  ASSERT_TRUE(cost.total_usd.has_value());
  EXPECT_NEAR(*cost.total_usd, 4.0 + 1.0, 1e-9);  // 4 executor core-hours + the driver's core
  EXPECT_EQ(cost.alive_slot_ms, 4 * kHourMs);
  EXPECT_EQ(cost.busy_slot_ms, 40 * kMinuteMs);
  EXPECT_EQ(Cause(cost, WasteCause::kFailedAttempts), 10 * kMinuteMs);
  EXPECT_EQ(Cause(cost, WasteCause::kSpeculation), 0);
  // Idle and tail: every slot-ms alive that no task used.
  EXPECT_EQ(Cause(cost, WasteCause::kIdleSlots) + Cause(cost, WasteCause::kSkewTail), 4 * kHourMs - 40 * kMinuteMs);
  // Executors' money per slot-hour: $4 for 4 slot-hours.
  EXPECT_NEAR(cost.usd_per_slot_hour, 1.0, 1e-9);
  EXPECT_NEAR(cost.WasteUsd(Cause(cost, WasteCause::kFailedAttempts)), 10.0 / 60, 1e-9);
  ASSERT_EQ(cost.stages.size(), 1u);
  EXPECT_EQ(cost.stages[0].name, "stage zero");
  EXPECT_EQ(cost.stages[0].slot_ms[static_cast<int>(WasteCause::kFailedAttempts)], 10 * kMinuteMs);
  // The stage's skew tail share is the application's whole tail (one stage).
  EXPECT_EQ(cost.stages[0].slot_ms[static_cast<int>(WasteCause::kSkewTail)], Cause(cost, WasteCause::kSkewTail));
}

TEST(RunCostTest, KilledCopiesOfSpeculatedTasksAreSpeculation) {
  AppStatusBuilder b(0, kHourMs);
  uint32_t e1 = b.AddExecutor("1", "h1", 2, 0);
  uint32_t e2 = b.AddExecutor("2", "h2", 2, 0);
  b.AddJob(0, {0}, 0, kHourMs);
  b.AddStage(0, 0, 0, kHourMs);
  TaskRecord original = b.Task(e1, 0, 20 * kMinuteMs);
  b.AddTask(0, 0, original);
  TaskRecord copy = b.Task(e2, 5 * kMinuteMs, 20 * kMinuteMs);
  copy.index = original.index;
  copy.attempt = 1;
  copy.speculative = true;
  copy.killed = true;
  b.AddTask(0, 0, copy);
  TaskRecord other = b.Task(e2, 0, 7 * kMinuteMs);
  other.killed = true;  // killed for another reason (no copy of its index)
  b.AddTask(0, 0, other);
  AppAnalysis a = b.Analyze();
  RunCost cost = ComputeRunCost(a, DollarPerCoreHour());
  EXPECT_EQ(Cause(cost, WasteCause::kSpeculation), 15 * kMinuteMs);
  EXPECT_EQ(Cause(cost, WasteCause::kFailedAttempts), 7 * kMinuteMs);
}

TEST(RunCostTest, SqlExecutionsNeverClaimMoreIdleThanTheApplication) {
  AppStatusBuilder b(0, kHourMs);
  uint32_t e = b.AddExecutor("1", "h1", 4, 0);
  b.AddJob(0, {0}, 0, kHourMs / 2);
  b.AddJob(1, {1}, 0, kHourMs / 2);
  b.AddStage(0, 0, 0, kHourMs / 2);
  b.AddStage(1, 0, 0, kHourMs / 2);
  b.AddTask(0, 0, b.Task(e, 0, kHourMs / 2));
  b.AddTask(1, 0, b.Task(e, 0, kHourMs / 2));
  b.AddSql(0, 0, kHourMs / 2, {0});
  b.AddSql(1, 0, kHourMs / 2, {1});  // concurrent: each sees the other's slot as idle
  AppAnalysis a = b.Analyze();
  RunCost cost = ComputeRunCost(a, DollarPerCoreHour());
  int64_t claimed = 0;
  for (const WasteTarget& execution : cost.sql_executions) {
    claimed += execution.slot_ms[static_cast<int>(WasteCause::kIdleSlots)];
  }
  EXPECT_GT(claimed, 0);
  EXPECT_LE(claimed, Cause(cost, WasteCause::kIdleSlots) + 1);  // rounding
}

TEST(RunCostTest, UnpricedRunStillCountsWasteInSlotTime) {
  AppStatusBuilder b(0, kHourMs);
  b.AddExecutor("1", "h1", 4, 0);
  AppAnalysis a = b.Analyze();
  RunCost cost = ComputeRunCost(a, CostOptions{});
  EXPECT_FALSE(cost.total_usd.has_value());
  EXPECT_FALSE(cost.decision.unknown_reason.empty());
  EXPECT_EQ(Cause(cost, WasteCause::kIdleSlots), 4 * kHourMs);
}

TEST(RunCostTest, RightSizingFromHeapPeaksWithHeadroom) {
  AppStatusBuilder b(0, kHourMs);
  b.Conf("spark.master", "yarn").Conf("spark.executor.memory", "8g");
  uint32_t e = b.AddExecutor("1", "h1", 4, 0);
  ExecutorMetrics peak = ExecutorMetrics::Zeros();
  peak.values[static_cast<int>(ExecutorMetric::kJvmHeapMemory)] = 3 * kGiB;
  peak.values[static_cast<int>(ExecutorMetric::kJvmOffHeapMemory)] = 500 * kMiB;
  b.Executor(e).peak = peak;
  AppAnalysis a = b.Analyze();
  CostOptions options;
  options.price_per_gib_hour = 0.01;
  RunCost cost = ComputeRunCost(a, options);
  const RightSizing& r = cost.right_sizing;
  ASSERT_TRUE(r.available) << r.reason;
  EXPECT_EQ(r.peak_heap_bytes, 3 * kGiB);
  // 3 GiB x 1.2 = 3686.4 MiB, up to 256 MiB steps: 3840 MiB.
  EXPECT_EQ(r.proposed_heap_bytes, 3840 * kMiB);
  // 500 MiB x 1.2 = 600 MiB, up to 128 MiB steps: 640 MiB.
  EXPECT_EQ(r.proposed_overhead_bytes, 640 * kMiB);
  EXPECT_EQ(r.current_overhead_bytes, 8 * kGiB / 10);
  double freed_gib = static_cast<double>(8 * kGiB + 8 * kGiB / 10 - 3840 * kMiB - 640 * kMiB) / kGiB;
  EXPECT_NEAR(r.memory_gib_hours_saved, freed_gib, 1e-9);  // one executor-hour
  ASSERT_TRUE(r.usd_saved.has_value());
  EXPECT_NEAR(*r.usd_saved, freed_gib * 0.01, 1e-9);
}

TEST(RunCostTest, RightSizingCoversTheProcessRss) {
  AppStatusBuilder b(0, kHourMs);
  b.Conf("spark.master", "yarn").Conf("spark.executor.memory", "8g");
  uint32_t e = b.AddExecutor("1", "h1", 4, 0);
  ExecutorMetrics peak = ExecutorMetrics::Zeros();
  peak.values[static_cast<int>(ExecutorMetric::kJvmHeapMemory)] = 3 * kGiB;
  peak.values[static_cast<int>(ExecutorMetric::kProcessTreeJvmRssMemory)] = 5 * kGiB;
  b.Executor(e).peak = peak;
  AppAnalysis a = b.Analyze();
  RunCost cost = ComputeRunCost(a, CostOptions{});
  // RSS 5 GiB x 1.2 = 6144 MiB, of which the 3840 MiB heap leaves 2304 MiB,
  // capped at the configured overhead (819 MiB).
  EXPECT_EQ(cost.right_sizing.proposed_overhead_bytes, 8 * kGiB / 10);
  EXPECT_FALSE(cost.right_sizing.usd_saved.has_value());  // not priced
}

TEST(RunCostTest, RightSizingNeedsPeaks) {
  AppStatusBuilder b(0, kHourMs);
  b.AddExecutor("1", "h1", 4, 0);
  AppAnalysis a = b.Analyze();
  RunCost cost = ComputeRunCost(a, DollarPerCoreHour());
  EXPECT_FALSE(cost.right_sizing.available);
  EXPECT_NE(cost.right_sizing.reason.find("no executor memory peaks"), std::string::npos);
}

}  // namespace
}  // namespace sparkdx::cost
