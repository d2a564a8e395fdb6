#include "codec/zstd_decompressor.h"

#include <zstd.h>

#include <string>

namespace sparkdx {

ZstdDecompressor::ZstdDecompressor() : context_(ZSTD_createDCtx()), output_(kDecodeBlockBytes) {}

ZstdDecompressor::~ZstdDecompressor() { ZSTD_freeDCtx(context_); }

Status ZstdDecompressor::Decode(const uint8_t* input, size_t size, ByteSink* sink) {
  if (!error_.ok()) return error_;
  ZSTD_inBuffer in{input, size, 0};
  while (in.pos < in.size) {
    size_t before = in.pos;
    if (!inside_frame_) {
      frame_start_byte_ = consumed_bytes_;
      inside_frame_ = true;
    }
    ZSTD_outBuffer out{output_.data(), output_.capacity(), 0};
    size_t hint = ZSTD_decompressStream(context_, &out, &in);
    consumed_bytes_ += in.pos - before;
    if (ZSTD_isError(hint)) {
      error_ = CorruptError("corrupt zstd data in the frame starting at byte " +
                            std::to_string(frame_start_byte_) + ": " + ZSTD_getErrorName(hint));
      if (out.pos > 0) sink->Write(output_.data(), out.pos);
      return error_;
    }
    if (hint == 0) inside_frame_ = false;  // a frame just ended
    if (out.pos > 0 && !sink->Write(output_.data(), out.pos)) return Status::Ok();
  }
  // Flush output zstd may still hold for the input given so far.
  for (;;) {
    ZSTD_inBuffer empty{nullptr, 0, 0};
    ZSTD_outBuffer out{output_.data(), output_.capacity(), 0};
    size_t hint = ZSTD_decompressStream(context_, &out, &empty);
    if (ZSTD_isError(hint)) break;  // reported by the next call with input, or by Finish
    if (hint == 0) inside_frame_ = false;
    if (out.pos == 0) break;
    if (!sink->Write(output_.data(), out.pos)) break;
  }
  return Status::Ok();
}

Status ZstdDecompressor::Finish(ByteSink*) {
  if (!error_.ok()) return error_;
  if (inside_frame_ && consumed_bytes_ > frame_start_byte_) {
    error_ = TruncatedError("truncated zstd frame at byte " + std::to_string(frame_start_byte_) +
                            " (input ends at byte " + std::to_string(consumed_bytes_) + ")");
    return error_;
  }
  return Status::Ok();
}

}  // namespace sparkdx
