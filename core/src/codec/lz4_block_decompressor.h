// lz4-java's LZ4BlockOutputStream format, which Spark's lz4 codec writes (it
// is not the LZ4 frame format). Each block: "LZ4Block" magic, a token
// (method | level), compressed and decompressed int32 LE lengths, an int32 LE
// checksum (XXH32 seed 0x9747b28c of the decoded bytes, masked to 28 bits),
// then a raw LZ4 block or raw bytes. A zero-length RAW block ends one stream;
// streams may be concatenated. Every checksum is verified.
#ifndef SPARKDX_CODEC_LZ4_BLOCK_DECOMPRESSOR_H_
#define SPARKDX_CODEC_LZ4_BLOCK_DECOMPRESSOR_H_

#include <vector>

#include "base/padded_buffer.h"
#include "codec/decompressor.h"

namespace sparkdx {

class Lz4BlockDecompressor : public Decompressor {
 public:
  static constexpr size_t kHeaderBytes = 21;
  static constexpr uint32_t kChecksumSeed = 0x9747b28c;

  Status Decode(const uint8_t* input, size_t size, ByteSink* sink) override;
  Status Finish(ByteSink* sink) override;

 private:
  Status ParseHeader();
  Status DecodeBlock(ByteSink* sink, bool* keep_going);

  uint8_t header_[kHeaderBytes];
  size_t header_fill_ = 0;
  std::vector<uint8_t> payload_;  // the current block's compressed bytes
  size_t payload_needed_ = 0;
  bool in_payload_ = false;
  int method_ = 0;
  uint32_t decoded_size_ = 0;
  uint32_t checksum_ = 0;
  PaddedBuffer output_;
  Status error_;
  uint64_t consumed_bytes_ = 0;
  uint64_t block_start_byte_ = 0;
};

}  // namespace sparkdx

#endif  // SPARKDX_CODEC_LZ4_BLOCK_DECOMPRESSOR_H_
