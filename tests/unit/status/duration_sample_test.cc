// DurationSample: exact up to its capacity, then a systematic sample that
// stays bounded and spread over the whole run.
#include "status/duration_sample.h"

#include <gtest/gtest.h>

#include <cstdint>

namespace sparkdx {
namespace {

TEST(DurationSampleTest, EmptyHasNoMedian) {
  DurationSample sample;
  EXPECT_EQ(sample.MedianMs(), -1);
  EXPECT_TRUE(sample.exact());
}

TEST(DurationSampleTest, MedianIsTheLowerMiddleValue) {
  DurationSample sample;
  for (int64_t ms : {7110, 622, 522, 415, 387, 437, 351, 341}) sample.Add(ms);
  EXPECT_EQ(sample.MedianMs(), 415);  // sorted: 341 351 387 [415] 437 522 622 7110
  sample.Add(1);
  EXPECT_EQ(sample.MedianMs(), 415);  // 1 341 351 387 [415] ...
}

TEST(DurationSampleTest, KeepsEveryDurationUpToCapacity) {
  DurationSample sample;
  for (size_t i = 0; i < DurationSample::kCapacity; ++i) sample.Add(static_cast<int64_t>(i));
  EXPECT_TRUE(sample.exact());
  EXPECT_EQ(sample.size(), DurationSample::kCapacity);
  EXPECT_EQ(sample.MedianMs(), 4999);
}

TEST(DurationSampleTest, BeyondCapacityKeepsASpreadSample) {
  DurationSample sample;
  const int64_t n = 1'000'003;
  for (int64_t i = 0; i < n; ++i) sample.Add(i);
  EXPECT_FALSE(sample.exact());
  EXPECT_EQ(sample.added(), static_cast<uint64_t>(n));
  EXPECT_LE(sample.size(), DurationSample::kCapacity);
  EXPECT_GT(sample.size(), DurationSample::kCapacity / 2);
  // Batches 0, stride, 2 * stride, ...: the median is within a stride of the true one.
  int64_t stride = static_cast<int64_t>(sample.stride());
  EXPECT_NEAR(static_cast<double>(sample.MedianMs()), static_cast<double>(n / 2), static_cast<double>(stride));
  EXPECT_EQ(sample.MedianMs() % stride, 0);
}

}  // namespace
}  // namespace sparkdx
