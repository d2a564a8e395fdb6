#include "codec/xxhash32.h"

#include <cstring>

namespace sparkdx {
namespace {

constexpr uint32_t kPrime1 = 2654435761u;
constexpr uint32_t kPrime2 = 2246822519u;
constexpr uint32_t kPrime3 = 3266489917u;
constexpr uint32_t kPrime4 = 668265263u;
constexpr uint32_t kPrime5 = 374761393u;

inline uint32_t RotateLeft(uint32_t value, int bits) { return (value << bits) | (value >> (32 - bits)); }

inline uint32_t ReadLe32(const uint8_t* p) {
  return static_cast<uint32_t>(p[0]) | (static_cast<uint32_t>(p[1]) << 8) |
         (static_cast<uint32_t>(p[2]) << 16) | (static_cast<uint32_t>(p[3]) << 24);
}

inline uint32_t Round(uint32_t accumulator, uint32_t lane) {
  accumulator += lane * kPrime2;
  accumulator = RotateLeft(accumulator, 13);
  return accumulator * kPrime1;
}

}  // namespace

uint32_t XxHash32(const uint8_t* data, size_t size, uint32_t seed) {
  const uint8_t* p = data;
  const uint8_t* end = data + size;
  uint32_t hash;
  if (size >= 16) {
    uint32_t v1 = seed + kPrime1 + kPrime2;
    uint32_t v2 = seed + kPrime2;
    uint32_t v3 = seed;
    uint32_t v4 = seed - kPrime1;
    const uint8_t* limit = end - 16;
    do {
      v1 = Round(v1, ReadLe32(p));
      v2 = Round(v2, ReadLe32(p + 4));
      v3 = Round(v3, ReadLe32(p + 8));
      v4 = Round(v4, ReadLe32(p + 12));
      p += 16;
    } while (p <= limit);
    hash = RotateLeft(v1, 1) + RotateLeft(v2, 7) + RotateLeft(v3, 12) + RotateLeft(v4, 18);
  } else {
    hash = seed + kPrime5;
  }
  hash += static_cast<uint32_t>(size);
  while (p + 4 <= end) {
    hash += ReadLe32(p) * kPrime3;
    hash = RotateLeft(hash, 17) * kPrime4;
    p += 4;
  }
  while (p < end) {
    hash += (*p++) * kPrime5;
    hash = RotateLeft(hash, 11) * kPrime1;
  }
  hash ^= hash >> 15;
  hash *= kPrime2;
  hash ^= hash >> 13;
  hash *= kPrime3;
  hash ^= hash >> 16;
  return hash;
}

}  // namespace sparkdx
