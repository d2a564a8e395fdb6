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
  std::sort(values->begin(), values->end());
  d.count = static_cast<int64_t>(values->size());
  for (int64_t v : *values) d.sum = SatAdd(d.sum, v);
  d.min = values->front();
  d.p25 = SortedQuantile(*values, 0.25);
  d.median = SortedQuantile(*values, 0.5);
  d.p75 = SortedQuantile(*values, 0.75);
  d.p90 = SortedQuantile(*values, 0.90);
  d.p95 = SortedQuantile(*values, 0.95);
  d.max = values->back();
  return d;
}

}  // namespace sparkdx
