// AnalyzerOptions: the knobs a shell may set. Defaults suit both the native
// CLI and the browser.
#ifndef SPARKDX_OPTIONS_H_
#define SPARKDX_OPTIONS_H_

#include <cstdint>

namespace sparkdx {

struct AnalyzerOptions {
  // Decompression-bomb guard, per file: decoding stops with an error issue
  // when a file has produced more than `max_decoded_bytes` (0: no limit), or
  // when it has produced more than kRatioGuardMinBytes and more than
  // `max_expansion_ratio` times its compressed size (0: no ratio check).
  static constexpr uint64_t kRatioGuardMinBytes = 256ull << 20;
  uint64_t max_decoded_bytes = 0;
  uint32_t max_expansion_ratio = 1000;

  // Lines longer than this are skipped (counted as malformed) without being
  // buffered or parsed. Spark SQL plan lines reach tens of megabytes.
  uint64_t max_line_bytes = 512ull << 20;

  // Zip entries of a rolling log that arrive out of order are held in memory
  // until their turn, up to this many bytes in all; beyond it they are fed in
  // arrival order and the report says so.
  uint64_t max_zip_reorder_bytes = 1ull << 30;
};

}  // namespace sparkdx

#endif  // SPARKDX_OPTIONS_H_
