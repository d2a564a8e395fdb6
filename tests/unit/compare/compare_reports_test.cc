// CompareReports on hand-made reports: alignment (ids shifted, repeated
// keys, name fallbacks), whole-run and per-stage deltas, attribution,
// configuration and findings diffs, budgets, and robustness to any input.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "compare/comparison.h"
#include "compare/volatile_config_keys.h"
#include "sparkdx/compare.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

Json Stage(int id, const std::string& name, const std::string& key, int64_t duration_ms, int attempt = 0) {
  return Json{{"stage_id", id},
              {"attempt_id", attempt},
              {"name", name},
              {"structure_key", key},
              {"status", "complete"},
              {"submitted_ms", 1000 * id},
              {"completed_ms", 1000 * id + duration_ms},
              {"duration_ms", duration_ms},
              {"tasks", 10},
              {"failed_tasks", 0},
              {"killed_tasks", 0},
              {"task_time_ms", duration_ms * 4},
              {"executor_run_time_ms", duration_ms * 3},
              {"gc_time_ms", duration_ms / 10},
              {"shuffle_read_bytes", 1000},
              {"shuffle_write_bytes", 500},
              {"input_bytes", 0},
              {"output_bytes", 0},
              {"spill_disk_bytes", 0},
              {"spill_memory_bytes", 0},
              {"task_duration_ms", {{"min", 1}, {"p25", 2}, {"median", 3}, {"p75", 4}, {"max", 5}}},
              {"parent_stage_ids", Json::array()}};
}

// `stages` is a vector: a braced single Json would be copied, not wrapped in an array.
Json Report(const std::string& name, int64_t duration_ms, const std::vector<Json>& stage_list,
            Json properties = Json::object(), Json findings = Json::array(), bool completed = true) {
  Json stages = Json::array();
  for (const Json& stage : stage_list) stages.push_back(stage);
  Json parts = Json::array({Json{{"part", "compute"}, {"label", "Compute"}, {"ms", duration_ms / 2}},
                            Json{{"part", "skew_tail"}, {"label", "Skew tail"}, {"ms", duration_ms / 2}}});
  Json app{{"id", "app-" + name},
           {"name", name},
           {"spark_version", "3.5.1"},
           {"duration_ms", duration_ms},
           {"completed", completed},
           {"jobs", 1},
           {"totals", {{"task_attempts", 10}, {"failed_task_attempts", 0}, {"bytes_spilled_memory", 0}, {"bytes_spilled_disk", 0}}},
           {"breakdown", {{"parts", parts}, {"core_time_held_ms", duration_ms * 8}, {"core_time_busy_ms", duration_ms * 4}}},
           {"findings", std::move(findings)},
           {"stage_summaries", std::move(stages)},
           {"spark_properties", std::move(properties)}};
  return Json{{"schema_version", 1}, {"generator", "sparkdx 0.1.0"}, {"applications", Json::array({app})}};
}

Json Compare(const Json& baseline, const Json& candidate, CompareOptions options = {}) {
  return Json::parse(CompareReports(baseline.dump(), candidate.dump(), options).comparison_json);
}

TEST(CompareReports, AlignsByStructureWhenIdsShift) {
  Json b = Report("job", 10000, {Stage(0, "scan at A.scala:1", "k1", 2000), Stage(1, "agg at A.scala:2", "k2", 3000)});
  Json c = Report("job", 10000, {Stage(0, "warmup", "k0", 10), Stage(1, "scan at A.scala:1", "k1", 2000),
                                 Stage(2, "agg at A.scala:2", "k2", 3000)});
  Json cmp = Compare(b, c);
  EXPECT_EQ(cmp["alignment"]["matched"], 2);
  EXPECT_EQ(cmp["alignment"]["by_structure"], 2);
  ASSERT_EQ(cmp["alignment"]["candidate_only"].size(), 1u);
  EXPECT_EQ(cmp["alignment"]["candidate_only"][0]["stage_id"], 0);
  for (const Json& s : cmp["stages"]) {
    if (s["match"].is_null()) continue;
    EXPECT_EQ(s["candidate_stage_id"].get<int>(), s["baseline_stage_id"].get<int>() + 1);
    EXPECT_EQ(s["duration_ms"]["delta"], 0);
  }
}

