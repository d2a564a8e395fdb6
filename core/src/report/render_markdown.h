// RenderMarkdown: the report as GitHub-flavoured Markdown for a pull-request
// comment: per application a summary, the wall-clock breakdown as a table,
// the findings (fix these first) with evidence and copyable --conf lines,
// and the checks that passed or could not run; input problems last.
#ifndef SPARKDX_REPORT_RENDER_MARKDOWN_H_
#define SPARKDX_REPORT_RENDER_MARKDOWN_H_

#include <nlohmann/json.hpp>

#include <string>

namespace sparkdx {

std::string RenderMarkdown(const nlohmann::ordered_json& report);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_RENDER_MARKDOWN_H_
