#include "report/html/render_html.h"

#include <string>

#include "report/html/html_charts.h"
#include "report/html/html_generic.h"
#include "report/html/html_page.h"
#include "report/json_read.h"

namespace sparkdx::html {
namespace {

using Json = nlohmann::ordered_json;
using namespace report_json;

std::string E(const Json& value, const char* fallback = "-") { return Escape(Str(value, fallback)); }

// A class name from a closed set; anything else reads as the default.
std::string SeverityClass(const std::string& severity) {
  if (severity == "critical" || severity == "warning" || severity == "info") return severity;
  return "info";
}
std::string BudgetClass(const std::string& status) {
  if (status == "pass" || status == "violated" || status == "inconclusive") return status;
  return "inconclusive";
}

std::string Fact(const std::string& label, const std::string& value_html) {
  return "<div><span class=\"label\">" + Escape(label) + "</span><span class=\"value\">" + value_html +
         "</span></div>";
}

std::string EvidenceValue(const Json& e) {
  const std::string unit = Str(At(e, "unit"));
  const double value = Number(At(e, "value"));
  if (unit == "ms") return HumanDuration(static_cast<int64_t>(value));
  if (unit == "bytes") return HumanBytes(value > 0 ? static_cast<uint64_t>(value) : 0);
  if (unit == "ratio") return HumanRatio(value);
  if (unit == "fraction") return HumanPercent(value);
  return Str(At(e, "value")) + (unit == "count" || unit == "-" ? "" : " " + unit);
}

std::string EntityText(const Json& entity) {
  std::string where = Str(At(entity, "kind"));
  if (!Str(At(entity, "id"), "").empty()) where += " " + Str(At(entity, "id"));
  const std::string name = Str(At(entity, "name"), "");
  if (!name.empty()) where += " (" + name + ")";
  return where;
}

std::string Finding(const Json& f, int n) {
  const std::string severity = SeverityClass(Str(At(f, "severity")));
  std::string out = "<article class=\"sdx-card sdx-finding " + severity + "\">\n<h3>" + std::to_string(n) +
                    ". <span class=\"sdx-badge " + severity + "\">" + E(At(f, "severity")) + "</span> <code>" +
                    E(At(f, "rule_id")) + "</code> on " + Escape(EntityText(At(f, "entity"))) + "</h3>\n";
  out += "<p>" + E(At(f, "explanation"), "") + "</p>\n";
  const Json& actions = Items(At(f, "recommendation"));
  if (!actions.empty()) {
    out += "<ul class=\"sdx-actions\">";
    for (const Json& action : actions) {
      out += "<li>" + E(At(action, "text"), "");
      if (At(action, "conf_line").is_string()) out += "<code class=\"sdx-conf\">" + E(At(action, "conf_line")) + "</code>";
      out += "</li>";
    }
    out += "</ul>\n";
  }
  const Json& impact = At(f, "impact");
  out += "<p><strong>Impact:</strong> " + E(At(impact, "estimate"), "") + " <span class=\"muted\">Confidence: " +
         E(At(f, "confidence")) + ".</span></p>\n";
  const Json& evidence = Items(At(f, "evidence"));
  if (!evidence.empty()) {
    out += "<details><summary>Evidence</summary><table class=\"sdx-table\"><thead><tr><th>measure</th>"
           "<th class=\"num\">value</th></tr></thead><tbody>";
    for (const Json& e : evidence) {
      out += "<tr><td>" + E(At(e, "key")) + "</td><td class=\"num\">" + Escape(EvidenceValue(e)) + "</td></tr>";
    }
    out += "</tbody></table></details>\n";
  }
  return out + "</article>\n";
}

std::string Findings(const Json& app) {
  const Json& findings = Items(At(app, "findings"));
  std::string out = "<h2>Fix these first</h2>\n";
  if (findings.empty()) return out + "<p>No findings.</p>\n";
  out += "<table class=\"sdx-table\"><thead><tr><th class=\"num\">#</th><th>severity</th><th>rule</th><th>on</th>"
         "<th class=\"num\">saving</th></tr></thead><tbody>";
  int n = 0;
  for (const Json& f : findings) {
    const std::string severity = SeverityClass(Str(At(f, "severity")));
    out += "<tr><td class=\"num\">" + std::to_string(++n) + "</td><td><span class=\"sdx-badge " + severity + "\">" +
           E(At(f, "severity")) + "</span></td><td><code>" + E(At(f, "rule_id")) + "</code></td><td>" +
           Escape(EntityText(At(f, "entity"))) + "</td><td class=\"num\">" +
           Escape(Duration(At(At(f, "impact"), "saving_ms"))) + "</td></tr>";
  }
  out += "</tbody></table>\n";
  n = 0;
  for (const Json& f : findings) out += Finding(f, ++n);
  return out;
}

std::string Checks(const Json& app) {
  const Json& passed = Items(At(app, "checks_passed"));
  const Json& not_run = Items(At(app, "checks_not_run"));
  std::string out = "<details class=\"sdx-checks\"><summary>" + std::to_string(passed.size()) +
                    (passed.size() == 1 ? " check" : " checks") + " passed, " + std::to_string(not_run.size()) +
                    " could not run</summary>\n";
  if (!passed.empty()) {
    out += "<p>";
    bool first = true;
    for (const Json& id : passed) {
      out += std::string(first ? "" : " ") + "<code>" + E(id) + "</code>";
      first = false;
    }
    out += "</p>\n";
  }
  if (!not_run.empty()) {
    out += "<table class=\"sdx-table\"><thead><tr><th>not run</th><th>why</th></tr></thead><tbody>";
    for (const Json& c : not_run) {
      out += "<tr><td><code>" + E(At(c, "rule_id")) + "</code></td><td>" + E(At(c, "reason")) + "</td></tr>";
    }
    out += "</tbody></table>\n";
  }
  return out + "</details>\n";
}

std::string StreamingQueries(const Json& app) {
  const Json& queries = Items(At(app, "streaming_queries"));
  if (queries.empty()) return "";
  std::string out = "<h2>Streaming queries</h2>\n<table class=\"sdx-table\"><thead><tr><th>query</th><th>status</th>"
                    "<th class=\"num\">batches</th><th class=\"num\">input rows</th><th class=\"num\">batch median</th>"
                    "<th class=\"num\">batch max</th></tr></thead><tbody>";
  for (const Json& q : queries) {
    const Json& name = At(q, "name");
    out += "<tr><td>" + E(name.is_null() ? At(q, "id") : name) + "</td><td>" + E(At(q, "status")) +
           "</td><td class=\"num\">" + E(At(q, "batches")) + "</td><td class=\"num\">" + E(At(q, "input_rows")) +
           "</td><td class=\"num\">" + Escape(Duration(At(q, "batch_duration_ms_median"))) + "</td><td class=\"num\">" +
           Escape(Duration(At(q, "batch_duration_ms_max"))) + "</td></tr>";
  }
  return out + "</tbody></table>\n";
}

std::string Application(const Json& app) {
  std::string out = "<section class=\"sdx-card sdx-app\">\n<h1>" + E(At(app, "id"), "(unknown id)") +
                    " <span class=\"muted\">" + E(At(app, "name"), "(unnamed)") + "</span></h1>\n";
  out += "<div class=\"sdx-facts\">";
  out += Fact("Spark", E(At(app, "spark_version"), "unknown"));
  out += Fact("duration", Escape(Duration(At(app, "duration_ms"))) +
                              (Flag(At(app, "completed")) ? "" : " <span class=\"muted\">(no ApplicationEnd)</span>"));
  for (const char* key : {"jobs", "stages", "tasks", "executors", "sql_executions"}) {
    out += Fact(std::string(key) == "sql_executions" ? "SQL" : key, E(At(app, key)));
  }
  if (!At(app, "user").is_null()) out += Fact("user", E(At(app, "user")));
  if (!At(app, "attempt_id").is_null()) out += Fact("attempt", E(At(app, "attempt_id")));
  out += "</div>\n";
  out += "<p class=\"muted\">log " + E(At(app, "log")) + " (" + E(At(app, "layout")) + ", " +
         std::to_string(Items(At(app, "files")).size()) + " files)</p>\n";
  if (!Flag(At(app, "completed"))) {
    out += "<p class=\"muted\">No ApplicationEnd: the run crashed, was killed or was still running.</p>\n";
  }

  const Json& breakdown = At(app, "breakdown");
  if (breakdown.is_object()) {
    out += "<h2>Where the time went</h2>\n<p class=\"muted\">" + Escape(Duration(At(breakdown, "wall_clock_ms"))) +
           " of wall clock";
    if (At(breakdown, "core_efficiency").is_number()) {
      out += "; core efficiency " + HumanPercent(Number(At(breakdown, "core_efficiency"))) +
             " (task time / core time held)";
    }
    out += "</p>\n" + BreakdownBar(breakdown);
    const std::string chart = SlotsChart(At(breakdown, "slots_over_time"));
    if (!chart.empty()) out += "<h3>Executor slots alive and busy</h3>\n" + chart;
  }
  out += StreamingQueries(app);
  out += Findings(app);
  out += Checks(app);
  out += GenericSection("Stages", At(app, "stage_summaries"));
  out += GenericSection("What if", At(app, "simulation"));
  out += GenericSection("Cost", At(app, "cost"));
  return out + "</section>\n";
}

std::string Budgets(const Json& report) {
  const Json& budgets = At(report, "budgets");
  if (!budgets.is_object()) return "";
  const std::string status = BudgetClass(Str(At(budgets, "status")));
  std::string out = "<section class=\"sdx-card sdx-budgets\">\n<h2>Budgets <span class=\"sdx-badge " + status + "\">" +
                    E(At(budgets, "status")) + "</span></h2>\n";
  out += "<table class=\"sdx-table\"><thead><tr><th>status</th><th>budget</th><th>application</th><th>why</th></tr>"
         "</thead><tbody>";
  for (const Json& check : Items(At(budgets, "checks"))) {
    const std::string check_status = BudgetClass(Str(At(check, "status")));
    out += "<tr><td><span class=\"sdx-badge " + check_status + "\">" + E(At(check, "status")) + "</span></td><td><code>" +
           E(At(check, "budget")) + "</code></td><td>" + E(At(check, "application")) + "</td><td>" +
           E(At(check, "reason")) + "</td></tr>";
  }
  return out + "</tbody></table>\n</section>\n";
}

std::string Inputs(const Json& report) {
  std::string out = "<section class=\"sdx-card sdx-inputs\">\n<h2>Input</h2>\n<table class=\"sdx-table\"><thead><tr>"
                    "<th>file</th><th>codec</th><th class=\"num\">read</th><th class=\"num\">decoded</th>"
                    "<th>status</th></tr></thead><tbody>";
  for (const Json& input : Items(At(report, "inputs"))) {
    out += "<tr><td>" + E(At(input, "name")) + "</td><td>" + E(At(input, "codec"), "?") + "</td><td class=\"num\">" +
           HumanBytes(Count(At(input, "bytes_read"))) + "</td><td class=\"num\">" +
           HumanBytes(Count(At(input, "bytes_decoded"))) + "</td><td>" + E(At(input, "status"));
    if (!At(input, "error").is_null()) out += "<br><span class=\"muted\">" + E(At(input, "error")) + "</span>";
    out += "</td></tr>";
  }
  out += "</tbody></table>\n";
  const Json& a = At(report, "accounting");
  out += "<p>lines " + E(At(a, "lines")) + " = events " + E(At(a, "events")) + " + blank " + E(At(a, "blank_lines")) +
         " + malformed " + E(At(a, "malformed_lines")) + "; unknown events " + E(At(a, "unknown_events")) + "</p>\n";

  const Json& counts = At(report, "issue_counts");
  if (counts.is_object() && !counts.empty()) {
    out += "<h2>Issues</h2>\n<table class=\"sdx-table\"><thead><tr><th>kind</th><th class=\"num\">count</th></tr>"
           "</thead><tbody>";
    for (const auto& [kind, count] : counts.items()) {
      out += "<tr><td><code>" + Escape(kind) + "</code></td><td class=\"num\">" + E(count) + "</td></tr>";
    }
    out += "</tbody></table>\n";
    const Json& issues = Items(At(report, "issues"));
    if (!issues.empty()) {
      out += "<details><summary>" + std::to_string(issues.size()) + " listed issues</summary>"
             "<table class=\"sdx-table\"><thead><tr><th>severity</th><th>message</th><th>excerpt</th></tr></thead><tbody>";
      for (const Json& issue : issues) {
        out += "<tr><td>" + E(At(issue, "severity")) + "</td><td>" + E(At(issue, "message")) + "</td><td><code>" +
               E(At(issue, "excerpt"), "") + "</code></td></tr>";
      }
      out += "</tbody></table></details>\n";
    }
  }
  return out + "</section>\n";
}

}  // namespace

std::string RenderHtml(const Json& report) {
  const Json& applications = Items(At(report, "applications"));
  std::string body = "<header class=\"sdx-card\">\n<h1>sparkdx report</h1>\n<p class=\"muted\">" +
                     std::to_string(applications.size()) +
                     (applications.size() == 1 ? " application" : " applications") + "; " +
                     E(At(report, "generator")) + ", report schema " + E(At(report, "schema_version"));
  if (Flag(At(report, "redacted"))) body += "; redacted (names, hosts, paths and secrets replaced)";
  body += "</p>\n</header>\n";
  for (const Json& app : applications) body += Application(app);
  body += GenericSection("What if", At(report, "simulation"));
  body += GenericSection("Cost", At(report, "cost"));
  body += Budgets(report);
  body += Inputs(report);
  std::string title = "sparkdx report";
  if (applications.size() == 1) title += ": " + Str(At(applications[0], "name"), Str(At(applications[0], "id")).c_str());
  return Document(title, body);
}

}  // namespace sparkdx::html