TEST(CompareReports, RepeatedKeysPairInOrderAndNamesAreAFallback) {
  Json b = Report("job", 10000, {Stage(0, "loop at L.scala:5", "k", 100), Stage(1, "loop at L.scala:5", "k", 200),
                                 Stage(2, "count at X.scala:10", "old", 300), Stage(3, "save at Y.scala:7", "y1", 400)});
  Json c = Report("job", 10000, {Stage(4, "loop at L.scala:5", "k", 150), Stage(5, "loop at L.scala:5", "k", 250),
                                 Stage(6, "count at X.scala:10", "new", 300), Stage(7, "save at Y.scala:9", "y2", 400)});
  Json cmp = Compare(b, c);
  EXPECT_EQ(cmp["alignment"]["by_structure"], 2);
  EXPECT_EQ(cmp["alignment"]["by_name"], 1);
  EXPECT_EQ(cmp["alignment"]["by_similar_name"], 1);
  EXPECT_EQ(cmp["alignment"]["coverage"], 1.0);
  for (const Json& s : cmp["stages"]) {
    int b_id = s["baseline_stage_id"].get<int>(), c_id = s["candidate_stage_id"].get<int>();
    EXPECT_EQ(c_id, b_id + 4) << s.dump();
  }
}

TEST(CompareReports, RetriesAreSummedAndSpanTheAttempts) {
  Json b = Report("job", 10000, {Stage(0, "s", "k", 1000)});
  Json retried1 = Stage(0, "s", "k", 1000);
  Json retried2 = Stage(0, "s", "k", 1000, 1);
  retried2["submitted_ms"] = 3000;
  retried2["completed_ms"] = 4000;
  Json c = Report("job", 12000, {retried1, retried2});
  Json cmp = Compare(b, c);
  const Json& s = cmp["stages"][0];
  EXPECT_EQ(s["attempts"]["candidate"], 2);
  EXPECT_EQ(s["duration_ms"]["candidate"], 4000);  // 0 .. 4000
  EXPECT_EQ(s["task_time_ms"]["candidate"], 8000);
  EXPECT_EQ(s["likely_cause"], "stage_retries");
}

TEST(CompareReports, AttributesTheChangeToTheSlowerStagesAndCauses) {
  Json b = Report("job", 60000, {Stage(0, "a", "ka", 10000), Stage(1, "b", "kb", 20000), Stage(2, "c", "kc", 5000)});
  Json c = Report("job", 90000, {Stage(0, "a", "ka", 10100), Stage(1, "b", "kb", 50000), Stage(2, "c", "kc", 4900)});
  Json cmp = Compare(b, c);
  EXPECT_EQ(cmp["attribution"]["wall_clock_delta_ms"], 30000);
  ASSERT_EQ(cmp["attribution"]["stages"].size(), 1u);
  EXPECT_EQ(cmp["attribution"]["stages"][0]["name"], "b");
  EXPECT_EQ(cmp["attribution"]["stages"][0]["delta_ms"], 30000);
  EXPECT_EQ(cmp["stages"][0]["name"], "b");  // largest contribution first
  EXPECT_EQ(cmp["stages"][0]["share_of_change"], 1.0);
  ASSERT_EQ(cmp["attribution"]["causes"].size(), 2u);
  EXPECT_EQ(cmp["attribution"]["causes"][0]["delta_ms"], 15000);
  const Json& run = cmp["run"];
  EXPECT_EQ(run[0]["metric"], "wall_clock_ms");
  EXPECT_EQ(run[0]["delta"], 30000);
  EXPECT_EQ(run[0]["delta_pct"], 50.0);
}

