#include "report/render_markdown.h"
#include "report/render_simulation.h"

#include <cstdio>

#include "report/json_read.h"
#include "report/render_cost.h"
#include "report/render_budgets.h"

namespace sparkdx {
namespace {

using namespace report_json;

// Table cells and inline text: pipes and newlines would break the layout,
// and backticks or angle brackets from a log must not become markup.
std::string Cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    switch (c) {
      case '|': out += "\\|"; break;
      case '\n': out += ' '; break;
      case '`': out += '\''; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      default: out.push_back(c);
    }
  }
  return out;
}

std::string EvidenceValue(const Json& e) {
  std::string unit = Str(At(e, "unit"));
  double value = Number(At(e, "value"));
  if (unit == "ms") return HumanDuration(static_cast<int64_t>(value));
  if (unit == "bytes") return HumanBytes(value > 0 ? static_cast<uint64_t>(value) : 0);
  if (unit == "ratio") return HumanRatio(value);
  if (unit == "fraction") return HumanPercent(value);
  return Str(At(e, "value")) + (unit == "count" ? "" : " " + unit);
}

std::string RenderFinding(const Json& f, int n) {
  const Json& entity = At(f, "entity");
  std::string where = Str(At(entity, "kind"));
  if (!Str(At(entity, "id"), "").empty()) where += " " + Str(At(entity, "id"));
  std::string out = "#### " + std::to_string(n) + ". " + Str(At(f, "severity")) + ": `" + Str(At(f, "rule_id")) +
                    "` on " + Cell(where) + "\n\n";
  out += Cell(Str(At(f, "explanation"))) + "\n\n";
  for (const Json& action : Items(At(f, "recommendation"))) {
    out += "- " + Cell(Str(At(action, "text")));
    if (!At(action, "conf_line").is_null()) out += " `" + Str(At(action, "conf_line")) + "`";
    out += "\n";
  }
  out += "\n**Impact:** " + Cell(Str(At(At(f, "impact"), "estimate"))) + " Confidence: " + Str(At(f, "confidence")) +
         ".\n\n";
  out += "<details><summary>Evidence</summary>\n\n| measure | value |\n|---|---|\n";
  for (const Json& e : Items(At(f, "evidence"))) out += "| " + Cell(Str(At(e, "key"))) + " | " + EvidenceValue(e) + " |\n";
  out += "\n</details>\n\n";
  return out;
}

std::string RenderApplication(const Json& app) {
  std::string out = "### " + Cell(Str(At(app, "id"), "(unknown id)")) + " " + Cell(Str(At(app, "name"), "")) + "\n\n";
  out += "Spark " + Cell(Str(At(app, "spark_version"), "unknown")) + ", " + Duration(At(app, "duration_ms")) +
         (Flag(At(app, "completed")) ? "" : " (no ApplicationEnd: crashed, killed or still running)") + "; jobs " +
         Str(At(app, "jobs")) + ", stages " + Str(At(app, "stages")) + ", tasks " + Str(At(app, "tasks")) +
         ", executors " + Str(At(app, "executors")) + ".\n\n";
  const Json& breakdown = At(app, "breakdown");
  if (breakdown.is_object()) {
    out += "| where the time went | share | time |\n|---|---:|---:|\n";
    for (const Json& part : Items(At(breakdown, "parts"))) {
      if (Number(At(part, "share")) < 0.005) continue;
      out += "| " + Cell(Str(At(part, "label"))) + " | " + HumanPercent(Number(At(part, "share"))) + " | " +
             Duration(At(part, "ms")) + " |\n";
    }
    if (At(breakdown, "core_efficiency").is_number()) {
      out += "\nCore efficiency (task time / core time held): " + HumanPercent(Number(At(breakdown, "core_efficiency"))) +
             ".\n";
    }
    out += "\n";
  }
  out += RenderCostMarkdown(app);
  std::string simulation = RenderSimulationSummary(At(app, "simulation"), "");
  if (!simulation.empty()) out += simulation + "\n";
  const Json& findings = Items(At(app, "findings"));
  if (findings.empty()) {
    out += "No findings.\n\n";
  } else {
    out += "#### Fix these first\n\n| # | severity | rule | entity | saving |\n|---:|---|---|---|---:|\n";
    int n = 0;
    for (const Json& f : findings) {
      const Json& entity = At(f, "entity");
      out += "| " + std::to_string(++n) + " | " + Str(At(f, "severity")) + " | `" + Str(At(f, "rule_id")) + "` | " +
             Cell(Str(At(entity, "kind")) + " " + Str(At(entity, "id"), "")) + " | " +
             Duration(At(At(f, "impact"), "saving_ms")) + " |\n";
    }
    out += "\n";
    n = 0;
    for (const Json& f : findings) out += RenderFinding(f, ++n);
  }
  out += std::to_string(Items(At(app, "checks_passed")).size()) + " checks passed";
  const Json& not_run = Items(At(app, "checks_not_run"));
  if (!not_run.empty()) {
    out += "; could not run: ";
    bool first = true;
    for (const Json& c : not_run) {
      out += std::string(first ? "" : "; ") + "`" + Str(At(c, "rule_id")) + "` (" + Cell(Str(At(c, "reason"))) + ")";
      first = false;
    }
  }
  return out + ".\n\n";
}

}  // namespace

std::string RenderMarkdown(const Json& report) {
  std::string out = "## sparkdx report\n\n";
  for (const Json& app : Items(At(report, "applications"))) out += RenderApplication(app);
  const Json& counts = At(report, "issue_counts");
  if (counts.is_object() && !counts.empty()) {
    out += "#### Input issues\n\n| kind | count |\n|---|---:|\n";
    for (const auto& [kind, count] : counts.items()) out += "| `" + kind + "` | " + Str(count) + " |\n";
    out += "\n";
  }
  out += RenderBudgetsMarkdown(report);
  out += "<sub>" + Cell(Str(At(report, "generator"))) + ", report schema " + Str(At(report, "schema_version")) +
         (Flag(At(report, "redacted")) ? ", redacted" : "") + "</sub>\n";
  return out;
}

}  // namespace sparkdx
