// io.small_files_read and io.small_files_written: firing, silent and at
// their file-count and average-size boundaries.
#include <gtest/gtest.h>

#include <string>

#include "diagnosis/rules.h"
#include "support/app_status_builder.h"
#include "unit/diagnosis/sql_plan_fixture.h"

namespace sparkdx {
namespace {

using testing::AppStatusBuilder;
using testing::SetMetric;
using testing::SqlPlanFixture;

const Recommendation* FindRecommendation(const Finding& f, const std::string& key) {
  for (const Recommendation& r : f.recommendations) {
    if (r.config_key == key) return &r;
  }
  return nullptr;
}

// A query whose scan read `files` files holding `bytes`, in one stage of
// four 30 s tasks that read input.
AppStatusBuilder ReadRun(int64_t files, int64_t bytes) {
  AppStatusBuilder b(0, 600'000);
  uint32_t e = b.AddExecutor("1", "h", 4);
  b.AddJob(0, {0}, 0, 30'000).sql_execution_id = 0;
  b.AddStage(0, 0, 0, 30'000, "parquet at Etl.scala:5");
  for (int i = 0; i < 4; ++i) {
    TaskRecord t = b.Task(e, 0, 30'000);
    SetMetric(&t, TaskMetric::kInputBytesRead, bytes / 4);
    b.AddTask(0, 0, t);
  }
  SqlExecutionData& exec = b.AddSql(0, 0, 30'000, {0});
  exec.execution_id = 0;
  exec.description = "select * from events";
  exec.stages.insert(0);
  SqlPlanFixture plan(&exec);
  int64_t agg = plan.Node("HashAggregate", "HashAggregate(keys=[], functions=[count(1)])");
  plan.Node("Scan parquet db.events", "FileScan parquet db.events[id#1]", agg,
            {{"number of files read", "sum", files}, {"size of files read", "size", bytes},
             {"number of output rows", "sum", 1000}});
  return b;
}

TEST(IoSmallFilesReadRuleTest, FiresWithCompactionTarget) {
  RuleOutput out = ReadRun(1000, 1000 * kMiB).Run(CheckIoSmallFilesRead);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.entity.kind, EntityKind::kSqlExecution);
  EXPECT_EQ(f.entity.id, "0");
  EXPECT_NE(f.explanation.find("1000 files holding 1000.0 MiB"), std::string::npos) << f.explanation;
  EXPECT_NE(f.explanation.find("1.0 MiB per file"), std::string::npos) << f.explanation;
  EXPECT_NE(f.recommendations[0].text.find("8 files instead of 1000"), std::string::npos);
  ASSERT_NE(FindRecommendation(f, "spark.sql.files.openCostInBytes"), nullptr);
  EXPECT_EQ(FindRecommendation(f, "spark.sql.files.openCostInBytes")->config_value, "1m");
  // 120 s of scan task time x (4000 / 5000 - 32 / 1032) of open cost.
  EXPECT_NEAR(static_cast<double>(f.saving_core_ms), 120'000 * (0.8 - 32.0 / 1032.0), 2);
  EXPECT_EQ(f.severity_floor, FindingSeverity::kWarning);  // 1 MiB < 3 MiB
}

TEST(IoSmallFilesReadRuleTest, FileCountBoundary) {
  EXPECT_TRUE(ReadRun(100, 100 * kMiB).Run(CheckIoSmallFilesRead).findings.empty());
  EXPECT_EQ(ReadRun(101, 101 * kMiB).Run(CheckIoSmallFilesRead).findings.size(), 1u);
}

TEST(IoSmallFilesReadRuleTest, AverageSizeBands) {
  // 64 MiB average: healthy; just below: warn band without a floor; below 3 MiB: floor.
  EXPECT_TRUE(ReadRun(200, 200 * 64 * kMiB).Run(CheckIoSmallFilesRead).findings.empty());
  RuleOutput warn = ReadRun(200, 200 * 64 * kMiB - 1).Run(CheckIoSmallFilesRead);
  ASSERT_EQ(warn.findings.size(), 1u);
  EXPECT_FALSE(warn.findings[0].severity_floor.has_value());
  EXPECT_EQ(warn.findings[0].cause, "small_files");
  RuleOutput three = ReadRun(200, 200 * 3 * kMiB).Run(CheckIoSmallFilesRead);
  ASSERT_EQ(three.findings.size(), 1u);
  EXPECT_FALSE(three.findings[0].severity_floor.has_value());
  RuleOutput tiny = ReadRun(200, 200 * 3 * kMiB - 1).Run(CheckIoSmallFilesRead);
  ASSERT_EQ(tiny.findings.size(), 1u);
  EXPECT_EQ(tiny.findings[0].cause, "tiny_files");
}

TEST(IoSmallFilesReadRuleTest, NotRunWithoutScans) {
  AppStatusBuilder b(0, 1000);
  EXPECT_TRUE(b.Run(CheckIoSmallFilesRead).not_run);
}

AppStatusBuilder WriteRun(int64_t files, int64_t bytes) {
  AppStatusBuilder b(0, 600'000);
  uint32_t e = b.AddExecutor("1", "h", 4);
  b.AddJob(0, {0}, 0, 30'000).sql_execution_id = 0;
  b.AddStage(0, 0, 0, 30'000);
  b.AddTask(0, 0, b.Task(e, 0, 30'000));
  SqlExecutionData& exec = b.AddSql(0, 0, 60'000, {0});
  exec.execution_id = 0;
  SqlPlanFixture plan(&exec);
  plan.Node("Execute InsertIntoHadoopFsRelationCommand", "", -1,
            {{"number of written files", "sum", files}, {"written output", "size", bytes},
             {"task commit time", "timing", 50'000}, {"job commit time", "timing", 20'000}});
  return b;
}

TEST(IoSmallFilesWrittenRuleTest, FiresWithRepartitionCount) {
  RuleOutput out = WriteRun(500, 500 * kMiB).Run(CheckIoSmallFilesWritten);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_NE(f.explanation.find("500 files holding 500.0 MiB"), std::string::npos) << f.explanation;
  EXPECT_NE(f.recommendations[0].text.find("repartition(4)"), std::string::npos) << f.recommendations[0].text;
  EXPECT_EQ(f.saving_ms, 19'840);       // 20 s of job commit x (1 - 4 / 500)
  EXPECT_EQ(f.saving_core_ms, 49'600);  // 50 s of task commit x (1 - 4 / 500)
  // Spark 3.5 with AQE on by default: the REBALANCE hint and its advisory size.
  ASSERT_NE(FindRecommendation(f, "spark.sql.adaptive.advisoryPartitionSizeInBytes"), nullptr);
}

TEST(IoSmallFilesWrittenRuleTest, Boundaries) {
  EXPECT_TRUE(WriteRun(100, 100 * kMiB).Run(CheckIoSmallFilesWritten).findings.empty());
  EXPECT_EQ(WriteRun(101, 101 * kMiB).Run(CheckIoSmallFilesWritten).findings.size(), 1u);
  EXPECT_TRUE(WriteRun(500, 500 * 3 * kMiB).Run(CheckIoSmallFilesWritten).findings.empty());
  EXPECT_EQ(WriteRun(500, 500 * 3 * kMiB - 1).Run(CheckIoSmallFilesWritten).findings.size(), 1u);
}

TEST(IoSmallFilesWrittenRuleTest, SilentOnLargeFiles) {
  EXPECT_TRUE(WriteRun(1000, 1000 * 128 * kMiB).Run(CheckIoSmallFilesWritten).findings.empty());
}

}  // namespace
}  // namespace sparkdx
