// The text forms of budget values (docs/budgets.md), shared by the CLI's
// flags and the budgets file. Each parser returns nullopt for text it does
// not accept; callers name the budget in their message.
#ifndef SPARKDX_GATE_BUDGET_VALUES_H_
#define SPARKDX_GATE_BUDGET_VALUES_H_

#include <cstdint>
#include <optional>
#include <string_view>

#include "sparkdx/gate.h"

namespace sparkdx {

// "1500ms", "90s", "15m", "2h", or a plain number of seconds; decimals
// allowed ("1.5h"), rounded to whole milliseconds; not negative.
std::optional<int64_t> ParseDurationMs(std::string_view text);

// "4096" (bytes), "512k", "512m", "10g", "1t" (powers of 1024, case
// ignored, an optional trailing "b" or "ib": "10GB", "10GiB"); decimals
// allowed ("1.5g"), rounded to whole bytes.
std::optional<uint64_t> ParseSizeBytes(std::string_view text);

// A ratio of at least 1 ("5", "2.5", "5x").
std::optional<double> ParseRatio(std::string_view text);

// A fraction in [0, 1]: "0.05" or a percentage "5%".
std::optional<double> ParseFraction(std::string_view text);

// An amount of US dollars, not negative: "25", "12.50", "$12.50".
std::optional<double> ParseUsd(std::string_view text);

// "info", "warning" or "critical" (the report's finding severities).
std::optional<BudgetSeverity> ParseSeverity(std::string_view text);
// Its report name; the diagnosis's FindingSeverity has the same three
// values, but the public API cannot name an internal type.
const char* BudgetSeverityName(BudgetSeverity severity);

}  // namespace sparkdx

#endif  // SPARKDX_GATE_BUDGET_VALUES_H_
