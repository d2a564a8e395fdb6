// `sparkdx whatif <input>... [options]`: what the scheduler simulator
// predicts for other executor counts, shapes, shuffle partitions and
// dynamic allocation (docs/simulation.md).
#ifndef SPARKDX_CLI_WHATIF_COMMAND_H_
#define SPARKDX_CLI_WHATIF_COMMAND_H_

#include <string>
#include <vector>

namespace sparkdx::cli {

std::string WhatIfHelp();
int RunWhatIf(const std::vector<std::string>& args);  // returns the exit code

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_WHATIF_COMMAND_H_
