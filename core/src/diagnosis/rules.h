// The check functions of the rules in rule_table.inc, one file each under
// rules/. A check reads the application's analysis and appends findings to
// `out`, or says why it could not run (out->NotRun). A check that ran and
// appended nothing is a check that passed.
#ifndef SPARKDX_DIAGNOSIS_RULES_H_
#define SPARKDX_DIAGNOSIS_RULES_H_

#include <string>
#include <vector>

#include "analysis/app_analysis.h"
#include "diagnosis/finding.h"

namespace sparkdx {

struct RuleOutput {
  std::vector<Finding> findings;
  bool not_run = false;
  std::string not_run_reason;
  void NotRun(std::string reason) {
    not_run = true;
    not_run_reason = std::move(reason);
  }
};

using RuleCheck = void (*)(const AppAnalysis& analysis, RuleOutput* out);

#define SPARKDX_RULE(e, id, category, check, summary) void check(const AppAnalysis& analysis, RuleOutput* out);
#include "diagnosis/rule_table.inc"
#undef SPARKDX_RULE

}  // namespace sparkdx

#endif  // SPARKDX_DIAGNOSIS_RULES_H_
