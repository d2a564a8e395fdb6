// The comparison as plain text (optionally with ANSI colour): the verdict,
// the two runs, where the runtime change went (causes, then stages), the
// whole-run table, alignment, the stages that changed most, configuration,
// findings, budgets. Reads only the comparison JSON.
#include "report/compare/render_comparison.h"

#include <algorithm>
#include <cstdio>

#include "report/ansi_style.h"
#include "report/compare/comparison_values.h"
#include "report/json_read.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;
using namespace report_json;
using namespace compare_view;

std::string Pad(std::string text, size_t width) {
  if (text.size() < width) text.resize(width, ' ');
  return text;
}
std::string PadLeft(const std::string& text, size_t width) {
  return text.size() < width ? std::string(width - text.size(), ' ') + text : text;
}

std::string RunLine(const char* role, const Json& run) {
  std::string out = std::string("  ") + role + Str(At(run, "input")) + "\n";
  if (!At(run, "application_id").is_null() || !At(run, "name").is_null()) {
    out += "             " + Str(At(run, "application_id")) + "  " + Str(At(run, "name"), "(unnamed)") + "  " +
           Duration(At(run, "duration_ms")) + (Flag(At(run, "completed")) ? "" : "  (did not complete)") + "\n";
  }
  return out;
}

}  // namespace

