#include "analysis/distribution.h"

#include <algorithm>
#include <cmath>

#include "base/saturating.h"

namespace sparkdx {

int64_t SortedQuantile(const std::vector<int64_t>& sorted, double q) {
  if (sorted.empty()) return 0;
  double rank = std::round(q * static_cast<double>(sorted.size() - 1));
  size_t index = std::min(sorted.size() - 1, static_cast<size_t>(std::max(0.0, rank)));
  return sorted[index];
}

Distribution MakeDistribution(std::vector<int64_t>* values) {
  Distribution d;
  if (values->empty()) return d;
  d.count = static_cast<int64_t>(values->size());
  for (int64_t v : *values) d.sum = SatAdd(d.sum, v);
  // Selection instead of a full sort: each quantile's rank is found with
  // nth_element over what lies above the previous one, O(n) per quantile.
  // The values are the same a sort would give.
  const double kQuantiles[] = {0.25, 0.5, 0.75, 0.90, 0.95};
  int64_t* const slots[] = {&d.p25, &d.median, &d.p75, &d.p90, &d.p95};
  auto begin = values->begin();
  size_t n = values->size();
  for (size_t i = 0; i < 5; ++i) {
    size_t rank = std::min(n - 1, static_cast<size_t>(std::max(0.0, std::round(kQuantiles[i] * static_cast<double>(n - 1)))));
    auto nth = values->begin() + static_cast<std::ptrdiff_t>(rank);
    std::nth_element(begin, nth, values->end());
    *slots[i] = *nth;
    begin = nth;
  }
  d.min = *std::min_element(values->begin(), values->end());
  d.max = *std::max_element(values->begin(), values->end());
  return d;
}

}  // namespace sparkdx
