#include "codec/snappy_java_decompressor.h"

#include <snappy.h>

#include <cstring>
#include <string>

namespace sparkdx {
namespace {

constexpr uint8_t kMagic[8] = {0x82, 'S', 'N', 'A', 'P', 'P', 'Y', 0x00};
constexpr uint32_t kMagicFirstWord = 0x82534E41;  // the magic's first 4 bytes read big-endian

uint32_t ReadBe32(const uint8_t* p) {
  return (static_cast<uint32_t>(p[0]) << 24) | (static_cast<uint32_t>(p[1]) << 16) |
         (static_cast<uint32_t>(p[2]) << 8) | static_cast<uint32_t>(p[3]);
}

}  // namespace

Status SnappyJavaDecompressor::CheckHeader() {
  std::string at = " at byte " + std::to_string(item_start_byte_);
  if (std::memcmp(header_, kMagic, sizeof(kMagic)) != 0) return CorruptError("bad snappy-java stream magic" + at);
  uint32_t version = ReadBe32(header_ + 8);
  uint32_t compatible = ReadBe32(header_ + 12);
  // snappy-java has only ever written version 1; a reader of version 1 accepts
  // streams whose minimum compatible version is 1.
  if (version < 1 || compatible != 1) {
    return UnsupportedError("unsupported snappy-java stream version " + std::to_string(version) +
                            " (compatible " + std::to_string(compatible) + ")" + at);
  }
  return Status::Ok();
}

Status SnappyJavaDecompressor::DecodeChunk(ByteSink* sink, bool* keep_going) {
  *keep_going = true;
  std::string at = " at byte " + std::to_string(item_start_byte_);
  size_t decoded = 0;
  const char* src = reinterpret_cast<const char*>(chunk_.data());
  if (!snappy::GetUncompressedLength(src, chunk_.size(), &decoded) || decoded > kMaxChunkBytes) {
    return CorruptError("corrupt snappy chunk header" + at);
  }
  output_.Reserve(decoded);
  if (!snappy::RawUncompress(src, chunk_.size(), reinterpret_cast<char*>(output_.data()))) {
    return CorruptError("corrupt snappy chunk" + at);
  }
  if (decoded > 0) *keep_going = sink->Write(output_.data(), decoded);
  return Status::Ok();
}

Status SnappyJavaDecompressor::Decode(const uint8_t* input, size_t size, ByteSink* sink) {
  if (!error_.ok()) return error_;
  size_t offset = 0;
  while (offset < size) {
    uint64_t here = consumed_bytes_ + offset;
    switch (state_) {
      case State::kHeader: {
        if (header_fill_ == 0) item_start_byte_ = here;
        size_t take = std::min(kHeaderBytes - header_fill_, size - offset);
        std::memcpy(header_ + header_fill_, input + offset, take);
        header_fill_ += take;
        offset += take;
        if (header_fill_ < kHeaderBytes) break;
        header_fill_ = 0;
        error_ = CheckHeader();
        if (!error_.ok()) return error_;
        state_ = State::kLength;
        break;
      }
      case State::kLength: {
        if (length_fill_ == 0) item_start_byte_ = here;
        size_t take = std::min(sizeof(length_) - length_fill_, size - offset);
        std::memcpy(length_ + length_fill_, input + offset, take);
        length_fill_ += take;
        offset += take;
        if (length_fill_ < sizeof(length_)) break;
        length_fill_ = 0;
        uint32_t length = ReadBe32(length_);
        if (length == kMagicFirstWord) {
          // Another stream's header: we already hold its first 4 bytes.
          std::memcpy(header_, length_, 4);
          header_fill_ = 4;
          state_ = State::kHeader;
          break;
        }
        if (length == 0 || length > kMaxChunkBytes) {
          error_ = CorruptError("invalid snappy-java chunk length " + std::to_string(length) + " at byte " +
                                std::to_string(item_start_byte_));
          return error_;
        }
        chunk_needed_ = length;
        chunk_.clear();
        state_ = State::kChunk;
        break;
      }
      case State::kChunk: {
        size_t take = std::min(chunk_needed_ - chunk_.size(), size - offset);
        chunk_.insert(chunk_.end(), input + offset, input + offset + take);
        offset += take;
        if (chunk_.size() < chunk_needed_) break;
        state_ = State::kLength;
        bool keep_going = true;
        error_ = DecodeChunk(sink, &keep_going);
        if (!error_.ok()) return error_;
        if (!keep_going) return Status::Ok();
        break;
      }
    }
  }
  consumed_bytes_ += size;
  return Status::Ok();
}

Status SnappyJavaDecompressor::Finish(ByteSink*) {
  if (!error_.ok()) return error_;
  bool torn = (state_ == State::kHeader && header_fill_ > 0) || (state_ == State::kLength && length_fill_ > 0) ||
              state_ == State::kChunk;
  if (state_ == State::kHeader && header_fill_ == 0 && consumed_bytes_ == 0) torn = false;
  if (torn) {
    error_ = TruncatedError("truncated snappy-java chunk at byte " + std::to_string(item_start_byte_) +
                            " (input ends at byte " + std::to_string(consumed_bytes_) + ")");
    return error_;
  }
  return Status::Ok();
}

}  // namespace sparkdx
