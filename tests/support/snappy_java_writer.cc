// Test encoder for snappy-java's SnappyOutputStream format, written for
// tests; follows PROTOCOLS.md §5.4 (see snappy_java_writer.h).
#include "support/snappy_java_writer.h"

#include <snappy.h>

#include <algorithm>

namespace sparkdx::testing {
namespace {

void PutBe32(std::string* out, uint32_t value) {
  for (int i = 3; i >= 0; --i) out->push_back(static_cast<char>((value >> (8 * i)) & 0xff));
}

}  // namespace

std::string SnappyJavaHeader(uint32_t version, uint32_t compatible) {
  std::string header("\x82SNAPPY\x00", 8);
  PutBe32(&header, version);
  PutBe32(&header, compatible);
  return header;
}

SnappyJavaWriter::SnappyJavaWriter(size_t block_size) : block_size_(block_size) {
  header_offsets_.push_back(0);
  out_ = SnappyJavaHeader();
}

void SnappyJavaWriter::Write(std::string_view data) {
  while (!data.empty()) {
    size_t take = std::min(block_size_ - pending_.size(), data.size());
    pending_.append(data.substr(0, take));
    data.remove_prefix(take);
    if (pending_.size() == block_size_) WriteChunk();
  }
}

void SnappyJavaWriter::Flush() {
  if (!pending_.empty()) WriteChunk();
}

void SnappyJavaWriter::StartNewStream() {
  Flush();
  header_offsets_.push_back(out_.size());
  out_ += SnappyJavaHeader();
}

void SnappyJavaWriter::WriteChunk() {
  std::string block(snappy::MaxCompressedLength(pending_.size()), '\0');
  size_t length = 0;
  snappy::RawCompress(pending_.data(), pending_.size(), block.data(), &length);
  SnappyJavaChunk chunk;
  chunk.offset = out_.size();
  chunk.encoded_bytes = 4 + length;
  chunk.decoded_offset = decoded_written_;
  chunk.decoded_bytes = pending_.size();
  PutBe32(&out_, static_cast<uint32_t>(length));
  out_.append(block.data(), length);
  chunks_.push_back(chunk);
  decoded_written_ += pending_.size();
  pending_.clear();
}

std::string SnappyJavaCompress(std::string_view data, const SnappyJavaOptions& options) {
  SnappyJavaWriter writer(options.block_size);
  int streams = options.streams < 1 ? 1 : options.streams;
  size_t written = 0;
  size_t next_flush = 0;
  for (int s = 0; s < streams; ++s) {
    if (s > 0) writer.StartNewStream();
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
  }
  writer.Flush();
  return writer.bytes();
}

}  // namespace sparkdx::testing
