#include "codec/lzf_decompressor.h"

#include <cstring>
#include <string>

#include "base/format.h"

namespace sparkdx {

bool LzfDecodeBlock(const uint8_t* in, size_t in_size, uint8_t* out, size_t out_size) {
  const uint8_t* ip = in;
  const uint8_t* in_end = in + in_size;
  uint8_t* op = out;
  uint8_t* out_end = out + out_size;
  while (ip < in_end) {
    unsigned control = *ip++;
    if (control < 32) {  // literal run of control + 1 bytes
      size_t run = control + 1;
      if (static_cast<size_t>(in_end - ip) < run || static_cast<size_t>(out_end - op) < run) return false;
      std::memcpy(op, ip, run);
      op += run;
      ip += run;
      continue;
    }
    size_t length = control >> 5;
    if (ip >= in_end) return false;
    if (length == 7) {
      length += *ip++;
      if (ip >= in_end) return false;
    }
    size_t distance = ((control & 0x1f) << 8) + *ip++ + 1;
    length += 2;
    if (distance > static_cast<size_t>(op - out) || static_cast<size_t>(out_end - op) < length) return false;
    const uint8_t* ref = op - distance;
    for (size_t i = 0; i < length; ++i) op[i] = ref[i];  // overlapping copies are allowed
    op += length;
  }
  return op == out_end;
}

Status LzfDecompressor::DecodeChunk(ByteSink* sink, bool* keep_going) {
  *keep_going = true;
  if (decoded_size_ == 0) return Status::Ok();
  if (compressed_) {
    if (!LzfDecodeBlock(payload_.data(), payload_.size(), output_.data(), decoded_size_)) {
      return CorruptError("corrupt lzf chunk at byte " + std::to_string(chunk_start_byte_));
    }
  } else {
    std::memcpy(output_.data(), payload_.data(), decoded_size_);
  }
  *keep_going = sink->Write(output_.data(), decoded_size_);
  return Status::Ok();
}

Status LzfDecompressor::Decode(const uint8_t* input, size_t size, ByteSink* sink) {
  if (!error_.ok()) return error_;
  size_t offset = 0;
  while (offset < size) {
    if (!in_payload_) {
      if (header_fill_ == 0) {
        chunk_start_byte_ = consumed_bytes_ + offset;
        header_needed_ = 5;
      }
      size_t take = std::min(header_needed_ - header_fill_, size - offset);
      std::memcpy(header_ + header_fill_, input + offset, take);
      header_fill_ += take;
      offset += take;
      if (header_fill_ >= 3 && header_needed_ == 5) {
        if (header_[0] != 'Z' || header_[1] != 'V' || header_[2] > 1) {
          error_ = CorruptError("bad lzf chunk header (" + HexBytes(header_, 3) + ") at byte " +
                                std::to_string(chunk_start_byte_));
          return error_;
        }
        if (header_[2] == 1) header_needed_ = 7;
      }
      if (header_fill_ < header_needed_) continue;
      header_fill_ = 0;
      compressed_ = header_[2] == 1;
      size_t first = (static_cast<size_t>(header_[3]) << 8) | header_[4];
      if (compressed_) {
        payload_needed_ = first;
        decoded_size_ = (static_cast<size_t>(header_[5]) << 8) | header_[6];
      } else {
        payload_needed_ = decoded_size_ = first;
      }
      payload_.clear();
      in_payload_ = true;
    }
    size_t take = std::min(payload_needed_ - payload_.size(), size - offset);
    payload_.insert(payload_.end(), input + offset, input + offset + take);
    offset += take;
    if (payload_.size() < payload_needed_) break;
    in_payload_ = false;
    bool keep_going = true;
    error_ = DecodeChunk(sink, &keep_going);
    if (!error_.ok()) return error_;
    if (!keep_going) return Status::Ok();
  }
  consumed_bytes_ += size;
  return Status::Ok();
}

Status LzfDecompressor::Finish(ByteSink*) {
  if (!error_.ok()) return error_;
  if (header_fill_ > 0 || in_payload_) {
    error_ = TruncatedError("truncated lzf chunk at byte " + std::to_string(chunk_start_byte_) +
                            " (input ends at byte " + std::to_string(consumed_bytes_) + ")");
    return error_;
  }
  return Status::Ok();
}

}  // namespace sparkdx
