// Inflater: a thin RAII wrapper over zlib's inflate shared by the gzip codec
// and the zip reader (raw deflate entries).
#ifndef SPARKDX_CODEC_INFLATER_H_
#define SPARKDX_CODEC_INFLATER_H_

#include <cstddef>
#include <cstdint>
#include <string>

#include "base/padded_buffer.h"
#include "codec/decompressor.h"

namespace sparkdx {

class Inflater {
 public:
  enum class Framing { kGzip, kRawDeflate };
  enum class Result { kNeedMoreInput, kStreamEnd, kStopped, kError };

  explicit Inflater(Framing framing);
  ~Inflater();
  Inflater(const Inflater&) = delete;
  Inflater& operator=(const Inflater&) = delete;

  // Inflates from input[0, size) writing output to `sink`. Sets *consumed to
  // the input bytes used. Stops at the end of the deflate stream (kStreamEnd),
  // leaving the rest of the input unconsumed.
  Result Inflate(const uint8_t* input, size_t size, ByteSink* sink, size_t* consumed);
  void Reset();
  const std::string& error_message() const { return error_message_; }

 private:
  struct State;
  State* state_;
  PaddedBuffer output_;
  std::string error_message_;
};

}  // namespace sparkdx

#endif  // SPARKDX_CODEC_INFLATER_H_
