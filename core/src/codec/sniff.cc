#include "codec/sniff.h"

#include <cstring>

#include "base/format.h"

namespace sparkdx {
namespace {

struct MagicRow {
  const char* magic;
  size_t size;
  bool supported;
  CodecKind codec;           // when supported
  const char* description;   // when not
};

// One row per recognised magic, longest first where prefixes overlap.
// To add a codec, see codec_kind.h.
const MagicRow kSniffTable[] = {
    {"\x28\xb5\x2f\xfd", 4, true, CodecKind::kZstd, nullptr},
    {"\x1f\x8b", 2, true, CodecKind::kGzip, nullptr},
    {"LZ4Block", 8, true, CodecKind::kLz4Block, nullptr},
    {"\x04\x22\x4d\x18", 4, true, CodecKind::kLz4Frame, nullptr},
    {"\x82SNAPPY\x00", 8, true, CodecKind::kSnappyJava, nullptr},
    {"ZV\x00", 3, true, CodecKind::kLzf, nullptr},
    {"ZV\x01", 3, true, CodecKind::kLzf, nullptr},
    {"PK\x03\x04", 4, true, CodecKind::kZip, nullptr},
    {"PK\x05\x06", 4, true, CodecKind::kZip, nullptr},
    {"PK\x07\x08", 4, true, CodecKind::kZip, nullptr},
    {"\xff\x06\x00\x00sNaPpY", 10, false, CodecKind::kPlain,
     "snappy framing format (Spark writes snappy-java streams, not this)"},
    {"BZh", 3, false, CodecKind::kPlain, "bzip2 compression"},
    {"\xfd" "7zXZ\x00", 6, false, CodecKind::kPlain, "xz compression"},
};

// Skippable frames have 16 magics (50..5f 2a 4d 18), so they are matched by
// pattern rather than listed in kSniffTable. `*prefix` is set when `data` is
// too short to tell but could still become one.
bool IsZstdSkippableFrame(const uint8_t* data, size_t size, bool* prefix) {
  static constexpr uint8_t kTail[3] = {0x2a, 0x4d, 0x18};
  *prefix = false;
  if (size == 0 || (data[0] & 0xf0) != 0x50) return false;
  size_t n = size < 4 ? size : 4;
  if (std::memcmp(data + 1, kTail, n - 1) != 0) return false;
  *prefix = size < 4;
  return size >= 4;
}

// Text means no control bytes other than whitespace; bytes >= 0x80 are
// taken as UTF-8 (a byte-order mark included).
bool LooksLikeText(const uint8_t* data, size_t size) {
  if (size == 0) return false;
  for (size_t i = 0; i < size; ++i) {
    uint8_t c = data[i];
    bool control = c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f';
    if (control || c == 0x7f) return false;
  }
  return true;
}

}  // namespace

SniffResult SniffCodec(const uint8_t* data, size_t size, bool at_end, std::optional<CodecKind> named) {
  SniffResult result;
  // Everything below needs at most kSniffLookaheadBytes; callers may pass a
  // whole chunk.
  if (size > kSniffLookaheadBytes) {
    size = kSniffLookaheadBytes;
    at_end = false;
  }
  bool undecided_prefix = false;
  bool named_prefix = false;  // the bytes begin the magic of the codec the name implies
  for (const MagicRow& row : kSniffTable) {
    size_t n = size < row.size ? size : row.size;
    if (std::memcmp(data, row.magic, n) != 0) continue;
    if (n < row.size) {
      undecided_prefix = true;  // could still become this magic
      if (row.supported && named == row.codec && size > 0) named_prefix = true;
      continue;
    }
    if (row.supported) {
      result.verdict = SniffResult::Verdict::kKnown;
      result.codec = row.codec;
    } else {
      result.verdict = SniffResult::Verdict::kUnsupported;
      result.message = row.description;
    }
    return result;
  }
  bool skippable_prefix = false;
  if (IsZstdSkippableFrame(data, size, &skippable_prefix)) {
    result.verdict = SniffResult::Verdict::kKnown;
    result.codec = CodecKind::kZstd;
    return result;
  }
  if (skippable_prefix) undecided_prefix = true;
  if (skippable_prefix && named == CodecKind::kZstd) named_prefix = true;
  if (undecided_prefix && !at_end && size < kSniffLookaheadBytes) {
    result.verdict = SniffResult::Verdict::kNeedMoreBytes;
    return result;
  }
  if (named_prefix && at_end) {
    result.verdict = SniffResult::Verdict::kKnown;
    result.codec = *named;
    return result;
  }
  // Text: the first non-blank byte of an event log is '{'. Anything else that
  // is still text goes to the line parser, which explains what it found.
  if (LooksLikeText(data, size)) {
    result.verdict = SniffResult::Verdict::kKnown;
    result.codec = CodecKind::kPlain;
    return result;
  }
  result.verdict = SniffResult::Verdict::kUnknown;
  result.message = "unrecognised format (first bytes: " + HexBytes(data, size, 8) + ")";
  return result;
}

std::optional<CodecKind> CodecFromExtension(std::string_view extension) {
  if (extension == "zstd" || extension == "zst") return CodecKind::kZstd;
  if (extension == "lz4") return CodecKind::kLz4Block;
  if (extension == "snappy") return CodecKind::kSnappyJava;
  if (extension == "lzf") return CodecKind::kLzf;
  if (extension == "gz" || extension == "gzip") return CodecKind::kGzip;
  if (extension == "zip") return CodecKind::kZip;
  return std::nullopt;
}

}  // namespace sparkdx
