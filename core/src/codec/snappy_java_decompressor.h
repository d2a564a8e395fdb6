// snappy-java's SnappyOutputStream format, which Spark's snappy codec writes
// (not the Google snappy framing format). A 16-byte header (magic
// 82 'SNAPPY' 00, int32 BE version, int32 BE compatible version), then chunks:
// int32 BE compressed length + one raw snappy block. A length word equal to
// the magic's first four bytes starts another concatenated stream. There is
// no checksum and no end marker; snappy's own block validation catches damage.
#ifndef SPARKDX_CODEC_SNAPPY_JAVA_DECOMPRESSOR_H_
#define SPARKDX_CODEC_SNAPPY_JAVA_DECOMPRESSOR_H_

#include <vector>

#include "base/padded_buffer.h"
#include "codec/decompressor.h"

namespace sparkdx {

class SnappyJavaDecompressor : public Decompressor {
 public:
  static constexpr size_t kHeaderBytes = 16;
  // snappy-java writes blocks of at most its block size (32 KiB in Spark);
  // anything above this is a corrupt length, not a real block.
  static constexpr uint32_t kMaxChunkBytes = 64u << 20;

  Status Decode(const uint8_t* input, size_t size, ByteSink* sink) override;
  Status Finish(ByteSink* sink) override;

 private:
  enum class State { kHeader, kLength, kChunk };
  Status CheckHeader();
  Status DecodeChunk(ByteSink* sink, bool* keep_going);

  State state_ = State::kHeader;
  uint8_t header_[kHeaderBytes];
  size_t header_fill_ = 0;
  uint8_t length_[4];
  size_t length_fill_ = 0;
  std::vector<uint8_t> chunk_;
  size_t chunk_needed_ = 0;
  PaddedBuffer output_;
  Status error_;
  uint64_t consumed_bytes_ = 0;
  uint64_t item_start_byte_ = 0;
};

}  // namespace sparkdx

#endif  // SPARKDX_CODEC_SNAPPY_JAVA_DECOMPRESSOR_H_
