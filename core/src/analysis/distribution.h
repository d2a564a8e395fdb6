// Distribution: exact order statistics of one per-task quantity within a
// stage attempt (durations, bytes, GC...). Computed from every value, not
// sampled: the max is the true max, which skew ratios depend on (REST
// task summaries stop at p95 by default and understate skew).
#ifndef SPARKDX_ANALYSIS_DISTRIBUTION_H_
#define SPARKDX_ANALYSIS_DISTRIBUTION_H_

#include <cstdint>
#include <vector>

namespace sparkdx {

struct Distribution {
  int64_t count = 0;
  int64_t sum = 0;
  int64_t min = 0;
  int64_t p25 = 0;
  int64_t median = 0;
  int64_t p75 = 0;
  int64_t p90 = 0;
  int64_t p95 = 0;
  int64_t max = 0;

  // max / median, or 0 when the median is 0 (no meaningful ratio).
  double MaxOverMedian() const { return median > 0 ? static_cast<double>(max) / static_cast<double>(median) : 0; }
  double Mean() const { return count > 0 ? static_cast<double>(sum) / static_cast<double>(count) : 0; }
};

// Fills every statistic, reordering `values` (partially sorted). Quantile q
// is the value at rank round(q * (n - 1)) of the sorted values (no
// interpolation, so every reported value is one a task really had).
Distribution MakeDistribution(std::vector<int64_t>* values);

// The value at quantile q (0..1) of already sorted values; 0 when empty.
int64_t SortedQuantile(const std::vector<int64_t>& sorted, double q);

}  // namespace sparkdx

#endif  // SPARKDX_ANALYSIS_DISTRIBUTION_H_
