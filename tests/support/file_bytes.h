// Whole files for tests: their bytes, and their text decoded with the
// compression libraries' own simple APIs (zstd streaming, zlib's gzread),
// independently of sparkdx's decoders, so a test can check sparkdx against
// them.
#ifndef SPARKDX_TESTS_SUPPORT_FILE_BYTES_H_
#define SPARKDX_TESTS_SUPPORT_FILE_BYTES_H_

#include <filesystem>
#include <string>

namespace sparkdx::testing {

// The file's bytes; "" when it cannot be read.
std::string ReadFileBytes(const std::filesystem::path& path);

// A zstd or gzip file (told by its magic bytes) decompressed, any other file
// as it is; a corrupt stream gives what decoded before the damage.
std::string DecodeWithLibraries(const std::filesystem::path& path);

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_FILE_BYTES_H_
