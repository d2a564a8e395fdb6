// LZ4 frame format (magic 04 22 4d 18), as the lz4 command-line tool writes.
// Spark never writes it, but users recompress logs with `lz4`, and it costs
// little to accept. Concatenated frames are decoded in turn.
#ifndef SPARKDX_CODEC_LZ4_FRAME_DECOMPRESSOR_H_
#define SPARKDX_CODEC_LZ4_FRAME_DECOMPRESSOR_H_

#include "base/padded_buffer.h"
#include "codec/decompressor.h"

struct LZ4F_dctx_s;

namespace sparkdx {

class Lz4FrameDecompressor : public Decompressor {
 public:
  Lz4FrameDecompressor();
  ~Lz4FrameDecompressor() override;
  Status Decode(const uint8_t* input, size_t size, ByteSink* sink) override;
  Status Finish(ByteSink* sink) override;

 private:
  LZ4F_dctx_s* context_ = nullptr;
  PaddedBuffer output_;
  Status error_;
  uint64_t consumed_bytes_ = 0;
  uint64_t frame_start_byte_ = 0;
  bool inside_frame_ = false;
  size_t next_hint_ = 7;  // input bytes LZ4F wants next (LZ4F_HEADER_SIZE_MIN before a frame)
};

}  // namespace sparkdx

#endif  // SPARKDX_CODEC_LZ4_FRAME_DECOMPRESSOR_H_
