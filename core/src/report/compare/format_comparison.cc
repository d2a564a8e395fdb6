// FormatComparison and ComparisonsHtml (sparkdx/compare.h).
#include <nlohmann/json.hpp>

#include "report/compare/render_comparison.h"
#include "report/html/html_page.h"
#include "report/json_read.h"
#include "sparkdx/compare.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

bool IsComparison(const Json& doc) {
  return doc.is_object() && report_json::At(doc, "comparison_schema_version").is_number();
}

}  // namespace

std::string FormatComparison(const std::string& comparison_json, CompareFormat format, bool color) {
  Json doc = Json::parse(comparison_json, nullptr, /*allow_exceptions=*/false);
  if (doc.is_discarded()) return "sparkdx: not a JSON document\n";
  switch (format) {
    case CompareFormat::kJson: return doc.dump(2, ' ', false, Json::error_handler_t::replace) + "\n";
    case CompareFormat::kJsonCompact: return doc.dump(-1, ' ', false, Json::error_handler_t::replace) + "\n";
    case CompareFormat::kText:
      if (!IsComparison(doc)) return "sparkdx: not a sparkdx comparison\n";
      return RenderComparisonText(doc, color);
    case CompareFormat::kMarkdown:
      if (!IsComparison(doc)) return "sparkdx: not a sparkdx comparison\n";
      return RenderComparisonMarkdown(doc);
    case CompareFormat::kHtml: return ComparisonsHtml({comparison_json});
  }
  return comparison_json;
}

std::string ComparisonsHtml(const std::vector<std::string>& comparison_jsons) {
  std::string body;
  for (const std::string& text : comparison_jsons) {
    Json doc = Json::parse(text, nullptr, /*allow_exceptions=*/false);
    if (!IsComparison(doc)) {
      body += "<section class=\"sdx-card\"><p>not a sparkdx comparison</p></section>";
      continue;
    }
    body += RenderComparisonHtmlBody(doc);
  }
  return html::Document("sparkdx comparison", body);
}

}  // namespace sparkdx
