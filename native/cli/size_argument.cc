#include "size_argument.h"

#include <cctype>

namespace sparkdx::cli {

std::optional<uint64_t> ParseCount(std::string_view text) {
  if (text.empty() || text.size() > 19) return std::nullopt;
  uint64_t value = 0;
  for (char c : text) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value;
}

std::optional<uint64_t> ParseSize(std::string_view text) {
  if (text.empty()) return std::nullopt;
  int shift = 0;
  switch (std::toupper(static_cast<unsigned char>(text.back()))) {
    case 'K': shift = 10; break;
    case 'M': shift = 20; break;
    case 'G': shift = 30; break;
    case 'T': shift = 40; break;
    default: break;
  }
  if (shift > 0) text.remove_suffix(1);
  std::optional<uint64_t> value = ParseCount(text);
  if (!value || (shift > 0 && *value > (UINT64_MAX >> shift))) return std::nullopt;
  return *value << shift;
}

}  // namespace sparkdx::cli
