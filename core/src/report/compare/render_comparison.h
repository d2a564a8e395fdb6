// The comparison renderers (FormatComparison in sparkdx/compare.h): each
// reads only the comparison JSON, through report/json_read.h's tolerant
// accessors, so no document can make them throw.
#ifndef SPARKDX_REPORT_COMPARE_RENDER_COMPARISON_H_
#define SPARKDX_REPORT_COMPARE_RENDER_COMPARISON_H_

#include <nlohmann/json.hpp>

#include <string>

namespace sparkdx {

std::string RenderComparisonText(const nlohmann::ordered_json& comparison, bool color);
// GitHub-flavoured Markdown for a pull-request comment.
std::string RenderComparisonMarkdown(const nlohmann::ordered_json& comparison);
// The body of one comparison (safe HTML, without the document frame).
std::string RenderComparisonHtmlBody(const nlohmann::ordered_json& comparison);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_COMPARE_RENDER_COMPARISON_H_
