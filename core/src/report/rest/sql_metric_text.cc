#include "report/rest/sql_metric_text.h"

#include "report/rest/java_number_text.h"


namespace sparkdx {
namespace {

constexpr const char* kRangeSuffix = "(min, med, max (stageId: taskId))";

// Java's NumberFormat.getNumberInstance(Locale.US) of value / 10 (Spark's
// average metrics are stored times ten): grouping, up to three decimals.
std::string AverageText(int64_t value) {
  bool negative = value < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string text = GroupedIntegerText(static_cast<int64_t>(magnitude / 10));
  if (magnitude % 10 != 0) text += "." + std::to_string(magnitude % 10);
  return negative ? "-" + text : text;
}

std::string TaskText(const SqlMetricAggregate& a) {
  if (!a.has_max_task) return "(driver)";
  return "(stage " + std::to_string(a.max_stage_id) + "." + std::to_string(a.max_stage_attempt_id) +
         ": task " + std::to_string(a.max_task_id) + ")";
}

}  // namespace

std::string SparkBytesText(int64_t bytes) {
  // Units from EiB down to KiB, each used from twice its size; the value is
  // rounded half up from its exact binary fraction, as BigDecimal does.
  struct Unit {
    int shift;
    const char* name;
  };
  static const Unit kUnits[] = {{60, "EiB"}, {50, "PiB"}, {40, "TiB"}, {30, "GiB"}, {20, "MiB"}, {10, "KiB"}};
  for (const Unit& unit : kUnits) {
    __int128 threshold = static_cast<__int128>(2) << unit.shift;
    if (bytes >= threshold) {
      // tenths = round_half_up(bytes * 10 / 2^shift)
      __int128 scaled = static_cast<__int128>(bytes) * 10;
      __int128 divisor = static_cast<__int128>(1) << unit.shift;
      __int128 tenths = (scaled * 2 + divisor) / (divisor * 2);
      int64_t t = static_cast<int64_t>(tenths);
      return std::to_string(t / 10) + "." + std::to_string(t % 10) + " " + unit.name;
    }
  }
  return std::to_string(bytes) + ".0 B";
}

std::string SparkDurationText(int64_t ms) {
  const int64_t second = 1000, minute = 60 * second, hour = 60 * minute;
  // Spark divides as floats (t.toFloat / unit), then formats the float.
  if (ms < second) return std::to_string(ms) + " ms";
  if (ms < minute) return JavaFixedText(static_cast<double>(static_cast<float>(ms) / second), 1) + " s";
  if (ms < hour) return JavaFixedText(static_cast<double>(static_cast<float>(ms) / minute), 1) + " m";
  return JavaFixedText(static_cast<double>(static_cast<float>(ms) / hour), 2) + " h";
}

std::string SqlMetricText(const SqlMetricAggregate& a) {
  const std::string& type = a.metric_type;
  if (type == "sum") return GroupedIntegerText(a.sum);
  if (type == "average") {
    if (a.value_count <= 1) return AverageText(a.value_count == 1 ? a.max : 0);
    return std::string(kRangeSuffix) + ":\n(" + AverageText(a.min) + ", " + AverageText(a.median) + ", " +
           AverageText(a.max) + " " + TaskText(a) + ")";
  }
  std::string (*format)(int64_t) = nullptr;
  if (type == "size") {
    format = SparkBytesText;
  } else if (type == "timing") {
    format = SparkDurationText;
  } else if (type == "nsTiming") {
    format = [](int64_t ns) { return SparkDurationText(ns / 1000000); };
  } else {
    // A data source's own metric (v2Custom_<class>): the History Server
    // cannot load the class and shows N/A; so does sparkdx.
    return "N/A";
  }
  if (a.value_count <= 1) return format(a.value_count == 1 ? a.max : 0);
  return "total " + std::string(kRangeSuffix) + "\n" + format(a.sum) + " (" + format(a.min) + ", " + format(a.median) +
         ", " + format(a.max) + " " + TaskText(a) + ")";
}

}  // namespace sparkdx
