// compress-lzf's LZFOutputStream chunks, which Spark's lzf codec writes:
// "ZV" 00 <u16 BE length> <raw bytes>, or "ZV" 01 <u16 BE compressed length>
// <u16 BE decoded length> <LZF data>. No header, checksum or end marker; each
// chunk decodes on its own. The LZF decoder is written from liblzf's format.
#ifndef SPARKDX_CODEC_LZF_DECOMPRESSOR_H_
#define SPARKDX_CODEC_LZF_DECOMPRESSOR_H_

#include <vector>

#include "base/padded_buffer.h"
#include "codec/decompressor.h"

namespace sparkdx {

// Decodes one LZF block into out[0, out_size). Returns false when the data is
// inconsistent (a back-reference before the start, output overflow, or a
// decoded size different from out_size).
bool LzfDecodeBlock(const uint8_t* in, size_t in_size, uint8_t* out, size_t out_size);

class LzfDecompressor : public Decompressor {
 public:
  Status Decode(const uint8_t* input, size_t size, ByteSink* sink) override;
  Status Finish(ByteSink* sink) override;

 private:
  Status DecodeChunk(ByteSink* sink, bool* keep_going);

  uint8_t header_[7];
  size_t header_fill_ = 0;
  size_t header_needed_ = 5;
  bool in_payload_ = false;
  bool compressed_ = false;
  size_t payload_needed_ = 0;
  size_t decoded_size_ = 0;
  std::vector<uint8_t> payload_;
  PaddedBuffer output_{64 * 1024};
  Status error_;
  uint64_t consumed_bytes_ = 0;
  uint64_t chunk_start_byte_ = 0;
};

}  // namespace sparkdx

#endif  // SPARKDX_CODEC_LZF_DECOMPRESSOR_H_
