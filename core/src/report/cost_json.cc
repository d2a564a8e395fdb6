#include "report/cost_json.h"

#include <cmath>
#include <string>

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;
using cost::WasteCause;

// Money to a hundredth of a cent, hours to a millionth: more digits than
// the catalogs' precision would be invented.
Json Usd(double usd) { return std::round(usd * 1e4) / 1e4; }
// Rates keep the catalogs' own precision (EMR Serverless lists $0.0057785).
Json Rate(double usd) { return std::round(usd * 1e7) / 1e7; }
Json Hours(double hours) { return std::round(hours * 1e6) / 1e6; }
Json Share(double part, double whole) { return whole > 0 ? Json(std::round(part / whole * 1e4) / 1e4) : Json(nullptr); }
Json TextOrNull(const std::string& text) { return text.empty() ? Json(nullptr) : Json(text); }

Json CausesJson(const cost::RunCost& cost, const std::array<int64_t, cost::kWasteCauseCount>& slot_ms) {
  Json causes = Json::object();
  for (int c = 0; c < cost::kWasteCauseCount; ++c) {
    causes[cost::WasteCauseKey(static_cast<WasteCause>(c))] =
        cost.total_usd ? Usd(cost.WasteUsd(slot_ms[c])) : Json(nullptr);
  }
  return causes;
}

Json TargetsJson(const cost::RunCost& cost, const std::vector<cost::WasteTarget>& targets, bool stages,
                 int64_t waste_slot_ms) {
  Json list = Json::array();
  for (const cost::WasteTarget& target : targets) {
    Json item = Json::object();
    if (stages) {
      item["stage_id"] = target.id;
      item["attempt_id"] = target.attempt_id;
    } else {
      item["execution_id"] = target.id;
    }
    item["name"] = TextOrNull(target.name);
    item["slot_ms"] = target.total_slot_ms();
    item["usd"] = cost.total_usd ? Usd(cost.WasteUsd(target.total_slot_ms())) : Json(nullptr);
    item["share_of_waste"] = Share(static_cast<double>(target.total_slot_ms()), static_cast<double>(waste_slot_ms));
    item["by_cause_usd"] = CausesJson(cost, target.slot_ms);
    list.push_back(std::move(item));
  }
  return list;
}

Json RightSizingJson(const cost::RunCost& cost) {
  const cost::RightSizing& r = cost.right_sizing;
  if (!r.available) return nullptr;
  auto mib = [](int64_t bytes) { return std::to_string(bytes / kMiB) + "m"; };
  return Json{{"headroom", cost::kRightSizingHeadroom},
              {"executors_with_peaks", r.executors_with_peaks},
              {"peak_heap_bytes", r.peak_heap_bytes},
              {"peak_off_heap_bytes", r.peak_off_heap_bytes},
              {"peak_rss_bytes", r.peak_rss_bytes > 0 ? Json(r.peak_rss_bytes) : Json(nullptr)},
              {"current",
               {{"spark.executor.memory", mib(r.current_heap_bytes)},
                {"spark.executor.memoryOverhead", mib(r.current_overhead_bytes)}}},
              {"proposed",
               {{"spark.executor.memory", mib(r.proposed_heap_bytes)},
                {"spark.executor.memoryOverhead", mib(r.proposed_overhead_bytes)}}},
              {"memory_gib_hours_saved", Hours(r.memory_gib_hours_saved)},
              {"executors_per_instance_after",
               r.executors_per_instance_after > 0 ? Json(r.executors_per_instance_after) : Json(nullptr)},
              {"usd_saved", r.usd_saved ? Usd(*r.usd_saved) : Json(nullptr)}};
}

}  // namespace

