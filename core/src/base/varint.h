// LEB128 varints and zig-zag mapping, used by the compact task store.
#ifndef SPARKDX_BASE_VARINT_H_
#define SPARKDX_BASE_VARINT_H_

#include <cstddef>
#include <cstdint>

namespace sparkdx {

inline constexpr size_t kMaxVarintBytes = 10;

inline uint8_t* WriteVarint(uint64_t value, uint8_t* out) {
  while (value >= 0x80) {
    *out++ = static_cast<uint8_t>(value | 0x80);
    value >>= 7;
  }
  *out++ = static_cast<uint8_t>(value);
  return out;
}

// Reads a varint written by WriteVarint. The caller guarantees the bytes came
// from WriteVarint (the store is internal), so no bounds are checked.
inline const uint8_t* ReadVarint(const uint8_t* in, uint64_t* value) {
  uint64_t result = 0;
  int shift = 0;
  while (*in & 0x80) {
    result |= static_cast<uint64_t>(*in++ & 0x7f) << shift;
    shift += 7;
  }
  result |= static_cast<uint64_t>(*in++) << shift;
  *value = result;
  return in;
}

inline uint64_t ZigZag(int64_t value) {
  return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}
inline int64_t UnZigZag(uint64_t value) {
  return static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1);
}

}  // namespace sparkdx

#endif  // SPARKDX_BASE_VARINT_H_
