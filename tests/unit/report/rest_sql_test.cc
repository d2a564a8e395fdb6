// The sql and sql/{id} REST answers: Spark's plan graph (codegen clusters,
// folded adapters, reused exchanges), metric values aggregated per task
// index (retries overwrite, completed indexes are final, the driver can be
// the maximum), metric texts, execution status, adaptive plan updates.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <utility>
#include <vector>

#include "support/event_log_text.h"
#include "support/rest_answer.h"

namespace sparkdx {
namespace {

using nlohmann::json;
using testing::AnalyzeLogText;
using testing::RestJson;

constexpr int64_t kT0 = 1700000000000;

json Metric(const std::string& name, int64_t id, const std::string& type) {
  return json{{"name", name}, {"accumulatorId", id}, {"metricType", type}};
}

json PlanNode(const std::string& name, std::vector<json> metrics, std::vector<json> children) {
  return json{{"nodeName", name}, {"simpleString", name + " (details)"}, {"children", children},
              {"metadata", json::object()}, {"metrics", metrics}};
}

// WholeStageCodegen (1) > HashAggregate > InputAdapter > Exchange >
// WholeStageCodegen (2) > Filter > Scan parquet
json Plan() {
  json scan = PlanNode("Scan parquet db.t", {Metric("number of files read", 17, "sum"), Metric("avg hash probe", 18, "average")}, {});
  json filter = PlanNode("Filter", {Metric("number of output rows", 16, "sum")}, {scan});
  json codegen2 = PlanNode("WholeStageCodegen (2)", {Metric("duration", 15, "timing")}, {filter});
  json exchange = PlanNode("Exchange", {Metric("data size", 13, "size"), Metric("shuffle records written", 14, "sum")}, {codegen2});
  json adapter = PlanNode("InputAdapter", {}, {exchange});
  json aggregate = PlanNode("HashAggregate", {Metric("number of output rows", 11, "sum"), Metric("time in aggregation build", 12, "timing")}, {adapter});
  return PlanNode("WholeStageCodegen (1)", {Metric("duration", 10, "timing")}, {aggregate});
}

std::string SqlStartLine(int64_t id, const json& plan, int64_t time_ms) {
  return json{{"Event", "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart"},
              {"executionId", id}, {"description", "select count(*) from t"}, {"details", "details"},
              {"physicalPlanDescription", "== Physical Plan ==\n*(1) HashAggregate"}, {"sparkPlanInfo", plan},
              {"time", time_ms}, {"modifiedConfigs", json::object()}}
      .dump();
}

std::string SqlEndLine(int64_t id, int64_t time_ms, const std::string* error_message = nullptr) {
  json line = {{"Event", "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd"}, {"executionId", id},
               {"time", time_ms}};
  if (error_message != nullptr) line["errorMessage"] = *error_message;
  return line.dump();
}

std::string SqlJobStartLine(int job_id, std::vector<int> stage_ids, int64_t execution_id, int64_t time_ms) {
  json infos = json::array();
  for (int stage : stage_ids) {
    infos.push_back({{"Stage ID", stage}, {"Stage Attempt ID", 0}, {"Stage Name", "stage " + std::to_string(stage)},
                     {"Number of Tasks", 2}, {"RDD Info", json::array()}, {"Parent IDs", json::array()},
                     {"Details", ""}, {"Accumulables", json::array()}});
  }
  return json{{"Event", "SparkListenerJobStart"}, {"Job ID", job_id}, {"Submission Time", time_ms},
              {"Stage Infos", infos}, {"Stage IDs", stage_ids},
              {"Properties", {{"spark.sql.execution.id", std::to_string(execution_id)}}}}
      .dump();
}

// A TaskEnd with SQL accumulator updates (id, update), written as strings
// the way Spark writes them.
std::string SqlTaskEndLine(int stage, int64_t task_id, int index, int64_t launch_ms, int64_t finish_ms,
                           std::vector<std::pair<int64_t, int64_t>> updates, bool failed = false) {
  json accumulables = json::array();
  // An internal task metric first: it must be skipped.
  accumulables.push_back({{"ID", 1}, {"Name", "internal.metrics.executorRunTime"}, {"Update", 5}, {"Value", 5},
                          {"Internal", true}, {"Count Failed Values", true}});
  for (const auto& [id, update] : updates) {
    accumulables.push_back({{"ID", id}, {"Name", "m" + std::to_string(id)}, {"Update", std::to_string(update)},
                            {"Value", std::to_string(update)}, {"Internal", true}, {"Count Failed Values", true},
                            {"Metadata", "sql"}});
  }
  json reason = failed ? json{{"Reason", "ExceptionFailure"}, {"Class Name", "java.lang.RuntimeException"},
                              {"Description", "boom"}, {"Stack Trace", json::array()}, {"Full Stack Trace", "boom"}}
                       : json{{"Reason", "Success"}};
  json info = {{"Task ID", task_id}, {"Index", index}, {"Attempt", 0}, {"Partition ID", index},
               {"Launch Time", launch_ms}, {"Executor ID", "1"}, {"Host", "node-a"}, {"Locality", "PROCESS_LOCAL"},
               {"Speculative", false}, {"Getting Result Time", 0}, {"Finish Time", finish_ms}, {"Failed", failed},
               {"Killed", false}, {"Accumulables", accumulables}};
  return json{{"Event", "SparkListenerTaskEnd"}, {"Stage ID", stage}, {"Stage Attempt ID", 0},
              {"Task Type", "ResultTask"}, {"Task End Reason", reason}, {"Task Info", info}}
      .dump();
}

std::string DriverUpdateLine(int64_t execution_id, int64_t accumulator_id, int64_t value) {
  return json{{"Event", "org.apache.spark.sql.execution.ui.SparkListenerDriverAccumUpdates"},
              {"executionId", execution_id}, {"accumUpdates", json::array({json::array({accumulator_id, value})})}}
      .dump();
}

std::string SqlApplication() {
  std::vector<std::string> lines = {
      testing::LogStartLine(),
      testing::ApplicationStartLine("app-sql", kT0),
      testing::ExecutorAddedLine("1", "node-a", 4, kT0 + 10),
      SqlStartLine(0, Plan(), kT0 + 100),
      SqlJobStartLine(0, {0, 1}, 0, kT0 + 110),
      testing::StageSubmittedLine(0, 0, 2, kT0 + 120),
      SqlTaskEndLine(0, 0, 0, kT0 + 130, kT0 + 200, {{17, 1}, {16, 10}, {15, 5}, {18, 15}}),
      // Index 1 fails first: its update is overwritten by the retry's.
      SqlTaskEndLine(0, 1, 1, kT0 + 130, kT0 + 210, {{16, 99}}, /*failed=*/true),
      SqlTaskEndLine(0, 2, 1, kT0 + 220, kT0 + 300, {{17, 2}, {16, 30}, {15, 1500}, {18, 25}}),
      // A late duplicate of the completed index 0: ignored.
      SqlTaskEndLine(0, 3, 0, kT0 + 140, kT0 + 310, {{17, 700}, {16, 700}, {15, 7000}}),
      testing::StageCompletedLine(0, 0, 2, kT0 + 120, kT0 + 320),
      testing::StageSubmittedLine(1, 0, 2, kT0 + 330),
      SqlTaskEndLine(1, 4, 0, kT0 + 340, kT0 + 400, {{13, 2048}, {14, 5}, {11, 1}, {12, 3}, {10, 10}}),
      SqlTaskEndLine(1, 5, 1, kT0 + 340, kT0 + 410, {{13, 4096}, {14, 6}, {11, 1}, {12, 7}, {10, 20}}),
      testing::StageCompletedLine(1, 0, 2, kT0 + 330, kT0 + 420),
      DriverUpdateLine(0, 13, 8192),
      testing::JobEndLine(0, kT0 + 430),
      SqlEndLine(0, kT0 + 440),
      testing::ApplicationEndLine(kT0 + 500),
  };
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

// metric name -> value text for one node of the answer.
std::map<std::string, std::string> MetricsOf(const json& execution, int node_id) {
  std::map<std::string, std::string> out;
  for (const json& node : execution["nodes"]) {
    if (node["nodeId"] != node_id) continue;
    for (const json& metric : node["metrics"]) out[metric["name"]] = metric["value"];
  }
  return out;
}

TEST(RestSqlTest, PlanGraphFollowsSparkPlanGraph) {
  auto analyzer = AnalyzeLogText(SqlApplication());
  json exec = RestJson(*analyzer, "applications/app-sql/sql/0");
  ASSERT_TRUE(exec.is_object());
  // Ids depth first with clusters numbered before their operators; the
  // InputAdapter is folded away; nodes listed by id, highest first.
  std::vector<std::pair<int, std::string>> nodes;
  for (const json& node : exec["nodes"]) nodes.emplace_back(node["nodeId"].get<int>(), node["nodeName"].get<std::string>());
  std::vector<std::pair<int, std::string>> expected = {{5, "Scan parquet db.t"}, {4, "Filter"}, {3, "WholeStageCodegen (2)"},
                                                       {2, "Exchange"}, {1, "HashAggregate"}, {0, "WholeStageCodegen (1)"}};
  EXPECT_EQ(nodes, expected);
  EXPECT_EQ(exec["nodes"][0]["wholeStageCodegenId"], 2);
  EXPECT_FALSE(exec["nodes"][2].contains("wholeStageCodegenId"));  // a cluster has none itself
  EXPECT_FALSE(exec["nodes"][3].contains("wholeStageCodegenId"));  // the exchange is outside codegen
  EXPECT_EQ(exec["nodes"][4]["wholeStageCodegenId"], 1);
  // Edges child -> parent; clusters take no part.
  json edges = json::array({{{"fromId", 2}, {"toId", 1}}, {{"fromId", 4}, {"toId", 2}}, {{"fromId", 5}, {"toId", 4}}});
  EXPECT_EQ(exec["edges"], edges);
}

TEST(RestSqlTest, MetricValuesAreAggregatedPerTaskIndex) {
  auto analyzer = AnalyzeLogText(SqlApplication());
  json exec = RestJson(*analyzer, "applications/app-sql/sql/0");
  std::map<std::string, std::string> scan = MetricsOf(exec, 5);
  EXPECT_EQ(scan["number of files read"], "3");  // the late duplicate's 700 is not counted
  EXPECT_EQ(scan["avg hash probe"], "(min, med, max (stageId: taskId)):\n(1.5, 2.5, 2.5 (stage 0.0: task 2))");
  EXPECT_EQ(MetricsOf(exec, 4)["number of output rows"], "40");  // 10 + 30: the failed attempt's 99 was overwritten
  EXPECT_EQ(MetricsOf(exec, 3)["duration"],
            "total (min, med, max (stageId: taskId))\n1.5 s (5 ms, 1.5 s, 1.5 s (stage 0.0: task 2))");
  std::map<std::string, std::string> exchange = MetricsOf(exec, 2);
  // The driver's 8192 is above every task's value: the maximum is the driver's.
  EXPECT_EQ(exchange["data size"], "total (min, med, max (stageId: taskId))\n14.0 KiB (2.0 KiB, 4.0 KiB, 8.0 KiB (driver))");
  EXPECT_EQ(exchange["shuffle records written"], "11");
  std::map<std::string, std::string> aggregate = MetricsOf(exec, 1);
  EXPECT_EQ(aggregate["number of output rows"], "2");
  EXPECT_EQ(aggregate["time in aggregation build"],
            "total (min, med, max (stageId: taskId))\n10 ms (3 ms, 7 ms, 7 ms (stage 1.0: task 5))");
}

TEST(RestSqlTest, ExecutionSummaryAndParameters) {
  auto analyzer = AnalyzeLogText(SqlApplication());
  json exec = RestJson(*analyzer, "applications/app-sql/sql/0");
  EXPECT_EQ(exec["status"], "COMPLETED");
  EXPECT_EQ(exec["description"], "select count(*) from t");
  EXPECT_EQ(exec["duration"], 340);
  EXPECT_EQ(exec["successJobIds"], json::array({0}));
  EXPECT_EQ(exec["planDescription"], "== Physical Plan ==\n*(1) HashAggregate");
  json bare = RestJson(*analyzer, "applications/app-sql/sql?details=false&planDescription=false");
  ASSERT_EQ(bare.size(), 1u);
  EXPECT_EQ(bare[0]["nodes"], json::array());
  EXPECT_EQ(bare[0]["edges"], json::array());
  EXPECT_EQ(bare[0]["planDescription"], "");
  EXPECT_EQ(analyzer->Rest("applications/app-sql/sql/9").http_status, 404);
  EXPECT_EQ(analyzer->Rest("applications/app-sql/sql?details=maybe").http_status, 400);
}

TEST(RestSqlTest, StatusComesFromTheErrorMessageOrTheJobs) {
  std::string empty_error;
  std::string error = "java.lang.RuntimeException: boom";
  std::vector<std::string> lines = {
      testing::LogStartLine(), testing::ApplicationStartLine("app-s", kT0),
      // 0: failed job, old log without errorMessage -> FAILED
      SqlStartLine(0, Plan(), kT0 + 1), SqlJobStartLine(0, {0}, 0, kT0 + 2), testing::JobEndLine(0, kT0 + 3, false),
      SqlEndLine(0, kT0 + 4),
      // 1: an empty error message means success, even with a failed job
      SqlStartLine(1, Plan(), kT0 + 5), SqlJobStartLine(1, {1}, 1, kT0 + 6), testing::JobEndLine(1, kT0 + 7, false),
      SqlEndLine(1, kT0 + 8, &empty_error),
      // 2: an error message -> FAILED
      SqlStartLine(2, Plan(), kT0 + 9), SqlEndLine(2, kT0 + 10, &error),
      // 3: never ended -> RUNNING, duration up to the last event
      SqlStartLine(3, Plan(), kT0 + 11), SqlJobStartLine(2, {2}, 3, kT0 + 12),
      testing::StageSubmittedLine(2, 0, 2, kT0 + 20)};
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  auto analyzer = AnalyzeLogText(text);
  json list = RestJson(*analyzer, "applications/app-s/sql?details=false");
  ASSERT_EQ(list.size(), 4u);
  EXPECT_EQ(list[0]["status"], "FAILED");
  EXPECT_EQ(list[0]["failedJobIds"], json::array({0}));
  EXPECT_EQ(list[1]["status"], "COMPLETED");
  EXPECT_EQ(list[2]["status"], "FAILED");
  EXPECT_EQ(list[2]["errorMessage"], error);
  EXPECT_EQ(list[3]["status"], "RUNNING");
  EXPECT_EQ(list[3]["runningJobIds"], json::array({2}));
  EXPECT_EQ(list[3]["duration"], 9);
  // Paging as the History Server's offset/length.
  json page = RestJson(*analyzer, "applications/app-s/sql?details=false&offset=1&length=2");
  ASSERT_EQ(page.size(), 2u);
  EXPECT_EQ(page[0]["id"], 1);
}

TEST(RestSqlTest, AdaptiveUpdatesReplaceThePlanAndAddMetrics) {
  json new_plan = PlanNode("AdaptiveSparkPlan isFinalPlan=true", {},
                           {PlanNode("ShuffleQueryStage", {}, {PlanNode("Exchange", {Metric("data size", 40, "size")}, {})})});
  std::vector<std::string> lines = {
      testing::LogStartLine(), testing::ApplicationStartLine("app-aqe", kT0),
      SqlStartLine(0, Plan(), kT0 + 1),
      json{{"Event", "org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveExecutionUpdate"}, {"executionId", 0},
           {"physicalPlanDescription", "final plan"}, {"sparkPlanInfo", new_plan}}
          .dump(),
      json{{"Event", "org.apache.spark.sql.execution.ui.SparkListenerSQLAdaptiveSQLMetricUpdates"}, {"executionId", 0},
           {"sqlPlanMetrics", json::array({Metric("number of partitions", 41, "sum")})}}
          .dump(),
      SqlJobStartLine(0, {0}, 0, kT0 + 2),
      testing::StageSubmittedLine(0, 0, 2, kT0 + 3),
      SqlTaskEndLine(0, 0, 0, kT0 + 4, kT0 + 5, {{40, 1024}, {41, 3}}),
      testing::JobEndLine(0, kT0 + 6), SqlEndLine(0, kT0 + 7)};
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  auto analyzer = AnalyzeLogText(text);
  json exec = RestJson(*analyzer, "applications/app-aqe/sql/0");
  EXPECT_EQ(exec["planDescription"], "final plan");
  // The query stage wrapper is folded: AdaptiveSparkPlan (0) <- Exchange (1).
  ASSERT_EQ(exec["nodes"].size(), 2u);
  EXPECT_EQ(exec["nodes"][0]["nodeName"], "Exchange");
  // The stage has two tasks and only index 0 reported: Spark counts the
  // other index as 0 (it relies on 0 being neutral), so the range shows it.
  EXPECT_EQ(exec["nodes"][0]["metrics"][0]["value"],
            "total (min, med, max (stageId: taskId))\n1024.0 B (0.0 B, 1024.0 B, 1024.0 B (stage 0.0: task 0))");
  EXPECT_EQ(exec["edges"], json::array({{{"fromId", 1}, {"toId", 0}}}));
}

}  // namespace
}  // namespace sparkdx
