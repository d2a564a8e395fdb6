#include "base/varint.h"

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>

namespace sparkdx {
namespace {

TEST(VarintTest, RoundTripsBoundaryValues) {
  const uint64_t values[] = {0, 1, 127, 128, 16383, 16384, (1ull << 32) - 1, 1ull << 35,
                             std::numeric_limits<uint64_t>::max()};
  for (uint64_t value : values) {
    uint8_t buffer[kMaxVarintBytes];
    uint8_t* end = WriteVarint(value, buffer);
    uint64_t decoded = 0;
    EXPECT_EQ(ReadVarint(buffer, &decoded), end);
    EXPECT_EQ(decoded, value);
  }
}

TEST(VarintTest, ZigZagKeepsSmallMagnitudesSmall) {
  EXPECT_EQ(ZigZag(0), 0u);
  EXPECT_EQ(ZigZag(-1), 1u);
  EXPECT_EQ(ZigZag(1), 2u);
  for (int64_t v : {int64_t{-5}, int64_t{7}, std::numeric_limits<int64_t>::min(), std::numeric_limits<int64_t>::max()}) {
    EXPECT_EQ(UnZigZag(ZigZag(v)), v);
  }
}

}  // namespace
}  // namespace sparkdx
