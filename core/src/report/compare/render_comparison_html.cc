// The comparison as self-contained HTML (report/html/html_page.h), with the
// classes of report/report.css that the web page shares: cards, facts,
// tables, badges and the better/worse delta colours.
#include <string>

#include "report/compare/comparison_values.h"
#include "report/compare/render_comparison.h"
#include "report/html/html_page.h"
#include "report/json_read.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;
using namespace report_json;
using namespace compare_view;
using html::Escape;

std::string Fact(const std::string& label, const std::string& value) {
  return "<div><span class=\"label\">" + Escape(label) + "</span><span class=\"value\">" + Escape(value) +
         "</span></div>";
}

std::string DeltaCell(const std::string& unit, const Json& delta, const Json& pct) {
  std::string direction = Direction(delta);
  std::string cls = direction == "worse" ? " sdx-delta-worse" : direction == "better" ? " sdx-delta-better" : "";
  std::string text = ShowDelta(unit, delta);
  std::string p = ShowPct(pct);
  if (!p.empty()) text += " (" + p + ")";
  return "<td class=\"num" + cls + "\">" + Escape(text) + "</td>";
}

std::string Badge(const std::string& status) {
  return "<span class=\"sdx-badge " + Escape(status) + "\">" + Escape(status) + "</span>";
}

std::string RunFacts(const char* role, const Json& run) {
  std::string out = "<div class=\"sdx-facts\">" + Fact(role, Str(At(run, "input")));
  if (!At(run, "application_id").is_null()) out += Fact("application", Str(At(run, "application_id")));
  if (!At(run, "name").is_null()) out += Fact("name", Str(At(run, "name")));
  if (!At(run, "duration_ms").is_null()) {
    out += Fact("wall clock", Duration(At(run, "duration_ms")) + (Flag(At(run, "completed")) ? "" : " (incomplete)"));
  }
  return out + "</div>";
}

}  // namespace

