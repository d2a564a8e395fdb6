// The options that limit how inputs are read, shared by `analyze` and `rest`
// (--max-decoded-bytes, --max-expansion-ratio, --max-line-bytes).
#ifndef SPARKDX_CLI_READING_OPTIONS_H_
#define SPARKDX_CLI_READING_OPTIONS_H_

#include <string>
#include <vector>

#include "sparkdx/options.h"

namespace sparkdx::cli {

enum class OptionParse { kNotMine, kTaken, kError };

// If args[*i] is a reading option, applies it (consuming its value, so *i
// moves past it) and returns kTaken; kError with *error set when its value
// is missing or invalid; kNotMine for any other argument.
OptionParse ParseReadingOption(const std::vector<std::string>& args, size_t* i, AnalyzerOptions* options,
                               std::string* error);

// Help lines for these options, in the style of the commands' help texts.
extern const char kReadingOptionsHelp[];

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_READING_OPTIONS_H_