Json CostJson(const cost::RunCost& cost) {
  const cost::PricingDecision& d = cost.decision;
  const cost::Pricing& p = d.pricing;
  const cost::ClusterShape& s = d.shape;
  Json out = Json::object();
  if (cost.total_usd) {
    out["total"] = Json{{"usd", Usd(*cost.total_usd)},
                        {"driver_usd", Usd(cost.driver_usd)},
                        {"executors_usd", Usd(cost.executors_usd)},
                        {"basis", p.basis},
                        {"catalog", p.catalog},
                        {"effective_date", TextOrNull(p.effective_date)},
                        {"source", TextOrNull(p.source)}};
    out["reason"] = nullptr;
  } else {
    out["total"] = nullptr;
    out["reason"] = d.unknown_reason.empty() ? Json("no price could be determined") : Json(d.unknown_reason);
  }
  out["notes"] = TextOrNull(d.notes);
  out["rates"] = p.known ? Json{{"usd_per_wall_clock_hour", Rate(p.usd_per_wall_clock_hour)},
                                {"usd_per_executor_hour", Rate(p.usd_per_executor_hour)},
                                {"usd_per_core_hour", Rate(p.usd_per_core_hour)},
                                {"usd_per_memory_gib_hour", Rate(p.usd_per_memory_gib_hour)}}
                         : Json(nullptr);
  out["cluster"] =
      Json{{"platform", TextOrNull(s.platform)},
           {"cloud", TextOrNull(s.cloud)},
           {"region", TextOrNull(s.region)},
           {"worker_node_type", TextOrNull(s.worker_node_type)},
           {"driver_node_type", TextOrNull(s.driver_node_type)},
           {"workers", s.workers >= 0 ? Json(s.workers) : Json(nullptr)},
           {"executor_cores", s.executor_cores > 0 ? Json(s.executor_cores) : Json(nullptr)},
           {"executor_memory_bytes", s.executor_heap_bytes},
           {"executor_overhead_bytes", s.executor_overhead_bytes},
           {"executors", s.executors_seen},
           {"peak_executors", s.peak_executors},
           {"executors_per_instance", d.executors_per_instance > 0 ? Json(d.executors_per_instance) : Json(nullptr)},
           {"photon", s.photon},
           {"evidence", TextOrNull(s.evidence)}};
  out["resource_use"] = Json{{"wall_clock_hours", Hours(cost.use.wall_clock_hours)},
                             {"executor_hours", Hours(cost.use.executor_hours)},
                             {"core_hours", Hours(cost.use.core_hours)},
                             {"memory_gib_hours", Hours(cost.use.memory_gib_hours)}};

  int64_t waste_slot_ms = 0;
  for (int64_t ms : cost.waste_slot_ms) waste_slot_ms += ms;
  Json by_cause = Json::array();
  for (int c = 0; c < cost::kWasteCauseCount; ++c) {
    WasteCause cause = static_cast<WasteCause>(c);
    by_cause.push_back(Json{{"cause", cost::WasteCauseKey(cause)},
                            {"label", cost::WasteCauseLabel(cause)},
                            {"slot_ms", cost.waste_slot_ms[c]},
                            {"usd", cost.total_usd ? Usd(cost.WasteUsd(cost.waste_slot_ms[c])) : Json(nullptr)}});
  }
  const double waste_usd = cost.WasteUsd(waste_slot_ms);
  out["waste"] = Json{{"usd", cost.total_usd ? Usd(waste_usd) : Json(nullptr)},
                      {"share_of_total", cost.total_usd ? Share(waste_usd, *cost.total_usd) : Json(nullptr)},
                      {"slot_ms", waste_slot_ms},
                      {"alive_slot_ms", cost.alive_slot_ms},
                      {"usd_per_slot_hour", cost.total_usd ? Usd(cost.usd_per_slot_hour) : Json(nullptr)},
                      {"by_cause", std::move(by_cause)},
                      {"stages", TargetsJson(cost, cost.stages, true, waste_slot_ms)},
                      {"sql_executions", TargetsJson(cost, cost.sql_executions, false, waste_slot_ms)}};
  out["right_sizing"] = RightSizingJson(cost);
  out["right_sizing_reason"] = cost.right_sizing.available ? Json(nullptr) : Json(cost.right_sizing.reason);
  return out;
}

}  // namespace sparkdx
