// A test hook for the internal-error path (exit code 6, docs/budgets.md):
// when the environment has SPARKDX_CLI_FAULT=internal, the CLI throws
// after the analysis, as a bug would, so a CLI test can check that the
// exception is caught, reported on stderr and mapped to exit code 6. Read
// only by the CLI, never by the core; any other value is ignored.
#ifndef SPARKDX_CLI_FAULT_HOOK_H_
#define SPARKDX_CLI_FAULT_HOOK_H_

namespace sparkdx::cli {

// Throws std::runtime_error when SPARKDX_CLI_FAULT=internal.
void MaybeInjectFault();

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_FAULT_HOOK_H_
