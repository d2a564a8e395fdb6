// How the comparison renderers show numbers: by unit ("ms", "bytes",
// "count", "core_hours") and with a sign for deltas. Shared by the text,
// Markdown and HTML renderings so they agree.
#ifndef SPARKDX_REPORT_COMPARE_COMPARISON_VALUES_H_
#define SPARKDX_REPORT_COMPARE_COMPARISON_VALUES_H_

#include <nlohmann/json.hpp>

#include <string>

namespace sparkdx::compare_view {

using Json = nlohmann::ordered_json;

// "12 min 05 s", "1.5 GiB", "42", "3.25 core-hours"; "-" for null.
std::string ShowValue(const std::string& unit, const Json& value);
// "+4 min 10 s", "-1.5 GiB", "+0"; "-" for null.
std::string ShowDelta(const std::string& unit, const Json& delta);
// "+12.5%"; "" for null.
std::string ShowPct(const Json& pct);
// "worse", "better" or "same" for a delta where more is worse.
const char* Direction(const Json& delta);
// A human name of a run metric ("wall clock" for "wall_clock_ms").
std::string MetricLabel(const std::string& metric);

}  // namespace sparkdx::compare_view

#endif  // SPARKDX_REPORT_COMPARE_COMPARISON_VALUES_H_
