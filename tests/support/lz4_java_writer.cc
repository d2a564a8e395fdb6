// Test encoder for lz4-java's LZ4BlockOutputStream format, written for tests;
// follows PROTOCOLS.md §5.3 (see lz4_java_writer.h).
#include "support/lz4_java_writer.h"

#include <lz4.h>

#include "codec/xxhash32.h"

namespace sparkdx::testing {
namespace {

constexpr uint8_t kMethodRaw = 0x10;
constexpr uint8_t kMethodLz4 = 0x20;

void PutLe32(std::string* out, uint32_t value) {
  for (int i = 0; i < 4; ++i) out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

}  // namespace

int Lz4JavaWriter::CompressionLevel(size_t block_size) {
  // lz4-java: 32 - numberOfLeadingZeros(blockSize - 1) - 10, at least 0.
  int bits = 0;
  while ((size_t{1} << bits) < block_size) ++bits;
  return bits > 10 ? bits - 10 : 0;
}

Lz4JavaWriter::Lz4JavaWriter(size_t block_size) : block_size_(block_size), level_(CompressionLevel(block_size)) {}

void Lz4JavaWriter::Write(std::string_view data) {
  // Like lz4-java, a full buffer is only written out when more bytes arrive.
  while (pending_.size() + data.size() > block_size_) {
    size_t take = block_size_ - pending_.size();
    pending_.append(data.substr(0, take));
    data.remove_prefix(take);
    WriteBlock(reinterpret_cast<const uint8_t*>(pending_.data()), pending_.size());
    pending_.clear();
  }
  pending_.append(data);
}

void Lz4JavaWriter::Flush() {
  if (pending_.empty()) return;
  WriteBlock(reinterpret_cast<const uint8_t*>(pending_.data()), pending_.size());
  pending_.clear();
}

void Lz4JavaWriter::Finish(bool end_mark) {
  Flush();
  if (!end_mark) return;
  Lz4JavaBlock block;
  block.offset = out_.size();
  block.encoded_bytes = kLz4JavaHeaderBytes;
  block.decoded_offset = decoded_written_;
  block.raw = true;
  out_ += Lz4JavaHeader(static_cast<uint8_t>(kMethodRaw | level_), 0, 0, 0);
  blocks_.push_back(block);
}

void Lz4JavaWriter::WriteBlock(const uint8_t* data, size_t size) {
  std::string compressed(static_cast<size_t>(LZ4_compressBound(static_cast<int>(size))), '\0');
  int n = force_raw_ ? 0
                     : LZ4_compress_default(reinterpret_cast<const char*>(data), compressed.data(),
                                            static_cast<int>(size), static_cast<int>(compressed.size()));
  bool raw = n <= 0 || static_cast<size_t>(n) >= size;
  uint32_t checksum = XxHash32(data, size, kLz4JavaChecksumSeed) & 0x0FFFFFFF;
  Lz4JavaBlock block;
  block.offset = out_.size();
  block.decoded_offset = decoded_written_;
  block.decoded_bytes = size;
  block.raw = raw;
  size_t payload = raw ? size : static_cast<size_t>(n);
  out_ += Lz4JavaHeader(static_cast<uint8_t>((raw ? kMethodRaw : kMethodLz4) | level_), static_cast<int32_t>(payload),
                        static_cast<int32_t>(size), checksum);
  if (raw) {
    out_.append(reinterpret_cast<const char*>(data), size);
  } else {
    out_.append(compressed.data(), payload);
  }
  block.encoded_bytes = kLz4JavaHeaderBytes + payload;
  blocks_.push_back(block);
  decoded_written_ += size;
}

std::string Lz4JavaCompress(std::string_view data, const Lz4JavaOptions& options) {
  Lz4JavaWriter writer(options.block_size);
  int streams = options.streams < 1 ? 1 : options.streams;
  size_t written = 0;
  size_t next_flush = 0;
  for (int s = 0; s < streams; ++s) {
    size_t stream_end = s + 1 == streams ? data.size() : data.size() * (s + 1) / streams;
    while (written < stream_end) {
      while (next_flush < options.flush_points.size() && options.flush_points[next_flush] <= written) ++next_flush;
      size_t until = stream_end;
      if (next_flush < options.flush_points.size() && options.flush_points[next_flush] < until) {
        until = options.flush_points[next_flush];
      }
      writer.Write(data.substr(written, until - written));
      written = until;
      if (next_flush < options.flush_points.size() && options.flush_points[next_flush] == written) writer.Flush();
    }
    writer.Finish(options.end_mark);
  }
  return writer.bytes();
}

std::string Lz4JavaHeader(uint8_t token, int32_t compressed, int32_t decoded, uint32_t checksum) {
  std::string header = "LZ4Block";
  header.push_back(static_cast<char>(token));
  PutLe32(&header, static_cast<uint32_t>(compressed));
  PutLe32(&header, static_cast<uint32_t>(decoded));
  PutLe32(&header, checksum);
  return header;
}

}  // namespace sparkdx::testing
