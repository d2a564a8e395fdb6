#include "report/diagnosis_json.h"

#include <algorithm>
#include <cmath>

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

// Shares and ratios keep four decimals: enough for any chart, and stable
// text across platforms.
double Rounded(double value, double scale = 1e4) {
  if (!std::isfinite(value)) return 0;
  return std::round(value * scale) / scale;
}

// Lists at most this many no-task gaps (the longest); the count says how many there were.
constexpr size_t kListedGaps = 50;

Json PartsObject(const WallClockBreakdown& b) {
  Json parts = Json::object();
  for (int p = 0; p < kWallClockPartCount; ++p) parts[WallClockPartKey(static_cast<WallClockPart>(p))] = b.part_ms[p];
  return parts;
}

Json BreakdownJson(const AppAnalysis& a) {
  const WallClockBreakdown& b = a.breakdown;
  Json parts = Json::array();
  for (int p = 0; p < kWallClockPartCount; ++p) {
    WallClockPart part = static_cast<WallClockPart>(p);
    parts.push_back({{"part", WallClockPartKey(part)},
                     {"label", WallClockPartLabel(part)},
                     {"ms", b.part_ms[p]},
                     {"share", Rounded(b.ShareOf(part))}});
  }
  std::vector<NoTaskGap> gaps = b.gaps;
  std::stable_sort(gaps.begin(), gaps.end(),
                   [](const NoTaskGap& x, const NoTaskGap& y) { return x.duration_ms() > y.duration_ms(); });
  Json gap_list = Json::array();
  for (size_t i = 0; i < gaps.size() && i < kListedGaps; ++i) {
    gap_list.push_back({{"start_ms", gaps[i].start_ms},
                        {"end_ms", gaps[i].end_ms},
                        {"duration_ms", gaps[i].duration_ms()},
                        {"waiting_for_executors", gaps[i].waiting_for_executors}});
  }
  Json alive = Json::array(), busy = Json::array();
  for (const SlotSample& s : b.samples) {
    alive.push_back(Rounded(s.alive_slots, 100));
    busy.push_back(Rounded(s.busy_slots, 100));
  }
  int64_t interval_ms = b.samples.empty() ? 0 : (b.duration_ms() + static_cast<int64_t>(b.samples.size()) - 1) /
                                                     static_cast<int64_t>(b.samples.size());
  Json jobs = Json::array();
  for (const auto& [id, jb] : a.job_breakdowns) {
    jobs.push_back({{"job_id", id}, {"wall_clock_ms", jb.duration_ms()}, {"parts", PartsObject(jb)}});
  }
  Json sql = Json::array();
  for (const auto& [id, sb] : a.sql_breakdowns) {
    sql.push_back({{"execution_id", id}, {"wall_clock_ms", sb.duration_ms()}, {"parts", PartsObject(sb)}});
  }
  Json paths = Json::array();
  for (const CriticalPath& path : a.critical_paths) {
    paths.push_back({{"job_id", path.job_id}, {"stage_ids", path.stage_ids}, {"stage_span_ms", path.stage_span_ms}});
  }
  return Json{{"wall_clock_ms", b.duration_ms()},
              {"end_observed", a.window.end_observed},
              {"parts", std::move(parts)},
              {"core_time_held_ms", b.alive_slot_ms},
              {"core_time_busy_ms", b.busy_slot_ms},
              {"core_efficiency", b.alive_slot_ms > 0 ? Json(Rounded(static_cast<double>(b.busy_slot_ms) /
                                                                     static_cast<double>(b.alive_slot_ms)))
                                                      : Json(nullptr)},
              {"no_task_gaps_count", b.gaps.size()},
              {"no_task_gaps", std::move(gap_list)},
              {"slots_over_time", {{"start_ms", b.start_ms}, {"interval_ms", interval_ms}, {"alive", alive}, {"busy", busy}}},
              {"jobs", std::move(jobs)},
              {"sql", std::move(sql)},
              {"critical_paths", std::move(paths)}};
}

Json FindingJson(const Finding& f, int64_t run_ms) {
  Json evidence = Json::array();
  for (const Evidence& e : f.evidence) {
    double value = e.unit == "ratio" || e.unit == "fraction" ? Rounded(e.value) : e.value;
    Json number = value == std::floor(value) && std::fabs(value) < 9e15 ? Json(static_cast<int64_t>(value)) : Json(value);
    evidence.push_back({{"key", e.key}, {"value", std::move(number)}, {"unit", e.unit}});
  }
  Json actions = Json::array();
  for (const Recommendation& r : f.recommendations) {
    Json action = {{"text", r.text}};
    if (!r.config_key.empty()) {
      action["config_key"] = r.config_key;
      action["config_value"] = r.config_value;
      action["conf_line"] = "--conf " + r.config_key + "=" + r.config_value;
    } else {
      action["config_key"] = nullptr;
      action["config_value"] = nullptr;
      action["conf_line"] = nullptr;
    }
    actions.push_back(std::move(action));
  }
  return Json{{"rule_id", f.rule_id},
              {"severity", FindingSeverityName(f.severity)},
              {"category", FindingCategoryName(f.category)},
              {"entity", {{"kind", EntityKindName(f.entity.kind)}, {"id", f.entity.id}, {"name", f.entity.name}}},
              {"cause", f.cause.empty() ? Json(nullptr) : Json(f.cause)},
              {"evidence", std::move(evidence)},
              {"explanation", f.explanation},
              {"recommendation", std::move(actions)},
              {"impact",
               {{"saving_ms", f.saving_ms},
                {"saving_share", run_ms > 0 ? Rounded(static_cast<double>(f.saving_ms) / static_cast<double>(run_ms)) : 0.0},
                {"saving_core_ms", f.saving_core_ms},
                {"estimate", f.impact}}},
              {"confidence", ConfidenceName(f.confidence)}};
}

}  // namespace

void AddDiagnosisJson(const AppAnalysis& analysis, const Diagnosis& diagnosis, Json* application) {
  (*application)["breakdown"] = BreakdownJson(analysis);
  Json findings = Json::array();
  for (const Finding& f : diagnosis.findings) findings.push_back(FindingJson(f, analysis.window.duration_ms()));
  (*application)["findings"] = std::move(findings);
  (*application)["checks_passed"] = diagnosis.checks_passed;
  Json not_run = Json::array();
  for (const CheckNotRun& c : diagnosis.checks_not_run) not_run.push_back({{"rule_id", c.rule_id}, {"reason", c.reason}});
  (*application)["checks_not_run"] = std::move(not_run);
}

}  // namespace sparkdx