std::string RenderComparisonHtmlBody(const Json& doc) {
  std::string out = "<section class=\"sdx-card\"><h1>Comparison " + Badge(Str(At(doc, "status"))) + "</h1>";
  out += RunFacts("baseline", At(doc, "baseline")) + RunFacts("candidate", At(doc, "candidate"));
  for (const Json& reason : Items(At(doc, "inconclusive_reasons"))) {
    out += "<p>" + Badge("inconclusive") + " " + Escape(Str(reason)) + "</p>";
  }
  out += "</section>";

  const Json& attribution = At(doc, "attribution");
  if (At(attribution, "wall_clock_delta_ms").is_number()) {
    out += "<section class=\"sdx-card\"><h2>Wall clock " +
           Escape(ShowDelta("ms", At(attribution, "wall_clock_delta_ms"))) +
           "</h2><table class=\"sdx-table\"><tr><th class=\"num\">change</th><th>where</th></tr>";
    for (const Json& c : Items(At(attribution, "causes"))) {
      out += "<tr>" + DeltaCell("ms", At(c, "delta_ms"), nullptr) + "<td><i style=\"background:var(--sdx-part-" +
             Escape(Str(At(c, "part"))) + ")\"></i>" + Escape(Str(At(c, "label"))) + "</td></tr>";
    }
    for (const Json& s : Items(At(attribution, "stages"))) {
      out += "<tr>" + DeltaCell("ms", At(s, "delta_ms"), nullptr) + "<td>stage " +
             Escape(Str(At(s, "baseline_stage_id"), "new") + " \u2192 " + Str(At(s, "candidate_stage_id"), "gone")) +
             " <code>" + Escape(Str(At(s, "name"))) + "</code> " + Escape(Str(At(s, "likely_cause"), "")) + "</td></tr>";
    }
    out += "</table></section>";
  }

  const Json& run = Items(At(doc, "run"));
  if (!run.empty()) {
    out += "<section class=\"sdx-card\"><h2>Run</h2><table class=\"sdx-table\"><tr><th>metric</th>"
           "<th class=\"num\">baseline</th><th class=\"num\">candidate</th><th class=\"num\">delta</th></tr>";
    for (const Json& m : run) {
      std::string unit = Str(At(m, "unit"));
      out += "<tr><td>" + Escape(MetricLabel(Str(At(m, "metric")))) + "</td><td class=\"num\">" +
             Escape(ShowValue(unit, At(m, "baseline"))) + "</td><td class=\"num\">" +
             Escape(ShowValue(unit, At(m, "candidate"))) + "</td>" + DeltaCell(unit, At(m, "delta"), At(m, "delta_pct")) +
             "</tr>";
    }
    out += "</table></section>";
  }

  const Json& stages = Items(At(doc, "stages"));
  const Json& alignment = At(doc, "alignment");
  if (!stages.empty()) {
    out += "<section class=\"sdx-card\"><h2>Stages</h2><p class=\"muted\">" +
           Escape(Str(At(alignment, "matched")) + " matched (" + Str(At(alignment, "by_structure")) +
                  " by structure), " + std::to_string(Items(At(alignment, "baseline_only")).size()) +
                  " baseline-only, " + std::to_string(Items(At(alignment, "candidate_only")).size()) +
                  " candidate-only") +
           "</p><table class=\"sdx-table\"><tr><th>stage</th><th>name</th><th class=\"num\">baseline</th>"
           "<th class=\"num\">candidate</th><th class=\"num\">change</th><th>likely cause</th></tr>";
    for (const Json& s : stages) {
      const Json& d = At(s, "duration_ms");
      out += "<tr><td>" + Escape(Str(At(s, "baseline_stage_id"), "new") + " \u2192 " +
                                 Str(At(s, "candidate_stage_id"), "gone")) +
             "</td><td><code>" + Escape(Str(At(s, "name"))) + "</code></td><td class=\"num\">" +
             Escape(Duration(At(d, "baseline"))) + "</td><td class=\"num\">" + Escape(Duration(At(d, "candidate"))) +
             "</td>" + DeltaCell("ms", At(d, "delta"), nullptr) + "<td>" + Escape(Str(At(s, "likely_cause"), "")) +
             "</td></tr>";
    }
    out += "</table></section>";
  }

  const Json& config = At(doc, "config");
  if (Flag(At(config, "available"))) {
    out += "<section class=\"sdx-card\"><h2>Configuration</h2><table class=\"sdx-table\"><tr><th>key</th>"
           "<th>baseline</th><th>candidate</th></tr>";
    for (const char* kind : {"changed", "added", "removed"}) {
      for (const Json& x : Items(At(config, kind))) {
        out += "<tr><td><code>" + Escape(Str(At(x, "key"))) + "</code></td><td>" +
               Escape(Str(At(x, "baseline"), "(unset)")) + "</td><td>" + Escape(Str(At(x, "candidate"), "(unset)")) +
               "</td></tr>";
      }
    }
    out += "</table><p class=\"muted\">" + Escape(Str(At(config, "ignored_volatile_keys"))) +
           " keys that change every run ignored</p></section>";
  }

  const Json& findings = At(doc, "findings");
  bool read = At(At(doc, "baseline"), "stages").is_number() && At(At(doc, "candidate"), "stages").is_number();
  if (read && findings.is_object()) {
    out += "<section class=\"sdx-card\"><h2>Findings</h2><p class=\"muted\">" +
           Escape(Str(At(findings, "persisting"))) + " persisting</p>";
    for (const char* side : {"introduced", "resolved"}) {
      for (const Json& f : Items(At(findings, side))) {
        std::string severity = Str(At(f, "severity"));
        const Json& entity = At(f, "entity");
        out += "<div class=\"sdx-card sdx-finding " + Escape(severity) + "\">" + Escape(side) + " " + Badge(severity) +
               " <code>" + Escape(Str(At(f, "rule_id"))) + "</code> " +
               Escape(Str(At(entity, "kind")) + " " + Str(At(entity, "name"), "")) + "<br>" +
               Escape(Str(At(f, "explanation"), "")) + "</div>";
      }
    }
    out += "</section>";
  }

  const Json& checks = Items(At(At(doc, "budgets"), "checks"));
  if (!checks.empty()) {
    out += "<section class=\"sdx-card\"><h2>Budgets " + Badge(Str(At(At(doc, "budgets"), "status"))) +
           "</h2><table class=\"sdx-table\"><tr><th>status</th><th>budget</th><th>why</th></tr>";
    for (const Json& check : checks) {
      out += "<tr><td>" + Badge(Str(At(check, "status"))) + "</td><td><code>" + Escape(Str(At(check, "budget"))) +
             "</code></td><td>" + Escape(Str(At(check, "reason"))) + "</td></tr>";
    }
    out += "</table></section>";
  }
  return out;
}

}  // namespace sparkdx
