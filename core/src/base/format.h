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

// At most `max_bytes` bytes of `text` followed by "..." when cut, every byte
// kept as it is (line breaks stay: for multi-line texts such as exception
// messages). Never splits a UTF-8 sequence.
std::string TruncateUtf8(std::string_view text, size_t max_bytes);

// "1.5 GiB", "512 B".
std::string HumanBytes(uint64_t bytes);

// "12.3 s", "4 min 05 s", "3 h 07 min"; any int64 (clock skew can make a
// duration negative, a damaged log absurd) formats without overflow.
std::string HumanDuration(int64_t ms);

// "3.2x" (one decimal below 100, none above).
std::string HumanRatio(double ratio);

// "12.5%" of a fraction (0.125).
std::string HumanPercent(double fraction);

}  // namespace sparkdx

#endif  // SPARKDX_BASE_FORMAT_H_
