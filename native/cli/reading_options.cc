#include "reading_options.h"

#include <cstdint>
#include <optional>

#include "size_argument.h"

namespace sparkdx::cli {

const char kReadingOptionsHelp[] =
    "  --max-decoded-bytes SIZE    stop decoding a file after SIZE bytes (e.g. 64G;\n"
    "                              default: no limit)\n"
    "  --max-expansion-ratio N     stop decoding a file that expands more than N:1\n"
    "                              after 256 MiB (default: 1000; 0 disables)\n"
    "  --max-line-bytes SIZE       skip lines longer than SIZE (default: 512M)\n";

OptionParse ParseReadingOption(const std::vector<std::string>& args, size_t* i, AnalyzerOptions* options,
                               std::string* error) {
  const std::string& arg = args[*i];
  if (arg != "--max-decoded-bytes" && arg != "--max-line-bytes" && arg != "--max-expansion-ratio") {
    return OptionParse::kNotMine;
  }
  if (*i + 1 >= args.size()) {
    *error = arg == "--max-expansion-ratio" ? arg + " needs a number" : arg + " needs a size such as 512M or 64G";
    return OptionParse::kError;
  }
  const std::string& text = args[++*i];
  if (arg == "--max-expansion-ratio") {
    std::optional<uint64_t> ratio = ParseCount(text);
    if (!ratio || *ratio > UINT32_MAX) {
      *error = "invalid ratio '" + text + "'";
      return OptionParse::kError;
    }
    options->max_expansion_ratio = static_cast<uint32_t>(*ratio);
    return OptionParse::kTaken;
  }
  std::optional<uint64_t> size = ParseSize(text);
  if (!size) {
    *error = "invalid size '" + text + "' for " + arg + " (examples: 4096, 512M, 64G)";
    return OptionParse::kError;
  }
  if (arg == "--max-line-bytes") {
    if (*size == 0) {
      *error = "--max-line-bytes must be positive";
      return OptionParse::kError;
    }
    options->max_line_bytes = *size;
  } else {
    options->max_decoded_bytes = *size;
  }
  return OptionParse::kTaken;
}

}  // namespace sparkdx::cli
