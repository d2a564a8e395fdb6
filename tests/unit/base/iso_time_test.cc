// ISO-8601 timestamps as structured streaming writes them, to epoch ms and
// back.
#include "base/iso_time.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace sparkdx {
namespace {

int64_t Parse(const char* text) {
  int64_t ms = -12345;
  EXPECT_TRUE(ParseIsoTimestampMs(text, &ms)) << text;
  return ms;
}

TEST(IsoTimeTest, ParsesSparkStreamingTimestamps) {
  EXPECT_EQ(Parse("2020-07-29T10:56:55.947Z"), 1596020215947);
  EXPECT_EQ(Parse("1970-01-01T00:00:00.000Z"), 0);
  EXPECT_EQ(Parse("2024-02-29T23:59:59.999Z"), 1709251199999);
  EXPECT_EQ(Parse("2000-03-01T00:00:00Z"), 951868800000);
  EXPECT_EQ(Parse("1969-12-31T23:59:59.000Z"), -1000);
  EXPECT_EQ(Parse("0001-01-01T00:00:00.000Z"), -62135596800000);
}

TEST(IsoTimeTest, FractionsAndZones) {
  EXPECT_EQ(Parse("2020-07-29T10:56:55.9Z"), 1596020215900);
  EXPECT_EQ(Parse("2020-07-29T10:56:55.947123456Z"), 1596020215947);  // cut, not rounded
  EXPECT_EQ(Parse("2020-07-29T12:56:55.947+02:00"), 1596020215947);
  EXPECT_EQ(Parse("2020-07-29T05:26:55.947-0530"), 1596020215947);
  EXPECT_EQ(Parse("2020-07-29T10:56:55.947"), 1596020215947);  // no zone: UTC
}

TEST(IsoTimeTest, RejectsWhatIsNotATimestamp) {
  for (const char* text : {"", "2020-07-29", "2020-07-29 10:56:55Z", "2020-02-30T00:00:00Z", "2021-02-29T00:00:00Z",
                           "2020-13-01T00:00:00Z", "2020-07-29T24:00:00Z", "2020-07-29T10:60:00Z",
                           "2020-07-29T10:56:55.Z", "2020-07-29T10:56:55.947ZZ", "2020-07-29T10:56:55+1",
                           "0000-01-01T00:00:00Z", "NaN", "2020-07-29T10:56:55.9471234567Z"}) {
    int64_t ms = 7;
    EXPECT_FALSE(ParseIsoTimestampMs(text, &ms)) << text;
    EXPECT_EQ(ms, 7) << text;
  }
}

TEST(IsoTimeTest, FormatsAndRoundTrips) {
  EXPECT_EQ(FormatIsoTimestampMs(1596020215947), "2020-07-29T10:56:55.947Z");
  EXPECT_EQ(FormatIsoTimestampMs(0), "1970-01-01T00:00:00.000Z");
  EXPECT_EQ(FormatIsoTimestampMs(-1), "1969-12-31T23:59:59.999Z");
  EXPECT_EQ(FormatIsoTimestampMs(1709251199999), "2024-02-29T23:59:59.999Z");
  EXPECT_EQ(FormatIsoTimestampMs(INT64_MAX), std::to_string(INT64_MAX));
  for (int64_t ms : {int64_t{-62135596800000}, int64_t{951868799999}, int64_t{4102444800000},
                     int64_t{253402300799999}}) {
    int64_t back = 0;
    ASSERT_TRUE(ParseIsoTimestampMs(FormatIsoTimestampMs(ms), &back)) << ms;
    EXPECT_EQ(back, ms);
  }
}

}  // namespace
}  // namespace sparkdx