TEST(CompareReports, ConfigDiffIgnoresVolatileKeys) {
  Json b = Report("job", 1000, {},
                  {{"spark.app.id", "app-1"}, {"spark.driver.port", "4040"}, {"spark.sql.shuffle.partitions", "200"},
                   {"spark.executor.memory", "4g"}, {"spark.a", "x"}});
  Json c = Report("job", 1000, {},
                  {{"spark.app.id", "app-2"}, {"spark.driver.port", "4141"}, {"spark.sql.shuffle.partitions", "400"},
                   {"spark.executor.memory", "4g"}, {"spark.b", "y"}});
  Json config = Compare(b, c)["config"];
  EXPECT_TRUE(config["available"].get<bool>());
  ASSERT_EQ(config["changed"].size(), 1u);
  EXPECT_EQ(config["changed"][0], (Json{{"key", "spark.sql.shuffle.partitions"}, {"baseline", "200"}, {"candidate", "400"}}));
  ASSERT_EQ(config["added"].size(), 1u);
  EXPECT_EQ(config["added"][0]["key"], "spark.b");
  ASSERT_EQ(config["removed"].size(), 1u);
  EXPECT_EQ(config["removed"][0]["key"], "spark.a");
  EXPECT_EQ(config["ignored_volatile_keys"], 2);
}

Json Finding(const std::string& rule, const std::string& kind, const std::string& id, const std::string& name) {
  return Json{{"rule_id", rule}, {"severity", "warning"}, {"entity", {{"kind", kind}, {"id", id}, {"name", name}}},
              {"explanation", "x"}, {"impact", {{"saving_ms", 5}}}};
}

TEST(CompareReports, FindingsMatchByRuleAndEntityNotIds) {
  Json b = Report("job", 1000, {Stage(3, "agg", "kagg", 100)}, Json::object(),
                  {Finding("task_skew", "stage", "3.0", "agg"), Finding("spill", "stage", "3.0", "agg"),
                   Finding("idle_cores", "application", "", "")});
  Json c = Report("job", 1000, {Stage(4, "agg renamed", "kagg", 100)}, Json::object(),
                  {Finding("task_skew", "stage", "4.0", "agg renamed"), Finding("gc_pressure", "stage", "4.0", "agg renamed"),
                   Finding("idle_cores", "application", "", "")});
  Json findings = Compare(b, c)["findings"];
  EXPECT_EQ(findings["persisting"], 2);
  ASSERT_EQ(findings["introduced"].size(), 1u);
  EXPECT_EQ(findings["introduced"][0]["rule_id"], "gc_pressure");
  ASSERT_EQ(findings["resolved"].size(), 1u);
  EXPECT_EQ(findings["resolved"][0]["rule_id"], "spill");
}

TEST(CompareReports, BudgetsPassViolateOrAreInconclusive) {
  Json b = Report("job", 100000, {Stage(0, "a", "ka", 1000)});
  Json c = Report("job", 112000, {Stage(0, "a", "ka", 1000)});
  CompareOptions options;
  std::string error;
  ASSERT_TRUE(SetCompareBudget("max_regression_pct", "10%", &options, &error));
  CompareResult violated = CompareReports(b.dump(), c.dump(), options);
  EXPECT_EQ(violated.status, BudgetStatus::kViolated);
  Json check = Json::parse(violated.comparison_json)["budgets"]["checks"][0];
  EXPECT_EQ(check["measured_pct"], 12.0);
  EXPECT_EQ(check["limit_pct"], 10.0);
  EXPECT_EQ(check["reason"], "wall clock 1 min 40 s -> 1 min 52 s (+12.0%) exceeds the +10.0% budget");

  ASSERT_TRUE(SetCompareBudget("max_regression_pct", "15", &options, &error));
  EXPECT_EQ(CompareReports(b.dump(), c.dump(), options).status, BudgetStatus::kPass);

  Json incomplete = Report("job", 90000, {Stage(0, "a", "ka", 1000)}, Json::object(), Json::array(), false);
  CompareResult inconclusive = CompareReports(b.dump(), incomplete.dump(), options);
  EXPECT_EQ(inconclusive.status, BudgetStatus::kInconclusive);
  EXPECT_EQ(Json::parse(inconclusive.comparison_json)["budgets"]["checks"][0]["status"], "inconclusive");

  // Spill from none to some violates any spill budget.
  Json spilled = c;
  spilled["applications"][0]["totals"]["bytes_spilled_disk"] = 4096;
  CompareOptions spill;
  ASSERT_TRUE(SetCompareBudget("max_spill_regression_pct", "50", &spill, &error));
  EXPECT_EQ(CompareReports(b.dump(), spilled.dump(), spill).status, BudgetStatus::kViolated);
  EXPECT_EQ(CompareReports(b.dump(), c.dump(), spill).status, BudgetStatus::kPass);
}