std::string RenderComparisonText(const Json& doc, bool color) {
  AnsiStyle style(color);
  std::string status = Str(At(doc, "status"));
  std::string out = style.Heading(Str(At(doc, "generator")) + " comparison") + ": " + style.Status(status, status) + "\n";
  out += RunLine("baseline:  ", At(doc, "baseline"));
  out += RunLine("candidate: ", At(doc, "candidate"));
  for (const Json& reason : Items(At(doc, "inconclusive_reasons"))) {
    out += "  " + style.Status("inconclusive", "inconclusive") + ": " + Str(reason) + "\n";
  }

  const Json& attribution = At(doc, "attribution");
  if (At(attribution, "wall_clock_delta_ms").is_number()) {
    const Json& delta = At(attribution, "wall_clock_delta_ms");
    std::string pct;
    for (const Json& m : Items(At(doc, "run"))) {
      if (Str(At(m, "metric")) == "wall_clock_ms") pct = ShowPct(At(m, "delta_pct"));
    }
    out += "\n" + style.Heading("Wall clock " + ShowDelta("ms", delta) + (pct.empty() ? "" : " (" + pct + ")")) + "\n";
    for (const Json& cause : Items(At(attribution, "causes"))) {
      out += "  " + PadLeft(ShowDelta("ms", At(cause, "delta_ms")), 14) + "  " + Str(At(cause, "part")) + "  (" +
             Str(At(cause, "label")) + ")\n";
    }
    for (const Json& stage : Items(At(attribution, "stages"))) {
      std::string ids = Str(At(stage, "baseline_stage_id"), "new") + " -> " + Str(At(stage, "candidate_stage_id"), "gone");
      out += "  " + PadLeft(ShowDelta("ms", At(stage, "delta_ms")), 14) + "  stage " + ids + "  " +
             Str(At(stage, "name")) +
             (At(stage, "likely_cause").is_string() ? "  [" + Str(At(stage, "likely_cause")) + "]" : "") + "\n";
    }
  }

  const Json& run = Items(At(doc, "run"));
  if (!run.empty()) {
    out += "\n" + style.Heading("Run") + "\n  " + Pad("", 24) + PadLeft("baseline", 16) + PadLeft("candidate", 16) +
           PadLeft("delta", 16) + "\n";
    for (const Json& m : run) {
      std::string unit = Str(At(m, "unit"));
      std::string delta = ShowDelta(unit, At(m, "delta"));
      std::string pct = ShowPct(At(m, "delta_pct"));
      std::string direction = Direction(At(m, "delta"));
      std::string shown = PadLeft(delta, 16) + (pct.empty() ? "" : "  " + pct);
      if (direction != "same") shown = style.Status(direction == "worse" ? "warning" : "pass", shown);
      out += "  " + Pad(MetricLabel(Str(At(m, "metric"))), 24) + PadLeft(ShowValue(unit, At(m, "baseline")), 16) +
             PadLeft(ShowValue(unit, At(m, "candidate")), 16) + shown + "\n";
    }
  }

  // Both sides were read as one application each (else only the reasons).
  bool read = At(At(doc, "baseline"), "stages").is_number() && At(At(doc, "candidate"), "stages").is_number();
  const Json& alignment = At(doc, "alignment");
  if (read && At(alignment, "matched").is_number()) {
    char line[200];
    std::snprintf(line, sizeof line,
                  "%llu stages matched (%llu by structure, %llu by name, %llu by similar name); "
                  "%zu baseline-only, %zu candidate-only; coverage %.0f%%\n",
                  static_cast<unsigned long long>(Count(At(alignment, "matched"))),
                  static_cast<unsigned long long>(Count(At(alignment, "by_structure"))),
                  static_cast<unsigned long long>(Count(At(alignment, "by_name"))),
                  static_cast<unsigned long long>(Count(At(alignment, "by_similar_name"))),
                  Items(At(alignment, "baseline_only")).size(), Items(At(alignment, "candidate_only")).size(),
                  Number(At(alignment, "coverage")) * 100);
    out += "\n" + style.Heading("Alignment") + "\n  " + line;
  }

  const Json& stages = Items(At(doc, "stages"));
  if (!stages.empty()) {
    constexpr size_t kShownStages = 10;
    out += "\n" + style.Heading("Stages, largest change first") + "\n";
    size_t shown = 0;
    for (const Json& s : stages) {
      if (shown == kShownStages) break;
      ++shown;
      const Json& d = At(s, "duration_ms");
      std::string ids = Str(At(s, "baseline_stage_id"), "new") + " -> " + Str(At(s, "candidate_stage_id"), "gone");
      out += "  " + PadLeft(ShowDelta("ms", At(d, "delta")), 14) + "  " + Pad(ids, 12) + " " +
             Duration(At(d, "baseline")) + " -> " + Duration(At(d, "candidate")) + "  " + Str(At(s, "name")) +
             (At(s, "likely_cause").is_string() ? "  [" + Str(At(s, "likely_cause")) + "]" : "") + "\n";
    }
    if (stages.size() > shown) {
      out += "  ... and " + std::to_string(stages.size() - shown) + " more (the JSON lists every stage)\n";
    }
  }

  const Json& config = At(doc, "config");
  if (Flag(At(config, "available"))) {
    out += "\n" + style.Heading("Configuration") + ": " + std::to_string(Items(At(config, "changed")).size()) +
           " changed, " + std::to_string(Items(At(config, "added")).size()) + " added, " +
           std::to_string(Items(At(config, "removed")).size()) + " removed (" +
           Str(At(config, "ignored_volatile_keys")) + " volatile keys ignored)\n";
    for (const Json& x : Items(At(config, "changed"))) {
      out += "  ~ " + Str(At(x, "key")) + ": " + Str(At(x, "baseline")) + " -> " + Str(At(x, "candidate")) + "\n";
    }
    for (const Json& x : Items(At(config, "added"))) out += "  + " + Str(At(x, "key")) + "=" + Str(At(x, "candidate")) + "\n";
    for (const Json& x : Items(At(config, "removed"))) out += "  - " + Str(At(x, "key")) + "=" + Str(At(x, "baseline")) + "\n";
  }

  const Json& findings = At(doc, "findings");
  if (read && findings.is_object()) {
    out += "\n" + style.Heading("Findings") + ": " + std::to_string(Items(At(findings, "introduced")).size()) +
           " introduced, " + std::to_string(Items(At(findings, "resolved")).size()) + " resolved, " +
           Str(At(findings, "persisting")) + " persisting\n";
    for (const char* side : {"introduced", "resolved"}) {
      for (const Json& f : Items(At(findings, side))) {
        const Json& entity = At(f, "entity");
        std::string severity = Str(At(f, "severity"));
        out += std::string("  ") + (side[0] == 'i' ? "+ " : "- ") + "[" + style.Status(severity, severity) + "] " +
               Str(At(f, "rule_id")) + "  " + Str(At(entity, "kind")) + " " + Str(At(entity, "name"), "") + "\n";
      }
    }
  }

  const Json& budgets = At(doc, "budgets");
  const Json& checks = Items(At(budgets, "checks"));
  if (!checks.empty()) {
    std::string budget_status = Str(At(budgets, "status"));
    out += "\n" + style.Heading("Budgets") + ": " + style.Status(budget_status, budget_status) + "\n";
    for (const Json& check : checks) {
      std::string s = Str(At(check, "status"));
      out += "  " + style.Status(s, Pad(s, 13)) + " " + Pad(Str(At(check, "budget")), 30) + " " +
             Str(At(check, "reason")) + "\n";
    }
  }
  return out;
}

}  // namespace sparkdx
