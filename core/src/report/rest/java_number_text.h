// Numbers as Java prints them. Spark's REST answers and SQL metric texts are
// produced by Java's formatters, which start from the shortest decimal form
// of a double and round half up; C's printf rounds the exact binary value
// instead, so 1.25 prints "1.2" in C and "1.3" in Java. Everything here
// follows Java.
#ifndef SPARKDX_REPORT_REST_JAVA_NUMBER_TEXT_H_
#define SPARKDX_REPORT_REST_JAVA_NUMBER_TEXT_H_

#include <cstdint>
#include <string>

namespace sparkdx {

// The shortest decimal digits that read back as `value` (> 0, finite),
// without trailing zeros, and the decimal exponent of the first digit:
// 0.0125 -> "125", -2.
void ShortestDecimalDigits(double value, std::string* digits, int* exponent);

// Java's Double.toString: "1.0", "0.001", "1.0E7", "1.234E-5", "NaN",
// "Infinity".
std::string JavaDoubleText(double value);

// Java's "%.<precision>f" of a double: half-up rounding of its shortest
// decimal form (1.25 -> "1.3" where C prints "1.2").
std::string JavaFixedText(double value, int precision);

// Java's NumberFormat.getIntegerInstance(Locale.US): "1,234,567".
std::string GroupedIntegerText(int64_t value);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_REST_JAVA_NUMBER_TEXT_H_
