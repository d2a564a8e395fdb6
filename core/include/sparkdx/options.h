// AnalyzerOptions: the knobs a shell may set. Defaults suit both the native
// CLI and the browser.
#ifndef SPARKDX_OPTIONS_H_
#define SPARKDX_OPTIONS_H_

#include <cstddef>
#include <cstdint>

namespace sparkdx {

// The chunk size every shell pushes (files are read and sliced in pieces of
// this size, pipes are read until a piece is full). Reports do not depend on
// it, except `bytes_read` of a file whose reading stopped early, which
// counts the whole piece being read.
inline constexpr size_t kFeedChunkBytes = 4u << 20;

struct AnalyzerOptions {
  // Decompression-bomb guard, per file: decoding stops with an error issue
  // when a file has produced `max_decoded_bytes` (0: no limit), or when, at
  // any multiple of kRatioGuardStepBytes from kRatioGuardMinBytes on, it has
  // produced more than `max_expansion_ratio` times the bytes read (0: off).
  static constexpr uint64_t kRatioGuardMinBytes = 256ull << 20;
  static constexpr uint64_t kRatioGuardStepBytes = 64ull << 20;
  uint64_t max_decoded_bytes = 0;
  uint32_t max_expansion_ratio = 1000;

  // Lines longer than this are skipped (counted as malformed) without being
  // buffered or parsed. Spark SQL plan lines reach tens of megabytes. Parsing
  // a line takes about 7 times its size in memory, so 256 MiB stays well
  // inside WebAssembly's 4 GiB.
  uint64_t max_line_bytes = 256ull << 20;

  // Zip entries of a rolling log that arrive out of order are held in memory
  // until their turn, up to this many bytes in all; beyond it they are fed in
  // arrival order and the report says so.
  uint64_t max_zip_reorder_bytes = 1ull << 30;
};

}  // namespace sparkdx

#endif  // SPARKDX_OPTIONS_H_
