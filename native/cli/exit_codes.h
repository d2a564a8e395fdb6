// The CLI's exit codes (documented in README.md and `sparkdx --help`).
#ifndef SPARKDX_CLI_EXIT_CODES_H_
#define SPARKDX_CLI_EXIT_CODES_H_

namespace sparkdx::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitUsage = 2;             // bad arguments
inline constexpr int kExitInputUnreadable = 4;   // an input yielded nothing readable at all

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_EXIT_CODES_H_
