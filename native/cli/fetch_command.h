// `sparkdx fetch`: downloads an application's event logs from where they
// live (today: a Spark History Server; EMR and Databricks next), for
// `sparkdx analyze` or to keep.
#ifndef SPARKDX_CLI_FETCH_COMMAND_H_
#define SPARKDX_CLI_FETCH_COMMAND_H_

#include <string>
#include <vector>

namespace sparkdx::cli {

int RunFetch(const std::vector<std::string>& args);

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_FETCH_COMMAND_H_
