// Encoders for the codecs that have a reference C library (zlib, zstd,
// liblz4's frame API), written for tests. They only arrange the library's
// output the way real files look: several gzip members, many zstd frames
// (Spark closes a frame on every flush, PROTOCOLS.md §5.6) with skippable
// frames between them, concatenated LZ4 frames.
#ifndef SPARKDX_TESTS_SUPPORT_LIBRARY_ENCODERS_H_
#define SPARKDX_TESTS_SUPPORT_LIBRARY_ENCODERS_H_

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

#include "codec/codec_kind.h"

namespace sparkdx::testing {

// Where one frame or member landed in the output.
struct FrameLayout {
  size_t offset = 0;
  size_t encoded_bytes = 0;
  size_t decoded_offset = 0;
  size_t decoded_bytes = 0;
  bool skippable = false;  // zstd skippable frame (decodes to nothing)
};

// Cuts a framed stream (gzip members, LZ4 or zstd frames) at interesting
// points: `header_deltas` bytes into every frame, the last `tail_bytes`
// bytes of every frame, and every 1% of the stream. For each cut, decoding
// `kind` must deliver at least every frame wholly before the cut, only a
// prefix of `text`, and end with "truncated: truncated <unit> at byte
// <torn frame> (input ends at byte <cut>)" when a frame is torn.
void ExpectCutsKeepWholeFrames(CodecKind kind, const std::string& text, const std::string& stream,
                               const std::vector<FrameLayout>& layout, std::initializer_list<size_t> header_deltas,
                               size_t tail_bytes, const std::string& unit);

// One gzip member per part: the input is cut at `cuts` (ascending input
// offsets); no cuts gives a single member.
std::string GzipCompress(std::string_view data, const std::vector<size_t>& cuts = {},
                         std::vector<FrameLayout>* layout = nullptr);

struct ZstdOptions {
  int level = 1;
  bool checksum = false;
  bool content_size = false;  // zstd-jni's streaming writer does not record it
  // Input offsets at which a frame ends (Spark's flushes).
  std::vector<size_t> cuts;
  // Insert a skippable frame before every n-th data frame (0: none).
  int skippable_every = 0;
};
std::string ZstdCompress(std::string_view data, const ZstdOptions& options = {},
                         std::vector<FrameLayout>* layout = nullptr);
// A skippable frame: magic 0x184D2A50 | nibble, int32 LE size, payload.
std::string ZstdSkippableFrame(uint8_t nibble, std::string_view payload);

// One LZ4 frame per part (lz4 command-line format), cut like GzipCompress.
std::string Lz4FrameCompress(std::string_view data, const std::vector<size_t>& cuts = {},
                             std::vector<FrameLayout>* layout = nullptr, bool content_checksum = true);

// Input offsets just after every `every`-th line: where Spark's event writer
// would flush.
std::vector<size_t> LineCuts(std::string_view text, size_t every);

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_LIBRARY_ENCODERS_H_
