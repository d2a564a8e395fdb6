// Test encoder for snappy-java's SnappyOutputStream format, written for
// tests. It follows the byte layout in PROTOCOLS.md §5.4:
//
//   header: 82 'S' 'N' 'A' 'P' 'P' 'Y' 00 | int32 BE version 1 | int32 BE compatible 1
//   chunks: int32 BE compressed length | one raw snappy block (snappy::RawCompress)
//
// No checksum and no end marker. A second header starts a concatenated
// stream (the reader recognises its first four bytes in place of a length).
#ifndef SPARKDX_TESTS_SUPPORT_SNAPPY_JAVA_WRITER_H_
#define SPARKDX_TESTS_SUPPORT_SNAPPY_JAVA_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sparkdx::testing {

inline constexpr size_t kSnappyJavaHeaderBytes = 16;

// Where one chunk landed in the output.
struct SnappyJavaChunk {
  size_t offset = 0;          // of its length word
  size_t encoded_bytes = 0;   // length word + snappy block
  size_t decoded_offset = 0;  // of its first decoded byte in the input
  size_t decoded_bytes = 0;
};

class SnappyJavaWriter {
 public:
  // Writes the stream header. `block_size` is SnappyOutputStream's block size.
  explicit SnappyJavaWriter(size_t block_size = 32 * 1024);

  // Buffers bytes; a full block becomes a chunk.
  void Write(std::string_view data);
  // Writes the buffered bytes as a (small) chunk, as SnappyOutputStream.flush() does.
  void Flush();
  // Flushes, then writes another stream header: what `cat a.snappy b.snappy` gives.
  void StartNewStream();

  const std::string& bytes() const { return out_; }
  const std::vector<SnappyJavaChunk>& chunks() const { return chunks_; }
  // Offsets of every stream header in the output.
  const std::vector<size_t>& header_offsets() const { return header_offsets_; }

 private:
  void WriteChunk();

  size_t block_size_;
  std::string pending_;
  size_t decoded_written_ = 0;
  std::string out_;
  std::vector<SnappyJavaChunk> chunks_;
  std::vector<size_t> header_offsets_;
};

struct SnappyJavaOptions {
  size_t block_size = 32 * 1024;
  // Input offsets after which the writer flushes (making small chunks).
  std::vector<size_t> flush_points;
  // The input is cut into this many equal parts, each its own stream.
  int streams = 1;
};

std::string SnappyJavaCompress(std::string_view data, const SnappyJavaOptions& options = {});

// The 16-byte stream header with arbitrary version fields.
std::string SnappyJavaHeader(uint32_t version = 1, uint32_t compatible = 1);

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_SNAPPY_JAVA_WRITER_H_
