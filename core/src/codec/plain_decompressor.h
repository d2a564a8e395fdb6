// Plain input: bytes pass through unchanged. The caller's input buffer must
// already carry kPaddingBytes of readable padding (the Analyzer's feed buffer
// does), so lines are parsed without a copy.
#ifndef SPARKDX_CODEC_PLAIN_DECOMPRESSOR_H_
#define SPARKDX_CODEC_PLAIN_DECOMPRESSOR_H_

#include "codec/decompressor.h"

namespace sparkdx {

class PlainDecompressor : public Decompressor {
 public:
  Status Decode(const uint8_t* input, size_t size, ByteSink* sink) override {
    if (size > 0) sink->Write(input, size);
    return Status::Ok();
  }
  Status Finish(ByteSink*) override { return Status::Ok(); }
};

}  // namespace sparkdx

#endif  // SPARKDX_CODEC_PLAIN_DECOMPRESSOR_H_
