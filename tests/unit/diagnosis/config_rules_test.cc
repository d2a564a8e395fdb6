// Configuration rules: config.aqe_disabled, config.java_serializer,
// config.dynamic_allocation_unbounded, config.memory_overhead_low and
// config.default_shuffle_partitions, firing only when this run makes the
// setting matter, and at their boundaries.
#include <gtest/gtest.h>

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

// Stage 0 of job 0 reads `per_task_bytes` of shuffle in each of `tasks`
// tasks (stage 0 declares `tasks` partitions); the job belongs to SQL
// execution 0 when `sql`.
AppStatusBuilder ShuffleRun(const std::string& version, int tasks, int64_t per_task_bytes, bool sql = true) {
  AppStatusBuilder b(0, 600'000, version);
  uint32_t e = b.AddExecutor("1", "h", 4);
  JobStatusData& job = b.AddJob(0, {0}, 0, 300'000);
  if (sql) job.sql_execution_id = 0;
  b.AddStage(0, 0, 0, 300'000, "save at Etl.scala:9").info.num_tasks = tasks;
  for (int i = 0; i < tasks; ++i) {
    int64_t start = (i / 4) * 1'000;  // four at a time on the 4 cores
    TaskRecord t = b.Task(e, start, start + 1'000);
    SetMetric(&t, TaskMetric::kShuffleLocalBytesRead, per_task_bytes);
    b.AddTask(0, 0, t);
  }
  if (sql) b.AddSql(0, 0, 300'000, {0});
  return b;
}

TEST(ConfigAqeDisabledRuleTest, OffByDefaultOnSpark31WithShufflesFires) {
  RuleOutput out = ShuffleRun("3.1.2", 200, 100 * 1024).Run(CheckConfigAqeDisabled);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_NE(f.explanation.find("the default on Spark 3.1.2"), std::string::npos) << f.explanation;
  EXPECT_NE(f.explanation.find("199 fewer tasks"), std::string::npos) << f.explanation;
  EXPECT_EQ(f.saving_core_ms, 199 * 10);  // each task's 10 ms outside executor run time
  EXPECT_EQ(FindRecommendation(f, "spark.sql.adaptive.enabled")->config_value, "true");
}

TEST(ConfigAqeDisabledRuleTest, VersionDefaultsAndExplicitSetting) {
  EXPECT_TRUE(ShuffleRun("3.2.0", 200, 1024).Run(CheckConfigAqeDisabled).findings.empty());  // on by default
  AppStatusBuilder off = ShuffleRun("3.5.1", 200, 1024);
  off.Conf("spark.sql.adaptive.enabled", "false");
  RuleOutput out = off.Run(CheckConfigAqeDisabled);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_NE(out.findings[0].explanation.find("spark.sql.adaptive.enabled=false"), std::string::npos);
  EXPECT_TRUE(ShuffleRun("2.4.8", 200, 1024).Run(CheckConfigAqeDisabled).not_run);
}

TEST(ConfigAqeDisabledRuleTest, SilentWithoutSqlShuffles) {
  EXPECT_TRUE(ShuffleRun("3.1.2", 4, 0).Run(CheckConfigAqeDisabled).findings.empty());
  EXPECT_TRUE(ShuffleRun("3.1.2", 200, 1024, /*sql=*/false).Run(CheckConfigAqeDisabled).findings.empty());
}

// An RDD (or SQL) stage writing `bytes` of shuffle in 10 s of write time.
AppStatusBuilder WriteRun(int64_t bytes, bool sql) {
  AppStatusBuilder b(0, 600'000);
  uint32_t e = b.AddExecutor("1", "h", 4);
  JobStatusData& job = b.AddJob(0, {0}, 0, 300'000);
  if (sql) job.sql_execution_id = 0;
  b.AddStage(0, 0, 0, 300'000, "reduceByKey at Etl.scala:4");
  TaskRecord t = b.Task(e, 0, 30'000);
  SetMetric(&t, TaskMetric::kShuffleBytesWritten, bytes);
  SetMetric(&t, TaskMetric::kShuffleWriteTimeNs, 10'000'000'000);
  b.AddTask(0, 0, t);
  return b;
}

TEST(ConfigJavaSerializerRuleTest, RddShuffleWithJavaSerializationFires) {
  RuleOutput out = WriteRun(100 * kMiB, false).Run(CheckConfigJavaSerializer);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_NE(f.explanation.find("1 RDD stages (outside SQL) wrote 100.0 MiB"), std::string::npos) << f.explanation;
  EXPECT_EQ(f.saving_core_ms, 5'000);
  EXPECT_EQ(FindRecommendation(f, "spark.serializer")->config_value, "org.apache.spark.serializer.KryoSerializer");
}

TEST(ConfigJavaSerializerRuleTest, SqlShufflesAndKryoAreSilent) {
  EXPECT_TRUE(WriteRun(kGiB, true).Run(CheckConfigJavaSerializer).findings.empty());
  AppStatusBuilder kryo = WriteRun(kGiB, false);
  kryo.Conf("spark.serializer", "org.apache.spark.serializer.KryoSerializer");
  EXPECT_TRUE(kryo.Run(CheckConfigJavaSerializer).findings.empty());
}

TEST(ConfigJavaSerializerRuleTest, ShuffleSizeGate) {
  EXPECT_TRUE(WriteRun(64 * kMiB - 1, false).Run(CheckConfigJavaSerializer).findings.empty());
  AppStatusBuilder explicit_java = WriteRun(64 * kMiB, false);
  explicit_java.Conf("spark.serializer", "org.apache.spark.serializer.JavaSerializer");
  EXPECT_EQ(explicit_java.Run(CheckConfigJavaSerializer).findings.size(), 1u);
}

AppStatusBuilder DynamicRun(const std::string& version) {
  AppStatusBuilder b = WriteRun(kGiB, true);
  b.status().spark_version = version;
  b.Conf("spark.dynamicAllocation.enabled", "true");
  b.AddExecutor("2", "h2", 4, 1'000, 200'000);
  return b;
}

TEST(ConfigDynamicAllocationUnboundedRuleTest, NoMaxExecutorsFires) {
  RuleOutput out = DynamicRun("3.5.1").Run(CheckConfigDynamicAllocationUnbounded);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.cause, "no_max_executors");  // shuffle tracking is on by default on 3.5
  EXPECT_NE(f.explanation.find("This run reached 2 executors at once"), std::string::npos) << f.explanation;
  EXPECT_EQ(FindRecommendation(f, "spark.dynamicAllocation.maxExecutors")->config_value, "2");
}

TEST(ConfigDynamicAllocationUnboundedRuleTest, MaxExecutorsBoundary) {
  AppStatusBuilder bounded = DynamicRun("3.5.1");
  bounded.Conf("spark.dynamicAllocation.maxExecutors", "900");
  EXPECT_TRUE(bounded.Run(CheckConfigDynamicAllocationUnbounded).findings.empty());
  AppStatusBuilder huge = DynamicRun("3.5.1");
  huge.Conf("spark.dynamicAllocation.maxExecutors", "901");
  EXPECT_EQ(huge.Run(CheckConfigDynamicAllocationUnbounded).findings.size(), 1u);
}

TEST(ConfigDynamicAllocationUnboundedRuleTest, NoShuffleServiceBeforeTrackingDefault) {
  AppStatusBuilder b = DynamicRun("3.1.2");
  b.Conf("spark.dynamicAllocation.maxExecutors", "10");
  RuleOutput out = b.Run(CheckConfigDynamicAllocationUnbounded);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].cause, "no_shuffle_service");
  EXPECT_NE(FindRecommendation(out.findings[0], "spark.dynamicAllocation.shuffleTracking.enabled"), nullptr);
  b.Conf("spark.shuffle.service.enabled", "true");
  EXPECT_TRUE(b.Run(CheckConfigDynamicAllocationUnbounded).findings.empty());
}

TEST(ConfigDynamicAllocationUnboundedRuleTest, SilentWithoutDynamicAllocation) {
  EXPECT_TRUE(WriteRun(kGiB, true).Run(CheckConfigDynamicAllocationUnbounded).findings.empty());
}

AppStatusBuilder OverheadRun(const std::string& overhead) {
  AppStatusBuilder b = WriteRun(kMiB, false);
  b.Conf("spark.executor.memory", "4g");
  if (!overhead.empty()) b.Conf("spark.executor.memoryOverhead", overhead);
  return b;
}

TEST(ConfigMemoryOverheadLowRuleTest, BelowSparkDefaultFires) {
  RuleOutput out = OverheadRun("256m").Run(CheckConfigMemoryOverheadLow);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_NE(f.explanation.find("set to 256.0 MiB, below Spark's default of 409.0 MiB"), std::string::npos)
      << f.explanation;
  EXPECT_EQ(f.confidence, Confidence::kLow);  // nothing in this run was killed
  EXPECT_EQ(FindRecommendation(f, "spark.executor.memoryOverhead")->config_value, "512m");
}

TEST(ConfigMemoryOverheadLowRuleTest, Boundary) {
  // max(10% of 4096 MiB, 384 MiB) = 409 MiB, in whole MiB as Spark computes it.
  EXPECT_TRUE(OverheadRun("409m").Run(CheckConfigMemoryOverheadLow).findings.empty());
  EXPECT_EQ(OverheadRun("408m").Run(CheckConfigMemoryOverheadLow).findings.size(), 1u);
  EXPECT_TRUE(OverheadRun("").Run(CheckConfigMemoryOverheadLow).findings.empty());
}

TEST(ConfigMemoryOverheadLowRuleTest, ContainerKillsRaiseConfidence) {
  AppStatusBuilder b = OverheadRun("256m");
  b.status().task_messages.push_back(
      "ExecutorLostFailure (executor 1 exited caused by one of the running tasks) Reason: Container killed by YARN "
      "for exceeding memory limits.");
  TaskRecord lost = b.Task(0, 30'000, 90'000);
  lost.failed = true;
  lost.reason = TaskEndReason::kExecutorLostFailure;
  lost.message_id = 0;
  b.AddTask(0, 0, lost);
  RuleOutput out = b.Run(CheckConfigMemoryOverheadLow);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].confidence, Confidence::kHigh);
  EXPECT_NE(out.findings[0].explanation.find("1 task attempts were lost"), std::string::npos);
  EXPECT_GT(out.findings[0].saving_ms, 0);
}

TEST(ConfigDefaultShufflePartitionsRuleTest, TooFewForLargeShuffles) {
  RuleOutput out = ShuffleRun("3.5.1", 200, 300 * kMiB).Run(CheckConfigDefaultShufflePartitions);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.cause, "too_few");
  EXPECT_NE(f.explanation.find("read 58.6 GiB of shuffle data in 200 tasks, 300.0 MiB each"), std::string::npos)
      << f.explanation;
  EXPECT_EQ(FindRecommendation(f, "spark.sql.shuffle.partitions")->config_value, "469");  // 60000 MiB / 128 MiB
}

TEST(ConfigDefaultShufflePartitionsRuleTest, LargeBoundary) {
  EXPECT_TRUE(ShuffleRun("3.5.1", 200, 200 * kMiB).Run(CheckConfigDefaultShufflePartitions).findings.empty());
  EXPECT_EQ(ShuffleRun("3.5.1", 200, 200 * kMiB + 1).Run(CheckConfigDefaultShufflePartitions).findings.size(), 1u);
}

TEST(ConfigDefaultShufflePartitionsRuleTest, TooManyForTinyShufflesWithAqeOff) {
  RuleOutput out = ShuffleRun("3.1.2", 200, 4 * 1024).Run(CheckConfigDefaultShufflePartitions);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].cause, "too_many");
  EXPECT_EQ(FindRecommendation(out.findings[0], "spark.sql.shuffle.partitions")->config_value, "4");  // peak slots
  // AQE on coalesces them: silent.
  EXPECT_TRUE(ShuffleRun("3.5.1", 200, 4 * 1024).Run(CheckConfigDefaultShufflePartitions).findings.empty());
  // Partitions of 1 MiB or more are not tiny.
  EXPECT_TRUE(ShuffleRun("3.1.2", 200, kMiB).Run(CheckConfigDefaultShufflePartitions).findings.empty());
}

TEST(ConfigDefaultShufflePartitionsRuleTest, SilentWhenSet) {
  AppStatusBuilder b = ShuffleRun("3.5.1", 200, 300 * kMiB);
  b.Conf("spark.sql.shuffle.partitions", "400");
  EXPECT_TRUE(b.Run(CheckConfigDefaultShufflePartitions).findings.empty());
}

}  // namespace
}  // namespace sparkdx
