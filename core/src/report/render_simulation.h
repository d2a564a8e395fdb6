// Renderers of an application's "simulation" object (docs/simulation.md):
// the full what-if table `sparkdx whatif` prints, and the few lines the
// text and Markdown reports show. They read the JSON only and tolerate any
// JSON (a missing key reads as null).
#ifndef SPARKDX_REPORT_RENDER_SIMULATION_H_
#define SPARKDX_REPORT_RENDER_SIMULATION_H_

#include <nlohmann/json.hpp>

#include <string>

namespace sparkdx {

// The self-check line and the knee, indented for the text report ("" when
// the application has no simulation).
std::string RenderSimulationSummary(const nlohmann::ordered_json& simulation, const std::string& indent);

// The self-check, warnings, the scenario table and the knee.
std::string RenderSimulationTable(const nlohmann::ordered_json& simulation, const std::string& indent);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_RENDER_SIMULATION_H_
