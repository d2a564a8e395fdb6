#include <gtest/gtest.h>

#include <string>

#include "sparkdx/gate.h"

namespace sparkdx {
namespace {

TEST(BudgetsFileTest, ReadsEveryBudget) {
  Budgets budgets;
  std::string error;
  ASSERT_TRUE(ParseBudgetsJson(R"({"max_runtime": "30m", "max_skew": 5, "max_spill": "10g",
                                   "max_failed_task_rate": 0.01, "min_core_efficiency": "50%",
                                   "fail_on": "critical"})",
                               &budgets, &error))
      << error;
  EXPECT_EQ(budgets.max_runtime_ms, 1'800'000);
  EXPECT_EQ(budgets.max_skew_ratio, 5.0);
  EXPECT_EQ(budgets.max_spill_bytes, uint64_t{10} << 30);
  EXPECT_EQ(budgets.max_failed_task_rate, 0.01);
  EXPECT_EQ(budgets.min_core_efficiency, 0.5);
  EXPECT_EQ(budgets.fail_on, BudgetSeverity::kCritical);
}

TEST(BudgetsFileTest, NumbersAreSecondsAndBytes) {
  Budgets budgets;
  std::string error;
  ASSERT_TRUE(ParseBudgetsJson(R"({"max_runtime": 90, "max_spill": 4096})", &budgets, &error)) << error;
  EXPECT_EQ(budgets.max_runtime_ms, 90'000);
  EXPECT_EQ(budgets.max_spill_bytes, 4096u);
  EXPECT_FALSE(budgets.max_skew_ratio.has_value());
}

TEST(BudgetsFileTest, EmptyObjectSetsNothing) {
  Budgets budgets;
  std::string error;
  ASSERT_TRUE(ParseBudgetsJson("{}", &budgets, &error));
  EXPECT_TRUE(budgets.empty());
}

TEST(BudgetsFileTest, UnknownKeyIsAnError) {
  Budgets budgets;
  std::string error;
  EXPECT_FALSE(ParseBudgetsJson(R"({"max_runtime": "30m", "max_cost": 5})", &budgets, &error));
  EXPECT_EQ(error,
            "unknown budget 'max_cost' (known: max_runtime, max_skew, max_spill, max_failed_task_rate, "
            "min_core_efficiency, max_cost_usd, fail_on)");
  EXPECT_TRUE(budgets.empty()) << "a bad file sets nothing";
}

TEST(BudgetsFileTest, BadValuesNameTheKey) {
  Budgets budgets;
  std::string error;
  EXPECT_FALSE(ParseBudgetsJson(R"({"max_runtime": "soon"})", &budgets, &error));
  EXPECT_EQ(error, "key \"max_runtime\": invalid duration 'soon' (examples: 90s, 15m, 2h, 1500ms; a plain number is seconds)");
  EXPECT_FALSE(ParseBudgetsJson(R"({"max_failed_task_rate": 2})", &budgets, &error));
  EXPECT_EQ(error, "key \"max_failed_task_rate\": invalid fraction '2' (a number from 0 to 1, e.g. 0.05, or a percentage, e.g. 5%)");
  EXPECT_FALSE(ParseBudgetsJson(R"({"max_skew": true})", &budgets, &error));
  EXPECT_EQ(error, "key \"max_skew\": expected a string or a number, got boolean");
  EXPECT_FALSE(ParseBudgetsJson(R"({"fail_on": "error"})", &budgets, &error));
  EXPECT_EQ(error, "key \"fail_on\": invalid severity 'error' (use info, warning or critical)");
  EXPECT_FALSE(ParseBudgetsJson(R"({"max_spill": -1})", &budgets, &error));
  EXPECT_EQ(error, "key \"max_spill\": invalid size '-1' (examples: 10g, 512m, 4096 bytes)");
}

TEST(BudgetsFileTest, SyntaxErrorsNameLineAndColumn) {
  Budgets budgets;
  std::string error;
  EXPECT_FALSE(ParseBudgetsJson("{\n  \"max_runtime\": 30m\n}", &budgets, &error));
  EXPECT_EQ(error.rfind("not valid JSON: parse error at line 2, column 20: ", 0), 0u) << error;
  EXPECT_FALSE(ParseBudgetsJson("", &budgets, &error));
  EXPECT_EQ(error.rfind("not valid JSON: parse error at line 1, column 1: ", 0), 0u) << error;
  EXPECT_FALSE(ParseBudgetsJson("{} {}", &budgets, &error));
  EXPECT_EQ(error.rfind("not valid JSON: ", 0), 0u) << error;
}

TEST(BudgetsFileTest, DocumentMustBeAnObject) {
  Budgets budgets;
  std::string error;
  EXPECT_FALSE(ParseBudgetsJson(R"(["max_runtime"])", &budgets, &error));
  EXPECT_EQ(error, "expected a JSON object of budgets, e.g. {\"max_runtime\": \"30m\"}");
}

TEST(BudgetsFileTest, FlagsOverrideTheFile) {
  Budgets file, flags;
  std::string error;
  ASSERT_TRUE(ParseBudgetsJson(R"({"max_runtime": "30m", "max_skew": 5})", &file, &error));
  ASSERT_TRUE(SetBudget("max_runtime", "2h", &flags, &error));
  ASSERT_TRUE(SetBudget("fail_on", "warning", &flags, &error));
  MergeBudgets(flags, &file);
  EXPECT_EQ(file.max_runtime_ms, 7'200'000);
  EXPECT_EQ(file.max_skew_ratio, 5.0);
  EXPECT_EQ(file.fail_on, BudgetSeverity::kWarning);
}

TEST(BudgetsFileTest, SetBudgetRejectsAndLeavesBudgetsUnchanged) {
  Budgets budgets;
  std::string error;
  EXPECT_FALSE(SetBudget("max_spill", "lots", &budgets, &error));
  EXPECT_EQ(error, "invalid size 'lots' (examples: 10g, 512m, 4096 bytes)");
  EXPECT_FALSE(SetBudget("max-spill", "1g", &budgets, &error));
  EXPECT_EQ(error.rfind("unknown budget 'max-spill'", 0), 0u) << error;
  EXPECT_TRUE(budgets.empty());
  EXPECT_EQ(BudgetNames().size(), 7u);
}

}  // namespace
}  // namespace sparkdx
