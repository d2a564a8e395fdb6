// CompareReports (sparkdx/compare.h): reads both reports, aligns their
// stages, computes whole-run, breakdown and per-stage deltas, puts the
// runtime change on stages and wall-clock causes, diffs configuration and
// findings, judges the budgets, and writes the comparison JSON.
#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "compare/comparison.h"
#include "report/json_read.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;
using namespace report_json;

// Runs with different application names are the same job only if at least
// this share of their stages align (StageAlignment::coverage).
constexpr double kMinComparableCoverage = 0.5;
// A stage is one the runtime change is put on when its own wall-clock
// change goes the run's way, is at least this share of the run's change,
// at least this share of its own baseline duration (noise in a stage's
// duration is a few percent between identical runs), and at least
// kMinAttributedMs.
constexpr double kAttributedShareOfRunChange = 0.10;
constexpr double kAttributedOwnChange = 0.20;
constexpr int64_t kMinAttributedMs = 100;

constexpr double kMsPerHour = 3600.0 * 1000.0;

std::optional<double> Opt(const std::optional<int64_t>& v) {
  return v ? std::optional<double>(static_cast<double>(*v)) : std::nullopt;
}

// One row per whole-run metric: its name, unit and how to read it from a
// run (nullopt: the report does not say).
struct RunMetricRow {
  const char* metric;
  const char* unit;
  std::optional<double> (*read)(const RunView& run);
};

template <int64_t StageView::*Field>
std::optional<double> StageSum(const RunView& run) {
  if (!run.has_stage_summaries) return std::nullopt;
  double sum = 0;
  for (const StageView& s : run.stages) sum += static_cast<double>(s.*Field);
  return sum;
}

constexpr RunMetricRow kRunMetrics[] = {
    {"wall_clock_ms", "ms", [](const RunView& r) { return Opt(r.duration_ms); }},
    {"core_hours_held", "core_hours",
     [](const RunView& r) {
       return r.core_time_held_ms ? std::optional<double>(static_cast<double>(*r.core_time_held_ms) / kMsPerHour)
                                  : std::nullopt;
     }},
    {"core_hours_busy", "core_hours",
     [](const RunView& r) {
       return r.core_time_busy_ms ? std::optional<double>(static_cast<double>(*r.core_time_busy_ms) / kMsPerHour)
                                  : std::nullopt;
     }},
    {"task_time_ms", "ms", StageSum<&StageView::task_time_ms>},
    {"executor_run_time_ms", "ms", StageSum<&StageView::executor_run_time_ms>},
    {"gc_time_ms", "ms", StageSum<&StageView::gc_time_ms>},
    {"shuffle_bytes", "bytes",
     [](const RunView& r) {
       auto read = StageSum<&StageView::shuffle_read_bytes>(r), write = StageSum<&StageView::shuffle_write_bytes>(r);
       return read ? std::optional<double>(*read + *write) : std::nullopt;
     }},
    {"shuffle_read_bytes", "bytes", StageSum<&StageView::shuffle_read_bytes>},
    {"shuffle_write_bytes", "bytes", StageSum<&StageView::shuffle_write_bytes>},
    {"spill_bytes", "bytes", [](const RunView& r) { return Opt(r.spill_bytes); }},
    {"input_bytes", "bytes", StageSum<&StageView::input_bytes>},
    {"output_bytes", "bytes", StageSum<&StageView::output_bytes>},
    {"task_attempts", "count", [](const RunView& r) { return std::optional<double>(static_cast<double>(r.task_attempts)); }},
    {"failed_task_attempts", "count",
     [](const RunView& r) { return std::optional<double>(static_cast<double>(r.failed_task_attempts)); }},
    {"stages", "count",
     [](const RunView& r) {
       return r.has_stage_summaries ? std::optional<double>(static_cast<double>(r.stages.size())) : std::nullopt;
     }},
    {"jobs", "count", [](const RunView& r) { return std::optional<double>(static_cast<double>(r.jobs)); }},
};

