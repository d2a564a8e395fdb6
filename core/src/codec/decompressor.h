// Decompressor: one streaming decoder per codec behind one interface.
//
// Contract:
// - Decode() consumes all of `input` (buffering partial headers internally)
//   and writes every byte it can decode to the sink, in order.
// - Output given to the sink always has kPaddingBytes readable bytes after it,
//   so lines can be parsed in place.
// - If the sink returns false from Write(), decoding stops and Decode returns
//   Ok; the caller knows why it stopped.
// - A format violation returns a non-ok Status whose message names the byte
//   offset in the compressed stream ("corrupt lz4 block at byte 4096: ...").
//   The decoder is then dead and keeps returning that Status. Everything
//   written to the sink before the error stays valid.
// - Finish() marks the end of input. It returns kTruncated when the stream
//   ends inside a frame, block or chunk, after flushing what it could decode.
//
// To add a codec, see codec_kind.h.
#ifndef SPARKDX_CODEC_DECOMPRESSOR_H_
#define SPARKDX_CODEC_DECOMPRESSOR_H_

#include <cstddef>
#include <cstdint>
#include <memory>

#include "base/status.h"
#include "codec/codec_kind.h"

namespace sparkdx {

class ByteSink {
 public:
  virtual ~ByteSink() = default;
  // `data` has kPaddingBytes readable bytes after `size`. Returns false to ask
  // the producer to stop.
  virtual bool Write(const uint8_t* data, size_t size) = 0;
};

class Decompressor {
 public:
  virtual ~Decompressor() = default;
  virtual Status Decode(const uint8_t* input, size_t size, ByteSink* sink) = 0;
  virtual Status Finish(ByteSink* sink) = 0;
};

// Returns the decoder for `kind`; kZip is a container, not a codec, and
// yields nullptr (see input/zip_reader.h).
std::unique_ptr<Decompressor> MakeDecompressor(CodecKind kind);

// Decoded bytes are handed to the sink in blocks of this size.
inline constexpr size_t kDecodeBlockBytes = 256 * 1024;

}  // namespace sparkdx

#endif  // SPARKDX_CODEC_DECOMPRESSOR_H_
