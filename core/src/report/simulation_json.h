// The "simulation" object of an application's report entry
// (docs/report.md, docs/simulation.md): the self-check of the scheduler
// simulator against the observed run, its validity, the executor curve's
// knee and every what-if scenario.
#ifndef SPARKDX_REPORT_SIMULATION_JSON_H_
#define SPARKDX_REPORT_SIMULATION_JSON_H_

#include <nlohmann/json.hpp>

#include "simulate/simulation.h"

namespace sparkdx {

nlohmann::ordered_json SimulationJson(const simulate::Simulation& simulation);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_SIMULATION_JSON_H_
