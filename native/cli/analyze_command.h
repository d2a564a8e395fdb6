// `sparkdx analyze`: one report per input argument.
#ifndef SPARKDX_CLI_ANALYZE_COMMAND_H_
#define SPARKDX_CLI_ANALYZE_COMMAND_H_

#include <string>
#include <vector>

namespace sparkdx::cli {

int RunAnalyze(const std::vector<std::string>& args);
std::string AnalyzeHelp();

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_ANALYZE_COMMAND_H_
