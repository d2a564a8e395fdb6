// Small helpers shared by the benchmark tools (not part of the core): size
// arguments with K/M/G suffixes and a wall clock.
#ifndef SPARKDX_BENCH_BENCH_UTIL_H_
#define SPARKDX_BENCH_BENCH_UTIL_H_

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <string>

namespace sparkdx::bench {

// "1G", "512M", "64K", "1000": binary multiples (1G = 2^30 bytes). Returns
// false on anything else.
inline bool ParseSize(const std::string& text, uint64_t* out) {
  if (text.empty()) return false;
  char* end = nullptr;
  double value = std::strtod(text.c_str(), &end);
  if (end == text.c_str() || value < 0) return false;
  std::string suffix(end);
  uint64_t unit = 1;
  if (suffix.empty() || suffix == "B" || suffix == "b") {
    unit = 1;
  } else if (suffix == "K" || suffix == "k" || suffix == "KB" || suffix == "KiB") {
    unit = 1ull << 10;
  } else if (suffix == "M" || suffix == "m" || suffix == "MB" || suffix == "MiB") {
    unit = 1ull << 20;
  } else if (suffix == "G" || suffix == "g" || suffix == "GB" || suffix == "GiB") {
    unit = 1ull << 30;
  } else {
    return false;
  }
  *out = static_cast<uint64_t>(value * static_cast<double>(unit));
  return true;
}

inline double NowSeconds() {
  return std::chrono::duration<double>(std::chrono::steady_clock::now().time_since_epoch()).count();
}

}  // namespace sparkdx::bench

#endif  // SPARKDX_BENCH_BENCH_UTIL_H_
