// Numbers as Java prints them: Double.toString, "%.Nf" and grouped integers.
#include "report/rest/java_number_text.h"

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace sparkdx {
namespace {

TEST(JavaNumberTextTest, ShortestDigitsReadBackExactly) {
  std::string digits;
  int exponent = 0;
  ShortestDecimalDigits(0.0125, &digits, &exponent);
  EXPECT_EQ(digits, "125");
  EXPECT_EQ(exponent, -2);
  ShortestDecimalDigits(1000.0, &digits, &exponent);
  EXPECT_EQ(digits, "1");
  EXPECT_EQ(exponent, 3);
  ShortestDecimalDigits(0.1 + 0.2, &digits, &exponent);
  EXPECT_EQ(digits, "30000000000000004");
  EXPECT_EQ(exponent, -1);
}

TEST(JavaNumberTextTest, DoublesPrintLikeDoubleToString) {
  EXPECT_EQ(JavaDoubleText(1.0), "1.0");
  EXPECT_EQ(JavaDoubleText(0.001), "0.001");
  EXPECT_EQ(JavaDoubleText(0.0001), "1.0E-4");
  EXPECT_EQ(JavaDoubleText(1234567.5), "1234567.5");
  EXPECT_EQ(JavaDoubleText(1e7), "1.0E7");
  EXPECT_EQ(JavaDoubleText(-1.234e-5), "-1.234E-5");
  EXPECT_EQ(JavaDoubleText(100.0), "100.0");
  EXPECT_EQ(JavaDoubleText(-0.0), "-0.0");
  EXPECT_EQ(JavaDoubleText(std::nan("")), "NaN");
  EXPECT_EQ(JavaDoubleText(std::numeric_limits<double>::infinity()), "Infinity");
  EXPECT_EQ(JavaDoubleText(-std::numeric_limits<double>::infinity()), "-Infinity");
}

TEST(JavaNumberTextTest, FixedRoundsHalfUpOnTheShortestForm) {
  EXPECT_EQ(JavaFixedText(0.25, 1), "0.3");  // C prints 0.2
  EXPECT_EQ(JavaFixedText(1.25, 1), "1.3");
  EXPECT_EQ(JavaFixedText(9.96, 1), "10.0");
  EXPECT_EQ(JavaFixedText(99.5, 0), "100");
  EXPECT_EQ(JavaFixedText(0.0001, 2), "0.00");
  EXPECT_EQ(JavaFixedText(0.0, 2), "0.00");
  EXPECT_EQ(JavaFixedText(-0.04, 1), "-0.0");  // Java keeps the sign
  EXPECT_EQ(JavaFixedText(-2.35, 1), "-2.4");
}

TEST(JavaNumberTextTest, IntegersAreGroupedByThousands) {
  EXPECT_EQ(GroupedIntegerText(0), "0");
  EXPECT_EQ(GroupedIntegerText(999), "999");
  EXPECT_EQ(GroupedIntegerText(1000), "1,000");
  EXPECT_EQ(GroupedIntegerText(1234567), "1,234,567");
  EXPECT_EQ(GroupedIntegerText(-1234), "-1,234");
  EXPECT_EQ(GroupedIntegerText(INT64_MIN), "-9,223,372,036,854,775,808");
}

}  // namespace
}  // namespace sparkdx
