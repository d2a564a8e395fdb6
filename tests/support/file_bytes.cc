#include "support/file_bytes.h"

#include <zlib.h>
#include <zstd.h>

#include <cstdint>
#include <fstream>
#include <iterator>

namespace sparkdx::testing {

std::string ReadFileBytes(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

std::string DecodeWithLibraries(const std::filesystem::path& path) {
  std::string raw = ReadFileBytes(path);
  auto starts = [&](uint8_t a, uint8_t b) {
    return raw.size() >= 2 && static_cast<uint8_t>(raw[0]) == a && static_cast<uint8_t>(raw[1]) == b;
  };
  std::string text;
  if (raw.size() >= 4 && starts(0x28, 0xb5)) {
    ZSTD_DCtx* context = ZSTD_createDCtx();
    ZSTD_inBuffer input{raw.data(), raw.size(), 0};
    std::string block(1 << 20, '\0');
    while (input.pos < input.size) {
      ZSTD_outBuffer output{block.data(), block.size(), 0};
      if (ZSTD_isError(ZSTD_decompressStream(context, &output, &input))) break;
      text.append(block.data(), output.pos);
    }
    ZSTD_freeDCtx(context);
    return text;
  }
  if (starts(0x1f, 0x8b)) {
    gzFile gz = gzopen(path.c_str(), "rb");
    char block[1 << 16];
    int n;
    while (gz != nullptr && (n = gzread(gz, block, sizeof(block))) > 0) text.append(block, static_cast<size_t>(n));
    if (gz != nullptr) gzclose(gz);
    return text;
  }
  return raw;
}

}  // namespace sparkdx::testing
