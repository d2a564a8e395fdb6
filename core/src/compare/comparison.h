// Comparison: everything `sparkdx compare` found about a candidate run
// against a baseline, as typed values. compare/compare_reports.cc fills it
// from two reports; report/compare/comparison_json.cc writes it as the
// versioned comparison JSON (docs/compare.md), which every renderer reads.
#ifndef SPARKDX_COMPARE_COMPARISON_H_
#define SPARKDX_COMPARE_COMPARISON_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "compare/run_view.h"
#include "sparkdx/compare.h"
#include "sparkdx/gate.h"

namespace sparkdx {

// How a stage pair was matched, best first (compare/align_stages.cc).
enum class StageMatchKind : uint8_t { kStructure, kName, kSimilarName };
const char* StageMatchKindName(StageMatchKind kind);  // "structure", "name", "similar_name"

struct StagePair {
  size_t baseline = 0;   // index into the baseline's RunView::stages
  size_t candidate = 0;  // index into the candidate's
  StageMatchKind kind = StageMatchKind::kStructure;
};

struct StageAlignment {
  std::vector<StagePair> pairs;              // in baseline stage order
  std::vector<size_t> baseline_only;         // indexes, in stage order
  std::vector<size_t> candidate_only;
  size_t by_structure = 0, by_name = 0, by_similar_name = 0;
  // matched / max(baseline stages, candidate stages); 1 when both have none.
  double coverage = 1;
  // Share of the baseline's task time spent in matched stages.
  double matched_task_time_share = 1;
};

// A value on both sides. `unit` is "ms", "bytes", "count" or "core_hours".
struct MetricDelta {
  std::string metric;
  std::string unit;
  std::optional<double> baseline, candidate;
  std::optional<double> delta() const;
  std::optional<double> delta_pct() const;  // null when the baseline is 0 or a side is missing
};

struct PartDelta {
  std::string part, label;
  int64_t baseline_ms = 0, candidate_ms = 0;
  int64_t delta_ms() const { return candidate_ms - baseline_ms; }
};

struct StageDelta {
  const StageView* baseline = nullptr;  // null for a candidate-only stage
  const StageView* candidate = nullptr; // null for a baseline-only stage
  std::optional<StageMatchKind> match;
  std::string likely_cause;  // compare/stage_causes.cc; "" when unchanged
  bool attributed = false;   // one of the stages the runtime change is put on
  int64_t duration_delta_ms() const;
};

struct ConfigChange {
  std::string key;
  std::optional<std::string> baseline, candidate;  // null: absent on that side
};

struct ConfigDiff {
  bool available = false;  // both reports carry spark_properties
  std::vector<ConfigChange> added, removed, changed;  // by key
  size_t ignored = 0;  // keys that differ but change every run (kVolatileConfigKeys)
};

struct FindingsDiff {
  std::vector<FindingView> introduced, resolved;
  size_t persisting = 0;
};

struct CompareCheck {
  std::string budget;
  double limit_pct = 0;
  std::optional<double> measured_pct;
  std::optional<double> baseline, candidate;
  std::string unit;
  BudgetStatus status = BudgetStatus::kPass;
  std::string reason;
};

struct Comparison {
  std::string baseline_label, candidate_label;
  RunView baseline, candidate;
  bool runs_read = false;  // both sides held one application
  std::vector<std::string> inconclusive_reasons;
  StageAlignment alignment;
  std::vector<MetricDelta> run_metrics;
  std::vector<PartDelta> parts;
  std::vector<StageDelta> stages;  // matched, then one-sided; by contribution to the runtime change
  ConfigDiff config;
  FindingsDiff findings;
  std::vector<CompareCheck> checks;
  BudgetStatus status = BudgetStatus::kPass;
};

// The steps, one file each.
StageAlignment AlignStages(const std::vector<StageView>& baseline, const std::vector<StageView>& candidate);
ConfigDiff DiffConfig(const RunView& baseline, const RunView& candidate);
FindingsDiff DiffFindings(const RunView& baseline, const RunView& candidate);
std::string LikelyStageCause(const StageView& baseline, const StageView& candidate);
std::vector<CompareCheck> EvaluateCompareBudgets(const CompareBudgets& budgets, const Comparison& comparison);

// The comparison JSON (report/compare/comparison_json.cc).
std::string ComparisonJson(const Comparison& comparison);

}  // namespace sparkdx

#endif  // SPARKDX_COMPARE_COMPARISON_H_
