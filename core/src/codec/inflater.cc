#include "codec/inflater.h"

#include <zlib.h>

#include "base/check.h"

namespace sparkdx {

struct Inflater::State {
  z_stream stream{};
};

Inflater::Inflater(Framing framing) : state_(new State), output_(kDecodeBlockBytes) {
  int window_bits = framing == Framing::kGzip ? 15 + 16 : -15;
  int rc = inflateInit2(&state_->stream, window_bits);
  SPARKDX_CHECK(rc == Z_OK);
}

Inflater::~Inflater() {
  inflateEnd(&state_->stream);
  delete state_;
}

void Inflater::Reset() { inflateReset(&state_->stream); }

Inflater::Result Inflater::Inflate(const uint8_t* input, size_t size, ByteSink* sink, size_t* consumed) {
  z_stream& z = state_->stream;
  *consumed = 0;
  for (;;) {
    // zlib counts in uInt; feed at most 1 GiB per call.
    size_t remaining = size - *consumed;
    uInt feed = remaining > (1u << 30) ? (1u << 30) : static_cast<uInt>(remaining);
    z.next_in = const_cast<Bytef*>(input + *consumed);
    z.avail_in = feed;
    z.next_out = output_.data();
    z.avail_out = static_cast<uInt>(output_.capacity());
    int rc = inflate(&z, Z_NO_FLUSH);
    *consumed += feed - z.avail_in;
    size_t produced = output_.capacity() - z.avail_out;
    if (rc == Z_STREAM_ERROR || rc == Z_DATA_ERROR || rc == Z_MEM_ERROR || rc == Z_NEED_DICT) {
      error_message_ = z.msg != nullptr ? z.msg : "inflate failed";
      if (produced > 0) sink->Write(output_.data(), produced);
      return Result::kError;
    }
    if (produced > 0 && !sink->Write(output_.data(), produced)) return Result::kStopped;
    if (rc == Z_STREAM_END) return Result::kStreamEnd;
    // Z_BUF_ERROR or Z_OK with no room left: loop while there is input or
    // pending output; otherwise zlib needs more input.
    if (*consumed == size && produced < output_.capacity()) return Result::kNeedMoreInput;
  }
}

}  // namespace sparkdx
