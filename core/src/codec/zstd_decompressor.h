// zstd: any number of concatenated frames (Spark closes a frame on every
// flush, so a log holds hundreds), skippable frames ignored. A stream that
// ends inside a frame (an in-progress log) yields everything decoded up to
// that point and then reports kTruncated naming where the torn frame began.
#ifndef SPARKDX_CODEC_ZSTD_DECOMPRESSOR_H_
#define SPARKDX_CODEC_ZSTD_DECOMPRESSOR_H_

#include "base/padded_buffer.h"
#include "codec/decompressor.h"

struct ZSTD_DCtx_s;

namespace sparkdx {

class ZstdDecompressor : public Decompressor {
 public:
  ZstdDecompressor();
  ~ZstdDecompressor() override;
  Status Decode(const uint8_t* input, size_t size, ByteSink* sink) override;
  Status Finish(ByteSink* sink) override;

 private:
  ZSTD_DCtx_s* context_;
  PaddedBuffer output_;
  Status error_;
  uint64_t consumed_bytes_ = 0;     // compressed bytes consumed so far
  uint64_t frame_start_byte_ = 0;   // where the frame being decoded began
  bool inside_frame_ = false;       // true between a frame's first byte and its end
  // zstd's own hint of the input it wants next; starts with a frame header's
  // fixed prefix (ZSTD_FRAMEHEADERSIZE_PREFIX).
  static constexpr size_t kFrameHeaderPrefixBytes = 5;
  static constexpr size_t kBlockHeaderBytes = 3;
  size_t next_input_bytes_ = kFrameHeaderPrefixBytes;
};

}  // namespace sparkdx

#endif  // SPARKDX_CODEC_ZSTD_DECOMPRESSOR_H_
