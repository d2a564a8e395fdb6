#include "codec/lz4_block_decompressor.h"

#include <lz4.h>

#include <cstring>
#include <string>

#include "base/format.h"
#include "codec/xxhash32.h"

namespace sparkdx {
namespace {

constexpr uint8_t kMagic[8] = {'L', 'Z', '4', 'B', 'l', 'o', 'c', 'k'};
constexpr int kMethodRaw = 0x10;
constexpr int kMethodLz4 = 0x20;

int32_t ReadLe32(const uint8_t* p) {
  return static_cast<int32_t>(static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
                              (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24));
}

}  // namespace

Status Lz4BlockDecompressor::ParseHeader() {
  std::string at = " at byte " + std::to_string(block_start_byte_);
  if (std::memcmp(header_, kMagic, sizeof(kMagic)) != 0) return CorruptError("bad lz4 block magic" + at);
  int token = header_[8];
  method_ = token & 0xf0;
  int level = token & 0x0f;
  if (method_ != kMethodRaw && method_ != kMethodLz4) {
    return CorruptError("unknown lz4 block method (token " + HexBytes(header_ + 8, 1) + ")" + at);
  }
  int32_t compressed = ReadLe32(header_ + 9);
  int32_t decoded = ReadLe32(header_ + 13);
  checksum_ = static_cast<uint32_t>(ReadLe32(header_ + 17));
  int64_t max_block = int64_t{1} << (10 + level);
  if (compressed < 0 || decoded < 0 || decoded > max_block ||
      (method_ == kMethodRaw && compressed != decoded) ||
      (method_ == kMethodLz4 && compressed > LZ4_compressBound(decoded) + 16) ||
      (decoded == 0 && compressed != 0) || (decoded != 0 && compressed == 0)) {
    return CorruptError("invalid lz4 block lengths (compressed " + std::to_string(compressed) + ", decoded " +
                        std::to_string(decoded) + ")" + at);
  }
  if (decoded == 0 && checksum_ != 0) return CorruptError("lz4 end-of-stream block with a checksum" + at);
  decoded_size_ = static_cast<uint32_t>(decoded);
  payload_needed_ = static_cast<size_t>(compressed);
  payload_.clear();
  return Status::Ok();
}

Status Lz4BlockDecompressor::DecodeBlock(ByteSink* sink, bool* keep_going) {
  *keep_going = true;
  if (decoded_size_ == 0) return Status::Ok();  // end of one stream; another may follow
  output_.Reserve(decoded_size_);
  std::string at = " at byte " + std::to_string(block_start_byte_);
  if (method_ == kMethodRaw) {
    std::memcpy(output_.data(), payload_.data(), decoded_size_);
  } else {
    int n = LZ4_decompress_safe(reinterpret_cast<const char*>(payload_.data()),
                                reinterpret_cast<char*>(output_.data()), static_cast<int>(payload_.size()),
                                static_cast<int>(decoded_size_));
    if (n != static_cast<int>(decoded_size_)) return CorruptError("corrupt lz4 block" + at);
  }
  uint32_t actual = XxHash32(output_.data(), decoded_size_, kChecksumSeed) & 0x0FFFFFFF;
  if (actual != checksum_) return CorruptError("lz4 block checksum mismatch" + at);
  *keep_going = sink->Write(output_.data(), decoded_size_);
  return Status::Ok();
}

Status Lz4BlockDecompressor::Decode(const uint8_t* input, size_t size, ByteSink* sink) {
  if (!error_.ok()) return error_;
  size_t offset = 0;
  while (offset < size) {
    if (!in_payload_) {
      if (header_fill_ == 0) block_start_byte_ = consumed_bytes_ + offset;
      size_t take = std::min(kHeaderBytes - header_fill_, size - offset);
      std::memcpy(header_ + header_fill_, input + offset, take);
      header_fill_ += take;
      offset += take;
      if (header_fill_ < kHeaderBytes) break;
      header_fill_ = 0;
      error_ = ParseHeader();
      if (!error_.ok()) return error_;
      in_payload_ = true;
    }
    size_t take = std::min(payload_needed_ - payload_.size(), size - offset);
    payload_.insert(payload_.end(), input + offset, input + offset + take);
    offset += take;
    if (payload_.size() < payload_needed_) break;
    in_payload_ = false;
    bool keep_going = true;
    error_ = DecodeBlock(sink, &keep_going);
    if (!error_.ok()) return error_;
    if (!keep_going) return Status::Ok();
  }
  consumed_bytes_ += size;
  return Status::Ok();
}

Status Lz4BlockDecompressor::Finish(ByteSink*) {
  if (!error_.ok()) return error_;
  if (header_fill_ > 0 || in_payload_) {
    error_ = TruncatedError("truncated lz4 block at byte " + std::to_string(block_start_byte_) +
                            " (input ends at byte " + std::to_string(consumed_bytes_) + ")");
    return error_;
  }
  return Status::Ok();
}

}  // namespace sparkdx
