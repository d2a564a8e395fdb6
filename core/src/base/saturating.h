// Saturating int64 arithmetic for analysis of untrusted numbers: a damaged
// or hostile log can carry any int64 time, count or size, and the result of
// summing or multiplying them must clamp at the int64 limits instead of
// overflowing (undefined behaviour in C++).
#ifndef SPARKDX_BASE_SATURATING_H_
#define SPARKDX_BASE_SATURATING_H_

#include <cmath>
#include <cstdint>
#include <limits>

namespace sparkdx {

inline int64_t SatAdd(int64_t a, int64_t b) {
  int64_t out;
  if (__builtin_add_overflow(a, b, &out)) return b > 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  return out;
}

inline int64_t SatSub(int64_t a, int64_t b) {
  int64_t out;
  if (__builtin_sub_overflow(a, b, &out)) return b < 0 ? std::numeric_limits<int64_t>::max() : std::numeric_limits<int64_t>::min();
  return out;
}

inline int64_t SatMul(int64_t a, int64_t b) {
  int64_t out;
  if (__builtin_mul_overflow(a, b, &out)) {
    return (a < 0) != (b < 0) ? std::numeric_limits<int64_t>::min() : std::numeric_limits<int64_t>::max();
  }
  return out;
}

// A double as int64, clamped to the int64 range (NaN is 0). Casting an
// out-of-range double is undefined behaviour.
inline int64_t ClampToInt64(double value) {
  if (!(value == value)) return 0;
  if (value >= 9.2e18) return std::numeric_limits<int64_t>::max();
  if (value <= -9.2e18) return std::numeric_limits<int64_t>::min();
  return static_cast<int64_t>(value);
}

inline int64_t RoundToInt64(double value) { return ClampToInt64(std::round(value)); }

}  // namespace sparkdx

#endif  // SPARKDX_BASE_SATURATING_H_
