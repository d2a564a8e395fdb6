// A tolerant rendering of report sections whose shape this renderer does
// not know in detail (stage_summaries, simulation, cost, and whatever is
// added later): objects become key/value tables, arrays of objects become
// tables with one column per scalar key, nesting becomes sub-sections.
// Keys ending in _ms are shown as durations, keys with "bytes" as sizes,
// "share"/"fraction" keys as percentages. Every string is escaped; depth
// and rows are bounded so any document renders in bounded size.
#ifndef SPARKDX_REPORT_HTML_HTML_GENERIC_H_
#define SPARKDX_REPORT_HTML_HTML_GENERIC_H_

#include <nlohmann/json.hpp>

#include <string>

namespace sparkdx::html {

// `title` is plain text (escaped here).
std::string GenericSection(const std::string& title, const nlohmann::ordered_json& value);

// One scalar as text, formatted by its key (see above).
std::string ScalarText(const std::string& key, const nlohmann::ordered_json& value);

}  // namespace sparkdx::html

#endif  // SPARKDX_REPORT_HTML_HTML_GENERIC_H_
