// XXH32 (the xxHash 32-bit algorithm), written from its published
// specification. lz4-java checksums each block with XXH32(seed 0x9747b28c)
// masked to 28 bits; tests use the same function to write fixtures.
#ifndef SPARKDX_CODEC_XXHASH32_H_
#define SPARKDX_CODEC_XXHASH32_H_

#include <cstddef>
#include <cstdint>

namespace sparkdx {

uint32_t XxHash32(const uint8_t* data, size_t size, uint32_t seed);

}  // namespace sparkdx

#endif  // SPARKDX_CODEC_XXHASH32_H_
