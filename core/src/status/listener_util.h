// Small helpers shared by the StatusListener's files (listener*.cc).
#ifndef SPARKDX_STATUS_LISTENER_UTIL_H_
#define SPARKDX_STATUS_LISTENER_UTIL_H_

#include <algorithm>
#include <cstdint>

namespace sparkdx {

// Spark's addDeltaToValue: applies a delta without going below zero.
inline int64_t AddDelta(int64_t value, int64_t delta) { return std::max<int64_t>(0, value + delta); }

}  // namespace sparkdx

#endif  // SPARKDX_STATUS_LISTENER_UTIL_H_
