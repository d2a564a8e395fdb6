// ComparisonJson (compare/comparison.h): the comparison as the versioned
// JSON document of docs/compare.md. Key order is part of the format.
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <cstdlib>

#include "compare/comparison.h"
#include "sparkdx/analyzer.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

// Breakdown parts that moved less than this are not listed as causes.
constexpr int64_t kMinCauseMs = 100;

double Rounded(double value, double scale) {
  if (!std::isfinite(value)) return 0;
  return std::round(value * scale) / scale;
}

// ms, bytes and counts are whole numbers; core-hours keep four decimals,
// percentages and shares two and four.
Json Value(const std::string& unit, const std::optional<double>& value) {
  if (!value) return nullptr;
  if (unit == "core_hours") return Rounded(*value, 1e4);
  if (std::fabs(*value) < 9e15) return static_cast<int64_t>(std::llround(*value));
  return *value;
}
Json Pct(const std::optional<double>& pct) { return pct ? Json(Rounded(*pct, 100)) : Json(nullptr); }

Json RunJson(const std::string& label, const RunView& run, bool read) {
  if (!read) return Json{{"input", label}};
  return Json{{"input", label},
              {"application_id", run.app_id.empty() ? Json(nullptr) : Json(run.app_id)},
              {"name", run.name ? Json(*run.name) : Json(nullptr)},
              {"spark_version", run.spark_version.empty() ? Json(nullptr) : Json(run.spark_version)},
              {"duration_ms", run.duration_ms ? Json(*run.duration_ms) : Json(nullptr)},
              {"completed", run.completed},
              {"stages", run.stages.size()}};
}

Json StageRef(const StageView& s) {
  return Json{{"stage_id", s.stage_id}, {"name", s.name}, {"structure_key", s.structure_key},
              {"duration_ms", s.duration_ms}, {"task_time_ms", s.task_time_ms}};
}

Json Triple(int64_t StageView::*field, const StageDelta& d) {
  int64_t b = d.baseline != nullptr ? d.baseline->*field : 0;
  int64_t c = d.candidate != nullptr ? d.candidate->*field : 0;
  return Json{{"baseline", d.baseline != nullptr ? Json(b) : Json(nullptr)},
              {"candidate", d.candidate != nullptr ? Json(c) : Json(nullptr)},
              {"delta", c - b}};
}

Json StageDeltaJson(const StageDelta& d, int64_t run_delta_ms) {
  const StageView* any = d.baseline != nullptr ? d.baseline : d.candidate;
  int64_t delta = d.duration_delta_ms();
  return Json{{"baseline_stage_id", d.baseline != nullptr ? Json(d.baseline->stage_id) : Json(nullptr)},
              {"candidate_stage_id", d.candidate != nullptr ? Json(d.candidate->stage_id) : Json(nullptr)},
              {"name", any->name},
              {"structure_key", any->structure_key},
              {"match", d.match ? Json(StageMatchKindName(*d.match)) : Json(nullptr)},
              {"attributed", d.attributed},
              {"share_of_change", run_delta_ms != 0 ? Json(Rounded(static_cast<double>(delta) /
                                                                   static_cast<double>(run_delta_ms), 1e4))
                                                    : Json(nullptr)},
              {"likely_cause", d.likely_cause.empty() ? Json(nullptr) : Json(d.likely_cause)},
              {"attempts", {{"baseline", d.baseline != nullptr ? Json(d.baseline->attempts) : Json(nullptr)},
                            {"candidate", d.candidate != nullptr ? Json(d.candidate->attempts) : Json(nullptr)}}},
              {"duration_ms", Triple(&StageView::duration_ms, d)},
              {"task_time_ms", Triple(&StageView::task_time_ms, d)},
              {"tasks", Triple(&StageView::tasks, d)},
              {"failed_tasks", Triple(&StageView::failed_tasks, d)},
              {"gc_time_ms", Triple(&StageView::gc_time_ms, d)},
              {"shuffle_read_bytes", Triple(&StageView::shuffle_read_bytes, d)},
              {"shuffle_write_bytes", Triple(&StageView::shuffle_write_bytes, d)},
              {"spill_bytes", Triple(&StageView::spill_bytes, d)},
              {"input_bytes", Triple(&StageView::input_bytes, d)},
              {"task_duration_max_ms", Triple(&StageView::task_duration_max_ms, d)}};
}

Json FindingJson(const FindingView& f) {
  return Json{{"rule_id", f.rule_id},
              {"severity", f.severity},
              {"entity", {{"kind", f.entity_kind}, {"id", f.entity_id}, {"name", f.entity_name}}},
              {"saving_ms", f.saving_ms},
              {"explanation", f.explanation}};
}

Json ChangeJson(const ConfigChange& change) {
  return Json{{"key", change.key},
              {"baseline", change.baseline ? Json(*change.baseline) : Json(nullptr)},
              {"candidate", change.candidate ? Json(*change.candidate) : Json(nullptr)}};
}

}  // namespace

