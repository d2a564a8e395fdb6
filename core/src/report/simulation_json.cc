#include "report/simulation_json.h"

#include <cmath>
#include <string>

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

// Hours and money to 4 decimals, percentages to 2: enough to read, stable
// across platforms.
double Round(double value, int decimals) {
  double scale = std::pow(10.0, decimals);
  double rounded = std::round(value * scale) / scale;
  return rounded == 0 ? 0.0 : rounded;  // never -0.0 in the report
}

Json OptionalUsd(const std::optional<double>& usd) { return usd ? Json(Round(*usd, 4)) : Json(nullptr); }

Json ScenarioJson(const simulate::Scenario& s) {
  const simulate::ScenarioConfig& c = s.config;
  Json dynamic = nullptr;
  if (c.dynamic) dynamic = Json{{"min_executors", c.dynamic_min}, {"max_executors", c.dynamic_max}};
  Json assumptions = Json::array();
  for (const std::string& a : s.assumptions) assumptions.push_back(a);
  return Json{{"kind", simulate::ScenarioKindKey(s.kind)},
              {"name", s.name},
              {"source", s.source},
              {"executors", c.dynamic ? Json(nullptr) : Json(c.executors)},
              {"executor_cores", c.executor_cores},
              {"executor_memory_bytes", c.executor_memory_bytes},
              {"shuffle_partitions", c.shuffle_partitions > 0 ? Json(c.shuffle_partitions) : Json(nullptr)},
              {"dynamic_allocation", std::move(dynamic)},
              {"finished", s.finished},
              {"wall_clock_ms", s.wall_clock_ms},
              {"low_ms", s.low_ms},
              {"high_ms", s.high_ms},
              {"uncertainty", Round(s.uncertainty, 4)},
              {"core_hours", Round(s.core_hours, 4)},
              {"executor_hours", Round(s.executor_hours, 4)},
              {"memory_gib_hours", Round(s.memory_gib_hours, 4)},
              {"cost_usd", OptionalUsd(s.cost_usd)},
              {"assumptions", std::move(assumptions)}};
}

}  // namespace

nlohmann::ordered_json SimulationJson(const simulate::Simulation& sim) {
  Json warnings = Json::array();
  for (const simulate::SimulationWarning& w : sim.warnings) {
    warnings.push_back(Json{{"kind", w.kind}, {"message", w.message}, {"invalidates", w.invalidates}});
  }
  Json scenarios = Json::array();
  for (const simulate::Scenario& s : sim.scenarios) scenarios.push_back(ScenarioJson(s));
  const simulate::ObservedConfig& o = sim.observed;
  Json observed{{"executors", o.executors},
                {"executor_cores", o.executor_cores},
                {"slots_per_executor", o.slots_per_executor},
                {"task_cpus", o.task_cpus},
                {"executor_memory_bytes", o.executor_memory_bytes},
                {"shuffle_partitions", o.shuffle_partitions},
                {"dynamic_allocation", o.dynamic_allocation}};
  Json knee = nullptr;
  if (sim.knee_executors) knee = Json{{"executors", *sim.knee_executors}, {"reason", sim.knee_reason}};
  return Json{{"simulated", sim.simulated},
              {"valid", sim.valid},
              {"observed_wall_clock_ms", sim.observed_wall_clock_ms},
              {"replayed_wall_clock_ms", sim.simulated ? Json(sim.replayed_wall_clock_ms) : Json(nullptr)},
              {"self_check_error_pct", sim.simulated ? Json(Round(sim.self_check_error_pct, 2)) : Json(nullptr)},
              {"warnings", std::move(warnings)},
              {"task_attempts", sim.task_attempts},
              {"observed", std::move(observed)},
              {"replayed_core_hours", sim.simulated ? Json(Round(sim.replayed_core_hours, 4)) : Json(nullptr)},
              {"replayed_cost_usd", OptionalUsd(sim.replayed_cost_usd)},
              {"priced", sim.priced},
              {"knee", std::move(knee)},
              {"scenarios", std::move(scenarios)}};
}

}  // namespace sparkdx
