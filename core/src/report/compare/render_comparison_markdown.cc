// The comparison as GitHub-flavoured Markdown, for a pull-request comment:
// the verdict, the runtime change and where it went, the whole-run table,
// the stages that changed most, configuration and findings diffs, budgets.
#include <string>

#include "report/compare/comparison_values.h"
#include "report/compare/render_comparison.h"
#include "report/json_read.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;
using namespace report_json;
using namespace compare_view;

std::string Cell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else if (c == '`') out += '\'';
    else out += c;
  }
  return out;
}

std::string RunCell(const Json& run) {
  std::string out = "`" + Cell(Str(At(run, "input"))) + "`";
  if (!At(run, "application_id").is_null()) out += " " + Cell(Str(At(run, "application_id")));
  if (!At(run, "duration_ms").is_null()) out += ", " + Duration(At(run, "duration_ms"));
  if (!At(run, "application_id").is_null() && !Flag(At(run, "completed"))) out += " (did not complete)";
  return out;
}

}  // namespace

std::string RenderComparisonMarkdown(const Json& doc) {
  std::string out = "### sparkdx comparison: **" + Str(At(doc, "status")) + "**\n\n";
  out += "- baseline: " + RunCell(At(doc, "baseline")) + "\n- candidate: " + RunCell(At(doc, "candidate")) + "\n";
  for (const Json& reason : Items(At(doc, "inconclusive_reasons"))) out += "- inconclusive: " + Cell(Str(reason)) + "\n";
  out += "\n";

  const Json& attribution = At(doc, "attribution");
  if (At(attribution, "wall_clock_delta_ms").is_number()) {
    out += "#### Wall clock " + ShowDelta("ms", At(attribution, "wall_clock_delta_ms")) + "\n\n";
    const Json& causes = Items(At(attribution, "causes"));
    const Json& stages = Items(At(attribution, "stages"));
    if (!causes.empty() || !stages.empty()) {
      out += "| change | where |\n|---:|---|\n";
      for (const Json& c : causes) {
        out += "| " + ShowDelta("ms", At(c, "delta_ms")) + " | " + Cell(Str(At(c, "label"))) + " (`" +
               Str(At(c, "part")) + "`) |\n";
      }
      for (const Json& s : stages) {
        out += "| " + ShowDelta("ms", At(s, "delta_ms")) + " | stage " + Str(At(s, "baseline_stage_id"), "new") +
               " &rarr; " + Str(At(s, "candidate_stage_id"), "gone") + " " + Cell(Str(At(s, "name"))) +
               (At(s, "likely_cause").is_string() ? " (`" + Str(At(s, "likely_cause")) + "`)" : "") + " |\n";
      }
      out += "\n";
    }
  }

  const Json& run = Items(At(doc, "run"));
  if (!run.empty()) {
    out += "| metric | baseline | candidate | delta |\n|---|---:|---:|---:|\n";
    for (const Json& m : run) {
      std::string unit = Str(At(m, "unit"));
      std::string pct = ShowPct(At(m, "delta_pct"));
      out += "| " + MetricLabel(Str(At(m, "metric"))) + " | " + ShowValue(unit, At(m, "baseline")) + " | " +
             ShowValue(unit, At(m, "candidate")) + " | " + ShowDelta(unit, At(m, "delta")) +
             (pct.empty() ? "" : " (" + pct + ")") + " |\n";
    }
    out += "\n";
  }

  bool read = At(At(doc, "baseline"), "stages").is_number() && At(At(doc, "candidate"), "stages").is_number();
  const Json& alignment = At(doc, "alignment");
  if (read && At(alignment, "matched").is_number()) {
    out += "Stages matched: " + Str(At(alignment, "matched")) + " (" + Str(At(alignment, "by_structure")) +
           " by structure, " + Str(At(alignment, "by_name")) + " by name, " + Str(At(alignment, "by_similar_name")) +
           " by similar name); baseline-only " + std::to_string(Items(At(alignment, "baseline_only")).size()) +
           ", candidate-only " + std::to_string(Items(At(alignment, "candidate_only")).size()) + ".\n\n";
  }

  const Json& stages = Items(At(doc, "stages"));
  if (!stages.empty()) {
    constexpr size_t kShownStages = 10;
    out += "<details><summary>Stages, largest change first</summary>\n\n"
           "| stage | name | baseline | candidate | change | likely cause |\n|---|---|---:|---:|---:|---|\n";
    size_t shown = 0;
    for (const Json& s : stages) {
      if (shown++ == kShownStages) break;
      const Json& d = At(s, "duration_ms");
      out += "| " + Str(At(s, "baseline_stage_id"), "new") + " &rarr; " + Str(At(s, "candidate_stage_id"), "gone") +
             " | " + Cell(Str(At(s, "name"))) + " | " + Duration(At(d, "baseline")) + " | " +
             Duration(At(d, "candidate")) + " | " + ShowDelta("ms", At(d, "delta")) + " | " +
             Cell(Str(At(s, "likely_cause"), "")) + " |\n";
    }
    out += "\n</details>\n\n";
  }

  const Json& config = At(doc, "config");
  size_t config_changes = Items(At(config, "changed")).size() + Items(At(config, "added")).size() +
                          Items(At(config, "removed")).size();
  if (config_changes > 0) {
    out += "#### Configuration\n\n| key | baseline | candidate |\n|---|---|---|\n";
    for (const char* kind : {"changed", "added", "removed"}) {
      for (const Json& x : Items(At(config, kind))) {
        out += "| `" + Cell(Str(At(x, "key"))) + "` | " + Cell(Str(At(x, "baseline"), "(unset)")) + " | " +
               Cell(Str(At(x, "candidate"), "(unset)")) + " |\n";
      }
    }
    out += "\n";
  }

  const Json& findings = At(doc, "findings");
  const Json& introduced = Items(At(findings, "introduced"));
  const Json& resolved = Items(At(findings, "resolved"));
  if (!introduced.empty() || !resolved.empty()) {
    out += "#### Findings\n\n| | severity | rule | entity |\n|---|---|---|---|\n";
    for (const char* side : {"introduced", "resolved"}) {
      for (const Json& f : Items(At(findings, side))) {
        const Json& entity = At(f, "entity");
        out += std::string("| ") + side + " | " + Str(At(f, "severity")) + " | `" + Str(At(f, "rule_id")) + "` | " +
               Cell(Str(At(entity, "kind")) + " " + Str(At(entity, "name"), "")) + " |\n";
      }
    }
    out += "\n";
  }

  const Json& checks = Items(At(At(doc, "budgets"), "checks"));
  if (!checks.empty()) {
    out += "#### Budgets: " + Str(At(At(doc, "budgets"), "status")) +
           "\n\n| status | budget | why |\n|---|---|---|\n";
    for (const Json& check : checks) {
      out += "| " + Str(At(check, "status")) + " | `" + Str(At(check, "budget")) + "` | " +
             Cell(Str(At(check, "reason"))) + " |\n";
    }
    out += "\n";
  }
  return out;
}

}  // namespace sparkdx
