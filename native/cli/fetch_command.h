// `sparkdx fetch`: downloads an application's event logs from where they
// live (today: a Spark History Server; EMR and Databricks next), for
// `sparkdx analyze` or to keep.
#ifndef SPARKDX_CLI_FETCH_COMMAND_H_
#define SPARKDX_CLI_FETCH_COMMAND_H_

#include <string>
#include <vector>

#include "aws_credentials.h"

namespace sparkdx::cli {

int RunFetch(const std::vector<std::string>& args);

// This process's environment variables and a reader of the files they name
// (AWS credential files): what the fetch library takes as values, shared by
// `sparkdx fetch` and `sparkdx proxy`.
fetch::AwsCredentialSources MachineCredentialSources();

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_FETCH_COMMAND_H_