std::string ComparisonJson(const Comparison& c) {
  Json doc;
  doc["comparison_schema_version"] = kComparisonSchemaVersion;
  doc["generator"] = std::string("sparkdx ") + Version();
  doc["status"] = BudgetStatusName(c.status);
  doc["inconclusive_reasons"] = c.inconclusive_reasons;
  doc["baseline"] = RunJson(c.baseline_label, c.baseline, c.runs_read);
  doc["candidate"] = RunJson(c.candidate_label, c.candidate, c.runs_read);

  const StageAlignment& a = c.alignment;
  Json baseline_only = Json::array(), candidate_only = Json::array();
  for (size_t i : a.baseline_only) baseline_only.push_back(StageRef(c.baseline.stages[i]));
  for (size_t i : a.candidate_only) candidate_only.push_back(StageRef(c.candidate.stages[i]));
  doc["alignment"] = Json{{"matched", a.pairs.size()},
                          {"by_structure", a.by_structure},
                          {"by_name", a.by_name},
                          {"by_similar_name", a.by_similar_name},
                          {"coverage", Rounded(a.coverage, 1e4)},
                          {"matched_task_time_share", Rounded(a.matched_task_time_share, 1e4)},
                          {"baseline_only", std::move(baseline_only)},
                          {"candidate_only", std::move(candidate_only)}};

  Json metrics = Json::array();
  std::optional<double> run_delta;
  for (const MetricDelta& m : c.run_metrics) {
    if (m.metric == "wall_clock_ms") run_delta = m.delta();
    metrics.push_back({{"metric", m.metric},
                       {"unit", m.unit},
                       {"baseline", Value(m.unit, m.baseline)},
                       {"candidate", Value(m.unit, m.candidate)},
                       {"delta", Value(m.unit, m.delta())},
                       {"delta_pct", Pct(m.delta_pct())}});
  }
  doc["run"] = std::move(metrics);
  int64_t run_delta_ms = run_delta ? static_cast<int64_t>(*run_delta) : 0;

  Json parts = Json::array();
  for (const PartDelta& p : c.parts) {
    parts.push_back({{"part", p.part},
                     {"label", p.label},
                     {"baseline_ms", p.baseline_ms},
                     {"candidate_ms", p.candidate_ms},
                     {"delta_ms", p.delta_ms()}});
  }
  doc["breakdown"] = std::move(parts);

  // The runtime change put on causes (breakdown parts that moved the run's
  // way, largest first) and on stages (StageDelta::attributed).
  Json causes = Json::array();
  std::vector<const PartDelta*> moved;
  for (const PartDelta& p : c.parts) {
    bool same_way = run_delta_ms != 0 && (p.delta_ms() > 0) == (run_delta_ms > 0);
    if (same_way && std::llabs(p.delta_ms()) >= kMinCauseMs) moved.push_back(&p);
  }
  std::stable_sort(moved.begin(), moved.end(),
                   [](const PartDelta* x, const PartDelta* y) { return std::llabs(x->delta_ms()) > std::llabs(y->delta_ms()); });
  for (const PartDelta* p : moved) causes.push_back({{"part", p->part}, {"label", p->label}, {"delta_ms", p->delta_ms()}});
  Json attributed = Json::array();
  for (const StageDelta& d : c.stages) {
    if (!d.attributed) continue;
    const StageView* any = d.baseline != nullptr ? d.baseline : d.candidate;
    attributed.push_back({{"baseline_stage_id", d.baseline != nullptr ? Json(d.baseline->stage_id) : Json(nullptr)},
                          {"candidate_stage_id", d.candidate != nullptr ? Json(d.candidate->stage_id) : Json(nullptr)},
                          {"name", any->name},
                          {"delta_ms", d.duration_delta_ms()},
                          {"likely_cause", d.likely_cause.empty() ? Json(nullptr) : Json(d.likely_cause)}});
  }
  doc["attribution"] = Json{{"wall_clock_delta_ms", run_delta ? Json(run_delta_ms) : Json(nullptr)},
                            {"causes", std::move(causes)},
                            {"stages", std::move(attributed)}};

  Json stages = Json::array();
  for (const StageDelta& d : c.stages) stages.push_back(StageDeltaJson(d, run_delta_ms));
  doc["stages"] = std::move(stages);

  Json added = Json::array(), removed = Json::array(), changed = Json::array();
  for (const ConfigChange& x : c.config.added) added.push_back(ChangeJson(x));
  for (const ConfigChange& x : c.config.removed) removed.push_back(ChangeJson(x));
  for (const ConfigChange& x : c.config.changed) changed.push_back(ChangeJson(x));
  doc["config"] = Json{{"available", c.config.available},
                       {"added", std::move(added)},
                       {"removed", std::move(removed)},
                       {"changed", std::move(changed)},
                       {"ignored_volatile_keys", c.config.ignored}};

  Json introduced = Json::array(), resolved = Json::array();
  for (const FindingView& f : c.findings.introduced) introduced.push_back(FindingJson(f));
  for (const FindingView& f : c.findings.resolved) resolved.push_back(FindingJson(f));
  doc["findings"] = Json{{"introduced", std::move(introduced)},
                         {"resolved", std::move(resolved)},
                         {"persisting", c.findings.persisting}};

  Json checks = Json::array();
  for (const CompareCheck& check : c.checks) {
    checks.push_back({{"budget", check.budget},
                      {"limit_pct", Rounded(check.limit_pct, 100)},
                      {"measured_pct", Pct(check.measured_pct)},
                      {"baseline", Value(check.unit, check.baseline)},
                      {"candidate", Value(check.unit, check.candidate)},
                      {"unit", check.unit.empty() ? Json(nullptr) : Json(check.unit)},
                      {"status", BudgetStatusName(check.status)},
                      {"reason", check.reason}});
  }
  BudgetStatus budgets_status = BudgetStatus::kPass;
  for (const CompareCheck& check : c.checks) budgets_status = std::max(budgets_status, check.status);
  doc["budgets"] = Json{{"status", BudgetStatusName(budgets_status)}, {"checks", std::move(checks)}};
  return doc.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace sparkdx
