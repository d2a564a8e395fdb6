#include "codec/decompressor.h"

#include "codec/gzip_decompressor.h"
#include "codec/lz4_block_decompressor.h"
#include "codec/lz4_frame_decompressor.h"
#include "codec/lzf_decompressor.h"
#include "codec/plain_decompressor.h"
#include "codec/snappy_java_decompressor.h"
#include "codec/zstd_decompressor.h"

namespace sparkdx {

std::string_view CodecName(CodecKind kind) {
  switch (kind) {
#define SPARKDX_CODEC_NAME(e, name, description) \
  case CodecKind::e:                             \
    return name;
    SPARKDX_CODEC_TABLE(SPARKDX_CODEC_NAME)
#undef SPARKDX_CODEC_NAME
  }
  return "unknown";
}

std::unique_ptr<Decompressor> MakeDecompressor(CodecKind kind) {
  switch (kind) {
    case CodecKind::kPlain: return std::make_unique<PlainDecompressor>();
    case CodecKind::kGzip: return std::make_unique<GzipDecompressor>();
    case CodecKind::kZstd: return std::make_unique<ZstdDecompressor>();
    case CodecKind::kLz4Block: return std::make_unique<Lz4BlockDecompressor>();
    case CodecKind::kLz4Frame: return std::make_unique<Lz4FrameDecompressor>();
    case CodecKind::kSnappyJava: return std::make_unique<SnappyJavaDecompressor>();
    case CodecKind::kLzf: return std::make_unique<LzfDecompressor>();
    case CodecKind::kZip: return nullptr;
  }
  return nullptr;
}

}  // namespace sparkdx
