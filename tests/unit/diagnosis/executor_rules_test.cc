// Executor rules: executor.gc_pressure, executor.memory_overprovisioned and
// executor.memory_underprovisioned, firing, silent and at their boundaries.
#include <gtest/gtest.h>

#include <cmath>
#include <string>

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

double EvidenceValue(const Finding& f, const std::string& key) {
  for (const Evidence& e : f.evidence) {
    if (e.key == key) return e.value;
  }
  ADD_FAILURE() << "no evidence " << key;
  return -1;
}

// 8 tasks of 100 s executor run time on one 4-core executor, each with
// `gc_ms` of GC.
AppStatusBuilder GcRun(int64_t gc_ms) {
  AppStatusBuilder b(0, 600'000);
  uint32_t e = b.AddExecutor("1", "h", 4);
  b.AddJob(0, {0}, 0, 300'000);
  b.AddStage(0, 0, 0, 300'000, "map at Etl.scala:3");
  for (int i = 0; i < 8; ++i) {
    int64_t start = (i / 4) * 100'010;
    TaskRecord t = b.Task(e, start, start + 100'010);  // run time 100 s
    SetMetric(&t, TaskMetric::kJvmGcTimeMs, gc_ms);
    b.AddTask(0, 0, t);
  }
  return b;
}

TEST(ExecutorGcPressureRuleTest, FiresAboveTenPercentWithComputedMemory) {
  RuleOutput out = GcRun(25'000).Run(CheckExecutorGcPressure);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.entity.kind, EntityKind::kApplication);
  EXPECT_NE(f.explanation.find("3 min 20 s of 13 min 20 s"), std::string::npos) << f.explanation;
  EXPECT_NE(f.explanation.find("(25%,"), std::string::npos) << f.explanation;
  const Recommendation* memory = FindRecommendation(f, "spark.executor.memory");
  ASSERT_NE(memory, nullptr);
  EXPECT_EQ(memory->config_value, "2g");  // default 1g, doubled below 4 GiB
  // GC above 5%: 200 s - 40 s = 160 s of 200 s of GC; the wall-clock GC part scaled by 0.8.
  EXPECT_GT(f.saving_ms, 0);
  EXPECT_EQ(EvidenceValue(f, "gc_time_above_healthy"), 160'000);
  EXPECT_EQ(f.severity_floor, FindingSeverity::kWarning);  // 25% is in the critical band
  EXPECT_FALSE(f.impact.empty());
}

TEST(ExecutorGcPressureRuleTest, BoundaryAtTenPercent) {
  EXPECT_TRUE(GcRun(10'000).Run(CheckExecutorGcPressure).findings.empty());
  RuleOutput out = GcRun(10'001).Run(CheckExecutorGcPressure);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_FALSE(out.findings[0].severity_floor.has_value());  // below the 20% band
}

TEST(ExecutorGcPressureRuleTest, SilentWhenHealthy) {
  EXPECT_TRUE(GcRun(2'000).Run(CheckExecutorGcPressure).findings.empty());
}

TEST(ExecutorGcPressureRuleTest, GcInSkewedTasksIsSkews) {
  // Seven 10 s tasks with 0.5 s of GC and one 60 s task with 30 s of GC:
  // 25% overall, but the long task is skew; the rest is at 5%.
  AppStatusBuilder b(0, 600'000);
  uint32_t e = b.AddExecutor("1", "h", 8);
  b.AddJob(0, {0}, 0, 60'000);
  b.AddStage(0, 0, 0, 60'000, "groupBy at Job.scala:7");
  for (int i = 0; i < 7; ++i) {
    TaskRecord t = b.Task(e, 0, 10'010);
    SetMetric(&t, TaskMetric::kJvmGcTimeMs, 500);
    b.AddTask(0, 0, t);
  }
  TaskRecord slow = b.Task(e, 0, 60'010);
  SetMetric(&slow, TaskMetric::kJvmGcTimeMs, 30'000);
  b.AddTask(0, 0, slow);
  EXPECT_TRUE(b.Run(CheckExecutorGcPressure).findings.empty());
}

TEST(ExecutorGcPressureRuleTest, OneExecutorAboveWhileTheAppIsHealthy) {
  AppStatusBuilder b(0, 600'000);
  uint32_t good = b.AddExecutor("1", "h1", 4);
  uint32_t bad = b.AddExecutor("2", "h2", 4);
  b.AddJob(0, {0}, 0, 200'000);
  b.AddStage(0, 0, 0, 200'000);
  for (int i = 0; i < 4; ++i) b.AddTask(0, 0, b.Task(good, 0, 100'010));
  TaskRecord t = b.Task(bad, 0, 100'010);
  SetMetric(&t, TaskMetric::kJvmGcTimeMs, 30'000);
  b.AddTask(0, 0, t);
  RuleOutput out = b.Run(CheckExecutorGcPressure);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].entity.kind, EntityKind::kExecutor);
  EXPECT_EQ(out.findings[0].entity.id, "2");
  EXPECT_NE(out.findings[0].explanation.find("was at 6.0%"), std::string::npos) << out.findings[0].explanation;
  // The settings suit the other executors: the advice is about the host.
  ASSERT_EQ(out.findings[0].recommendations.size(), 1u);
  EXPECT_TRUE(out.findings[0].recommendations[0].config_key.empty());
  EXPECT_NE(out.findings[0].recommendations[0].text.find("host h2"), std::string::npos);
  EXPECT_FALSE(out.findings[0].severity_floor.has_value());
}

TEST(ExecutorGcPressureRuleTest, NotRunWithoutTasks) {
  AppStatusBuilder b(0, 1000);
  EXPECT_TRUE(b.Run(CheckExecutorGcPressure).not_run);
}

// One executor alive the whole 10 min run with `memory` configured and a
// peak JVM heap of `peak` bytes.
AppStatusBuilder HeapRun(const std::string& memory, int64_t peak) {
  AppStatusBuilder b(0, 600'000);
  b.Conf("spark.executor.memory", memory);
  uint32_t e = b.AddExecutor("1", "h", 4);
  if (peak >= 0) {
    b.Executor(e).peak = ExecutorMetrics::Zeros();
    b.Executor(e).peak.values[static_cast<int>(ExecutorMetric::kJvmHeapMemory)] = peak;
  }
  b.AddJob(0, {0}, 0, 100'000);
  b.AddStage(0, 0, 0, 100'000);
  b.AddTask(0, 0, b.Task(e, 0, 100'000));
  return b;
}

TEST(ExecutorMemoryOverprovisionedRuleTest, FiresWithPeakTimesOneQuarter) {
  RuleOutput out = HeapRun("8g", 5 * kGiB).Run(CheckExecutorMemoryOverprovisioned);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_NE(f.explanation.find("5.0 GiB"), std::string::npos) << f.explanation;
  EXPECT_NE(f.explanation.find("62%"), std::string::npos) << f.explanation;
  const Recommendation* r = FindRecommendation(f, "spark.executor.memory");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->config_value, "6656m");  // 5 GiB x 1.25 = 6.25 GiB, up to 6.5 GiB
  EXPECT_EQ(f.saving_ms, 0);
  // 1.5 GiB freed over 10 min = 0.25 GiB-hours = 0.025 core-hours.
  EXPECT_NEAR(EvidenceValue(f, "memory_freed_gib_hours"), 0.25, 1e-9);
  EXPECT_EQ(f.saving_core_ms, 90'000);
}

TEST(ExecutorMemoryOverprovisionedRuleTest, BoundaryAtSeventyPercent) {
  int64_t seventy = static_cast<int64_t>(std::ceil(0.7 * 8 * kGiB));
  EXPECT_TRUE(HeapRun("8g", seventy).Run(CheckExecutorMemoryOverprovisioned).findings.empty());
  EXPECT_EQ(HeapRun("8g", seventy - 1).Run(CheckExecutorMemoryOverprovisioned).findings.size(), 1u);
}

TEST(ExecutorMemoryOverprovisionedRuleTest, SmallHeapsAreLeftAlone) {
  // Dr. Elephant's gate: executor memory must exceed 2 GiB.
  EXPECT_TRUE(HeapRun("2g", 256 * kMiB).Run(CheckExecutorMemoryOverprovisioned).findings.empty());
  EXPECT_EQ(HeapRun("2049m", 256 * kMiB).Run(CheckExecutorMemoryOverprovisioned).findings.size(), 1u);
}

TEST(ExecutorMemoryOverprovisionedRuleTest, NotRunWithoutPeaks) {
  EXPECT_TRUE(HeapRun("8g", -1).Run(CheckExecutorMemoryOverprovisioned).not_run);
}

TEST(ExecutorMemoryUnderprovisionedRuleTest, HeapNearTheLimitAddsTwentyPercent) {
  RuleOutput out = HeapRun("4g", static_cast<int64_t>(0.96 * 4 * kGiB)).Run(CheckExecutorMemoryUnderprovisioned);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.cause, "heap_near_limit");
  EXPECT_NE(f.explanation.find("96%"), std::string::npos) << f.explanation;
  ASSERT_NE(FindRecommendation(f, "spark.executor.memory"), nullptr);
  EXPECT_EQ(FindRecommendation(f, "spark.executor.memory")->config_value, "5g");  // 4.8 GiB up to 5 GiB
}

TEST(ExecutorMemoryUnderprovisionedRuleTest, BoundaryAtNinetyFivePercent) {
  int64_t limit = static_cast<int64_t>(0.95 * 4 * kGiB);
  EXPECT_TRUE(HeapRun("4g", limit).Run(CheckExecutorMemoryUnderprovisioned).findings.empty());
  EXPECT_EQ(HeapRun("4g", limit + 1).Run(CheckExecutorMemoryUnderprovisioned).findings.size(), 1u);
}

TEST(ExecutorMemoryUnderprovisionedRuleTest, SilentWhenHealthy) {
  EXPECT_TRUE(HeapRun("4g", 2 * kGiB).Run(CheckExecutorMemoryUnderprovisioned).findings.empty());
}

// Four 10 s tasks plus one failed attempt with `message`; `long_ms` makes
// the last successful task long enough for the stage to be skewed.
AppStatusBuilder OomRun(const std::string& message, int64_t long_ms) {
  AppStatusBuilder b(0, 600'000);
  b.Conf("spark.executor.memory", "4g").Conf("spark.executor.cores", "4");
  uint32_t e = b.AddExecutor("1", "h", 4);
  b.AddJob(0, {0}, 0, 200'000);
  b.AddStage(0, 0, 0, 200'000, "join at Etl.scala:40");
  for (int i = 0; i < 4; ++i) b.AddTask(0, 0, b.Task(e, 0, 10'000));
  b.AddTask(0, 0, b.Task(e, 0, long_ms));
  b.status().task_messages.push_back(message);
  TaskRecord failed = b.Task(e, 10'000, 40'000);
  failed.failed = true;
  failed.reason = TaskEndReason::kExceptionFailure;
  failed.message_id = 0;
  b.AddTask(0, 0, failed);
  return b;
}

TEST(ExecutorMemoryUnderprovisionedRuleTest, OutOfMemoryFailuresAddHalf) {
  RuleOutput out = OomRun("java.lang.OutOfMemoryError: Java heap space\n\tat java.util.Arrays", 10'000)
                       .Run(CheckExecutorMemoryUnderprovisioned);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.cause, "out_of_memory");
  EXPECT_NE(f.explanation.find("1 task attempts in 1 stages"), std::string::npos) << f.explanation;
  EXPECT_NE(f.explanation.find("Java heap space"), std::string::npos) << f.explanation;
  EXPECT_EQ(FindRecommendation(f, "spark.executor.memory")->config_value, "6g");
  EXPECT_EQ(FindRecommendation(f, "spark.executor.cores")->config_value, "2");
  EXPECT_GT(f.saving_ms, 0);
}

TEST(ExecutorMemoryUnderprovisionedRuleTest, OtherFailuresAreNotMemory) {
  EXPECT_TRUE(OomRun("java.io.IOException: disk full", 10'000).Run(CheckExecutorMemoryUnderprovisioned).findings.empty());
}

TEST(ExecutorMemoryUnderprovisionedRuleTest, OutOfMemoryInSkewedStageIsSkews) {
  EXPECT_TRUE(OomRun("java.lang.OutOfMemoryError: Java heap space", 60'000)
                  .Run(CheckExecutorMemoryUnderprovisioned)
                  .findings.empty());
}

}  // namespace
}  // namespace sparkdx
