#include "report/render_budgets.h"

#include <algorithm>
#include <optional>
#include <string>

#include "report/json_read.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;
using namespace report_json;

// Escapes what would break a Markdown table cell.
std::string TableCell(const std::string& text) {
  std::string out;
  for (char c : text) {
    if (c == '|') out += "\\|";
    else if (c == '\n') out += ' ';
    else out += c;
  }
  return out;
}

// Left-aligns `text` in a column of `width` (wider text is kept whole).
std::string Column(std::string text, size_t width) {
  text.resize(std::max(text.size(), width), ' ');
  return text;
}

}  // namespace

// e.g.
//   Budgets: violated
//     app-1
//       violated      max_runtime           runtime 41 min 10 s exceeds the 30 min 00 s budget by 11 min 10 s
std::string RenderBudgetsText(const Json& report) {
  const Json& budgets = At(report, "budgets");
  if (!budgets.is_object()) return "";
  std::string out = "\nBudgets: " + Str(At(budgets, "status")) + "\n";
  std::optional<std::string> application;  // of the previous check: each is named once
  for (const Json& check : Items(At(budgets, "checks"))) {
    std::string name = Str(At(check, "application"), "(no application)");
    if (name != application) out += "  " + name + "\n";
    application = name;
    out += "    " + Column(Str(At(check, "status")), 13) + " " + Column(Str(At(check, "budget")), 21) + " " +
           Str(At(check, "reason")) + "\n";
  }
  return out;
}

std::string RenderBudgetsMarkdown(const Json& report) {
  const Json& budgets = At(report, "budgets");
  if (!budgets.is_object()) return "";
  std::string out = "#### Budgets: " + Str(At(budgets, "status")) +
                    "\n\n| status | budget | application | why |\n|---|---|---|---|\n";
  for (const Json& check : Items(At(budgets, "checks"))) {
    out += "| " + Str(At(check, "status")) + " | `" + Str(At(check, "budget")) + "` | " +
           TableCell(Str(At(check, "application"))) + " | " + TableCell(Str(At(check, "reason"))) + " |\n";
  }
  return out + "\n";
}

}  // namespace sparkdx
