// Comparison budgets (docs/compare.md): each limits how much worse, in
// percent of the baseline, one metric of the candidate may be. One table;
// a check reports its limit, what it measured and a one-line reason with
// the numbers, like analyze's budgets (gate/).
#include <cmath>
#include <cstdio>
#include <cstdlib>

#include "base/format.h"
#include "compare/comparison.h"

namespace sparkdx {
namespace {

struct CompareBudgetRow {
  const char* name;
  const char* metric;  // the run metric it reads (compare_reports.cc)
  const char* what;    // for reasons
  std::optional<double> CompareBudgets::*limit;
};

constexpr CompareBudgetRow kCompareBudgets[] = {
    {"max_regression_pct", "wall_clock_ms", "wall clock", &CompareBudgets::max_regression_pct},
    {"max_shuffle_regression_pct", "shuffle_bytes", "shuffle bytes", &CompareBudgets::max_shuffle_regression_pct},
    {"max_spill_regression_pct", "spill_bytes", "spilled bytes", &CompareBudgets::max_spill_regression_pct},
    {"max_core_hours_regression_pct", "core_hours_held", "core hours held",
     &CompareBudgets::max_core_hours_regression_pct},
};

std::string Pct(double pct) {
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f%%", pct);
  return text;
}

std::string Value(const std::string& unit, double value) {
  if (unit == "ms") return HumanDuration(static_cast<int64_t>(value));
  if (unit == "bytes") return HumanBytes(static_cast<uint64_t>(std::max(0.0, value)));
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", value);
  return unit == "core_hours" ? std::string(text) + " core-hours" : std::string(text);
}

const MetricDelta* FindMetric(const Comparison& c, const char* metric) {
  for (const MetricDelta& m : c.run_metrics) {
    if (m.metric == metric) return &m;
  }
  return nullptr;
}

}  // namespace

bool CompareBudgets::empty() const {
  for (const CompareBudgetRow& row : kCompareBudgets) {
    if ((this->*row.limit).has_value()) return false;
  }
  return true;
}

std::vector<std::string> CompareBudgetNames() {
  std::vector<std::string> names;
  for (const CompareBudgetRow& row : kCompareBudgets) names.push_back(row.name);
  return names;
}

bool SetCompareBudget(std::string_view name, std::string_view value, CompareOptions* options, std::string* error) {
  for (const CompareBudgetRow& row : kCompareBudgets) {
    if (name != row.name) continue;
    std::string text(value);
    if (!text.empty() && text.back() == '%') text.pop_back();
    char* end = nullptr;
    double pct = text.empty() ? NAN : std::strtod(text.c_str(), &end);
    if (text.empty() || end != text.c_str() + text.size() || !std::isfinite(pct) || pct < 0 || pct > 1e9) {
      *error = "invalid percentage '" + std::string(value) + "': use a number >= 0 such as 10 or 10%";
      return false;
    }
    options->budgets.*row.limit = pct;
    return true;
  }
  *error = "unknown comparison budget '" + std::string(name) + "'";
  return false;
}

std::vector<CompareCheck> EvaluateCompareBudgets(const CompareBudgets& budgets, const Comparison& comparison) {
  std::vector<CompareCheck> checks;
  for (const CompareBudgetRow& row : kCompareBudgets) {
    if (!(budgets.*row.limit).has_value()) continue;
    CompareCheck check;
    check.budget = row.name;
    check.limit_pct = *(budgets.*row.limit);
    const MetricDelta* m = comparison.runs_read ? FindMetric(comparison, row.metric) : nullptr;
    std::string limit = Pct(check.limit_pct);
    if (m != nullptr) {
      check.unit = m->unit;
      check.baseline = m->baseline;
      check.candidate = m->candidate;
    }
    bool incomplete = comparison.runs_read && (!comparison.baseline.completed || !comparison.candidate.completed);
    if (m == nullptr || !m->baseline || !m->candidate) {
      check.status = BudgetStatus::kInconclusive;
      check.reason = std::string(row.what) + " is missing from " +
                     (m != nullptr && m->baseline ? "the candidate" : "the baseline") + "; the " + limit +
                     " budget cannot be judged";
    } else if (incomplete && std::string(row.metric) == "wall_clock_ms") {
      check.status = BudgetStatus::kInconclusive;
      check.reason = std::string("the ") + (comparison.candidate.completed ? "baseline" : "candidate") +
                     " run did not complete, so its wall clock is not its runtime";
    } else if (!m->delta_pct()) {
      // The baseline had none of it.
      bool grew = *m->candidate > 0;
      check.status = grew ? BudgetStatus::kViolated : BudgetStatus::kPass;
      check.reason = std::string(row.what) + (grew ? " appeared: none in the baseline, " + Value(m->unit, *m->candidate) +
                                                         " in the candidate"
                                                   : ": none in either run");
    } else {
      check.measured_pct = *m->delta_pct();
      bool over = *check.measured_pct > check.limit_pct;
      check.status = over ? BudgetStatus::kViolated : BudgetStatus::kPass;
      check.reason = std::string(row.what) + " " + Value(m->unit, *m->baseline) + " -> " +
                     Value(m->unit, *m->candidate) + " (" + Pct(*check.measured_pct) + ") " +
                     (over ? "exceeds" : "is within") + " the " + limit + " budget";
    }
    checks.push_back(std::move(check));
  }
  return checks;
}

}  // namespace sparkdx
