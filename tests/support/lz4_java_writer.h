// Test encoder for lz4-java's LZ4BlockOutputStream format ("LZ4Block"),
// written for tests. It follows the byte layout in PROTOCOLS.md §5.3:
//
//   "LZ4Block" | token = method | level | int32 LE compressed length |
//   int32 LE decoded length | int32 LE checksum | payload
//
// with method 0x20 (LZ4) or 0x10 (RAW, used when LZ4 does not shrink the
// block), level = max(0, ceil(log2(block size)) - 10) (5 for Spark's 32 KiB),
// checksum = XXH32(seed 0x9747b28c) of the decoded block & 0x0FFFFFFF, and an
// optional end mark: a RAW header with both lengths and the checksum zero.
#ifndef SPARKDX_TESTS_SUPPORT_LZ4_JAVA_WRITER_H_
#define SPARKDX_TESTS_SUPPORT_LZ4_JAVA_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sparkdx::testing {

inline constexpr uint32_t kLz4JavaChecksumSeed = 0x9747b28c;
inline constexpr size_t kLz4JavaHeaderBytes = 21;

// Where one block (or end mark) landed in the output.
struct Lz4JavaBlock {
  size_t offset = 0;          // of its header in the stream
  size_t encoded_bytes = 0;   // header + payload
  size_t decoded_offset = 0;  // of its first decoded byte in the input
  size_t decoded_bytes = 0;   // 0 for an end mark
  bool raw = false;
};

class Lz4JavaWriter {
 public:
  // `block_size` is LZ4BlockOutputStream's blockSize (64 B to 32 MiB).
  explicit Lz4JavaWriter(size_t block_size = 32 * 1024);

  // Buffers bytes; every full block is written out at once, as lz4-java does.
  void Write(std::string_view data);
  // Writes the buffered bytes as a short block now (lz4-java's flush() with
  // syncFlush=true; Spark uses syncFlush=false, where flush writes nothing).
  void Flush();
  // Flushes and, with `end_mark`, writes the end-of-stream block (lz4-java's
  // finish()). Later writes form a concatenated stream, as a reader with
  // stopOnEmptyBlock=false accepts.
  void Finish(bool end_mark = true);
  // Forces RAW blocks even when LZ4 would shrink them.
  void set_force_raw(bool force_raw) { force_raw_ = force_raw; }

  const std::string& bytes() const { return out_; }
  const std::vector<Lz4JavaBlock>& blocks() const { return blocks_; }
  // The token lz4-java writes for this block size: method | level.
  static int CompressionLevel(size_t block_size);

 private:
  void WriteBlock(const uint8_t* data, size_t size);

  size_t block_size_;
  int level_;
  bool force_raw_ = false;
  std::string pending_;
  size_t decoded_written_ = 0;
  std::string out_;
  std::vector<Lz4JavaBlock> blocks_;
};

struct Lz4JavaOptions {
  size_t block_size = 32 * 1024;
  // Input offsets after which the writer flushes a short block (syncFlush).
  std::vector<size_t> flush_points;
  bool end_mark = true;
  // The input is cut into this many equal parts, each its own stream, all
  // concatenated (each ends with an end mark when end_mark is set).
  int streams = 1;
};

// One call for the common cases.
std::string Lz4JavaCompress(std::string_view data, const Lz4JavaOptions& options = {});

// A single block header with arbitrary fields, for corruption tests.
std::string Lz4JavaHeader(uint8_t token, int32_t compressed, int32_t decoded, uint32_t checksum);

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_LZ4_JAVA_WRITER_H_
