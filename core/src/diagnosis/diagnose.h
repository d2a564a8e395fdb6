// Diagnose: runs every rule of rule_table.inc over one application's
// analysis and returns the findings, "fix these first" (most severe, then
// largest estimated saving first), with the checks that passed and those
// that could not run.
//
// Severity comes from the estimated saving as a share: wall-clock saving of
// the application's duration, or core-time saving of the core time its
// executors held, whichever is larger. At least kCriticalSavingShare is
// critical, at least kWarningSavingShare a warning, less is info, and so is
// any saving under kMinWallSavingForSeverityMs (wall clock) or
// kMinCoreSavingForSeverityMs (core time); a rule's floor raises it.
// Symptoms defer to causes: when a rule in kCausedBy's left column fires on
// the same entity as the rule in its right column, the symptom is folded
// into the cause (its explanation appended) instead of listed on its own.
#ifndef SPARKDX_DIAGNOSIS_DIAGNOSE_H_
#define SPARKDX_DIAGNOSIS_DIAGNOSE_H_

#include <string>
#include <vector>

#include "analysis/app_analysis.h"
#include "diagnosis/finding.h"
#include "diagnosis/rules.h"

namespace sparkdx {

enum class RuleId : uint8_t {
#define SPARKDX_RULE(e, id, category, check, summary) e,
#include "diagnosis/rule_table.inc"
#undef SPARKDX_RULE
  kCount
};
inline constexpr int kRuleCount = static_cast<int>(RuleId::kCount);

struct RuleInfo {
  RuleId rule;
  const char* id;
  FindingCategory category;
  RuleCheck check;
  const char* summary;
};
const RuleInfo& GetRuleInfo(RuleId rule);

inline constexpr double kCriticalSavingShare = 0.20;
inline constexpr double kWarningSavingShare = 0.05;
// Below these a saving is info whatever its share: ten seconds of a one-minute
// test run, or minutes of core time, are not worth anyone's attention.
inline constexpr int64_t kMinWallSavingForSeverityMs = 10'000;
inline constexpr int64_t kMinCoreSavingForSeverityMs = 15 * 60'000;  // a quarter core-hour

struct CheckNotRun {
  std::string rule_id;
  std::string reason;
};

struct Diagnosis {
  std::vector<Finding> findings;
  std::vector<std::string> checks_passed;
  std::vector<CheckNotRun> checks_not_run;
};

Diagnosis Diagnose(const AppAnalysis& analysis);

// The severity a saving of `saving_ms` out of `total_ms` earns (info below
// `min_saving_ms`).
FindingSeverity SeverityForSaving(int64_t saving_ms, int64_t total_ms, int64_t min_saving_ms = 0);

// docs/rules.md: every rule with its id, category and summary.
std::string RulesCatalogMarkdown();

}  // namespace sparkdx

#endif  // SPARKDX_DIAGNOSIS_DIAGNOSE_H_
