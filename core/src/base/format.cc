#include "base/format.h"

#include <cstdio>

namespace sparkdx {

std::string HexBytes(const uint8_t* data, size_t size, size_t max_bytes) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  size_t n = size < max_bytes ? size : max_bytes;
  for (size_t i = 0; i < n; ++i) {
    if (i > 0) out.push_back(' ');
    out.push_back(kDigits[data[i] >> 4]);
    out.push_back(kDigits[data[i] & 0xf]);
  }
  return out;
}

std::string Excerpt(std::string_view text, size_t max_bytes) {
  bool cut = text.size() > max_bytes;
  size_t n = cut ? max_bytes : text.size();
  // Back off to a UTF-8 boundary: never end on a continuation byte's lead.
  if (cut) {
    while (n > 0 && (static_cast<uint8_t>(text[n]) & 0xC0) == 0x80) --n;
  }
  std::string out;
  out.reserve(n + 3);
  for (size_t i = 0; i < n; ++i) {
    auto c = static_cast<uint8_t>(text[i]);
    out.push_back(c < 0x20 || c == 0x7f ? '.' : static_cast<char>(c));
  }
  if (cut) out += "...";
  return out;
}

std::string HumanBytes(uint64_t bytes) {
  static const char* kUnits[] = {"B", "KiB", "MiB", "GiB", "TiB"};
  double value = static_cast<double>(bytes);
  int unit = 0;
  while (value >= 1024.0 && unit < 4) {
    value /= 1024.0;
    ++unit;
  }
  char buffer[32];
  if (unit == 0) {
    std::snprintf(buffer, sizeof(buffer), "%llu B", static_cast<unsigned long long>(bytes));
  } else {
    std::snprintf(buffer, sizeof(buffer), "%.1f %s", value, kUnits[unit]);
  }
  return buffer;
}

}  // namespace sparkdx
