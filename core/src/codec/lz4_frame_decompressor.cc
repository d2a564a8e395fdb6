#include "codec/lz4_frame_decompressor.h"

#include <lz4frame.h>

#include <algorithm>
#include <string>

namespace sparkdx {

Lz4FrameDecompressor::Lz4FrameDecompressor() : output_(kDecodeBlockBytes) {
  LZ4F_createDecompressionContext(&context_, LZ4F_VERSION);
}

Lz4FrameDecompressor::~Lz4FrameDecompressor() { LZ4F_freeDecompressionContext(context_); }

Status Lz4FrameDecompressor::Decode(const uint8_t* input, size_t size, ByteSink* sink) {
  if (!error_.ok()) return error_;
  size_t offset = 0;
  while (offset < size) {
    if (!inside_frame_) {
      frame_start_byte_ = consumed_bytes_;
      inside_frame_ = true;
    }
    // Give LZ4F no more than it asked for (its hint covers one block and the
    // next block header), so each call decodes at most one block. On an
    // error LZ4F reports no output size, so a call that decoded a block and
    // then met a bad content checksum would silently drop that block, and
    // the output would depend on how the input was split.
    size_t in_size = std::min(size - offset, next_hint_);
    size_t out_size = output_.capacity();
    size_t hint = LZ4F_decompress(context_, output_.data(), &out_size, input + offset, &in_size, nullptr);
    offset += in_size;
    consumed_bytes_ += in_size;
    if (LZ4F_isError(hint)) {
      error_ = CorruptError("corrupt lz4 frame starting at byte " + std::to_string(frame_start_byte_) + ": " +
                            LZ4F_getErrorName(hint));
      return error_;
    }
    if (hint == 0) inside_frame_ = false;
    next_hint_ = hint == 0 ? LZ4F_HEADER_SIZE_MIN : hint;
    if (out_size > 0 && !sink->Write(output_.data(), out_size)) return Status::Ok();
    if (in_size == 0 && out_size == 0) break;  // defensive: no progress possible
  }
  return Status::Ok();
}

Status Lz4FrameDecompressor::Finish(ByteSink* sink) {
  if (!error_.ok()) return error_;
  // Drain output LZ4F may still buffer.
  for (;;) {
    size_t in_size = 0;
    size_t out_size = output_.capacity();
    size_t hint = LZ4F_decompress(context_, output_.data(), &out_size, nullptr, &in_size, nullptr);
    if (LZ4F_isError(hint) || out_size == 0) break;
    if (hint == 0) inside_frame_ = false;
    if (!sink->Write(output_.data(), out_size)) return Status::Ok();
  }
  if (inside_frame_) {
    error_ = TruncatedError("truncated lz4 frame at byte " + std::to_string(frame_start_byte_) +
                            " (input ends at byte " + std::to_string(consumed_bytes_) + ")");
    return error_;
  }
  return Status::Ok();
}

}  // namespace sparkdx
