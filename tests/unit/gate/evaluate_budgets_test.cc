#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "sparkdx/analyzer.h"
#include "sparkdx/gate.h"
#include "support/event_log_text.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

// A report with one application: a completed 10-minute run with no
// findings, changed by `edit`.
template <typename Edit>
std::string Report(Edit edit) {
  Json app = {{"id", "app-1"},
              {"log", "app-1.zstd"},
              {"duration_ms", 600'000},
              {"completed", true},
              {"totals",
               {{"task_attempts", 100},
                {"failed_task_attempts", 1},
                {"killed_task_attempts", 0},
                {"bytes_spilled_memory", 600},
                {"bytes_spilled_disk", 424}}},
              {"breakdown", {{"core_efficiency", 0.5}}},
              {"findings", Json::array()},
              {"checks_passed", Json::array()},
              {"checks_not_run", Json::array()}};
  edit(app);
  return Json{{"schema_version", 1}, {"applications", Json::array({app})}}.dump();
}
std::string Report() {
  return Report([](Json&) {});
}

Json SkewFinding(const char* rule, double ratio, const char* severity = "critical") {
  return {{"rule_id", rule},
          {"severity", severity},
          {"entity", {{"kind", "stage"}, {"id", "3.0"}, {"name", "x"}}},
          {"evidence", Json::array({{{"key", "max_over_median_task_time"}, {"value", ratio}, {"unit", "ratio"}}})}};
}

BudgetCheck Only(const Budgets& budgets, const std::string& report) {
  GateResult result = EvaluateBudgets(budgets, report);
  EXPECT_EQ(result.checks.size(), 1u);
  return result.checks.empty() ? BudgetCheck() : result.checks[0];
}

Budgets With(const char* name, const char* value) {
  Budgets budgets;
  std::string error;
  EXPECT_TRUE(SetBudget(name, value, &budgets, &error)) << error;
  return budgets;
}

TEST(EvaluateBudgetsTest, RuntimeAtTheLimitPasses) {
  BudgetCheck check = Only(With("max_runtime", "10m"), Report());
  EXPECT_EQ(check.status, BudgetStatus::kPass);
  EXPECT_EQ(check.budget, "max_runtime");
  EXPECT_EQ(check.application, "app-1");
  EXPECT_EQ(check.unit, "ms");
  EXPECT_EQ(check.limit, 600'000);
  EXPECT_EQ(check.measured, 600'000);
  EXPECT_EQ(check.reason, "runtime 10 min 00 s is within the 10 min 00 s budget");
}

TEST(EvaluateBudgetsTest, RuntimeOverTheLimitIsViolated) {
  BudgetCheck check = Only(With("max_runtime", "599999ms"), Report());
  EXPECT_EQ(check.status, BudgetStatus::kViolated);
  check = Only(With("max_runtime", "30m"), Report([](Json& app) { app["duration_ms"] = 2'470'000; }));
  EXPECT_EQ(check.status, BudgetStatus::kViolated);
  EXPECT_EQ(check.reason, "runtime 41 min 10 s exceeds the 30 min 00 s budget by 11 min 10 s");
}

TEST(EvaluateBudgetsTest, RuntimeOfAnIncompleteRunIsInconclusive) {
  BudgetCheck check = Only(With("max_runtime", "1h"), Report([](Json& app) { app["completed"] = false; }));
  EXPECT_EQ(check.status, BudgetStatus::kInconclusive);
  EXPECT_EQ(check.measured, std::nullopt);
  EXPECT_EQ(check.reason,
            "the run did not complete (no ApplicationEnd), so its runtime is unknown, 10 min 00 s observed before the "
            "log ended");
  check = Only(With("max_runtime", "1h"), Report([](Json& app) { app["duration_ms"] = nullptr; }));
  EXPECT_EQ(check.status, BudgetStatus::kInconclusive);
}

TEST(EvaluateBudgetsTest, SkewIsTheLargestFlaggedRatio) {
  std::string report = Report([](Json& app) {
    app["findings"] = Json::array({SkewFinding("stage.task_skew", 4.5), SkewFinding("stage.straggler", 5.0)});
  });
  BudgetCheck check = Only(With("max_skew", "5"), report);
  EXPECT_EQ(check.status, BudgetStatus::kPass);
  EXPECT_EQ(check.measured, 5.0);
  check = Only(With("max_skew", "4.9"), report);
  EXPECT_EQ(check.status, BudgetStatus::kViolated);
  EXPECT_EQ(check.reason, "stage 3.0 has its longest task 5.0x the median, over the 4.9x budget");
}

TEST(EvaluateBudgetsTest, SkewWithNothingFlaggedPassesUnlessNoRuleRan) {
  BudgetCheck check = Only(With("max_skew", "2"), Report([](Json& app) {
    app["checks_not_run"] = Json::array({{{"rule_id", "stage.straggler"}, {"reason", "few tasks"}}});
  }));
  EXPECT_EQ(check.status, BudgetStatus::kPass);
  EXPECT_EQ(check.measured, std::nullopt);
  EXPECT_EQ(check.reason, "no stage was flagged for task skew or stragglers");
  check = Only(With("max_skew", "2"), Report([](Json& app) {
    app["checks_not_run"] = Json::array({{{"rule_id", "stage.task_skew"}, {"reason", "few tasks"}},
                                         {{"rule_id", "stage.straggler"}, {"reason", "few tasks"}}});
  }));
  EXPECT_EQ(check.status, BudgetStatus::kInconclusive);
  EXPECT_EQ(check.reason, "skew could not be measured (stage.task_skew: few tasks; stage.straggler: few tasks)");
}

TEST(EvaluateBudgetsTest, SpillIsMemoryPlusDisk) {
  BudgetCheck check = Only(With("max_spill", "1k"), Report());
  EXPECT_EQ(check.status, BudgetStatus::kPass);
  EXPECT_EQ(check.measured, 1024);
  check = Only(With("max_spill", "1023"), Report());
  EXPECT_EQ(check.status, BudgetStatus::kViolated);
  EXPECT_EQ(check.reason, "1.0 KiB spilled (memory 600 B + disk 424 B) exceeds the 1023 B budget by 1 B");
  check = Only(With("max_spill", "1g"), Report([](Json& app) { app.erase("totals"); }));
  EXPECT_EQ(check.status, BudgetStatus::kInconclusive);
}

TEST(EvaluateBudgetsTest, FailedTaskRate) {
  BudgetCheck check = Only(With("max_failed_task_rate", "0.01"), Report());
  EXPECT_EQ(check.status, BudgetStatus::kPass);
  EXPECT_EQ(check.measured, 0.01);
  check = Only(With("max_failed_task_rate", "0.5%"), Report());
  EXPECT_EQ(check.status, BudgetStatus::kViolated);
  EXPECT_EQ(check.reason, "1 of 100 task attempts failed (1.0%), over the 0.5% budget");
  check = Only(With("max_failed_task_rate", "0.01"),
               Report([](Json& app) { app["totals"]["task_attempts"] = 0, app["totals"]["failed_task_attempts"] = 0; }));
  EXPECT_EQ(check.status, BudgetStatus::kInconclusive);
}

TEST(EvaluateBudgetsTest, CoreEfficiencyIsAMinimum) {
  BudgetCheck check = Only(With("min_core_efficiency", "0.5"), Report());
  EXPECT_EQ(check.status, BudgetStatus::kPass);
  check = Only(With("min_core_efficiency", "0.5001"), Report());
  EXPECT_EQ(check.status, BudgetStatus::kViolated);
  check = Only(With("min_core_efficiency", "0.5"),
               Report([](Json& app) { app["breakdown"]["core_efficiency"] = nullptr; }));
  EXPECT_EQ(check.status, BudgetStatus::kInconclusive);
  EXPECT_EQ(check.reason, "core efficiency is unknown (no executor core time was held in the run)");
}

TEST(EvaluateBudgetsTest, FailOnCountsFindingsAtOrAboveTheSeverity) {
  std::string report =
      Report([](Json& app) { app["findings"] = Json::array({SkewFinding("stage.task_skew", 9, "warning")}); });
  BudgetCheck check = Only(With("fail_on", "warning"), report);
  EXPECT_EQ(check.status, BudgetStatus::kViolated);
  EXPECT_EQ(check.reason, "1 finding at or above warning: stage.task_skew on stage 3.0 (warning)");
  check = Only(With("fail_on", "critical"), report);
  EXPECT_EQ(check.status, BudgetStatus::kPass);
  EXPECT_EQ(check.reason, "no finding at or above critical (the most severe is warning)");
  check = Only(With("fail_on", "info"), Report());
  EXPECT_EQ(check.status, BudgetStatus::kPass);
  EXPECT_EQ(check.reason, "no finding at or above info");
}

TEST(EvaluateBudgetsTest, GateIsItsWorstCheck) {
  Budgets budgets = With("max_runtime", "1m");
  std::string error;
  ASSERT_TRUE(SetBudget("min_core_efficiency", "0.1", &budgets, &error));
  GateResult result = EvaluateBudgets(budgets, Report([](Json& app) { app["breakdown"]["core_efficiency"] = nullptr; }));
  ASSERT_EQ(result.checks.size(), 2u);
  EXPECT_EQ(result.checks[0].status, BudgetStatus::kViolated);
  EXPECT_EQ(result.checks[1].status, BudgetStatus::kInconclusive);
  EXPECT_EQ(result.status, BudgetStatus::kViolated);
}

TEST(EvaluateBudgetsTest, NoApplicationOrNoReportIsInconclusive) {
  GateResult result = EvaluateBudgets(With("max_runtime", "1m"), R"({"schema_version":1,"applications":[]})");
  EXPECT_EQ(result.status, BudgetStatus::kInconclusive);
  ASSERT_EQ(result.checks.size(), 1u);
  EXPECT_EQ(result.checks[0].reason, "the input holds no application");
  result = EvaluateBudgets(With("max_runtime", "1m"), "not json");
  EXPECT_EQ(result.status, BudgetStatus::kInconclusive);
  EXPECT_EQ(result.checks[0].reason, "not a sparkdx report");
}

TEST(EvaluateBudgetsTest, NoBudgetsNoChecks) {
  GateResult result = EvaluateBudgets(Budgets(), Report());
  EXPECT_TRUE(result.checks.empty());
  EXPECT_EQ(result.status, BudgetStatus::kPass);
}

TEST(EvaluateBudgetsTest, ResultGoesIntoTheReportAndItsText) {
  Analyzer analyzer;
  std::string log = testing::SmallApplication("app-t", 3);
  analyzer.BeginFile("app-t", log.size());
  analyzer.Feed(reinterpret_cast<const uint8_t*>(log.data()), log.size());
  analyzer.EndFile();
  std::string report = analyzer.Finish().report_json;
  Json totals = Json::parse(report)["applications"][0]["totals"];
  EXPECT_EQ(totals.dump(),
            R"({"task_attempts":3,"failed_task_attempts":0,"killed_task_attempts":0,)"
            R"("bytes_spilled_memory":0,"bytes_spilled_disk":0})");

  GateResult gate = EvaluateBudgets(With("max_spill", "0"), report);
  ASSERT_EQ(gate.status, BudgetStatus::kPass);
  Json document = Json::parse(AddBudgetsToReport(report, gate));
  EXPECT_EQ(document["budgets"].dump(),
            R"({"status":"pass","checks":[{"budget":"max_spill","application":"app-t","limit":0,"measured":0,)"
            R"("unit":"bytes","status":"pass","reason":"0 B spilled (memory 0 B + disk 0 B) is within the 0 B budget"}]})");
  std::string text = FormatReport(document.dump(), ReportFormat::kText);
  EXPECT_NE(text.find("\nBudgets: pass\n  app-t\n    pass          max_spill             0 B spilled"), std::string::npos)
      << text;
  EXPECT_NE(FormatReport(document.dump(), ReportFormat::kMarkdown).find("#### Budgets: pass\n"), std::string::npos);
  EXPECT_EQ(AddBudgetsToReport("[1]", gate), "[1]");
}

}  // namespace
}  // namespace sparkdx
