// DurationSample: a bounded sample of durations (a streaming query's batch
// durations) good for a median. A long-running query reports a batch every
// few seconds for weeks, so keeping every duration is not an option.
//
// Contract: every duration is kept while there are at most kCapacity; the
// median is then exact. Beyond that the sample is systematic: one duration
// in `stride` is kept (batches 0, stride, 2*stride, ... in arrival order),
// and whenever the sample would exceed kCapacity every other kept duration
// is dropped and the stride doubles, so between kCapacity/2 and kCapacity
// durations spread evenly over the whole run remain. The result depends
// only on the order of the durations, never on how input was split.
#ifndef SPARKDX_STATUS_DURATION_SAMPLE_H_
#define SPARKDX_STATUS_DURATION_SAMPLE_H_

#include <cstddef>
#include <cstdint>
#include <vector>

namespace sparkdx {

class DurationSample {
 public:
  static constexpr size_t kCapacity = 10000;

  void Add(int64_t duration_ms);
  // The lower median of the sample (the value at position (n - 1) / 2 once
  // sorted, so always a duration that occurred), or -1 when empty.
  int64_t MedianMs() const;
  // Every duration added is in the sample.
  bool exact() const { return stride_ == 1; }
  size_t size() const { return values_.size(); }
  uint64_t added() const { return added_; }
  uint64_t stride() const { return stride_; }

 private:
  std::vector<int64_t> values_;
  uint64_t stride_ = 1;
  uint64_t added_ = 0;
};

}  // namespace sparkdx

#endif  // SPARKDX_STATUS_DURATION_SAMPLE_H_