std::vector<PartDelta> DiffParts(const RunView& b, const RunView& c) {
  std::vector<PartDelta> parts;
  auto find = [&](const std::string& part) -> PartDelta* {
    for (PartDelta& p : parts) {
      if (p.part == part) return &p;
    }
    parts.push_back({part, "", 0, 0});
    return &parts.back();
  };
  for (const PartView& p : b.parts) {
    PartDelta* d = find(p.part);
    d->label = p.label;
    d->baseline_ms = p.ms;
  }
  for (const PartView& p : c.parts) {
    PartDelta* d = find(p.part);
    if (d->label.empty()) d->label = p.label;
    d->candidate_ms = p.ms;
  }
  return parts;
}

// A stage whose wall clock and task time both moved less than this share
// is unchanged: no cause is named for noise.
constexpr double kStageChangeShare = 0.10;

bool Moved(int64_t baseline, int64_t candidate) {
  return std::llabs(candidate - baseline) > 0 &&
         static_cast<double>(std::llabs(candidate - baseline)) >= kStageChangeShare * static_cast<double>(baseline);
}

std::vector<StageDelta> DiffStages(const Comparison& c, int64_t run_delta_ms) {
  std::vector<StageDelta> stages;
  for (const StagePair& p : c.alignment.pairs) {
    StageDelta d;
    d.baseline = &c.baseline.stages[p.baseline];
    d.candidate = &c.candidate.stages[p.candidate];
    d.match = p.kind;
    if (Moved(d.baseline->duration_ms, d.candidate->duration_ms) ||
        Moved(d.baseline->task_time_ms, d.candidate->task_time_ms)) {
      d.likely_cause = LikelyStageCause(*d.baseline, *d.candidate);
    }
    stages.push_back(d);
  }
  for (size_t b : c.alignment.baseline_only) stages.push_back({&c.baseline.stages[b], nullptr, std::nullopt, "removed"});
  for (size_t x : c.alignment.candidate_only) stages.push_back({nullptr, &c.candidate.stages[x], std::nullopt, "added"});
  int64_t run_abs = std::llabs(run_delta_ms);
  for (StageDelta& d : stages) {
    int64_t delta = d.duration_delta_ms();
    int64_t own = d.baseline != nullptr ? d.baseline->duration_ms : 0;
    bool same_way = run_delta_ms != 0 && delta != 0 && (delta > 0) == (run_delta_ms > 0);
    d.attributed = same_way && std::llabs(delta) >= kMinAttributedMs &&
                   static_cast<double>(std::llabs(delta)) >= kAttributedShareOfRunChange * static_cast<double>(run_abs) &&
                   (d.baseline == nullptr || static_cast<double>(std::llabs(delta)) >= kAttributedOwnChange * static_cast<double>(own));
  }
  // By contribution to the run's change: the largest change the run's way first.
  bool slower = run_delta_ms >= 0;
  std::stable_sort(stages.begin(), stages.end(), [slower](const StageDelta& x, const StageDelta& y) {
    int64_t a = x.duration_delta_ms(), b = y.duration_delta_ms();
    return slower ? a > b : a < b;
  });
  return stages;
}

}  // namespace

std::optional<double> MetricDelta::delta() const {
  if (!baseline || !candidate) return std::nullopt;
  return *candidate - *baseline;
}

std::optional<double> MetricDelta::delta_pct() const {
  if (!baseline || !candidate || *baseline == 0) return std::nullopt;
  return (*candidate - *baseline) / *baseline * 100.0;
}

int64_t StageDelta::duration_delta_ms() const {
  return (candidate != nullptr ? candidate->duration_ms : 0) - (baseline != nullptr ? baseline->duration_ms : 0);
}

bool LooksLikeSparkdxReport(std::string_view text) {
  size_t i = 0;
  auto skip_space = [&] {
    while (i < text.size() && (text[i] == ' ' || text[i] == '\n' || text[i] == '\r' || text[i] == '\t')) ++i;
  };
  skip_space();
  if (i >= text.size() || text[i] != '{') return false;
  ++i;
  skip_space();
  return text.substr(i, 16) == "\"schema_version\"";
}

