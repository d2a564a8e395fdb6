// RenderHtml: the report as one self-contained HTML page (html::Document:
// inline stylesheet, no script, nothing fetched, works from file://) that
// looks like the web page: per application the summary facts, the
// wall-clock breakdown bar, slots alive vs busy, the findings (fix these
// first) with severity badges, evidence, explanation, recommendations with
// --conf lines and impact, checks passed and not run, streaming queries,
// and any stage_summaries / simulation / cost sections; then budgets,
// inputs, line accounting and issues. Reads the JSON only, tolerantly.
#ifndef SPARKDX_REPORT_HTML_RENDER_HTML_H_
#define SPARKDX_REPORT_HTML_RENDER_HTML_H_

#include <nlohmann/json.hpp>

#include <string>

namespace sparkdx::html {

std::string RenderHtml(const nlohmann::ordered_json& report);

}  // namespace sparkdx::html

#endif  // SPARKDX_REPORT_HTML_RENDER_HTML_H_
