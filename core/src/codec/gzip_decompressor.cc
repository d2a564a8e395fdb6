#include "codec/gzip_decompressor.h"

#include <string>

#include "codec/inflater.h"

namespace sparkdx {

GzipDecompressor::GzipDecompressor() : inflater_(std::make_unique<Inflater>(Inflater::Framing::kGzip)) {}
GzipDecompressor::~GzipDecompressor() = default;

Status GzipDecompressor::Decode(const uint8_t* input, size_t size, ByteSink* sink) {
  if (!error_.ok()) return error_;
  size_t offset = 0;
  while (offset < size) {
    if (!inside_member_) {
      // A new member must start with the gzip magic; anything else after a
      // complete member is trailing garbage.
      if (input[offset] != 0x1f) {
        error_ = CorruptError("unexpected bytes after the gzip member ending at byte " +
                              std::to_string(consumed_bytes_));
        return error_;
      }
      member_start_byte_ = consumed_bytes_;
      inside_member_ = true;
      inflater_->Reset();
    }
    size_t used = 0;
    Inflater::Result result = inflater_->Inflate(input + offset, size - offset, sink, &used);
    offset += used;
    consumed_bytes_ += used;
    switch (result) {
      case Inflater::Result::kError:
        error_ = CorruptError("corrupt gzip data in the member starting at byte " +
                              std::to_string(member_start_byte_) + ": " + inflater_->error_message());
        return error_;
      case Inflater::Result::kStopped: return Status::Ok();
      case Inflater::Result::kStreamEnd: inside_member_ = false; break;
      case Inflater::Result::kNeedMoreInput: break;
    }
  }
  return Status::Ok();
}

Status GzipDecompressor::Finish(ByteSink*) {
  if (!error_.ok()) return error_;
  if (inside_member_) {
    error_ = TruncatedError("truncated gzip member at byte " + std::to_string(member_start_byte_) +
                            " (input ends at byte " + std::to_string(consumed_bytes_) + ")");
    return error_;
  }
  return Status::Ok();
}

}  // namespace sparkdx
