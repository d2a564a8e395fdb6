// Exact quantiles by selection equal those of a full sort.
#include "analysis/distribution.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <random>

namespace sparkdx {
namespace {

TEST(DistributionTest, SelectionMatchesSortedRanks) {
  std::mt19937_64 rng(7);
  for (size_t n : {1u, 2u, 3u, 10u, 101u, 1000u}) {
    std::vector<int64_t> values(n);
    for (int64_t& v : values) v = static_cast<int64_t>(rng() % 1000);  // many ties
    std::vector<int64_t> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    Distribution d = MakeDistribution(&values);
    EXPECT_EQ(d.count, static_cast<int64_t>(n));
    EXPECT_EQ(d.min, sorted.front());
    EXPECT_EQ(d.max, sorted.back());
    EXPECT_EQ(d.p25, SortedQuantile(sorted, 0.25)) << n;
    EXPECT_EQ(d.median, SortedQuantile(sorted, 0.5)) << n;
    EXPECT_EQ(d.p75, SortedQuantile(sorted, 0.75)) << n;
    EXPECT_EQ(d.p90, SortedQuantile(sorted, 0.90)) << n;
    EXPECT_EQ(d.p95, SortedQuantile(sorted, 0.95)) << n;
    int64_t sum = 0;
    for (int64_t v : sorted) sum += v;
    EXPECT_EQ(d.sum, sum);
  }
}

TEST(DistributionTest, EmptyIsAllZero) {
  std::vector<int64_t> none;
  Distribution d = MakeDistribution(&none);
  EXPECT_EQ(d.count, 0);
  EXPECT_EQ(d.max, 0);
  EXPECT_EQ(d.MaxOverMedian(), 0);
}

}  // namespace
}  // namespace sparkdx
