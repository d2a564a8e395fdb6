// Test encoder for compress-lzf's LZFOutputStream chunks, written for tests.
// It follows the byte layout in PROTOCOLS.md §5.5:
//
//   raw chunk:        'Z' 'V' 00 | uint16 BE length | raw bytes              (5-byte header)
//   compressed chunk: 'Z' 'V' 01 | uint16 BE compressed length |
//                     uint16 BE decoded length | LZF data                    (7-byte header)
//
// with at most 65535 decoded bytes per chunk, and a raw chunk whenever
// compression does not help. The LZF compressor is our own, written from
// liblzf's format: a hash table of 3-byte prefixes, literal runs of at most
// 32 bytes (control byte = run - 1), back-references of 3..264 bytes within
// 8 KiB (control = (len - 2) << 5 | distance - 1 >> 8, the length-7
// extension byte for longer matches, then the distance's low byte), and
// overlapping matches (distance < length) for runs.
#ifndef SPARKDX_TESTS_SUPPORT_LZF_WRITER_H_
#define SPARKDX_TESTS_SUPPORT_LZF_WRITER_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sparkdx::testing {

inline constexpr size_t kLzfMaxChunkBytes = 65535;

// Compresses `input` into liblzf's block format. The result may be larger
// than the input (incompressible data); it always decodes back exactly.
std::string LzfCompressBlock(std::string_view input);

// Where one chunk landed in the output.
struct LzfChunk {
  size_t offset = 0;
  size_t encoded_bytes = 0;  // header + payload
  size_t decoded_offset = 0;
  size_t decoded_bytes = 0;
  bool compressed = false;
};

class LzfWriter {
 public:
  // `chunk_size` is the most decoded bytes per chunk (LZFOutputStream uses 65535).
  explicit LzfWriter(size_t chunk_size = kLzfMaxChunkBytes);

  void Write(std::string_view data);
  // Ends the current chunk now (Spark sets setFinishBlockOnFlush(true)).
  void Flush();
  // Writes only raw chunks.
  void set_force_raw(bool force_raw) { force_raw_ = force_raw; }

  const std::string& bytes() const { return out_; }
  const std::vector<LzfChunk>& chunks() const { return chunks_; }

 private:
  void WriteChunk();

  size_t chunk_size_;
  bool force_raw_ = false;
  std::string pending_;
  size_t decoded_written_ = 0;
  std::string out_;
  std::vector<LzfChunk> chunks_;
};

struct LzfOptions {
  size_t chunk_size = kLzfMaxChunkBytes;
  std::vector<size_t> flush_points;  // input offsets after which a chunk ends
};

std::string LzfCompress(std::string_view data, const LzfOptions& options = {});

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_LZF_WRITER_H_
