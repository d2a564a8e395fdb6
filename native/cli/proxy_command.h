// `sparkdx proxy`: serves the web page and lets it load logs from
// authenticated sources while credentials stay in this process (docs/fetch.md).
#ifndef SPARKDX_CLI_PROXY_COMMAND_H_
#define SPARKDX_CLI_PROXY_COMMAND_H_

#include <string>
#include <vector>

namespace sparkdx::cli {

int RunProxy(const std::vector<std::string>& args);

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_PROXY_COMMAND_H_
