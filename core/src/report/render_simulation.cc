#include "report/render_simulation.h"

#include <cmath>
#include <cstdio>
#include <string>

#include "base/format.h"
#include "report/json_read.h"
#include "sparkdx/whatif.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;
using namespace report_json;

std::string SignedPercent(const Json& pct) {
  if (!pct.is_number()) return "-";
  if (std::abs(Number(pct)) < 0.05) return "0.0%";  // not "-0.0%"
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f%%", Number(pct));
  return text;
}

std::string SelfCheckLine(const Json& sim) {
  if (!Flag(At(sim, "simulated"))) return "not simulated: nothing to replay";
  return "replaying the observed run gives " + Duration(At(sim, "replayed_wall_clock_ms")) + " against " +
         Duration(At(sim, "observed_wall_clock_ms")) + " observed (" + SignedPercent(At(sim, "self_check_error_pct")) +
         "); " + (Flag(At(sim, "valid")) ? "valid" : "NOT valid: predictions are indicative only");
}

std::string Usd(const Json& value) {
  if (!value.is_number()) return "n/a";
  char text[32];
  std::snprintf(text, sizeof text, "$%.2f", Number(value));
  return text;
}

std::string Hours(const Json& value) {
  char text[32];
  std::snprintf(text, sizeof text, "%.2f", Number(value));
  return text;
}

std::string Pad(const std::string& text, size_t width) {
  return text.size() >= width ? text + " " : text + std::string(width - text.size(), ' ');
}

std::string KneeLine(const Json& sim) {
  const Json& knee = At(sim, "knee");
  if (!knee.is_object()) return "";
  return "knee of the executor curve: " + Str(At(knee, "executors")) + " executors (" + Str(At(knee, "reason")) + ")";
}

}  // namespace

std::string RenderSimulationSummary(const Json& sim, const std::string& indent) {
  if (!sim.is_object()) return "";
  std::string out = indent + "What-if simulation: " + SelfCheckLine(sim) + "\n";
  std::string knee = KneeLine(sim);
  if (!knee.empty()) out += indent + "  " + knee + "\n";
  return out;
}

std::string RenderSimulationTable(const Json& sim, const std::string& indent) {
  if (!sim.is_object()) return indent + "no simulation in this report\n";
  std::string out = indent + "self-check: " + SelfCheckLine(sim) + "\n";
  for (const Json& w : Items(At(sim, "warnings"))) out += indent + "  warning (" + Str(At(w, "kind")) + "): " + Str(At(w, "message")) + "\n";
  const Json& o = At(sim, "observed");
  out += indent + "observed: " + Str(At(o, "executors")) + " executors x " + Str(At(o, "executor_cores")) + " cores, " +
         HumanBytes(Count(At(o, "executor_memory_bytes"))) + " each, " + Str(At(o, "shuffle_partitions")) +
         " shuffle partitions" + (Flag(At(o, "dynamic_allocation")) ? ", dynamic allocation" : "") + "\n";
  const Json& scenarios = Items(At(sim, "scenarios"));
  if (scenarios.empty()) return out;
  out += "\n" + indent + Pad("wall clock", 13) + Pad("range", 26) + Pad("core-h", 9) + Pad("cost", 10) + "scenario\n";
  for (const Json& s : scenarios) {
    std::string range = Duration(At(s, "low_ms")) + " - " + Duration(At(s, "high_ms"));
    std::string name = Str(At(s, "name"));
    if (Str(At(s, "source")) == "user") name += " *";
    out += indent + Pad(Duration(At(s, "wall_clock_ms")), 13) + Pad(range, 26) + Pad(Hours(At(s, "core_hours")), 9) +
           Pad(Usd(At(s, "cost_usd")), 10) + name + "\n";
    if (!Flag(At(s, "finished"))) out += indent + "  (the model could not run all the work)\n";
  }
  out += indent + "(* asked for; ranges from the self-check error and the model's extrapolation" +
         (Flag(At(sim, "priced")) ? ")\n" : "; cost n/a: no price known)\n");
  std::string knee = KneeLine(sim);
  if (!knee.empty()) out += indent + knee + "\n";
  return out;
}

std::string FormatWhatIf(const std::string& report_json, bool json) {
  Json report = Json::parse(report_json, nullptr, /*allow_exceptions=*/false);
  if (report.is_discarded() || !report.is_object()) return "sparkdx: not a JSON document\n";
  if (json) {
    Json out = Json::array();
    for (const Json& app : Items(At(report, "applications"))) {
      out.push_back(Json{{"log", At(app, "log")}, {"id", At(app, "id")}, {"simulation", At(app, "simulation")}});
    }
    return out.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
  }
  std::string out;
  const Json& applications = Items(At(report, "applications"));
  if (applications.empty()) return "no application in the input\n";
  for (const Json& app : applications) {
    if (!out.empty()) out += "\n";
    out += Str(At(app, "id"), "(unknown id)") + "  " + Str(At(app, "name"), "(unnamed)") + "  (" + Str(At(app, "log")) + ")\n";
    out += RenderSimulationTable(At(app, "simulation"), "  ");
  }
  return out;
}

}  // namespace sparkdx
