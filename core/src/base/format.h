// Small formatting helpers for messages (the core has no std::format).
#ifndef SPARKDX_BASE_FORMAT_H_
#define SPARKDX_BASE_FORMAT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace sparkdx {

// "1f 8b 08" for up to `max_bytes` bytes.
std::string HexBytes(const uint8_t* data, size_t size, size_t max_bytes = 8);

// Printable excerpt of at most `max_bytes` bytes: control bytes become '.',
// and a cut is marked with "...". Never splits a UTF-8 sequence.
std::string Excerpt(std::string_view text, size_t max_bytes);

// "1.5 GiB", "512 B".
std::string HumanBytes(uint64_t bytes);

}  // namespace sparkdx

#endif  // SPARKDX_BASE_FORMAT_H_
