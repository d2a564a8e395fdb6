#include "status/duration_sample.h"

#include <algorithm>

namespace sparkdx {

void DurationSample::Add(int64_t duration_ms) {
  bool keep = added_ % stride_ == 0;
  ++added_;
  if (!keep) return;
  values_.push_back(duration_ms);
  if (values_.size() <= kCapacity) return;
  // Kept positions are multiples of stride_; keeping the even ones leaves
  // the multiples of 2 * stride_, the same rule as if it had applied all along.
  size_t out = 0;
  for (size_t in = 0; in < values_.size(); in += 2) values_[out++] = values_[in];
  values_.resize(out);
  stride_ *= 2;
}

int64_t DurationSample::MedianMs() const {
  if (values_.empty()) return -1;
  std::vector<int64_t> sorted = values_;
  auto middle = sorted.begin() + static_cast<std::ptrdiff_t>((sorted.size() - 1) / 2);
  std::nth_element(sorted.begin(), middle, sorted.end());
  return *middle;
}

}  // namespace sparkdx
