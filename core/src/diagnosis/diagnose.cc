#include "diagnosis/diagnose.h"

#include <algorithm>
#include <cstring>

namespace sparkdx {
namespace {

const RuleInfo kRules[] = {
#define SPARKDX_RULE(e, id, category, check, summary) {RuleId::e, id, FindingCategory::category, &check, summary},
#include "diagnosis/rule_table.inc"
#undef SPARKDX_RULE
};
static_assert(sizeof(kRules) / sizeof(kRules[0]) == kRuleCount, "one RuleInfo per rule");

// (symptom rule, cause rule): the symptom on the same entity is explained
// by the cause. Add a row when a rule's finding is a consequence of another's.
struct CausedBy {
  const char* symptom;
  const char* cause;
};
const CausedBy kCausedBy[] = {
    {"stage.spill", "stage.task_skew"},
    {"stage.straggler", "stage.task_skew"},
    {"stage.oversized_partitions", "stage.task_skew"},
    {"stage.oversized_partitions", "stage.too_few_partitions"},
};

bool SameEntity(const FindingEntity& a, const FindingEntity& b) { return a.kind == b.kind && a.id == b.id; }

void FoldSymptoms(std::vector<Finding>* findings) {
  std::vector<bool> folded(findings->size(), false);
  for (size_t s = 0; s < findings->size(); ++s) {
    for (const CausedBy& pair : kCausedBy) {
      if ((*findings)[s].rule_id != pair.symptom) continue;
      for (size_t c = 0; c < findings->size(); ++c) {
        Finding& cause = (*findings)[c];
        if (c == s || folded[c] || cause.rule_id != pair.cause || !SameEntity(cause.entity, (*findings)[s].entity)) {
          continue;
        }
        cause.explanation += " This also explains " + (*findings)[s].rule_id + ": " + (*findings)[s].explanation;
        folded[s] = true;
        break;
      }
      if (folded[s]) break;
    }
  }
  size_t kept = 0;
  for (size_t i = 0; i < findings->size(); ++i) {
    if (folded[i]) continue;
    if (kept != i) (*findings)[kept] = std::move((*findings)[i]);
    ++kept;
  }
  findings->resize(kept);
}

}  // namespace

const RuleInfo& GetRuleInfo(RuleId rule) { return kRules[static_cast<int>(rule)]; }

FindingSeverity SeverityForSaving(int64_t saving_ms, int64_t total_ms, int64_t min_saving_ms) {
  if (total_ms <= 0 || saving_ms <= 0 || saving_ms < min_saving_ms) return FindingSeverity::kInfo;
  double share = static_cast<double>(saving_ms) / static_cast<double>(total_ms);
  if (share >= kCriticalSavingShare) return FindingSeverity::kCritical;
  if (share >= kWarningSavingShare) return FindingSeverity::kWarning;
  return FindingSeverity::kInfo;
}

Diagnosis Diagnose(const AppAnalysis& analysis) {
  Diagnosis diagnosis;
  int64_t run_ms = analysis.window.duration_ms();
  int64_t core_ms = analysis.breakdown.alive_slot_ms;
  for (const RuleInfo& rule : kRules) {
    RuleOutput out;
    rule.check(analysis, &out);
    if (out.not_run) {
      diagnosis.checks_not_run.push_back({rule.id, out.not_run_reason});
      continue;
    }
    if (out.findings.empty()) {
      diagnosis.checks_passed.push_back(rule.id);
      continue;
    }
    for (Finding& f : out.findings) {
      f.rule_id = rule.id;
      f.category = rule.category;
      f.saving_ms = std::clamp<int64_t>(f.saving_ms, 0, std::max<int64_t>(0, run_ms));
      f.saving_core_ms = std::clamp<int64_t>(f.saving_core_ms, 0, std::max<int64_t>(0, core_ms));
      f.severity = std::max(SeverityForSaving(f.saving_ms, run_ms, kMinWallSavingForSeverityMs),
                            SeverityForSaving(f.saving_core_ms, core_ms, kMinCoreSavingForSeverityMs));
      if (f.severity_floor && *f.severity_floor > f.severity) f.severity = *f.severity_floor;
      diagnosis.findings.push_back(std::move(f));
    }
  }
  FoldSymptoms(&diagnosis.findings);
  std::stable_sort(diagnosis.findings.begin(), diagnosis.findings.end(), [](const Finding& a, const Finding& b) {
    if (a.severity != b.severity) return a.severity > b.severity;
    if (a.saving_ms != b.saving_ms) return a.saving_ms > b.saving_ms;
    return a.saving_core_ms > b.saving_core_ms;
  });
  return diagnosis;
}

std::string RulesCatalogMarkdown() {
  std::string out =
      "# Diagnosis rules\n\n"
      "Every check sparkdx runs on an application (source: `core/src/diagnosis/rule_table.inc`, one file per rule "
      "under `core/src/diagnosis/rules/`, where each rule's thresholds and their sources are stated). How findings "
      "are built, scored and ordered: docs/diagnosis.md.\n\n"
      "| rule | category | what it finds |\n|---|---|---|\n";
  for (const RuleInfo& rule : kRules) {
    out += std::string("| `") + rule.id + "` | " + FindingCategoryName(rule.category) + " | " + rule.summary + " |\n";
  }
  return out;
}

}  // namespace sparkdx
