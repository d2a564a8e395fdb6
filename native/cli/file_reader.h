// Reading what the user named: a file, a directory tree, or standard input,
// pushed into an Analyzer in chunks (never the whole file at once).
#ifndef SPARKDX_CLI_FILE_READER_H_
#define SPARKDX_CLI_FILE_READER_H_

#include <functional>
#include <string>
#include <vector>

#include "sparkdx/analyzer.h"
#include "sparkdx/input_plan.h"

namespace sparkdx::cli {

// Called after every chunk with the analyzer's progress.
using ProgressFn = std::function<void(const AnalysisProgress&)>;

// Lists the files of `argument` for PlanInputs. For a directory, paths are
// "<directory name>/<relative path>", sorted; for a file, the argument itself.
// Returns false (with *error set) when the argument cannot be listed.
bool ListInput(const std::string& argument, std::vector<InputFile>* files, std::string* error);

// Feeds one input argument ("-" is standard input) into `analyzer`.
void AnalyzeArgument(const std::string& argument, Analyzer* analyzer, const ProgressFn& progress);

// Reads a small file the user names (a budgets file, a price catalog, the
// proxy's configuration) whole. Returns 0 or the errno of the failure (a
// directory opens, then fails to read with EISDIR).
int ReadSmallFile(const std::string& path, std::string* text);

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_FILE_READER_H_
