#include "budget_options.h"

#include <cerrno>
#include <cstring>
#include <cstdio>

#include "file_reader.h"

namespace sparkdx::cli {
namespace {

// Flag -> budget name (the budgets file's key).
struct BudgetFlag {
  const char* flag;
  const char* budget;
};
constexpr BudgetFlag kBudgetFlags[] = {
    {"--max-runtime", "max_runtime"},
    {"--max-skew", "max_skew"},
    {"--max-spill", "max_spill"},
    {"--max-failed-task-rate", "max_failed_task_rate"},
    {"--min-core-efficiency", "min_core_efficiency"},
    {"--max-cost", "max_cost_usd"},
    {"--fail-on", "fail_on"},
};

}  // namespace

const char kBudgetOptionsHelp[] =
    "budgets (a CI gate; see docs/budgets.md):\n"
    "  --budgets FILE              read budgets from a JSON file such as\n"
    "                              {\"max_runtime\": \"30m\", \"fail_on\": \"critical\"};\n"
    "                              the flags below override it\n"
    "  --max-runtime DURATION      application wall clock (90s, 15m, 2h, 1500ms;\n"
    "                              a plain number is seconds)\n"
    "  --max-skew RATIO            longest over median task time in any stage\n"
    "                              flagged for task skew or stragglers\n"
    "  --max-spill SIZE            memory + disk bytes spilled (10g, 512m, bytes)\n"
    "  --max-failed-task-rate FRACTION\n"
    "                              failed task attempts / finished attempts (0.05, 5%)\n"
    "  --min-core-efficiency FRACTION\n"
    "                              task time / executor core time held\n"
    "  --max-cost USD              the run's cost (cost.total.usd; see the cost\n"
    "                              options below; 25 or 12.50)\n"
    "  --fail-on info|warning|critical\n"
    "                              any finding at or above this severity\n";

OptionParse ParseBudgetOption(const std::vector<std::string>& args, size_t* i, BudgetOptions* options,
                              std::string* error) {
  const std::string& arg = args[*i];
  const BudgetFlag* flag = nullptr;
  for (const BudgetFlag& row : kBudgetFlags) {
    if (arg == row.flag) flag = &row;
  }
  if (flag == nullptr && arg != "--budgets") return OptionParse::kNotMine;
  if (*i + 1 >= args.size()) {
    *error = arg + " needs a value";
    return OptionParse::kError;
  }
  const std::string& value = args[++*i];
  if (flag == nullptr) {
    options->file = value;
    return OptionParse::kTaken;
  }
  std::string message;
  if (!SetBudget(flag->budget, value, &options->flags, &message)) {
    *error = arg + ": " + message;
    return OptionParse::kError;
  }
  return OptionParse::kTaken;
}

bool ResolveBudgets(const BudgetOptions& options, Budgets* budgets, std::string* error) {
  *budgets = Budgets();
  if (!options.file.empty()) {
    std::string text;
    if (int read_error = ReadSmallFile(options.file, &text); read_error != 0) {
      *error = "cannot read budgets file " + options.file + ": " + std::strerror(read_error);
      return false;
    }
    std::string message;
    if (!ParseBudgetsJson(text, budgets, &message)) {
      *error = "budgets file " + options.file + ": " + message;
      return false;
    }
  }
  MergeBudgets(options.flags, budgets);
  return true;
}

}  // namespace sparkdx::cli
