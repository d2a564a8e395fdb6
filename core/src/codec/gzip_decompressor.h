// gzip (RFC 1952), including several concatenated members as `cat a.gz b.gz`
// produces. Databricks delivers rotated event-log chunks this way.
#ifndef SPARKDX_CODEC_GZIP_DECOMPRESSOR_H_
#define SPARKDX_CODEC_GZIP_DECOMPRESSOR_H_

#include <memory>

#include "base/padded_buffer.h"
#include "codec/decompressor.h"

namespace sparkdx {

class Inflater;

class GzipDecompressor : public Decompressor {
 public:
  GzipDecompressor();
  ~GzipDecompressor() override;
  Status Decode(const uint8_t* input, size_t size, ByteSink* sink) override;
  Status Finish(ByteSink* sink) override;

 private:
  std::unique_ptr<Inflater> inflater_;
  Status error_;
  uint64_t consumed_bytes_ = 0;
  uint64_t member_start_byte_ = 0;
  bool inside_member_ = false;
};

}  // namespace sparkdx

#endif  // SPARKDX_CODEC_GZIP_DECOMPRESSOR_H_