std::string CompareInputProblem(std::string_view report_json) {
  Json report = Json::parse(report_json.begin(), report_json.end(), nullptr, /*allow_exceptions=*/false);
  if (report.is_discarded() || !report.is_object()) return "not JSON";
  if (!At(report, "schema_version").is_number() || Str(At(report, "generator"), "").rfind("sparkdx", 0) != 0) {
    return "not a sparkdx report";
  }
  if (!Items(At(report, "applications")).empty()) return "";
  // The first input error, as the report records it; an error usually
  // starts with the input's name, which is dropped when the report has one
  // input (the caller names it) and kept when several files were read.
  const Json& inputs = Items(At(report, "inputs"));
  for (const Json& input : inputs) {
    if (!At(input, "error").is_string()) continue;
    std::string name = Str(At(input, "name"), ""), error = Str(At(input, "error"));
    if (!name.empty() && error.rfind(name + ": ", 0) == 0) error = error.substr(name.size() + 2);
    return inputs.size() > 1 ? name + ": " + error : error;
  }
  for (const Json& issue : Items(At(report, "issues"))) {
    if (Str(At(issue, "severity")) == "error") return Str(At(issue, "message"));
  }
  return "no Spark application in it";
}

CompareResult CompareReports(std::string_view baseline_json, std::string_view candidate_json,
                             const CompareOptions& options) {
  Comparison c;
  c.baseline_label = options.baseline_label;
  c.candidate_label = options.candidate_label;
  Json baseline = Json::parse(baseline_json.begin(), baseline_json.end(), nullptr, false);
  Json candidate = Json::parse(candidate_json.begin(), candidate_json.end(), nullptr, false);
  std::string b_problem = ReadRunView(baseline, options.baseline_label, &c.baseline);
  std::string c_problem = ReadRunView(candidate, options.candidate_label, &c.candidate);
  if (!b_problem.empty()) c.inconclusive_reasons.push_back(b_problem);
  if (!c_problem.empty()) c.inconclusive_reasons.push_back(c_problem);
  c.runs_read = b_problem.empty() && c_problem.empty();
  if (c.runs_read) {
    for (const RunView* run : {&c.baseline, &c.candidate}) {
      if (!run->completed) {
        c.inconclusive_reasons.push_back(run->label +
                                         " did not complete (no ApplicationEnd: crashed, killed or still running)");
      }
      if (!run->has_stage_summaries) {
        c.inconclusive_reasons.push_back(run->label +
                                         " has no stage_summaries (a report from an older sparkdx): stages cannot be aligned");
      }
    }
    c.alignment = AlignStages(c.baseline.stages, c.candidate.stages);
    if (c.baseline.name != c.candidate.name && c.alignment.coverage < kMinComparableCoverage) {
      char share[16];
      std::snprintf(share, sizeof share, "%.0f%%", c.alignment.coverage * 100);
      c.inconclusive_reasons.push_back("the runs look like different jobs: application names '" +
                                       c.baseline.name.value_or("") + "' and '" + c.candidate.name.value_or("") +
                                       "' differ and only " + share + " of stages align (at least 50% needed)");
    }
    for (const RunMetricRow& row : kRunMetrics) {
      c.run_metrics.push_back({row.metric, row.unit, row.read(c.baseline), row.read(c.candidate)});
    }
    c.parts = DiffParts(c.baseline, c.candidate);
    int64_t run_delta = 0;
    if (c.baseline.duration_ms && c.candidate.duration_ms) run_delta = *c.candidate.duration_ms - *c.baseline.duration_ms;
    c.stages = DiffStages(c, run_delta);
    c.config = DiffConfig(c.baseline, c.candidate);
    c.findings = DiffFindings(c.baseline, c.candidate);
  }
  c.checks = EvaluateCompareBudgets(options.budgets, c);
  c.status = c.inconclusive_reasons.empty() ? BudgetStatus::kPass : BudgetStatus::kInconclusive;
  for (const CompareCheck& check : c.checks) c.status = std::max(c.status, check.status);
  CompareResult result;
  result.status = c.status;
  result.comparison_json = ComparisonJson(c);
  return result;
}

}  // namespace sparkdx
