#include "gate/budget_values.h"

#include <gtest/gtest.h>

#include <optional>

namespace sparkdx {
namespace {

TEST(BudgetValuesTest, DurationsInEveryUnit) {
  EXPECT_EQ(ParseDurationMs("90s"), 90'000);
  EXPECT_EQ(ParseDurationMs("15m"), 900'000);
  EXPECT_EQ(ParseDurationMs("15min"), 900'000);
  EXPECT_EQ(ParseDurationMs("2h"), 7'200'000);
  EXPECT_EQ(ParseDurationMs("1500ms"), 1'500);
  EXPECT_EQ(ParseDurationMs("90"), 90'000);  // a plain number is seconds
  EXPECT_EQ(ParseDurationMs("1.5h"), 5'400'000);
  EXPECT_EQ(ParseDurationMs("0.0005s"), 1);  // rounded to whole milliseconds
  EXPECT_EQ(ParseDurationMs("2H"), 7'200'000);
  EXPECT_EQ(ParseDurationMs("0"), 0);
}

TEST(BudgetValuesTest, BadDurations) {
  for (const char* text : {"", "s", "-5s", "5 s", "5d", "5sec", "1e3", ".", "1..2s", "+5", "99999999999999999h"}) {
    EXPECT_EQ(ParseDurationMs(text), std::nullopt) << text;
  }
}

TEST(BudgetValuesTest, SizesArePowersOf1024) {
  EXPECT_EQ(ParseSizeBytes("4096"), 4096u);
  EXPECT_EQ(ParseSizeBytes("512k"), 512u << 10);
  EXPECT_EQ(ParseSizeBytes("512m"), 512u << 20);
  EXPECT_EQ(ParseSizeBytes("10g"), uint64_t{10} << 30);
  EXPECT_EQ(ParseSizeBytes("10G"), uint64_t{10} << 30);
  EXPECT_EQ(ParseSizeBytes("10GB"), uint64_t{10} << 30);
  EXPECT_EQ(ParseSizeBytes("10GiB"), uint64_t{10} << 30);
  EXPECT_EQ(ParseSizeBytes("1t"), uint64_t{1} << 40);
  EXPECT_EQ(ParseSizeBytes("1.5g"), uint64_t{3} << 29);
  EXPECT_EQ(ParseSizeBytes("7b"), 7u);
}

TEST(BudgetValuesTest, BadSizes) {
  for (const char* text : {"", "g", "-1g", "10x", "10gg", "10 g", "1e9", "10000000000t"}) {
    EXPECT_EQ(ParseSizeBytes(text), std::nullopt) << text;
  }
}

TEST(BudgetValuesTest, RatiosAreAtLeastOne) {
  EXPECT_EQ(ParseRatio("5"), 5.0);
  EXPECT_EQ(ParseRatio("2.5"), 2.5);
  EXPECT_EQ(ParseRatio("5x"), 5.0);
  EXPECT_EQ(ParseRatio("1"), 1.0);
  for (const char* text : {"", "0.5", "-3", "x", "5%", "five"}) EXPECT_EQ(ParseRatio(text), std::nullopt) << text;
}

TEST(BudgetValuesTest, FractionsAndPercentages) {
  EXPECT_EQ(ParseFraction("0.05"), 0.05);
  EXPECT_EQ(ParseFraction("0"), 0.0);
  EXPECT_EQ(ParseFraction("1"), 1.0);
  EXPECT_EQ(ParseFraction("5%"), 0.05);
  EXPECT_EQ(ParseFraction("100%"), 1.0);
  for (const char* text : {"", "1.01", "101%", "-0.1", "%", "0.5x", "half"}) {
    EXPECT_EQ(ParseFraction(text), std::nullopt) << text;
  }
}

TEST(BudgetValuesTest, Severities) {
  EXPECT_EQ(ParseSeverity("info"), BudgetSeverity::kInfo);
  EXPECT_EQ(ParseSeverity("warning"), BudgetSeverity::kWarning);
  EXPECT_EQ(ParseSeverity("critical"), BudgetSeverity::kCritical);
  EXPECT_EQ(ParseSeverity("error"), std::nullopt);
  EXPECT_EQ(ParseSeverity("Warning"), std::nullopt);
  EXPECT_STREQ(BudgetSeverityName(BudgetSeverity::kWarning), "warning");
}

}  // namespace
}  // namespace sparkdx
