// What-if output for `sparkdx whatif` (docs/simulation.md): renders the
// "simulation" objects of a report produced by Analyzer::Finish (scenarios
// are chosen with AnalyzerOptions::whatif).
#ifndef SPARKDX_WHATIF_H_
#define SPARKDX_WHATIF_H_

#include <string>

namespace sparkdx {

// Text: per application, the self-check, warnings, a table of scenarios
// (wall clock, range, core-hours, cost) and the executor curve's knee.
// JSON (json = true): an array of {log, id, simulation}, indented.
std::string FormatWhatIf(const std::string& report_json, bool json);

}  // namespace sparkdx

#endif  // SPARKDX_WHATIF_H_
