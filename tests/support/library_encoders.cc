// Encoders over zlib, zstd and liblz4, written for tests (see library_encoders.h).
#include "support/library_encoders.h"

#include <gtest/gtest.h>
#include <lz4frame.h>
#include <zlib.h>
#include <zstd.h>

#include "support/chunk_sweep.h"

namespace sparkdx::testing {
namespace {

// Calls `encode(part)` for each part between the cuts and records layouts.
template <typename Encode>
std::string EncodeParts(std::string_view data, const std::vector<size_t>& cuts, std::vector<FrameLayout>* layout,
                        Encode encode) {
  std::string out;
  size_t start = 0;
  for (size_t i = 0; i <= cuts.size(); ++i) {
    size_t end = i < cuts.size() ? cuts[i] : data.size();
    if (end < start || (i < cuts.size() && end == start)) continue;
    FrameLayout frame;
    frame.offset = out.size();
    frame.decoded_offset = start;
    frame.decoded_bytes = end - start;
    out += encode(data.substr(start, end - start));
    frame.encoded_bytes = out.size() - frame.offset;
    if (layout != nullptr) layout->push_back(frame);
    start = end;
  }
  return out;
}

std::string GzipMember(std::string_view part) {
  z_stream z{};
  deflateInit2(&z, 6, Z_DEFLATED, 15 + 16, 8, Z_DEFAULT_STRATEGY);
  std::string out(deflateBound(&z, static_cast<uLong>(part.size())) + 32, '\0');
  z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(part.data()));
  z.avail_in = static_cast<uInt>(part.size());
  z.next_out = reinterpret_cast<Bytef*>(out.data());
  z.avail_out = static_cast<uInt>(out.size());
  deflate(&z, Z_FINISH);
  out.resize(z.total_out);
  deflateEnd(&z);
  return out;
}

}  // namespace

std::string GzipCompress(std::string_view data, const std::vector<size_t>& cuts, std::vector<FrameLayout>* layout) {
  return EncodeParts(data, cuts, layout, GzipMember);
}

std::string ZstdSkippableFrame(uint8_t nibble, std::string_view payload) {
  std::string frame;
  uint32_t magic = 0x184D2A50u | (nibble & 0x0f);
  uint32_t size = static_cast<uint32_t>(payload.size());
  for (int i = 0; i < 4; ++i) frame.push_back(static_cast<char>((magic >> (8 * i)) & 0xff));
  for (int i = 0; i < 4; ++i) frame.push_back(static_cast<char>((size >> (8 * i)) & 0xff));
  return frame + std::string(payload);
}

std::string ZstdCompress(std::string_view data, const ZstdOptions& options, std::vector<FrameLayout>* layout) {
  ZSTD_CCtx* context = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, options.level);
  ZSTD_CCtx_setParameter(context, ZSTD_c_checksumFlag, options.checksum ? 1 : 0);
  ZSTD_CCtx_setParameter(context, ZSTD_c_contentSizeFlag, options.content_size ? 1 : 0);
  std::string out;
  int frames = 0;
  size_t start = 0;
  for (size_t i = 0; i <= options.cuts.size(); ++i) {
    size_t end = i < options.cuts.size() ? options.cuts[i] : data.size();
    if (end < start || (i < options.cuts.size() && end == start)) continue;
    if (options.skippable_every > 0 && frames % options.skippable_every == 0) {
      FrameLayout skip;
      skip.offset = out.size();
      skip.decoded_offset = start;
      skip.skippable = true;
      out += ZstdSkippableFrame(static_cast<uint8_t>(frames & 0x0f), "skippable #" + std::to_string(frames));
      skip.encoded_bytes = out.size() - skip.offset;
      if (layout != nullptr) layout->push_back(skip);
    }
    ++frames;
    // Streaming compression of one frame, as zstd-jni does on a flush.
    std::string_view part = data.substr(start, end - start);
    std::string compressed(ZSTD_compressBound(part.size()) + 64, '\0');
    ZSTD_inBuffer in{part.data(), part.size(), 0};
    ZSTD_outBuffer out_buffer{compressed.data(), compressed.size(), 0};
    ZSTD_CCtx_reset(context, ZSTD_reset_session_only);
    if (options.content_size) ZSTD_CCtx_setPledgedSrcSize(context, part.size());
    for (;;) {
      size_t remaining = ZSTD_compressStream2(context, &out_buffer, &in, ZSTD_e_end);
      if (remaining == 0 || ZSTD_isError(remaining)) break;
    }
    FrameLayout frame;
    frame.offset = out.size();
    frame.encoded_bytes = out_buffer.pos;
    frame.decoded_offset = start;
    frame.decoded_bytes = part.size();
    out.append(compressed.data(), out_buffer.pos);
    if (layout != nullptr) layout->push_back(frame);
    start = end;
  }
  ZSTD_freeCCtx(context);
  return out;
}

std::string Lz4FrameCompress(std::string_view data, const std::vector<size_t>& cuts, std::vector<FrameLayout>* layout,
                             bool content_checksum) {
  return EncodeParts(data, cuts, layout, [content_checksum](std::string_view part) {
    LZ4F_preferences_t preferences{};
    preferences.frameInfo.contentChecksumFlag = content_checksum ? LZ4F_contentChecksumEnabled : LZ4F_noContentChecksum;
    preferences.frameInfo.blockSizeID = LZ4F_max64KB;
    std::string out(LZ4F_compressFrameBound(part.size(), &preferences), '\0');
    size_t n = LZ4F_compressFrame(out.data(), out.size(), part.data(), part.size(), &preferences);
    out.resize(LZ4F_isError(n) ? 0 : n);
    return out;
  });
}

std::vector<size_t> LineCuts(std::string_view text, size_t every) {
  std::vector<size_t> cuts;
  size_t lines = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '\n' && ++lines % every == 0 && i + 1 < text.size()) cuts.push_back(i + 1);
  }
  return cuts;
}


void ExpectCutsKeepWholeFrames(CodecKind kind, const std::string& text, const std::string& stream,
                               const std::vector<FrameLayout>& layout, std::initializer_list<size_t> header_deltas,
                               size_t tail_bytes, const std::string& unit) {
  std::vector<size_t> points;
  for (const FrameLayout& frame : layout) {
    for (size_t delta : header_deltas) points.push_back(frame.offset + delta);
    for (size_t back = 1; back <= tail_bytes && back <= frame.encoded_bytes; ++back) {
      points.push_back(frame.offset + frame.encoded_bytes - back);
    }
  }
  for (size_t k = 1; k < 100; ++k) points.push_back(stream.size() * k / 100);
  for (size_t cut : points) {
    if (cut > stream.size()) continue;
    SCOPED_TRACE("cut at " + std::to_string(cut));
    size_t complete = 0;  // decoded bytes of the frames wholly before the cut
    std::string expected_status = "ok";
    for (const FrameLayout& frame : layout) {
      if (frame.offset + frame.encoded_bytes <= cut) {
        complete = frame.decoded_offset + frame.decoded_bytes;
      } else if (frame.offset < cut) {
        expected_status = "truncated: truncated " + unit + " at byte " + std::to_string(frame.offset) +
                          " (input ends at byte " + std::to_string(cut) + ")";
      }
    }
    DecodeResult result = DecodeAll(kind, std::string_view(stream).substr(0, cut));
    EXPECT_EQ(DescribeStatus(result.status), expected_status);
    // Whole frames always arrive; a torn frame may add its complete blocks.
    EXPECT_GE(result.output.size(), complete);
    EXPECT_TRUE(text.compare(0, result.output.size(), result.output) == 0);
  }
}

}  // namespace sparkdx::testing
