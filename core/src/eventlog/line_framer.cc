#include "eventlog/line_framer.h"

#include <cstring>

namespace sparkdx {
namespace {

// After a long line, the carry buffer is released if it grew beyond this.
constexpr size_t kCarryKeepBytes = 8u << 20;

}  // namespace

void LineFramer::Emit(const uint8_t* data, size_t size, uint64_t length, bool terminated, bool too_long) {
  LineInfo info;
  info.number = ++line_number_;
  info.byte_offset = line_start_offset_;
  info.terminated = terminated;
  info.too_long = too_long;
  info.length = length;
  sink_->OnLine(data, size, info);
}

void LineFramer::EmitCarry(bool terminated) {
  // A line parsed in place is followed by its '\n'; give an assembled line
  // the same byte (in the padding), because the parser may look at the byte
  // after a malformed line, and the result must not depend on whether the
  // line crossed a chunk boundary.
  carry_.data()[carry_.size()] = '\n';
  Emit(carry_.data(), carry_.size(), carry_length_, terminated, carry_too_long_);
  carry_.clear();
  carry_.ShrinkIfAbove(kCarryKeepBytes);
  carry_length_ = 0;
  carry_too_long_ = false;
}

void LineFramer::AppendToCarry(const uint8_t* data, size_t size) {
  carry_length_ += size;
  if (carry_too_long_) return;
  if (carry_length_ > max_line_bytes_) {
    // Keep only a prefix for the excerpt; drop the rest as it streams by.
    carry_too_long_ = true;
    size_t keep = carry_.size() < kTooLongPrefixBytes ? kTooLongPrefixBytes - carry_.size() : 0;
    if (keep > size) keep = size;
    carry_.Append(data, keep);
    return;
  }
  carry_.Append(data, size);
}

void LineFramer::Consume(const uint8_t* data, size_t size) {
  const uint8_t* p = data;
  const uint8_t* end = data + size;
  while (p < end) {
    const uint8_t* newline = static_cast<const uint8_t*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
    if (newline == nullptr) {
      if (carry_length_ == 0) line_start_offset_ = stream_offset_ + static_cast<uint64_t>(p - data);
      AppendToCarry(p, static_cast<size_t>(end - p));
      break;
    }
    size_t piece = static_cast<size_t>(newline - p);
    if (carry_length_ == 0) {
      line_start_offset_ = stream_offset_ + static_cast<uint64_t>(p - data);
      if (piece > max_line_bytes_) {
        Emit(p, piece < kTooLongPrefixBytes ? piece : kTooLongPrefixBytes, piece, true, true);
      } else {
        Emit(p, piece, piece, true, false);  // in place: the rest of the chunk or its padding follows
      }
    } else {
      AppendToCarry(p, piece);
      EmitCarry(true);
    }
    p = newline + 1;
  }
  stream_offset_ += size;
}

void LineFramer::Finish() {
  if (carry_length_ > 0) EmitCarry(false);
}

}  // namespace sparkdx
