#include "report/rest/java_number_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace sparkdx {
namespace {

std::string WithGrouping(const std::string& integer_digits) {
  std::string out;
  size_t n = integer_digits.size();
  for (size_t i = 0; i < n; ++i) {
    if (i > 0 && (n - i) % 3 == 0) out.push_back(',');
    out.push_back(integer_digits[i]);
  }
  return out;
}

}  // namespace

void ShortestDecimalDigits(double value, std::string* digits, int* exponent) {
  char buffer[40];
  for (int precision = 0; precision <= 17; ++precision) {
    std::snprintf(buffer, sizeof buffer, "%.*e", precision, value);
    if (std::strtod(buffer, nullptr) == value) break;
  }
  // buffer holds d[.ddd]e[+-]xx
  digits->clear();
  const char* p = buffer;
  for (; *p != 'e'; ++p) {
    if (*p >= '0' && *p <= '9') digits->push_back(*p);
  }
  *exponent = std::atoi(p + 1);
  while (digits->size() > 1 && digits->back() == '0') digits->pop_back();
}

std::string JavaDoubleText(double value) {
  if (std::isnan(value)) return "NaN";
  if (std::isinf(value)) return value > 0 ? "Infinity" : "-Infinity";
  if (value == 0) return std::signbit(value) ? "-0.0" : "0.0";
  std::string sign = value < 0 ? "-" : "";
  double magnitude = std::fabs(value);
  std::string digits;
  int exponent = 0;
  ShortestDecimalDigits(magnitude, &digits, &exponent);
  if (magnitude >= 1e-3 && magnitude < 1e7) {
    std::string text;
    if (exponent >= 0) {
      std::string integer = digits.substr(0, std::min<size_t>(digits.size(), static_cast<size_t>(exponent) + 1));
      integer.append(static_cast<size_t>(exponent) + 1 - integer.size(), '0');
      std::string fraction = digits.size() > static_cast<size_t>(exponent) + 1 ? digits.substr(exponent + 1) : "0";
      text = integer + "." + fraction;
    } else {
      text = "0." + std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
    }
    return sign + text;
  }
  std::string mantissa = digits.substr(0, 1) + "." + (digits.size() > 1 ? digits.substr(1) : "0");
  return sign + mantissa + "E" + std::to_string(exponent);
}

std::string JavaFixedText(double value, int precision) {
  if (value == 0) return precision > 0 ? "0." + std::string(static_cast<size_t>(precision), '0') : "0";
  bool negative = value < 0;
  std::string digits;
  int exponent = 0;
  ShortestDecimalDigits(negative ? -value : value, &digits, &exponent);
  // Digits of the number as integer part + fraction, then half-up rounding
  // at `precision` fraction digits.
  std::string integer, fraction;
  if (exponent >= 0) {
    for (int i = 0; i <= exponent; ++i) integer.push_back(static_cast<size_t>(i) < digits.size() ? digits[i] : '0');
    if (digits.size() > static_cast<size_t>(exponent) + 1) fraction = digits.substr(exponent + 1);
  } else {
    integer = "0";
    fraction = std::string(static_cast<size_t>(-exponent - 1), '0') + digits;
  }
  bool round_up = fraction.size() > static_cast<size_t>(precision) && fraction[precision] >= '5';
  fraction.resize(static_cast<size_t>(precision), '0');
  std::string all = integer + fraction;
  if (round_up) {
    int i = static_cast<int>(all.size()) - 1;
    while (i >= 0 && all[i] == '9') all[i--] = '0';
    if (i >= 0) {
      all[i] = static_cast<char>(all[i] + 1);
    } else {
      all.insert(all.begin(), '1');
    }
  }
  std::string whole = all.substr(0, all.size() - static_cast<size_t>(precision));
  std::string text = precision > 0 ? whole + "." + all.substr(whole.size()) : whole;
  // Java's Formatter keeps the sign of any negative value, even one that
  // rounds to zero ("-0.0").
  return negative ? "-" + text : text;
}

std::string GroupedIntegerText(int64_t value) {
  bool negative = value < 0;
  uint64_t magnitude = negative ? 0 - static_cast<uint64_t>(value) : static_cast<uint64_t>(value);
  std::string text = WithGrouping(std::to_string(magnitude));
  return negative ? "-" + text : text;
}

}  // namespace sparkdx
