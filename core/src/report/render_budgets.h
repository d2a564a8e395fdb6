// The report's "budgets" object (added by AddBudgetsToReport) as a section
// of the text and Markdown renderings; "" when the document has none.
#ifndef SPARKDX_REPORT_RENDER_BUDGETS_H_
#define SPARKDX_REPORT_RENDER_BUDGETS_H_

#include <nlohmann/json.hpp>

#include <string>

namespace sparkdx {

std::string RenderBudgetsText(const nlohmann::ordered_json& report);
std::string RenderBudgetsMarkdown(const nlohmann::ordered_json& report);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_RENDER_BUDGETS_H_
