#include "gate/budget_values.h"

#include <cctype>
#include <cmath>
#include <cstdlib>
#include <string>

namespace sparkdx {
namespace {

// Beyond these a value is a typo, not a budget; they also keep the
// conversions to integers in range.
constexpr double kMaxDurationMs = 1e15;  // about 31,700 years
constexpr double kMaxSizeBytes = 9e18;   // just under 2^63

// Splits "15.5min" into 15.5 and "min" (the suffix lower-cased). The number
// is digits with at most one '.', at least one digit, no sign or exponent.
bool SplitNumber(std::string_view text, double* number, std::string* suffix) {
  size_t end = 0;
  bool digit = false, point = false;
  for (; end < text.size(); ++end) {
    char c = text[end];
    if (std::isdigit(static_cast<unsigned char>(c))) {
      digit = true;
    } else if (c == '.' && !point) {
      point = true;
    } else {
      break;
    }
  }
  if (!digit || end > 40) return false;
  *number = std::strtod(std::string(text.substr(0, end)).c_str(), nullptr);
  suffix->clear();
  for (char c : text.substr(end)) suffix->push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
  return std::isfinite(*number);
}

}  // namespace

std::optional<int64_t> ParseDurationMs(std::string_view text) {
  double number = 0;
  std::string unit;
  if (!SplitNumber(text, &number, &unit)) return std::nullopt;
  double factor = 0;
  if (unit == "ms") {
    factor = 1;
  } else if (unit.empty() || unit == "s") {
    factor = 1000;
  } else if (unit == "m" || unit == "min") {
    factor = 60'000;
  } else if (unit == "h") {
    factor = 3'600'000;
  } else {
    return std::nullopt;
  }
  double ms = std::round(number * factor);
  if (!(ms <= kMaxDurationMs)) return std::nullopt;
  return static_cast<int64_t>(ms);
}

std::optional<uint64_t> ParseSizeBytes(std::string_view text) {
  double number = 0;
  std::string unit;
  if (!SplitNumber(text, &number, &unit)) return std::nullopt;
  // "g", "gb" and "gib" all mean GiB.
  if (unit.size() == 3 && unit.compare(1, 2, "ib") == 0) {
    unit.resize(1);
  } else if (unit.size() == 2 && unit[1] == 'b') {
    unit.resize(1);
  }
  double factor = 0;
  if (unit.empty() || unit == "b") {
    factor = 1;
  } else if (unit == "k") {
    factor = 1024.0;
  } else if (unit == "m") {
    factor = 1024.0 * 1024;
  } else if (unit == "g") {
    factor = 1024.0 * 1024 * 1024;
  } else if (unit == "t") {
    factor = 1024.0 * 1024 * 1024 * 1024;
  } else {
    return std::nullopt;
  }
  double bytes = std::round(number * factor);
  if (!(bytes <= kMaxSizeBytes)) return std::nullopt;
  return static_cast<uint64_t>(bytes);
}

std::optional<double> ParseRatio(std::string_view text) {
  double number = 0;
  std::string suffix;
  if (!SplitNumber(text, &number, &suffix) || !(suffix.empty() || suffix == "x")) return std::nullopt;
  if (number < 1) return std::nullopt;
  return number;
}

std::optional<double> ParseUsd(std::string_view text) {
  if (!text.empty() && text.front() == '$') text.remove_prefix(1);
  double number = 0;
  std::string suffix;
  if (!SplitNumber(text, &number, &suffix) || !suffix.empty() || number < 0) return std::nullopt;
  return number;
}

std::optional<double> ParseFraction(std::string_view text) {
  double number = 0;
  std::string suffix;
  if (!SplitNumber(text, &number, &suffix)) return std::nullopt;
  if (suffix == "%") {
    number /= 100;
  } else if (!suffix.empty()) {
    return std::nullopt;
  }
  if (number > 1) return std::nullopt;
  return number;
}

std::optional<BudgetSeverity> ParseSeverity(std::string_view text) {
  if (text == "info") return BudgetSeverity::kInfo;
  if (text == "warning") return BudgetSeverity::kWarning;
  if (text == "critical") return BudgetSeverity::kCritical;
  return std::nullopt;
}

const char* BudgetSeverityName(BudgetSeverity severity) {
  switch (severity) {
    case BudgetSeverity::kInfo: return "info";
    case BudgetSeverity::kWarning: return "warning";
    case BudgetSeverity::kCritical: return "critical";
  }
  return "info";
}

}  // namespace sparkdx
