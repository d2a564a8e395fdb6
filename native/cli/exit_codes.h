// The CLI's exit codes (documented in README.md, docs/budgets.md and
// `sparkdx analyze --help`).
#ifndef SPARKDX_CLI_EXIT_CODES_H_
#define SPARKDX_CLI_EXIT_CODES_H_

namespace sparkdx::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitBudgetViolated = 1;    // a budget was exceeded
inline constexpr int kExitUsage = 2;             // bad arguments or budgets file
inline constexpr int kExitInconclusive = 3;      // a budget could not be evaluated
inline constexpr int kExitInputUnreadable = 4;   // an input yielded nothing readable at all
inline constexpr int kExitBaselineUnreadable = 5;  // compare: the baseline could not be read
inline constexpr int kExitInternal = 6;          // a bug: an unexpected exception

// The worse of two exit codes when several apply (several inputs, or an
// unreadable input with budgets): 6, 5, 4, 1, 3, then 0.
int WorstExit(int a, int b);

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_EXIT_CODES_H_