TEST(CompareReports, BudgetValuesAreChecked) {
  CompareOptions options;
  std::string error;
  EXPECT_FALSE(SetCompareBudget("max_regression_pct", "-1", &options, &error));
  EXPECT_EQ(error, "invalid percentage '-1': use a number >= 0 such as 10 or 10%");
  EXPECT_FALSE(SetCompareBudget("max_regression_pct", "ten", &options, &error));
  EXPECT_FALSE(SetCompareBudget("max_regression_pct", "", &options, &error));
  EXPECT_FALSE(SetCompareBudget("max_bogus_pct", "1", &options, &error));
  EXPECT_EQ(error, "unknown comparison budget 'max_bogus_pct'");
  EXPECT_TRUE(options.budgets.empty());
  EXPECT_EQ(CompareBudgetNames().size(), 4u);
}

TEST(CompareReports, DifferentJobsAreInconclusive) {
  Json b = Report("etl", 1000, {Stage(0, "a", "ka", 100), Stage(1, "b", "kb", 100)});
  Json c = Report("ml", 1000, {Stage(0, "x", "kx", 100), Stage(1, "y", "ky", 100)});
  CompareResult result = CompareReports(b.dump(), c.dump(), {});
  EXPECT_EQ(result.status, BudgetStatus::kInconclusive);
  Json reasons = Json::parse(result.comparison_json)["inconclusive_reasons"];
  ASSERT_EQ(reasons.size(), 1u);
  EXPECT_EQ(reasons[0], "the runs look like different jobs: application names 'etl' and 'ml' differ and only 0% of "
                        "stages align (at least 50% needed)");
}

TEST(CompareReports, SeveralApplicationsAreInconclusive) {
  Json b = Report("job", 1000, {});
  Json two = b;
  two["applications"].push_back(two["applications"][0]);
  CompareOptions options;
  options.candidate_label = "two.json";
  CompareResult result = CompareReports(b.dump(), two.dump(), options);
  EXPECT_EQ(result.status, BudgetStatus::kInconclusive);
  EXPECT_EQ(Json::parse(result.comparison_json)["inconclusive_reasons"][0],
            "two.json holds 2 applications; a comparison needs exactly one on each side (analyse one application's log)");
}

TEST(CompareReports, SelfComparisonHasNoDeltas) {
  Json r = Report("job", 5000, {Stage(0, "a", "ka", 1000), Stage(1, "b", "kb", 2000)}, {{"spark.x", "1"}});
  CompareOptions options;
  std::string error;
  ASSERT_TRUE(SetCompareBudget("max_regression_pct", "0", &options, &error));
  CompareResult result = CompareReports(r.dump(), r.dump(), options);
  EXPECT_EQ(result.status, BudgetStatus::kPass);
  Json cmp = Json::parse(result.comparison_json);
  for (const Json& m : cmp["run"]) EXPECT_EQ(m["delta"], 0) << m.dump();
  EXPECT_TRUE(cmp["attribution"]["stages"].empty());
  EXPECT_TRUE(cmp["attribution"]["causes"].empty());
  EXPECT_TRUE(cmp["findings"]["introduced"].empty());
  EXPECT_TRUE(cmp["config"]["changed"].empty());
}

