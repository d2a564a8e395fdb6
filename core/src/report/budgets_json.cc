// AddBudgetsToReport (sparkdx/gate.h): the gate's result as the report's
// top-level "budgets" object (docs/report.md). Built here because this
// directory is the only one that builds JSON.
#include <nlohmann/json.hpp>

#include <cmath>
#include <string>

#include "gate/budget_values.h"
#include "sparkdx/gate.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

// Limits and measurements in the unit's natural JSON form: whole
// milliseconds and bytes as integers, severities by name, fractions and
// ratios with four decimals like the rest of the report (the gate judged
// the exact value).
Json ValueJson(const std::string& unit, double value) {
  if (unit == "severity") return BudgetSeverityName(static_cast<BudgetSeverity>(static_cast<int>(value)));
  if ((unit == "ms" || unit == "bytes") && std::fabs(value) < 9e15) return static_cast<int64_t>(value);
  return std::round(value * 1e4) / 1e4;
}

}  // namespace

std::string AddBudgetsToReport(const std::string& report_json, const GateResult& gate) {
  Json report = Json::parse(report_json, nullptr, /*allow_exceptions=*/false);
  if (!report.is_object()) return report_json;
  Json checks = Json::array();
  for (const BudgetCheck& check : gate.checks) {
    checks.push_back({{"budget", check.budget},
                      {"application", check.application.empty() ? Json(nullptr) : Json(check.application)},
                      {"limit", ValueJson(check.unit, check.limit)},
                      {"measured", check.measured ? ValueJson(check.unit, *check.measured) : Json(nullptr)},
                      {"unit", check.unit},
                      {"status", BudgetStatusName(check.status)},
                      {"reason", check.reason}});
  }
  report["budgets"] = Json{{"status", BudgetStatusName(gate.status)}, {"checks", std::move(checks)}};
  return report.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace sparkdx
