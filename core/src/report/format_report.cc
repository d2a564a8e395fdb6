// FormatReport: the renderers. They read only the JSON report, through
// accessors that tolerate any JSON (a missing key or an unexpected type reads
// as null), so no input can make them throw.
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>

#include "base/format.h"
#include "report/ansi_style.h"
#include "report/html/render_html.h"
#include "report/json_read.h"
#include "report/render_budgets.h"
#include "report/render_cost.h"
#include "report/render_markdown.h"
#include "report/render_simulation.h"
#include "sparkdx/analyzer.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;
using namespace report_json;

std::string Plural(size_t n, const char* one, const char* many) {
  return std::to_string(n) + " " + (n == 1 ? one : many);
}

// Parts under half a percent are left out of the text; the JSON has all.
std::string RenderBreakdown(const Json& breakdown, const AnsiStyle& style) {
  if (!breakdown.is_object()) return "";
  std::string out = "\n    " + style.Heading("Where the time went") + " (" + Duration(At(breakdown, "wall_clock_ms")) +
                    " of wall clock)\n";
  out += style.BreakdownBar(At(breakdown, "parts"), "      ");
  for (const Json& part : Items(At(breakdown, "parts"))) {
    double share = Number(At(part, "share"));
    if (share < 0.005) continue;
    char line[160];
    std::snprintf(line, sizeof line, "      %5.1f%%  %-12s  %s\n", share * 100, Duration(At(part, "ms")).c_str(),
                  Str(At(part, "label")).c_str());
    out += line;
  }
  if (At(breakdown, "core_efficiency").is_number()) {
    out += "      core efficiency " + HumanPercent(Number(At(breakdown, "core_efficiency"))) +
           " (task time / core time held)\n";
  }
  return out;
}

std::string RenderFindings(const Json& app, const AnsiStyle& style) {
  const Json& findings = Items(At(app, "findings"));
  std::string out;
  if (findings.empty()) {
    out += "\n    No findings.\n";
  } else {
    out += "\n    " + style.Heading("Findings, fix these first") + "\n";
    int n = 0;
    for (const Json& f : findings) {
      const Json& entity = At(f, "entity");
      std::string where = Str(At(entity, "kind"));
      if (!Str(At(entity, "id"), "").empty()) where += " " + Str(At(entity, "id"));
      const std::string severity = Str(At(f, "severity"));
      out += "\n    " + std::to_string(++n) + ". [" + style.Status(severity, severity) + "] " + Str(At(f, "rule_id")) +
             "  " + where + "\n";
      out += "       " + Str(At(f, "explanation")) + "\n";
      for (const Json& action : Items(At(f, "recommendation"))) {
        out += "       -> " + Str(At(action, "text")) + "\n";
        if (!At(action, "conf_line").is_null()) out += "          " + Str(At(action, "conf_line")) + "\n";
      }
      out += "       impact: " + Str(At(At(f, "impact"), "estimate")) + " (confidence " + Str(At(f, "confidence")) +
             ")\n";
    }
  }
  size_t passed = Items(At(app, "checks_passed")).size();
  const Json& not_run = Items(At(app, "checks_not_run"));
  out += "\n    " + Plural(passed, "check", "checks") + " passed";
  if (!not_run.empty()) {
    out += "; could not run:";
    for (const Json& c : not_run) out += "\n      " + Str(At(c, "rule_id")) + ": " + Str(At(c, "reason"));
  }
  return out + "\n";
}

// One line per structured streaming query run, e.g.
// "streaming query counts: failed, 8 batches, 641 input rows, batch median 0.4 s (max 7.1 s)".
std::string RenderStreamingQueries(const Json& app) {
  std::string out;
  for (const Json& query : Items(At(app, "streaming_queries"))) {
    const Json& name = At(query, "name");
    out += "    streaming query " + Str(name.is_null() ? At(query, "id") : name) + ": " + Str(At(query, "status")) +
           ", " + Plural(Count(At(query, "batches")), "batch", "batches") + ", " +
           Str(At(query, "input_rows")) + " input rows";
    if (!At(query, "batch_duration_ms_median").is_null()) {
      out += ", batch median " + Duration(At(query, "batch_duration_ms_median")) + " (max " +
             Duration(At(query, "batch_duration_ms_max")) + ")";
    }
    out += "\n";
    const Json& exception = At(query, "exception");
    if (exception.is_string()) {
      std::string text = exception.get<std::string>();
      out += "      " + Excerpt(text.substr(0, text.find('\n')), 160) + "\n";
    }
  }
  return out;
}

