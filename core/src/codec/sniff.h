// Codec detection by content. Magic bytes decide; a file-name extension only
// breaks ties (input too short to tell) and a disagreement between the two is
// reported by the caller, never silently "fixed".
#ifndef SPARKDX_CODEC_SNIFF_H_
#define SPARKDX_CODEC_SNIFF_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "codec/codec_kind.h"

namespace sparkdx {

// The most bytes SniffCodec ever looks at.
inline constexpr size_t kSniffLookaheadBytes = 16;

struct SniffResult {
  enum class Verdict {
    kKnown,          // `codec` is set
    kNeedMoreBytes,  // give more bytes (or at_end=true)
    kUnsupported,    // recognised but not decodable: `message` says what it is
    kUnknown,        // binary content with no known magic: `message` shows it
  };
  Verdict verdict = Verdict::kUnknown;
  CodecKind codec = CodecKind::kPlain;
  std::string message;
};

// Looks at the first bytes of a file. `at_end` says no more bytes will come.
// `named` is the codec the file name implies, if any: it breaks the tie when
// the file ends before a magic is complete but what is there matches the
// start of that codec's magic (a cut download), so the decoder can report
// the truncation instead of the content being taken for text.
SniffResult SniffCodec(const uint8_t* data, size_t size, bool at_end,
                       std::optional<CodecKind> named = std::nullopt);

// The codec a file-name extension implies ("zstd", "zst", "lz4", "snappy",
// "lzf", "gz", "zip"), or nullopt for none.
std::optional<CodecKind> CodecFromExtension(std::string_view extension);

}  // namespace sparkdx

#endif  // SPARKDX_CODEC_SNIFF_H_
