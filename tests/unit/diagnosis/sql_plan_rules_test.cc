// SQL plan rules: sql.broadcast_candidate, sql.broadcast_too_large,
// sql.cartesian_or_nested_loop_join, sql.duplicate_subtree and
// python.udf_overhead, firing, silent and at their boundaries.
#include <gtest/gtest.h>

#include <string>

#include "diagnosis/rules.h"
#include "support/app_status_builder.h"
#include "unit/diagnosis/sql_plan_fixture.h"

namespace sparkdx {
namespace {

using testing::AppStatusBuilder;
using testing::SqlPlanFixture;

const Recommendation* FindRecommendation(const Finding& f, const std::string& key) {
  for (const Recommendation& r : f.recommendations) {
    if (r.config_key == key) return &r;
  }
  return nullptr;
}

// A 10 min run whose SQL execution 0 ran job 0 / stage 0: four 50 s tasks.
AppStatusBuilder SqlRun() {
  AppStatusBuilder b(0, 600'000);
  uint32_t e = b.AddExecutor("1", "h", 4);
  b.AddJob(0, {0}, 0, 60'000).sql_execution_id = 0;
  b.AddStage(0, 0, 0, 60'000);
  for (int i = 0; i < 4; ++i) b.AddTask(0, 0, b.Task(e, 0, 50'000));
  SqlExecutionData& exec = b.AddSql(0, 0, 60'000, {0});
  exec.execution_id = 0;
  exec.description = "join facts and dim";
  return b;
}

SqlExecutionData& Exec(AppStatusBuilder& b) { return b.status().sql_executions.at(0); }

// SortMergeJoin of a left side of `left_bytes` and a right side of
// `right_bytes`, each shuffled and sorted.
AppStatusBuilder JoinRun(int64_t left_bytes, int64_t right_bytes, const std::string& type = "Inner") {
  AppStatusBuilder b = SqlRun();
  SqlPlanFixture plan(&Exec(b));
  int64_t join = plan.Node("SortMergeJoin", "SortMergeJoin [k#1], [k#2], " + type, -1,
                           {{"number of output rows", "sum", 1000}});
  int64_t left_sort = plan.Node("Sort", "Sort [k#1 ASC NULLS FIRST]", join, {{"sort time", "timing", 20'000}});
  int64_t right_sort = plan.Node("Sort", "Sort [k#2 ASC NULLS FIRST]", join, {{"sort time", "timing", 100}});
  int64_t left_exchange = plan.Node("Exchange", "Exchange hashpartitioning(k#1, 200)", left_sort,
                                    {{"data size", "size", left_bytes},
                                     {"shuffle write time", "nsTiming", 30'000'000'000},
                                     {"fetch wait time", "timing", 5'000}});
  int64_t right_exchange = plan.Node("Exchange", "Exchange hashpartitioning(k#2, 200)", right_sort,
                                     {{"data size", "size", right_bytes},
                                      {"shuffle write time", "nsTiming", 1'000'000'000}});
  plan.Node("Scan parquet db.facts", "", left_exchange);
  plan.Node("Scan parquet db.dim", "", right_exchange);
  return b;
}

TEST(SqlBroadcastCandidateRuleTest, SmallRightSideFires) {
  RuleOutput out = JoinRun(kGiB, 5 * kMiB).Run(CheckSqlBroadcastCandidate);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.entity.kind, EntityKind::kSqlExecution);
  EXPECT_NE(f.explanation.find("right input (from Scan parquet db.dim) was only 5.0 MiB against 1.0 GiB"),
            std::string::npos)
      << f.explanation;
  EXPECT_NE(f.recommendations[0].text.find("BROADCAST(Scan parquet db.dim)"), std::string::npos);
  // 30 s shuffle write + 5 s fetch wait + 20 s sort of the large side.
  EXPECT_EQ(f.saving_core_ms, 55'000);
  EXPECT_GT(f.saving_ms, 0);
  // 5 MiB x 1.5 is under the 10 MiB default threshold: the estimate was wrong, no threshold change.
  EXPECT_EQ(FindRecommendation(f, "spark.sql.autoBroadcastJoinThreshold"), nullptr);
}

TEST(SqlBroadcastCandidateRuleTest, ThresholdComputedFromTheSmallSide) {
  RuleOutput out = JoinRun(20 * kGiB, 50 * kMiB).Run(CheckSqlBroadcastCandidate);
  ASSERT_EQ(out.findings.size(), 1u);
  const Recommendation* r = FindRecommendation(out.findings[0], "spark.sql.autoBroadcastJoinThreshold");
  ASSERT_NE(r, nullptr);
  EXPECT_EQ(r->config_value, "75m");
}

TEST(SqlBroadcastCandidateRuleTest, DataFlintBands) {
  EXPECT_TRUE(JoinRun(kGiB, 10 * kMiB).Run(CheckSqlBroadcastCandidate).findings.empty());
  EXPECT_EQ(JoinRun(kGiB, 10 * kMiB - 1).Run(CheckSqlBroadcastCandidate).findings.size(), 1u);
  EXPECT_TRUE(JoinRun(10 * kGiB, 50 * kMiB).Run(CheckSqlBroadcastCandidate).findings.empty());
  EXPECT_EQ(JoinRun(10 * kGiB + 1, 50 * kMiB).Run(CheckSqlBroadcastCandidate).findings.size(), 1u);
  EXPECT_TRUE(JoinRun(300 * kGiB, kGiB).Run(CheckSqlBroadcastCandidate).findings.empty());
  EXPECT_EQ(JoinRun(300 * kGiB + 1, kGiB - 1).Run(CheckSqlBroadcastCandidate).findings.size(), 1u);
}

TEST(SqlBroadcastCandidateRuleTest, JoinTypeDecidesWhichSideCanBroadcast) {
  // A left outer join cannot build its left side; a full outer join neither.
  EXPECT_TRUE(JoinRun(5 * kMiB, kGiB, "LeftOuter").Run(CheckSqlBroadcastCandidate).findings.empty());
  EXPECT_EQ(JoinRun(kGiB, 5 * kMiB, "LeftOuter").Run(CheckSqlBroadcastCandidate).findings.size(), 1u);
  EXPECT_TRUE(JoinRun(kGiB, 5 * kMiB, "FullOuter").Run(CheckSqlBroadcastCandidate).findings.empty());
}

TEST(SqlBroadcastCandidateRuleTest, SilentOnLargeSidesAndNotRunWithoutJoins) {
  EXPECT_TRUE(JoinRun(kGiB, 500 * kMiB).Run(CheckSqlBroadcastCandidate).findings.empty());
  EXPECT_TRUE(SqlRun().Run(CheckSqlBroadcastCandidate).not_run);
}

AppStatusBuilder BroadcastRun(int64_t bytes) {
  AppStatusBuilder b = SqlRun();
  SqlPlanFixture plan(&Exec(b));
  int64_t join = plan.Node("BroadcastHashJoin", "BroadcastHashJoin [k#1], [k#2], Inner, BuildRight");
  plan.Node("Scan parquet db.facts", "", join);
  int64_t exchange = plan.Node("BroadcastExchange", "BroadcastExchange HashedRelationBroadcastMode", join,
                               {{"data size", "size", bytes},
                                {"number of output rows", "sum", 10'000'000},
                                {"time to collect", "timing", 4'000},
                                {"time to build", "timing", 3'000},
                                {"time to broadcast", "timing", 2'000}});
  plan.Node("Scan parquet db.customers", "", exchange);
  return b;
}

TEST(SqlBroadcastTooLargeRuleTest, OverOneGibIsCritical) {
  AppStatusBuilder b = BroadcastRun(2 * kGiB);
  b.Conf("spark.sql.autoBroadcastJoinThreshold", "4g");
  RuleOutput out = b.Run(CheckSqlBroadcastTooLarge);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.severity_floor, FindingSeverity::kCritical);
  EXPECT_NE(f.explanation.find("broadcast 2.0 GiB (10000000 rows from Scan parquet db.customers)"), std::string::npos)
      << f.explanation;
  EXPECT_EQ(f.saving_ms, 9'000);
  EXPECT_EQ(FindRecommendation(f, "spark.sql.autoBroadcastJoinThreshold")->config_value, "256m");
  EXPECT_EQ(FindRecommendation(f, "spark.driver.memory")->config_value, "5g");  // 2 GiB / 0.4
}

TEST(SqlBroadcastTooLargeRuleTest, WarnBandBoundary) {
  EXPECT_TRUE(BroadcastRun(256 * kMiB).Run(CheckSqlBroadcastTooLarge).findings.empty());
  RuleOutput out = BroadcastRun(256 * kMiB + 1).Run(CheckSqlBroadcastTooLarge);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].severity_floor, FindingSeverity::kWarning);
  // The default 10 MiB threshold did not allow it: no threshold change, a hint instead.
  EXPECT_EQ(FindRecommendation(out.findings[0], "spark.sql.autoBroadcastJoinThreshold"), nullptr);
  EXPECT_TRUE(SqlRun().Run(CheckSqlBroadcastTooLarge).not_run);
}

AppStatusBuilder NestedLoopRun(int64_t left_rows, int64_t right_rows, bool in_cluster) {
  AppStatusBuilder b = SqlRun();
  SqlPlanFixture plan(&Exec(b));
  int64_t cluster = in_cluster ? plan.Node("WholeStageCodegen (1)", "", -1, {{"duration", "timing", 120'000}}) : -1;
  int64_t join = plan.Node("BroadcastNestedLoopJoin", "BroadcastNestedLoopJoin BuildRight, Inner, (ts#1 >= start#2)",
                           -1, {{"number of output rows", "sum", 5'000'000}});
  Exec(b).nodes.back().cluster_id = cluster;
  if (cluster >= 0) Exec(b).nodes[static_cast<size_t>(cluster)].is_cluster = true;
  plan.Node("Scan parquet db.events", "", join, {{"number of output rows", "sum", left_rows}});
  plan.Node("BroadcastExchange", "", join, {{"number of output rows", "sum", right_rows}});
  return b;
}

TEST(SqlCartesianOrNestedLoopJoinRuleTest, FiresAboveTenBillionPairs) {
  RuleOutput out = NestedLoopRun(200'000, 100'000, true).Run(CheckSqlCartesianOrNestedLoopJoin);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.cause, "broadcast_nested_loop_join");
  EXPECT_NE(f.explanation.find("over 200000 x 100000 rows: 2e+10 row pairs"), std::string::npos) << f.explanation;
  EXPECT_EQ(f.confidence, Confidence::kMedium);  // measured through its codegen cluster
  EXPECT_GT(f.saving_ms, 0);
}

TEST(SqlCartesianOrNestedLoopJoinRuleTest, Boundary) {
  EXPECT_TRUE(NestedLoopRun(100'000, 100'000, false).Run(CheckSqlCartesianOrNestedLoopJoin).findings.empty());
  RuleOutput out = NestedLoopRun(100'001, 100'000, false).Run(CheckSqlCartesianOrNestedLoopJoin);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].confidence, Confidence::kLow);  // estimated from the execution's compute
}

// Union of two aggregates over the same scan and filter (expression ids
// differ), the second copy's scan measured at `scan_ms` reading `bytes`.
AppStatusBuilder DuplicateRun(int64_t bytes, int64_t scan_ms, const std::string& second_filter = "isnotnull(x#7)") {
  AppStatusBuilder b = SqlRun();
  SqlPlanFixture plan(&Exec(b));
  int64_t root = plan.Node("Union", "Union");
  int64_t agg1 = plan.Node("HashAggregate", "HashAggregate(keys=[x#1], functions=[count(1)])", root);
  int64_t filter1 = plan.Node("Filter", "Filter isnotnull(x#1)", agg1);
  plan.Node("Scan parquet db.events", "FileScan parquet db.events[x#1]", filter1,
            {{"size of files read", "size", bytes}, {"scan time", "timing", scan_ms}});
  int64_t agg2 = plan.Node("HashAggregate", "HashAggregate(keys=[x#7], functions=[count(1)])", root);
  int64_t filter2 = plan.Node("Filter", "Filter " + second_filter, agg2);
  plan.Node("Scan parquet db.events", "FileScan parquet db.events[x#7]", filter2,
            {{"size of files read", "size", bytes}, {"scan time", "timing", scan_ms}});
  return b;
}

TEST(SqlDuplicateSubtreeRuleTest, SameAggregateTwiceFires) {
  RuleOutput out = DuplicateRun(kGiB, 30'000).Run(CheckSqlDuplicateSubtree);
  ASSERT_EQ(out.findings.size(), 1u);  // the aggregate, not also its filter and scan
  const Finding& f = out.findings[0];
  EXPECT_NE(f.explanation.find("2 times: 3 operators from HashAggregate down to Scan parquet db.events"),
            std::string::npos)
      << f.explanation;
  EXPECT_NE(f.explanation.find("read 1.0 GiB again and took 30.0 s"), std::string::npos) << f.explanation;
  EXPECT_EQ(f.saving_core_ms, 30'000);
}

TEST(SqlDuplicateSubtreeRuleTest, DifferentFiltersAreNotDuplicates) {
  EXPECT_TRUE(DuplicateRun(kGiB, 30'000, "(x#7 > 5)").Run(CheckSqlDuplicateSubtree).findings.empty());
}

TEST(SqlDuplicateSubtreeRuleTest, SizeGate) {
  EXPECT_TRUE(DuplicateRun(128 * kMiB - 1, 9'999).Run(CheckSqlDuplicateSubtree).findings.empty());
  EXPECT_EQ(DuplicateRun(128 * kMiB, 0).Run(CheckSqlDuplicateSubtree).findings.size(), 1u);
  EXPECT_EQ(DuplicateRun(0, 10'000).Run(CheckSqlDuplicateSubtree).findings.size(), 1u);
}

TEST(SqlDuplicateSubtreeRuleTest, ReusedExchangeIsNotADuplicate) {
  // Spark's graph folds a reused exchange into one node with two parents.
  AppStatusBuilder b = SqlRun();
  SqlExecutionData& exec = Exec(b);
  SqlPlanFixture plan(&exec);
  int64_t join = plan.Node("SortMergeJoin", "SortMergeJoin [x#1], [x#9], Inner");
  int64_t exchange = plan.Node("Exchange", "Exchange hashpartitioning(x#1, 200)", join);
  plan.Node("Scan parquet db.events", "", exchange, {{"size of files read", "size", kGiB}});
  exec.edges.push_back({exchange, join});
  EXPECT_TRUE(b.Run(CheckSqlDuplicateSubtree).findings.empty());
}

AppStatusBuilder PythonRun(const std::string& node, int64_t python_ms) {
  AppStatusBuilder b = SqlRun();
  SqlPlanFixture plan(&Exec(b));
  int64_t project = plan.Node("Project", "Project [f(x#1)]");
  int64_t udf = plan.Node(node, node + " [f(x#1)]", project,
                          {{"time spent executing", "nsTiming", python_ms * 1'000'000},
                           {"data sent to Python workers", "size", 300 * kMiB},
                           {"data returned from Python workers", "size", 100 * kMiB},
                           {"number of output rows", "sum", 1'000'000}});
  plan.Node("Scan parquet db.events", "", udf);
  return b;
}

TEST(PythonUdfOverheadRuleTest, RowUdfFires) {
  RuleOutput out = PythonRun("BatchEvalPython", 40'000).Run(CheckPythonUdfOverhead);
  ASSERT_EQ(out.findings.size(), 1u);
  const Finding& f = out.findings[0];
  EXPECT_EQ(f.cause, "row_udf");
  EXPECT_NE(f.explanation.find("40.0 s in Python workers, 20% of the execution's 3 min 20 s"), std::string::npos)
      << f.explanation;
  EXPECT_NE(f.explanation.find("sending 300.0 MiB to Python and getting 100.0 MiB back"), std::string::npos);
  EXPECT_EQ(f.saving_core_ms, 20'000);
  ASSERT_NE(FindRecommendation(f, "spark.sql.execution.pythonUDF.arrow.enabled"), nullptr);  // Spark 3.5
  ASSERT_NE(FindRecommendation(f, "spark.sql.execution.arrow.pyspark.enabled"), nullptr);
}

TEST(PythonUdfOverheadRuleTest, ArrowUdfOnlyWhenPythonDominates) {
  // 25% of the 200 s of task time is the gate.
  EXPECT_TRUE(PythonRun("ArrowEvalPython", 49'000).Run(CheckPythonUdfOverhead).findings.empty());
  RuleOutput out = PythonRun("ArrowEvalPython", 60'000).Run(CheckPythonUdfOverhead);
  ASSERT_EQ(out.findings.size(), 1u);
  EXPECT_EQ(out.findings[0].cause, "arrow_udf");
}

TEST(PythonUdfOverheadRuleTest, SilentWithoutPython) {
  EXPECT_TRUE(JoinRun(kGiB, kGiB).Run(CheckPythonUdfOverhead).findings.empty());
}

}  // namespace
}  // namespace sparkdx
