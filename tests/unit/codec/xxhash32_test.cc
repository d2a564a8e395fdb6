#include "codec/xxhash32.h"

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <cstdint>
#include <string>
#include <string_view>

namespace sparkdx {
namespace {

uint32_t Hash(std::string_view text, uint32_t seed) {
  return XxHash32(reinterpret_cast<const uint8_t*>(text.data()), text.size(), seed);
}

std::string Bytes0To255Times3() {
  std::string bytes;
  for (int round = 0; round < 3; ++round) {
    for (int i = 0; i < 256; ++i) bytes.push_back(static_cast<char>(i));
  }
  return bytes;
}

// Expected values were computed with the reference implementation, the
// official xxHash library (Debian libxxhash0 0.8.1, XXH32 called from
// python3 through ctypes); the seed-0 values for "", "a", "abc" and the
// "spammish repetition" string also match xxHash's published test values.
TEST(XxHash32Test, MatchesTheReferenceLibrary) {
  EXPECT_EQ(Hash("", 0), 0x02CC5D05u);
  EXPECT_EQ(Hash("", 0x9747b28c), 0x8D3B42D8u);
  EXPECT_EQ(Hash("a", 0), 0x550D7456u);
  EXPECT_EQ(Hash("abc", 0), 0x32D153FFu);
  EXPECT_EQ(Hash("abcd", 0x9747b28c), 0x9475E7F2u);
  EXPECT_EQ(Hash("Nobody inspects the spammish repetition", 0), 0xE2293B2Fu);
  EXPECT_EQ(Hash("0123456789abcdef", 0), 0xC2C45B69u);            // exactly one 16-byte stripe
  EXPECT_EQ(Hash("0123456789abcdef0", 0x9747b28c), 0xCEA9F5CAu);  // a stripe and one tail byte
  EXPECT_EQ(Hash(Bytes0To255Times3(), 0x9747b28c), 0xEAA85739u);
  EXPECT_EQ(Hash("{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.5.1\"}\n", 0x9747b28c), 0x1D857FD5u);
}

TEST(XxHash32Test, Lz4JavaMasksTheChecksumTo28Bits) {
  // What LZ4BlockOutputStream stores for a block holding the LogStart line.
  EXPECT_EQ(Hash("{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"3.5.1\"}\n", 0x9747b28c) & 0x0FFFFFFF,
            0x0D857FD5u);
}

// Differential check against the system's libxxhash when it is installed:
// every length from 0 to 300 (all tail shapes and stripe counts) and both seeds.
TEST(XxHash32Test, AgreesWithSystemLibxxhashOnEveryLength) {
  void* library = dlopen("libxxhash.so.0", RTLD_NOW | RTLD_LOCAL);
  if (library == nullptr) GTEST_SKIP() << "libxxhash.so.0 (Debian libxxhash0) is not installed";
  using Xxh32 = unsigned (*)(const void*, size_t, unsigned);
  auto reference = reinterpret_cast<Xxh32>(dlsym(library, "XXH32"));
  ASSERT_NE(reference, nullptr);
  std::string data;
  uint32_t state = 12345;
  for (int i = 0; i < 300; ++i) {
    state = state * 1103515245u + 12345u;
    data.push_back(static_cast<char>(state >> 16));
  }
  for (size_t length = 0; length <= data.size(); ++length) {
    for (uint32_t seed : {0u, 0x9747b28cu, 0xFFFFFFFFu}) {
      ASSERT_EQ(XxHash32(reinterpret_cast<const uint8_t*>(data.data()), length, seed),
                reference(data.data(), length, seed))
          << "length " << length << " seed " << seed;
    }
  }
  dlclose(library);
}

}  // namespace
}  // namespace sparkdx
