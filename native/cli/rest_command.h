// `sparkdx rest`: what Spark's History Server answers at a REST path, for
// the logs given.
#ifndef SPARKDX_CLI_REST_COMMAND_H_
#define SPARKDX_CLI_REST_COMMAND_H_

#include <string>
#include <vector>

namespace sparkdx::cli {

int RunRest(const std::vector<std::string>& args);

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_REST_COMMAND_H_
