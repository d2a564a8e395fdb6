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

std::string TruncateUtf8(std::string_view text, size_t max_bytes) {
  if (text.size() <= max_bytes) return std::string(text);
  size_t n = max_bytes;
  while (n > 0 && (static_cast<uint8_t>(text[n]) & 0xC0) == 0x80) --n;
  std::string out(text.substr(0, n));
  out += "...";
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

std::string HumanDuration(int64_t ms) {
  const char* sign = ms < 0 ? "-" : "";
  uint64_t magnitude = ms < 0 ? 0 - static_cast<uint64_t>(ms) : static_cast<uint64_t>(ms);
  unsigned long long seconds = magnitude / 1000;
  char buffer[80];
  if (magnitude < 60'000) {
    std::snprintf(buffer, sizeof(buffer), "%s%.1f s", sign, static_cast<double>(magnitude) / 1000.0);
  } else if (magnitude < 3'600'000) {
    std::snprintf(buffer, sizeof(buffer), "%s%llu min %02llu s", sign, seconds / 60, seconds % 60);
  } else {
    std::snprintf(buffer, sizeof(buffer), "%s%llu h %02llu min", sign, seconds / 3600, (seconds % 3600) / 60);
  }
  return buffer;
}

std::string HumanRatio(double ratio) {
  char buffer[48];
  if (!(ratio < 1e12)) return "very many times";
  std::snprintf(buffer, sizeof(buffer), ratio < 100 ? "%.1fx" : "%.0fx", ratio);
  return buffer;
}

std::string HumanPercent(double fraction) {
  char buffer[48];
  double percent = fraction * 100;
  if (!(percent < 1e12 && percent > -1e12)) percent = 0;
  std::snprintf(buffer, sizeof(buffer), percent < 10 && percent > -10 ? "%.1f%%" : "%.0f%%", percent);
  return buffer;
}

}  // namespace sparkdx
