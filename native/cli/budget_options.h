// `sparkdx analyze`'s budget options (docs/budgets.md): --budgets FILE and
// one flag per budget (--max-runtime, --max-skew, --max-spill,
// --max-failed-task-rate, --min-core-efficiency, --max-cost, --fail-on); flags override
// the file.
#ifndef SPARKDX_CLI_BUDGET_OPTIONS_H_
#define SPARKDX_CLI_BUDGET_OPTIONS_H_

#include <string>
#include <vector>

#include "reading_options.h"
#include "sparkdx/gate.h"

namespace sparkdx::cli {

struct BudgetOptions {
  std::string file;   // --budgets, "" when not given
  Budgets flags;      // set by the budget flags
};

// As ParseReadingOption: kTaken (consuming the value), kError with *error
// naming the flag and its value, or kNotMine.
OptionParse ParseBudgetOption(const std::vector<std::string>& args, size_t* i, BudgetOptions* options,
                              std::string* error);

// The budgets to apply: the file's (when given), then the flags over them.
// Returns false with *error naming the file and what is wrong with it
// (unreadable, not JSON, an unknown key, an invalid value).
bool ResolveBudgets(const BudgetOptions& options, Budgets* budgets, std::string* error);

// Help lines for these options.
extern const char kBudgetOptionsHelp[];

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_BUDGET_OPTIONS_H_
