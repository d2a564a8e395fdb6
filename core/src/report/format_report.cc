// FormatReport: the renderers. They read only the JSON report.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

#include "base/format.h"
#include "sparkdx/analyzer.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

std::string Str(const Json& value, const char* fallback = "-") {
  if (value.is_null()) return fallback;
  if (value.is_string()) return value.get<std::string>();
  return value.dump();
}

std::string Duration(const Json& value) {
  if (!value.is_number()) return "-";
  double seconds = value.get<double>() / 1000.0;
  char buffer[64];
  if (seconds < 60) {
    std::snprintf(buffer, sizeof(buffer), "%.1f s", seconds);
  } else if (seconds < 3600) {
    std::snprintf(buffer, sizeof(buffer), "%d min %02d s", static_cast<int>(seconds / 60),
                  static_cast<int>(seconds) % 60);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%d h %02d min", static_cast<int>(seconds / 3600),
                  (static_cast<int>(seconds) % 3600) / 60);
  }
  return buffer;
}

std::string RenderText(const Json& report) {
  std::string out;
  out += Str(report["generator"]) + " report (schema " + Str(report["schema_version"]) + ")\n";
  const Json& applications = report["applications"];
  out += "\n" + std::to_string(applications.size()) + (applications.size() == 1 ? " application\n" : " applications\n");
  for (const Json& app : applications) {
    out += "\n  " + Str(app["id"], "(unknown id)") + "  " + Str(app["name"], "(unnamed)") + "\n";
    if (!app["attempt_id"].is_null()) out += "    attempt:        " + Str(app["attempt_id"]) + "\n";
    out += "    spark version:  " + Str(app["spark_version"], "unknown") + "\n";
    out += "    duration:       " + Duration(app["duration_ms"]) +
           (app["completed"].get<bool>() ? "" : "  (no ApplicationEnd: crashed, killed or still running)") + "\n";
    out += "    jobs " + Str(app["jobs"]) + ", stages " + Str(app["stages"]) + " (" + Str(app["stage_attempts"]) +
           " attempts), tasks " + Str(app["tasks"]) + ", executors " + Str(app["executors"]) + ", sql " +
           Str(app["sql_executions"]) + "\n";
    out += "    log:            " + Str(app["log"]) + " (" + Str(app["layout"]) + ", " +
           std::to_string(app["files"].size()) + (app["files"].size() == 1 ? " file" : " files") + ")\n";
  }
  const Json& accounting = report["accounting"];
  out += "\nInput\n";
  for (const Json& input : report["inputs"]) {
    out += "  " + Str(input["name"]) + "  " + Str(input["codec"], "?") + "  " +
           HumanBytes(input["bytes_read"].get<uint64_t>()) + " -> " +
           HumanBytes(input["bytes_decoded"].get<uint64_t>()) + "  " + Str(input["status"]) + "\n";
    if (!input["error"].is_null()) out += "    " + Str(input["error"]) + "\n";
  }
  out += "  lines " + Str(accounting["lines"]) + " = events " + Str(accounting["events"]) + " + blank " +
         Str(accounting["blank_lines"]) + " + malformed " + Str(accounting["malformed_lines"]) + "; unknown events " +
         Str(accounting["unknown_events"]) + "\n";
  const Json& counts = report["issue_counts"];
  if (!counts.empty()) {
    out += "\nIssues\n";
    for (const auto& [kind, count] : counts.items()) out += "  " + kind + ": " + Str(count) + "\n";
    size_t shown = 0;
    for (const Json& issue : report["issues"]) {
      if (issue["severity"] == "info") continue;
      if (++shown > 10) {
        out += "  ... (see the JSON report for every issue)\n";
        break;
      }
      out += "  [" + Str(issue["severity"]) + "] " + Str(issue["message"]) + "\n";
    }
  }
  return out;
}

}  // namespace

std::string FormatReport(const std::string& report_json, ReportFormat format) {
  Json report = Json::parse(report_json, nullptr, /*allow_exceptions=*/false);
  if (report.is_discarded()) return report_json;
  switch (format) {
    case ReportFormat::kJson: return report.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    case ReportFormat::kJsonCompact: return report.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    case ReportFormat::kText: return RenderText(report);
  }
  return report_json;
}

}  // namespace sparkdx
