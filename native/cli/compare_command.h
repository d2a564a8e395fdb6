// `sparkdx compare <baseline> <candidate>...`: each candidate run against
// one baseline (docs/compare.md). Each side is event logs (read as
// `sparkdx analyze` reads them) or a report saved with
// `sparkdx analyze --format json`.
#ifndef SPARKDX_CLI_COMPARE_COMMAND_H_
#define SPARKDX_CLI_COMPARE_COMMAND_H_

#include <string>
#include <vector>

namespace sparkdx::cli {

int RunCompare(const std::vector<std::string>& args);
std::string CompareHelp();

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_COMPARE_COMMAND_H_