std::string RenderApplication(const Json& app, const AnsiStyle& style) {
  std::string out =
      "\n  " + style.Heading(Str(At(app, "id"), "(unknown id)") + "  " + Str(At(app, "name"), "(unnamed)")) + "\n";
  if (!At(app, "attempt_id").is_null()) out += "    attempt:        " + Str(At(app, "attempt_id")) + "\n";
  out += "    spark version:  " + Str(At(app, "spark_version"), "unknown") + "\n";
  out += "    duration:       " + Duration(At(app, "duration_ms")) +
         (Flag(At(app, "completed")) ? "" : "  (no ApplicationEnd: crashed, killed or still running)") + "\n";
  out += "    jobs " + Str(At(app, "jobs")) + ", stages " + Str(At(app, "stages")) + " (" +
         Str(At(app, "stage_attempts")) + " attempts), tasks " + Str(At(app, "tasks")) + ", executors " +
         Str(At(app, "executors")) + ", sql " + Str(At(app, "sql_executions")) + "\n";
  out += "    log:            " + Str(At(app, "log")) + " (" + Str(At(app, "layout")) + ", " +
         Plural(Items(At(app, "files")).size(), "file", "files") + ")\n";
  out += RenderStreamingQueries(app);
  out += RenderBreakdown(At(app, "breakdown"), style);
  std::string simulation = RenderSimulationSummary(At(app, "simulation"), "    ");
  if (!simulation.empty()) out += "\n" + simulation;
  out += RenderCostText(app);
  out += RenderFindings(app, style);
  return out;
}

std::string RenderText(const Json& report, const AnsiStyle& style) {
  std::string out = Str(At(report, "generator")) + " report (schema " + Str(At(report, "schema_version")) +
                    (Flag(At(report, "redacted")) ? ", redacted" : "") + ")\n";
  const Json& applications = Items(At(report, "applications"));
  out += "\n" + Plural(applications.size(), "application", "applications") + "\n";
  for (const Json& app : applications) out += RenderApplication(app, style);

  out += "\n" + style.Heading("Input") + "\n";
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
    out += "\n" + style.Heading("Issues") + "\n";
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
        out += "  [" + style.Status(severity, severity) + "] " + Str(At(issue, "message")) + "\n";
      }
    }
    if (hidden > 0) out += "  ... and " + std::to_string(hidden) + " more (the JSON report lists every issue)\n";
  }
  return out + RenderBudgetsText(report);
}

}  // namespace

std::string FormatReport(const std::string& report_json, ReportFormat format) {
  return FormatReport(report_json, format, FormatOptions{});
}

std::string FormatReport(const std::string& report_json, ReportFormat format, const FormatOptions& options) {
  Json report = Json::parse(report_json, nullptr, /*allow_exceptions=*/false);
  if (report.is_discarded()) return "sparkdx: not a JSON document\n";
  switch (format) {
    case ReportFormat::kJson: return report.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    case ReportFormat::kJsonCompact: return report.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    case ReportFormat::kText:
      if (!report.is_object() || !At(report, "schema_version").is_number()) return "sparkdx: not a sparkdx report\n";
      return RenderText(report, AnsiStyle(options.ansi_color));
    case ReportFormat::kMarkdown:
      if (!report.is_object() || !At(report, "schema_version").is_number()) return "sparkdx: not a sparkdx report\n";
      return RenderMarkdown(report);
    case ReportFormat::kHtml:
      if (!report.is_object() || !At(report, "schema_version").is_number()) return "sparkdx: not a sparkdx report\n";
      return html::RenderHtml(report);
  }
  return report_json;
}

}  // namespace sparkdx
