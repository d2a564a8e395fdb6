// The cost section of the text and Markdown reports: the run's price and
// its basis, the catalogs, the waste by cause and where it is, and the
// memory right-sizing. Read from `applications[].cost` (docs/report.md);
// nothing is shown when the run could not be priced (the JSON says why).
#ifndef SPARKDX_REPORT_RENDER_COST_H_
#define SPARKDX_REPORT_RENDER_COST_H_

#include <nlohmann/json.hpp>
#include <string>

namespace sparkdx {

// Lines indented for the text report's application block ("    ...").
std::string RenderCostText(const nlohmann::ordered_json& app);
std::string RenderCostMarkdown(const nlohmann::ordered_json& app);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_RENDER_COST_H_