TEST(CompareReports, AnyInputGivesAComparisonAndEveryFormatRendersIt) {
  const std::string inputs[] = {"", "garbage", "[]", "null", "{\"schema_version\": 1}", "{\"applications\": 3}",
                                R"({"schema_version":1,"applications":[{"stage_summaries":[{"stage_id":"x"},7,{"stage_id":-4},{"stage_id":1,"tasks":-5,"duration_ms":1e300}]}]})",
                                R"({"schema_version":1,"applications":[{"breakdown":{"parts":[1,{"part":2}]},"findings":[{}],"spark_properties":{"a":[1]},"stage_summaries":[]}]})"};
  for (const std::string& b : inputs) {
    for (const std::string& c : inputs) {
      CompareOptions options;
      std::string error;
      ASSERT_TRUE(SetCompareBudget("max_shuffle_regression_pct", "1", &options, &error));
      CompareResult result = CompareReports(b, c, options);
      Json doc = Json::parse(result.comparison_json);
      EXPECT_EQ(doc["comparison_schema_version"], kComparisonSchemaVersion);
      for (CompareFormat f : {CompareFormat::kJson, CompareFormat::kJsonCompact, CompareFormat::kText,
                              CompareFormat::kMarkdown, CompareFormat::kHtml}) {
        EXPECT_FALSE(FormatComparison(result.comparison_json, f, true).empty());
      }
    }
  }
  // Renderers given documents that are not comparisons.
  for (const std::string& doc : inputs) {
    EXPECT_NO_THROW(FormatComparison(doc, CompareFormat::kText, false));
    EXPECT_NO_THROW(FormatComparison(doc, CompareFormat::kHtml, false));
    EXPECT_NO_THROW(FormatComparison(doc, CompareFormat::kMarkdown, false));
  }
  EXPECT_EQ(FormatComparison("{}", CompareFormat::kText, false), "sparkdx: not a sparkdx comparison\n");
}

TEST(CompareReports, RecognisesSavedReports) {
  EXPECT_TRUE(LooksLikeSparkdxReport("{\"schema_version\":1,"));
  EXPECT_TRUE(LooksLikeSparkdxReport("{\n  \"schema_version\": 1"));
  EXPECT_FALSE(LooksLikeSparkdxReport("{\"Event\":\"SparkListenerLogStart\"}"));
  EXPECT_FALSE(LooksLikeSparkdxReport(""));
  EXPECT_EQ(CompareInputProblem("{\"schema_version\":1,\"generator\":\"other\"}"), "not a sparkdx report");
  EXPECT_EQ(CompareInputProblem("nope"), "not JSON");
  EXPECT_EQ(CompareInputProblem(R"({"schema_version":1,"generator":"sparkdx 0.1.0","inputs":[{"name":"x","error":"x: cannot open: No such file or directory"}],"applications":[]})"),
            "cannot open: No such file or directory");
  EXPECT_EQ(CompareInputProblem(R"({"schema_version":1,"generator":"sparkdx 0.1.0","applications":[]})"),
            "no Spark application in it");
  EXPECT_EQ(CompareInputProblem(Report("job", 1, {}).dump()), "");
}

// docs/compare.md lists kVolatileConfigKeys: every pattern appears there.
TEST(CompareReports, DocsListEveryVolatileKey) {
  std::ifstream file(testing::SourceDir() + "/docs/compare.md");
  std::stringstream text;
  text << file.rdbuf();
  for (const VolatileConfigKey& row : kVolatileConfigKeys) {
    EXPECT_NE(text.str().find(std::string("`") + row.pattern + "`"), std::string::npos) << row.pattern;
  }
  EXPECT_TRUE(IsVolatileConfigKey("spark.org.apache.hadoop.yarn.server.webproxy.amfilter.AmIpFilter.param.PROXY_HOSTS"));
  EXPECT_TRUE(IsVolatileConfigKey("spark.databricks.clusterUsageTags.clusterId"));
  EXPECT_FALSE(IsVolatileConfigKey("spark.sql.shuffle.partitions"));
}

}  // namespace
}  // namespace sparkdx
