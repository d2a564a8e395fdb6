#include "report/compare/comparison_values.h"

#include <cstdio>
#include <cstdlib>

#include "base/format.h"
#include "report/json_read.h"

namespace sparkdx::compare_view {
namespace {

using namespace report_json;

struct MetricName {
  const char* metric;
  const char* label;
};
constexpr MetricName kMetricLabels[] = {
    {"wall_clock_ms", "wall clock"},          {"core_hours_held", "core-hours held"},
    {"core_hours_busy", "core-hours busy"},   {"task_time_ms", "task time"},
    {"executor_run_time_ms", "executor run time"}, {"gc_time_ms", "GC time"},
    {"shuffle_bytes", "shuffle (read + write)"}, {"shuffle_read_bytes", "shuffle read"},
    {"shuffle_write_bytes", "shuffle write"}, {"spill_bytes", "spill (memory + disk)"},
    {"input_bytes", "input"},                 {"output_bytes", "output"},
    {"task_attempts", "task attempts"},       {"failed_task_attempts", "failed task attempts"},
    {"stages", "stages"},                     {"jobs", "jobs"},
};

std::string Magnitude(const std::string& unit, double value) {
  if (unit == "ms") return HumanDuration(static_cast<int64_t>(value));
  if (unit == "bytes") return HumanBytes(static_cast<uint64_t>(value));
  char text[48];
  if (unit == "core_hours") {
    std::snprintf(text, sizeof text, "%.2f core-h", value);
  } else {
    std::snprintf(text, sizeof text, "%.0f", value);
  }
  return text;
}

}  // namespace

std::string ShowValue(const std::string& unit, const Json& value) {
  if (!value.is_number()) return "-";
  double v = Number(value);
  return v < 0 ? "-" + Magnitude(unit, -v) : Magnitude(unit, v);
}

std::string ShowDelta(const std::string& unit, const Json& delta) {
  if (!delta.is_number()) return "-";
  double v = Number(delta);
  return (v < 0 ? "-" : "+") + Magnitude(unit, v < 0 ? -v : v);
}

std::string ShowPct(const Json& pct) {
  if (!pct.is_number()) return "";
  char text[32];
  std::snprintf(text, sizeof text, "%+.1f%%", Number(pct));
  return text;
}

const char* Direction(const Json& delta) {
  double v = Number(delta);
  return v > 0 ? "worse" : v < 0 ? "better" : "same";
}

std::string MetricLabel(const std::string& metric) {
  for (const MetricName& row : kMetricLabels) {
    if (metric == row.metric) return row.label;
  }
  return metric;
}

}  // namespace sparkdx::compare_view
