// Run-vs-run comparison for CI (docs/compare.md): a pure function of two
// sparkdx reports (Analyzer::Finish's report_json, or a report saved with
// `sparkdx analyze --format json`), so a CI job can keep the baseline's
// report as an artefact and compare each new run against it.
//
//   sparkdx::CompareOptions options;
//   options.baseline_label = "main.json"; options.candidate_label = "pr.zstd";
//   std::string error;
//   if (!sparkdx::SetCompareBudget("max_regression_pct", "10", &options, &error)) ...
//   sparkdx::CompareResult result = sparkdx::CompareReports(baseline_json, candidate_json, options);
//   std::string text = sparkdx::FormatComparison(result.comparison_json, sparkdx::CompareFormat::kText, false);
//
// Nothing here throws, reads files or prints: any text in gives a
// comparison out (garbage gives an inconclusive one saying why).
#ifndef SPARKDX_COMPARE_H_
#define SPARKDX_COMPARE_H_

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "sparkdx/gate.h"

namespace sparkdx {

inline constexpr int kComparisonSchemaVersion = 1;

// Budgets on the candidate's change against the baseline, in percent of the
// baseline's value (10 means "at most 10% more"); unset ones are not judged.
struct CompareBudgets {
  std::optional<double> max_regression_pct;             // application wall clock
  std::optional<double> max_shuffle_regression_pct;     // shuffle bytes read + written
  std::optional<double> max_spill_regression_pct;       // bytes spilled, memory + disk
  std::optional<double> max_core_hours_regression_pct;  // executor core time held
  bool empty() const;
};

struct CompareOptions {
  std::string baseline_label = "baseline";    // how messages name the inputs
  std::string candidate_label = "candidate";
  CompareBudgets budgets;
};

// Sets the budget `name` ("max_regression_pct", "max_shuffle_regression_pct",
// "max_spill_regression_pct", "max_core_hours_regression_pct") from "10",
// "10%" or "2.5" (a non-negative percentage). Returns false with *error set
// for an unknown name or an invalid value (quoting the value).
bool SetCompareBudget(std::string_view name, std::string_view value, CompareOptions* options, std::string* error);
std::vector<std::string> CompareBudgetNames();  // in documentation order

// Whether `text` is a saved sparkdx report rather than an event log: its
// first JSON key is "schema_version" (the prefix decides; the rest of the
// document need not be present).
bool LooksLikeSparkdxReport(std::string_view text);

// Why `report_json` cannot serve as one side of a comparison, or "" when it
// can: not JSON, not a sparkdx report ("generator" not starting with
// "sparkdx"), no application in it, or nothing readable (the first input
// error it records).
std::string CompareInputProblem(std::string_view report_json);

struct CompareResult {
  std::string comparison_json;  // compact; comparison_schema_version 1
  // kViolated: a budget was exceeded; kInconclusive: the runs could not be
  // compared (see the JSON's "inconclusive_reasons") or a budget's evidence
  // is missing; kPass otherwise.
  BudgetStatus status = BudgetStatus::kPass;
};

CompareResult CompareReports(std::string_view baseline_report_json, std::string_view candidate_report_json,
                             const CompareOptions& options);

enum class CompareFormat { kJson, kJsonCompact, kText, kMarkdown, kHtml };

// Renders one comparison. `color`: ANSI colours in kText (the shell decides,
// e.g. when stdout is a terminal); ignored by the other formats.
std::string FormatComparison(const std::string& comparison_json, CompareFormat format, bool color);

// Several comparisons of one baseline in one self-contained HTML document.
std::string ComparisonsHtml(const std::vector<std::string>& comparison_jsons);

}  // namespace sparkdx

#endif  // SPARKDX_COMPARE_H_
