// The report's two charts as HTML without script: the wall-clock breakdown
// as a stacked bar with a legend, and slots alive vs busy over time as an
// inline SVG line chart. Both read the report's JSON only and return ""
// when the data is missing or unusable.
#ifndef SPARKDX_REPORT_HTML_HTML_CHARTS_H_
#define SPARKDX_REPORT_HTML_HTML_CHARTS_H_

#include <nlohmann/json.hpp>

#include <string>

namespace sparkdx::html {

// breakdown.parts as .sdx-bar (one span per part with a share, coloured by
// the --sdx-part-<part> variables of report.css) and .sdx-legend.
std::string BreakdownBar(const nlohmann::ordered_json& breakdown);

// breakdown.slots_over_time {start_ms, interval_ms, alive[], busy[]} as an
// SVG with two polylines and labelled axes.
std::string SlotsChart(const nlohmann::ordered_json& slots_over_time);

}  // namespace sparkdx::html

#endif  // SPARKDX_REPORT_HTML_HTML_CHARTS_H_
