// Test encoder for compress-lzf chunks and our own LZF compressor, written
// for tests; follows PROTOCOLS.md §5.5 (see lzf_writer.h).
#include "support/lzf_writer.h"

#include <algorithm>
#include <cstring>
#include <vector>

namespace sparkdx::testing {
namespace {

constexpr size_t kMaxLiteralRun = 32;
constexpr size_t kMaxDistance = 8192;           // 13 bits of distance - 1
constexpr size_t kMinMatch = 3;
constexpr size_t kMaxMatch = 7 + 255 + 2;       // control length 7 + extension byte, plus 2
constexpr int kHashBits = 14;

uint32_t Hash3(const uint8_t* p) {
  uint32_t v = (static_cast<uint32_t>(p[0]) << 16) | (static_cast<uint32_t>(p[1]) << 8) | p[2];
  return (v * 2654435761u) >> (32 - kHashBits);
}

void PutBe16(std::string* out, size_t value) {
  out->push_back(static_cast<char>((value >> 8) & 0xff));
  out->push_back(static_cast<char>(value & 0xff));
}

}  // namespace

std::string LzfCompressBlock(std::string_view input) {
  const uint8_t* in = reinterpret_cast<const uint8_t*>(input.data());
  size_t n = input.size();
  std::string out;
  std::vector<int64_t> table(size_t{1} << kHashBits, -1);
  size_t literal_start = 0;  // first byte of the pending literal run

  auto emit_literals = [&](size_t end) {
    while (literal_start < end) {
      size_t run = std::min(kMaxLiteralRun, end - literal_start);
      out.push_back(static_cast<char>(run - 1));
      out.append(reinterpret_cast<const char*>(in + literal_start), run);
      literal_start += run;
    }
  };

  size_t i = 0;
  while (i + kMinMatch <= n) {
    uint32_t h = Hash3(in + i);
    int64_t ref = table[h];
    table[h] = static_cast<int64_t>(i);
    if (ref >= 0 && i - static_cast<size_t>(ref) <= kMaxDistance &&
        std::memcmp(in + ref, in + i, kMinMatch) == 0) {
      size_t distance = i - static_cast<size_t>(ref);
      // Extend the match; ref + k may reach into the bytes being matched
      // (distance < length), which the decoder reproduces by copying byte by byte.
      size_t length = kMinMatch;
      size_t limit = std::min(kMaxMatch, n - i);
      while (length < limit && in[ref + length] == in[i + length]) ++length;
      emit_literals(i);
      size_t code_length = length - 2;
      size_t code_distance = distance - 1;
      if (code_length < 7) {
        out.push_back(static_cast<char>((code_length << 5) | (code_distance >> 8)));
      } else {
        out.push_back(static_cast<char>((7 << 5) | (code_distance >> 8)));
        out.push_back(static_cast<char>(code_length - 7));
      }
      out.push_back(static_cast<char>(code_distance & 0xff));
      // Index the positions inside the match so later repeats find them.
      for (size_t k = 1; k < length && i + k + kMinMatch <= n; ++k) {
        table[Hash3(in + i + k)] = static_cast<int64_t>(i + k);
      }
      i += length;
      literal_start = i;
      continue;
    }
    ++i;
  }
  emit_literals(n);
  return out;
}

LzfWriter::LzfWriter(size_t chunk_size) : chunk_size_(std::min(chunk_size, kLzfMaxChunkBytes)) {}

void LzfWriter::Write(std::string_view data) {
  while (!data.empty()) {
    size_t take = std::min(chunk_size_ - pending_.size(), data.size());
    pending_.append(data.substr(0, take));
    data.remove_prefix(take);
    if (pending_.size() == chunk_size_) WriteChunk();
  }
}

void LzfWriter::Flush() {
  if (!pending_.empty()) WriteChunk();
}

void LzfWriter::WriteChunk() {
  LzfChunk chunk;
  chunk.offset = out_.size();
  chunk.decoded_offset = decoded_written_;
  chunk.decoded_bytes = pending_.size();
  std::string compressed = force_raw_ ? std::string() : LzfCompressBlock(pending_);
  // compress-lzf keeps a compressed chunk only when it beats the raw one.
  chunk.compressed = !force_raw_ && compressed.size() + 7 < pending_.size() + 5;
  out_ += "ZV";
  if (chunk.compressed) {
    out_.push_back('\x01');
    PutBe16(&out_, compressed.size());
    PutBe16(&out_, pending_.size());
    out_ += compressed;
  } else {
    out_.push_back('\x00');
    PutBe16(&out_, pending_.size());
    out_ += pending_;
  }
  chunk.encoded_bytes = out_.size() - chunk.offset;
  chunks_.push_back(chunk);
  decoded_written_ += pending_.size();
  pending_.clear();
}

std::string LzfCompress(std::string_view data, const LzfOptions& options) {
  LzfWriter writer(options.chunk_size);
  size_t written = 0;
  for (size_t point : options.flush_points) {
    if (point <= written || point > data.size()) continue;
    writer.Write(data.substr(written, point - written));
    writer.Flush();
    written = point;
  }
  writer.Write(data.substr(written));
  writer.Flush();
  return writer.bytes();
}

}  // namespace sparkdx::testing
