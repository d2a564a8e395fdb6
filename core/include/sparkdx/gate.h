// Budgets for a CI gate: limits on what a report may show (runtime, skew,
// spill, failed tasks, core efficiency, finding severity), checked against
// the JSON report (docs/budgets.md). Pure functions: errors are values, no
// I/O, so the CLI and the web page judge a report the same way.
//
//   sparkdx::Budgets budgets;
//   std::string error;
//   if (!sparkdx::ParseBudgetsJson(file_text, &budgets, &error)) ...   // the --budgets file
//   if (!sparkdx::SetBudget("max_runtime", "30m", &budgets, &error)) ... // a flag, overriding it
//   sparkdx::GateResult gate = sparkdx::EvaluateBudgets(budgets, result.report_json);
//   std::string document = sparkdx::AddBudgetsToReport(result.report_json, gate);
//   FormatReport(document, format);   // every format shows the "budgets" object
#ifndef SPARKDX_GATE_H_
#define SPARKDX_GATE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace sparkdx {

// The report's finding severities, least to most severe.
enum class BudgetSeverity : uint8_t { kInfo, kWarning, kCritical };

// Every budget is optional; an unset one is not evaluated.
struct Budgets {
  std::optional<int64_t> max_runtime_ms;         // applications[].duration_ms
  std::optional<double> max_skew_ratio;          // max/median task time of flagged stages, >= 1
  std::optional<uint64_t> max_spill_bytes;       // totals: memory + disk bytes spilled
  std::optional<double> max_failed_task_rate;    // totals: failed / finished attempts, in [0, 1]
  std::optional<double> min_core_efficiency;     // breakdown.core_efficiency, in [0, 1]
  std::optional<double> max_cost_usd;            // cost.total.usd (docs/cost.md), >= 0
  std::optional<BudgetSeverity> fail_on;        // any finding at or above it violates

  bool empty() const;
};

// Sets the budget named `name` (a budgets-file key: "max_runtime",
// "max_skew", "max_spill", "max_failed_task_rate", "min_core_efficiency",
// "max_cost_usd", "fail_on") from its text form: a duration ("90s", "15m",
// "2h", "1500ms", a plain number is seconds), a size ("10g", "512m",
// "4096"; powers of 1024), a ratio (>= 1), a fraction ("0.05" or "5%"), an
// amount of US dollars ("25", "$12.50") or a severity ("info", "warning",
// "critical"). Returns false with *error set for an
// unknown name (the message names it) or an invalid value (the message
// quotes the value and the accepted forms, not the name: callers prefix
// the flag or key); `budgets` is then unchanged.
bool SetBudget(std::string_view name, std::string_view value, Budgets* budgets, std::string* error);

// The budget names SetBudget accepts, in documentation order.
std::vector<std::string> BudgetNames();

// Parses a budgets file: one JSON object whose keys are budget names and
// whose values are strings or numbers in SetBudget's forms (a number is
// seconds, bytes, a ratio or a fraction). Budgets it sets are overwritten;
// others are left as they are. Returns false with *error set for text that
// is not JSON (naming line and column), a document that is not an object,
// an unknown key or an invalid value.
bool ParseBudgetsJson(std::string_view text, Budgets* budgets, std::string* error);

// Copies every budget set in `overrides` into *budgets (flags over a file).
void MergeBudgets(const Budgets& overrides, Budgets* budgets);

// Ordered from best to worst: a gate's status is the worst of its checks.
enum class BudgetStatus : uint8_t { kPass, kInconclusive, kViolated };
const char* BudgetStatusName(BudgetStatus status);  // "pass", "inconclusive", "violated"

// One budget judged on one application of the report.
struct BudgetCheck {
  std::string budget;        // its name, e.g. "max_runtime"
  std::string application;   // the application's id, else its log name
  std::string unit;          // of limit and measured: "ms", "ratio", "bytes", "fraction", "usd", "severity"
  double limit = 0;          // for "severity": 0 info, 1 warning, 2 critical
  std::optional<double> measured;  // null when it could not be measured
  BudgetStatus status = BudgetStatus::kPass;
  std::string reason;        // one line with the numbers, e.g. "runtime 41 min 10 s exceeds ..."
};

struct GateResult {
  // Per application in report order, per budget in BudgetNames() order. A
  // report without applications gives one inconclusive check per budget.
  std::vector<BudgetCheck> checks;
  BudgetStatus status = BudgetStatus::kPass;  // the worst check; kPass without checks
};

// Judges every set budget on every application of `report_json` (a report
// from Analyzer::Finish). Text that is not a report makes every budget
// inconclusive.
GateResult EvaluateBudgets(const Budgets& budgets, std::string_view report_json);

// The report with a top-level "budgets" object appended (docs/report.md),
// as compact JSON; `report_json` unchanged when it is not a JSON object.
std::string AddBudgetsToReport(const std::string& report_json, const GateResult& gate);

}  // namespace sparkdx

#endif  // SPARKDX_GATE_H_
