// The property the fuzzer checks, shared with the regression test that
// replays tests/fuzz/regressions/ in every ctest run: one file's bytes (its
// first two bytes choose the file name's extension and a chunk size) are
// analysed in one piece and in chunks; the line accounting must balance and
// both reports must agree, apart from bytes_read of a file whose reading
// stopped early (the documented exception, docs/report.md).
#ifndef SPARKDX_TESTS_FUZZ_DIFFERENTIAL_CHECK_H_
#define SPARKDX_TESTS_FUZZ_DIFFERENTIAL_CHECK_H_

#include <cstddef>
#include <cstdint>
#include <string>

namespace sparkdx::fuzz {

// Returns "" when the property holds, else what broke (both reports included).
std::string CheckOneInput(const uint8_t* data, size_t size);

}  // namespace sparkdx::fuzz

#endif  // SPARKDX_TESTS_FUZZ_DIFFERENTIAL_CHECK_H_
