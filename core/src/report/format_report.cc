// FormatReport: the renderers. They read only the JSON report, through
// accessors that tolerate any JSON (a missing key or an unexpected type reads
// as null), so no input can make them throw.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

#include "base/format.h"
#include "sparkdx/analyzer.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

const Json& At(const Json& object, const char* key) {
  static const Json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

const Json& Items(const Json& array) {
  static const Json kEmpty = Json::array();
  return array.is_array() ? array : kEmpty;
}

std::string Str(const Json& value, const char* fallback = "-") {
  if (value.is_null()) return fallback;
  if (value.is_string()) return value.get<std::string>();
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

uint64_t Count(const Json& value) {
  if (value.is_number_unsigned()) return value.get<uint64_t>();
  if (value.is_number_integer() && value.get<int64_t>() > 0) return static_cast<uint64_t>(value.get<int64_t>());
  return 0;
}

bool Flag(const Json& value) { return value.is_boolean() && value.get<bool>(); }

// "12.3 s", "4 min 05 s", "3 h 07 min"; any int64 (clock skew can make a
// duration negative, a damaged log absurd) formats without overflow.
std::string Duration(const Json& value) {
  if (!value.is_number_integer()) return "-";
  int64_t ms = value.get<int64_t>();
  const char* sign = ms < 0 ? "-" : "";
  uint64_t magnitude = ms < 0 ? 0 - static_cast<uint64_t>(ms) : static_cast<uint64_t>(ms);
  unsigned long long seconds = magnitude / 1000;
  char buffer[80];
  if (magnitude < 60'000) {
    std::snprintf(buffer, sizeof(buffer), "%s%.1f s", sign, static_cast<double>(magnitude) / 1000.0);
  } else if (magnitude < 3'600'000) {
    std::snprintf(buffer, sizeof(buffer), "%s%llu min %02llu s", sign, seconds / 60, seconds % 60);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%s%llu h %02llu min", sign, seconds / 3600, (seconds % 3600) / 60);
  }
  return buffer;
}

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

std::string RenderApplication(const Json& app) {
  std::string out = "\n  " + Str(At(app, "id"), "(unknown id)") + "  " + Str(At(app, "name"), "(unnamed)") + "\n";
  if (!At(app, "attempt_id").is_null()) out += "    attempt:        " + Str(At(app, "attempt_id")) + "\n";
  out += "    spark version:  " + Str(At(app, "spark_version"), "unknown") + "\n";
  out += "    duration:       " + Duration(At(app, "duration_ms")) +
         (Flag(At(app, "completed")) ? "" : "  (no ApplicationEnd: crashed, killed or still running)") + "\n";
  out += "    jobs " + Str(At(app, "jobs")) + ", stages " + Str(At(app, "stages")) + " (" +
         Str(At(app, "stage_attempts")) + " attempts), tasks " + Str(At(app, "tasks")) + ", executors " +
         Str(At(app, "executors")) + ", sql " + Str(At(app, "sql_executions")) + "\n";
  out += "    log:            " + Str(At(app, "log")) + " (" + Str(At(app, "layout")) + ", " +
         Plural(Items(At(app, "files")).size(), "file", "files") + ")\n";
  return out;
}

std::string RenderText(const Json& report) {
  std::string out = Str(At(report, "generator")) + " report (schema " + Str(At(report, "schema_version")) + ")\n";
  const Json& applications = Items(At(report, "applications"));
  out += "\n" + Plural(applications.size(), "application", "applications") + "\n";
  for (const Json& app : applications) out += RenderApplication(app);

  out += "\nInput\n";
  for (const Json& input : Items(At(report, "inputs"))) {
    out += "  " + Str(At(input, "name")) + "  " + Str(At(input, "codec"), "?") + "  " +
           HumanBytes(Count(At(input, "bytes_read"))) + " -> " + HumanBytes(Count(At(input, "bytes_decoded"))) +
           "  " + Str(At(input, "status")) + "\n";
    if (!At(input, "error").is_null()) out += "    " + Str(At(input, "error")) + "\n";
  }
  const Json& accounting = At(report, "accounting");
  out += "  lines " + Str(At(accounting, "lines")) + " = events " + Str(At(accounting, "events")) + " + blank " +
         Str(At(accounting, "blank_lines")) + " + malformed " + Str(At(accounting, "malformed_lines")) +
         "; unknown events " + Str(At(accounting, "unknown_events")) + "\n";

  const Json& counts = At(report, "issue_counts");
  if (counts.is_object() && !counts.empty()) {
    out += "\nIssues\n";
    for (const auto& [kind, count] : counts.items()) out += "  " + kind + ": " + Str(count) + "\n";
    // Errors first, then warnings, at most kShownIssues; info stays in the JSON.
    constexpr size_t kShownIssues = 10;
    size_t shown = 0, hidden = 0;
    for (const char* severity : {"error", "warning"}) {
      for (const Json& issue : Items(At(report, "issues"))) {
        if (Str(At(issue, "severity")) != severity) continue;
        if (shown == kShownIssues) {
          ++hidden;
          continue;
        }
        ++shown;
        out += "  [" + std::string(severity) + "] " + Str(At(issue, "message")) + "\n";
      }
    }
    if (hidden > 0) out += "  ... and " + std::to_string(hidden) + " more (the JSON report lists every issue)\n";
  }
  return out;
}

}  // namespace

std::string FormatReport(const std::string& report_json, ReportFormat format) {
  Json report = Json::parse(report_json, nullptr, /*allow_exceptions=*/false);
  if (report.is_discarded()) return "sparkdx: not a JSON document\n";
  switch (format) {
    case ReportFormat::kJson: return report.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    case ReportFormat::kJsonCompact: return report.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    case ReportFormat::kText:
      if (!report.is_object() || !At(report, "schema_version").is_number()) return "sparkdx: not a sparkdx report\n";
      return RenderText(report);
  }
  return report_json;
}

}  // namespace sparkdx
