// Parses sizes such as "512", "64K", "256M", "4G" (powers of 1024).
#ifndef SPARKDX_CLI_SIZE_ARGUMENT_H_
#define SPARKDX_CLI_SIZE_ARGUMENT_H_

#include <cstdint>
#include <optional>
#include <string_view>

namespace sparkdx::cli {

std::optional<uint64_t> ParseSize(std::string_view text);
std::optional<uint64_t> ParseCount(std::string_view text);

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_SIZE_ARGUMENT_H_
