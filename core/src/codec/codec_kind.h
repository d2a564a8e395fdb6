// The closed set of byte formats sparkdx recognises, one table row each.
//
// To add a codec: 1) add a row to SPARKDX_CODEC_TABLE, 2) add its magic to
// kSniffTable in sniff.cc, 3) add a <codec>_decompressor.{h,cc} implementing
// Decompressor and a case in MakeDecompressor (decompressor.cc), 4) add unit
// tests with a chunk-boundary sweep (tests/unit/codec/) and a test encoder in
// tests/support/ if no library writes the format.
#ifndef SPARKDX_CODEC_CODEC_KIND_H_
#define SPARKDX_CODEC_CODEC_KIND_H_

#include <string_view>

namespace sparkdx {

// X(enumerator, report name, description)
#define SPARKDX_CODEC_TABLE(X)                                                        \
  X(kPlain, "plain", "uncompressed JSON lines")                                       \
  X(kGzip, "gzip", "gzip (Databricks rotated chunks, hand-compressed logs)")           \
  X(kZstd, "zstd", "zstd frames (Spark's default event-log codec since 3.2)")          \
  X(kLz4Block, "lz4", "lz4-java LZ4BlockOutputStream (\"LZ4Block\" magic)")            \
  X(kLz4Frame, "lz4-frame", "LZ4 frame format (lz4 command-line tool)")                \
  X(kSnappyJava, "snappy", "snappy-java SnappyOutputStream")                            \
  X(kLzf, "lzf", "compress-lzf LZFOutputStream chunks")                                 \
  X(kZip, "zip", "zip archive (History Server /logs download)")

enum class CodecKind {
#define SPARKDX_CODEC_ENUM(e, name, description) e,
  SPARKDX_CODEC_TABLE(SPARKDX_CODEC_ENUM)
#undef SPARKDX_CODEC_ENUM
};

std::string_view CodecName(CodecKind kind);

}  // namespace sparkdx

#endif  // SPARKDX_CODEC_CODEC_KIND_H_
