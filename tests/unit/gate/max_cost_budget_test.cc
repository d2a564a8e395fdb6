#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "sparkdx/gate.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

std::string Report(const Json& total, bool completed = true, const char* reason = nullptr) {
  Json app = {{"id", "app-1"},
              {"completed", completed},
              {"cost", {{"total", total}, {"reason", reason ? Json(reason) : Json(nullptr)}}}};
  return Json{{"schema_version", 1}, {"applications", Json::array({app})}}.dump();
}

BudgetCheck MaxCost(const char* limit, const std::string& report) {
  Budgets budgets;
  std::string error;
  EXPECT_TRUE(SetBudget("max_cost_usd", limit, &budgets, &error)) << error;
  GateResult result = EvaluateBudgets(budgets, report);
  EXPECT_EQ(result.checks.size(), 1u);
  return result.checks.empty() ? BudgetCheck() : result.checks[0];
}

TEST(MaxCostBudgetTest, PassAtAndUnderTheLimit) {
  BudgetCheck at = MaxCost("12.5", Report({{"usd", 12.5}}));
  EXPECT_EQ(at.status, BudgetStatus::kPass);
  EXPECT_EQ(at.unit, "usd");
  EXPECT_EQ(at.reason, "cost $12.50 is within the $12.50 budget");
  EXPECT_EQ(MaxCost("$20", Report({{"usd", 12.5}})).status, BudgetStatus::kPass);
}

TEST(MaxCostBudgetTest, ViolatedOverTheLimit) {
  BudgetCheck check = MaxCost("10", Report({{"usd", 12.5}}));
  EXPECT_EQ(check.status, BudgetStatus::kViolated);
  ASSERT_TRUE(check.measured.has_value());
  EXPECT_DOUBLE_EQ(*check.measured, 12.5);
  EXPECT_EQ(check.reason, "cost $12.50 exceeds the $10.00 budget by $2.50");
  // An incomplete run already over the budget is violated.
  EXPECT_EQ(MaxCost("10", Report({{"usd", 12.5}}, false)).status, BudgetStatus::kViolated);
}

TEST(MaxCostBudgetTest, InconclusiveWithoutCostOrCompletion) {
  BudgetCheck unknown = MaxCost("10", Report(nullptr, true, "the log does not name the instance type"));
  EXPECT_EQ(unknown.status, BudgetStatus::kInconclusive);
  EXPECT_EQ(unknown.reason, "the run's cost is unknown: the log does not name the instance type");
  BudgetCheck incomplete = MaxCost("20", Report({{"usd", 12.5}}, false));
  EXPECT_EQ(incomplete.status, BudgetStatus::kInconclusive);
  EXPECT_EQ(incomplete.reason,
            "the run did not complete (no ApplicationEnd); it cost at least $12.50, within the $20.00 budget so far");
}

TEST(MaxCostBudgetTest, ParsesAmountsAndRejectsOthers) {
  Budgets budgets;
  std::string error;
  EXPECT_FALSE(SetBudget("max_cost_usd", "-3", &budgets, &error));
  EXPECT_EQ(error, "invalid amount '-3' (US dollars, e.g. 25 or 12.50)");
  EXPECT_FALSE(SetBudget("max_cost_usd", "12 EUR", &budgets, &error));
  EXPECT_FALSE(budgets.max_cost_usd.has_value());
  ASSERT_TRUE(ParseBudgetsJson(R"({"max_cost_usd": 25})", &budgets, &error)) << error;
  EXPECT_DOUBLE_EQ(*budgets.max_cost_usd, 25);
  EXPECT_FALSE(budgets.empty());
  Budgets flags;
  ASSERT_TRUE(SetBudget("max_cost_usd", "$7.25", &flags, &error));
  MergeBudgets(flags, &budgets);
  EXPECT_DOUBLE_EQ(*budgets.max_cost_usd, 7.25);
}

}  // namespace
}  // namespace sparkdx
