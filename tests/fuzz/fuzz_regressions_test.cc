// Replays every input the fuzzer ever failed on (tests/fuzz/regressions/),
// with the fuzzer's own property, in every ctest run.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <string>

#include "fuzz/differential_check.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

TEST(FuzzRegressionsTest, EveryPastFindingNowHolds) {
  std::filesystem::path dir = std::filesystem::path(testing::SourceDir()) / "tests/fuzz/regressions";
  size_t replayed = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    EXPECT_EQ(fuzz::CheckOneInput(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size()), "")
        << entry.path().filename();
    ++replayed;
  }
  EXPECT_GT(replayed, 0u);
}

}  // namespace
}  // namespace sparkdx
