#include "report/rest/rest_stage_params.h"

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>
#include <optional>

namespace sparkdx {
namespace {

std::string Upper(std::string text) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// Java's String.trim: drops characters up to ' ' at both ends.
std::string JavaTrim(const std::string& text) {
  size_t begin = 0, end = text.size();
  while (begin < end && static_cast<unsigned char>(text[begin]) <= ' ') ++begin;
  while (end > begin && static_cast<unsigned char>(text[end - 1]) <= ' ') --end;
  return text.substr(begin, end - begin);
}

// Java's String.split(","): trailing empty strings are dropped.
std::vector<std::string> SplitComma(const std::string& text) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    size_t comma = text.find(',', start);
    parts.push_back(text.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  while (parts.size() > 1 && parts.back().empty()) parts.pop_back();
  if (parts.size() == 1 && parts[0].empty() && text.size() > 0) parts.clear();  // ",,," splits to nothing
  return parts;
}

// java.lang.Double.compare: -0.0 before 0.0, NaN last.
bool JavaDoubleLess(double a, double b) {
  if (std::isnan(a)) return false;
  if (std::isnan(b)) return true;
  if (a == b) return std::signbit(a) && !std::signbit(b);
  return a < b;
}

}  // namespace

bool ParseJavaDouble(const std::string& raw, double* out) {
  std::string text = JavaTrim(raw);
  if (text.empty()) return false;
  size_t i = 0;
  bool negative = false;
  if (text[0] == '+' || text[0] == '-') {
    negative = text[0] == '-';
    i = 1;
  }
  std::string body = text.substr(i);
  if (body == "NaN") {
    *out = std::numeric_limits<double>::quiet_NaN();
    return true;
  }
  if (body == "Infinity") {
    *out = negative ? -std::numeric_limits<double>::infinity() : std::numeric_limits<double>::infinity();
    return true;
  }
  if (!body.empty() && std::strchr("fFdD", body.back()) != nullptr) body.pop_back();
  // digits [ . digits ] [ e [sign] digits ], with a digit before or after the point
  size_t p = 0, digits = 0;
  while (p < body.size() && std::isdigit(static_cast<unsigned char>(body[p]))) ++p, ++digits;
  if (p < body.size() && body[p] == '.') {
    ++p;
    while (p < body.size() && std::isdigit(static_cast<unsigned char>(body[p]))) ++p, ++digits;
  }
  if (digits == 0) return false;
  if (p < body.size() && (body[p] == 'e' || body[p] == 'E')) {
    ++p;
    if (p < body.size() && (body[p] == '+' || body[p] == '-')) ++p;
    size_t exponent_digits = 0;
    while (p < body.size() && std::isdigit(static_cast<unsigned char>(body[p]))) ++p, ++exponent_digits;
    if (exponent_digits == 0) return false;
  }
  if (p != body.size()) return false;
  double value = std::strtod(body.c_str(), nullptr);
  *out = negative ? -value : value;
  return true;
}

bool RestBoolParam(const RestRequest& request, const char* name, bool fallback) {
  std::optional<std::string> value = request.First(name);
  if (!value) return fallback;
  return Upper(*value) == "TRUE";
}

bool RestInt32Param(const RestRequest& request, const char* name, int32_t fallback, int32_t* out,
                    std::string* error) {
  std::optional<std::string> value = request.First(name);
  if (!value) {
    *out = fallback;
    return true;
  }
  const std::string& text = *value;
  char* end = nullptr;
  errno = 0;
  long long number = text.empty() ? 0 : std::strtoll(text.c_str(), &end, 10);
  if (text.empty() || *end != '\0' || errno != 0 || number < INT32_MIN || number > INT32_MAX ||
      std::isspace(static_cast<unsigned char>(text[0]))) {
    *error = std::string(name) + "=" + text + ": expected an integer";
    return false;
  }
  *out = static_cast<int32_t>(number);
  return true;
}

bool RestQuantilesParam(const RestRequest& request, const char* fallback, std::vector<double>* out,
                        std::string* error) {
  std::string text = request.First("quantiles").value_or(fallback);
  out->clear();
  for (const std::string& part : SplitComma(text)) {
    double q = 0;
    if (!ParseJavaDouble(part, &q)) {
      *error = "Bad value for parameter \"quantiles\".  Expected a double, got \"" + part + "\"";
      return false;
    }
    out->push_back(q);
  }
  std::stable_sort(out->begin(), out->end(), JavaDoubleLess);
  return true;
}

bool RestStageStatusParam(const RestRequest& request, std::vector<StageStatusKind>* out, std::string* error) {
  static const std::pair<const char*, StageStatusKind> kNames[] = {{"ACTIVE", StageStatusKind::kActive},
                                                                   {"COMPLETE", StageStatusKind::kComplete},
                                                                   {"FAILED", StageStatusKind::kFailed},
                                                                   {"PENDING", StageStatusKind::kPending},
                                                                   {"SKIPPED", StageStatusKind::kSkipped}};
  out->clear();
  for (const std::string& value : request.All("status")) {
    std::string upper = Upper(value);
    auto it = std::find_if(std::begin(kNames), std::end(kNames), [&](const auto& n) { return upper == n.first; });
    if (it == std::end(kNames)) {
      *error = "status=" + value + ": use active, complete, failed, pending or skipped";
      return false;
    }
    out->push_back(it->second);
  }
  return true;
}

bool RestTaskStatusParam(const RestRequest& request, const char* name, std::vector<std::string>* out,
                         std::string* error) {
  static const char* const kNames[] = {"RUNNING", "KILLED", "FAILED", "SUCCESS", "UNKNOWN"};
  out->clear();
  for (const std::string& value : request.All(name)) {
    std::string upper = Upper(value);
    if (std::find(std::begin(kNames), std::end(kNames), upper) == std::end(kNames)) {
      *error = std::string(name) + "=" + value + ": use running, killed, failed, success or unknown";
      return false;
    }
    out->push_back(upper);
  }
  return true;
}

bool RestTaskSortingParam(const RestRequest& request, TaskSorting* out, std::string* error) {
  std::optional<std::string> value = request.First("sortBy");
  *out = TaskSorting::kId;
  if (!value) return true;
  std::string lower = *value;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string upper = Upper(*value);
  if (lower == "runtime" || upper == "INCREASING_RUNTIME") {
    *out = TaskSorting::kIncreasingRuntime;
  } else if (lower == "-runtime" || upper == "DECREASING_RUNTIME") {
    *out = TaskSorting::kDecreasingRuntime;
  } else if (upper != "ID") {
    *error = "sortBy=" + *value + ": use ID, INCREASING_RUNTIME (runtime) or DECREASING_RUNTIME (-runtime)";
    return false;
  }
  return true;
}

}  // namespace sparkdx
