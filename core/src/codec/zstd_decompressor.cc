#include "codec/zstd_decompressor.h"

#include <zstd.h>

#include <algorithm>
#include <string>

namespace sparkdx {

ZstdDecompressor::ZstdDecompressor() : context_(ZSTD_createDCtx()), output_(kDecodeBlockBytes) {}

ZstdDecompressor::~ZstdDecompressor() { ZSTD_freeDCtx(context_); }

Status ZstdDecompressor::Decode(const uint8_t* input, size_t size, ByteSink* sink) {
  if (!error_.ok()) return error_;
  size_t offset = 0;
  while (offset < size) {
    if (!inside_frame_) {
      frame_start_byte_ = consumed_bytes_;
      inside_frame_ = true;
    }
    // Give zstd at most one block's content per call, and the next block's
    // header in a call of its own. When a call fails, zstd does not say how
    // much output it wrote, so a call that decoded a good block and then met
    // a corrupt header (or block) would lose that block, and the output would
    // depend on how the input was split.
    ZSTD_inBuffer in{input + offset, std::min(size - offset, next_input_bytes_), 0};
    ZSTD_outBuffer out{output_.data(), output_.capacity(), 0};
    size_t hint = ZSTD_decompressStream(context_, &out, &in);
    if (ZSTD_isError(hint)) {
      error_ = CorruptError("corrupt zstd data in the frame starting at byte " +
                            std::to_string(frame_start_byte_) + ": " + ZSTD_getErrorName(hint));
      return error_;
    }
    offset += in.pos;
    consumed_bytes_ += in.pos;
    if (hint == 0) inside_frame_ = false;  // a frame just ended
    // zstd's hint counts the next block's 3-byte header on top of the block
    // it wants; ask for the block alone (a shorter request is always safe:
    // zstd buffers partial input and asks again).
    next_input_bytes_ = hint == 0                   ? kFrameHeaderPrefixBytes
                        : hint > kBlockHeaderBytes ? hint - kBlockHeaderBytes
                                                   : hint;
    if (out.pos > 0 && !sink->Write(output_.data(), out.pos)) return Status::Ok();
    if (in.pos == 0 && out.pos == 0) {
      // zstd holds output it could not flush (the buffer was full); drain it.
      ZSTD_inBuffer none{nullptr, 0, 0};
      out = ZSTD_outBuffer{output_.data(), output_.capacity(), 0};
      hint = ZSTD_decompressStream(context_, &out, &none);
      if (ZSTD_isError(hint) || out.pos == 0) break;
      if (!sink->Write(output_.data(), out.pos)) return Status::Ok();
    }
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
