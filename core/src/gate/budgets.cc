// Budgets: setting them from text (flags and the budgets file) and merging.
#include <nlohmann/json.hpp>

#include <string>

#include "base/json_syntax.h"
#include "gate/budget_values.h"
#include "sparkdx/gate.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

enum class ValueKind { kDuration, kSize, kRatio, kFraction, kUsd, kSeverity };

struct BudgetInfo {
  const char* name;
  ValueKind kind;
};

// Documentation order (docs/budgets.md); also the order of a gate's checks.
constexpr BudgetInfo kBudgetTable[] = {
    {"max_runtime", ValueKind::kDuration},          {"max_skew", ValueKind::kRatio},
    {"max_spill", ValueKind::kSize},                {"max_failed_task_rate", ValueKind::kFraction},
    {"min_core_efficiency", ValueKind::kFraction},  {"max_cost_usd", ValueKind::kUsd},
    {"fail_on", ValueKind::kSeverity},
};

std::string InvalidValue(std::string_view value, ValueKind kind) {
  std::string quoted = "'" + std::string(value) + "'";
  switch (kind) {
    case ValueKind::kDuration: return "invalid duration " + quoted + " (examples: 90s, 15m, 2h, 1500ms; a plain number is seconds)";
    case ValueKind::kSize: return "invalid size " + quoted + " (examples: 10g, 512m, 4096 bytes)";
    case ValueKind::kRatio: return "invalid ratio " + quoted + " (a number of at least 1, e.g. 5)";
    case ValueKind::kFraction: return "invalid fraction " + quoted + " (a number from 0 to 1, e.g. 0.05, or a percentage, e.g. 5%)";
    case ValueKind::kUsd: return "invalid amount " + quoted + " (US dollars, e.g. 25 or 12.50)";
    case ValueKind::kSeverity: return "invalid severity " + quoted + " (use info, warning or critical)";
  }
  return "invalid value " + quoted;
}

std::string KnownNames() {
  std::string names;
  for (const BudgetInfo& info : kBudgetTable) names += std::string(names.empty() ? "" : ", ") + info.name;
  return names;
}

}  // namespace

bool Budgets::empty() const {
  return !max_runtime_ms && !max_skew_ratio && !max_spill_bytes && !max_failed_task_rate && !min_core_efficiency &&
         !max_cost_usd && !fail_on;
}

std::vector<std::string> BudgetNames() {
  std::vector<std::string> names;
  for (const BudgetInfo& info : kBudgetTable) names.emplace_back(info.name);
  return names;
}

bool SetBudget(std::string_view name, std::string_view value, Budgets* budgets, std::string* error) {
  const BudgetInfo* info = nullptr;
  for (const BudgetInfo& row : kBudgetTable) {
    if (name == row.name) info = &row;
  }
  if (info == nullptr) {
    *error = "unknown budget '" + std::string(name) + "' (known: " + KnownNames() + ")";
    return false;
  }
  bool ok = false;
  if (name == "max_runtime") {
    std::optional<int64_t> ms = ParseDurationMs(value);
    if ((ok = ms.has_value())) budgets->max_runtime_ms = ms;
  } else if (name == "max_skew") {
    std::optional<double> ratio = ParseRatio(value);
    if ((ok = ratio.has_value())) budgets->max_skew_ratio = ratio;
  } else if (name == "max_spill") {
    std::optional<uint64_t> bytes = ParseSizeBytes(value);
    if ((ok = bytes.has_value())) budgets->max_spill_bytes = bytes;
  } else if (name == "max_failed_task_rate" || name == "min_core_efficiency") {
    std::optional<double> fraction = ParseFraction(value);
    if ((ok = fraction.has_value())) {
      (name == "max_failed_task_rate" ? budgets->max_failed_task_rate : budgets->min_core_efficiency) = fraction;
    }
  } else if (name == "max_cost_usd") {
    std::optional<double> usd = ParseUsd(value);
    if ((ok = usd.has_value())) budgets->max_cost_usd = usd;
  } else {
    std::optional<BudgetSeverity> severity = ParseSeverity(value);
    if ((ok = severity.has_value())) budgets->fail_on = severity;
  }
  if (!ok) *error = InvalidValue(value, info->kind);
  return ok;
}

bool ParseBudgetsJson(std::string_view text, Budgets* budgets, std::string* error) {
  if (std::string syntax = JsonSyntaxError(text); !syntax.empty()) {
    *error = "not valid JSON: " + syntax;
    return false;
  }
  Json document = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object()) {
    *error = "expected a JSON object of budgets, e.g. {\"max_runtime\": \"30m\"}";
    return false;
  }
  // Set into a copy so that a bad file leaves *budgets as it was.
  Budgets parsed = *budgets;
  for (const auto& [key, value] : document.items()) {
    std::string text_value;
    if (value.is_string()) {
      text_value = value.get<std::string>();
    } else if (value.is_number()) {
      text_value = value.dump();
    } else {
      *error = "key \"" + key + "\": expected a string or a number, got " + value.type_name();
      return false;
    }
    std::string message;
    if (!SetBudget(key, text_value, &parsed, &message)) {
      // An unknown key's message already names it.
      *error = message.rfind("unknown budget", 0) == 0 ? message : "key \"" + key + "\": " + message;
      return false;
    }
  }
  *budgets = parsed;
  return true;
}

void MergeBudgets(const Budgets& overrides, Budgets* budgets) {
  if (overrides.max_runtime_ms) budgets->max_runtime_ms = overrides.max_runtime_ms;
  if (overrides.max_skew_ratio) budgets->max_skew_ratio = overrides.max_skew_ratio;
  if (overrides.max_spill_bytes) budgets->max_spill_bytes = overrides.max_spill_bytes;
  if (overrides.max_failed_task_rate) budgets->max_failed_task_rate = overrides.max_failed_task_rate;
  if (overrides.min_core_efficiency) budgets->min_core_efficiency = overrides.min_core_efficiency;
  if (overrides.max_cost_usd) budgets->max_cost_usd = overrides.max_cost_usd;
  if (overrides.fail_on) budgets->fail_on = overrides.fail_on;
}

const char* BudgetStatusName(BudgetStatus status) {
  switch (status) {
    case BudgetStatus::kPass: return "pass";
    case BudgetStatus::kInconclusive: return "inconclusive";
    case BudgetStatus::kViolated: return "violated";
  }
  return "pass";
}

}  // namespace sparkdx
