#include "whatif_command.h"

#include <unistd.h>

#include <cstdio>
#include <optional>
#include <string>

#include "cost_options.h"
#include "exit_codes.h"
#include "file_reader.h"
#include "reading_options.h"
#include "size_argument.h"
#include "sparkdx/analyzer.h"
#include "sparkdx/whatif.h"

namespace sparkdx::cli {

std::string WhatIfHelp() {
  return std::string(
             "usage: sparkdx whatif <input>... [options]\n"
             "\n"
             "Replays each application's recorded tasks on executor slots (the self-check\n"
             "says how close the replay comes to the observed wall clock), then predicts\n"
             "wall clock, core-hours and cost, with a range, for other configurations:\n"
             "an executor-count curve (x0.25 to x4 of the observed count, with its knee)\n"
             "plus the scenarios asked for below, and the configuration the diagnosis\n"
             "recommends. Inputs are read as by 'sparkdx analyze'. See docs/simulation.md.\n"
             "\n"
             "options:\n"
             "  --executors N[,N...]        executor counts to add to the curve\n"
             "  --executor-cores N          executor shape: cores per executor (the observed\n"
             "                              total of cores is kept unless one --executors is given)\n"
             "  --executor-memory SIZE      executor shape: spark.executor.memory (e.g. 8g)\n"
             "  --partitions N              spark.sql.shuffle.partitions\n"
             "  --dynamic-allocation MIN:MAX\n"
             "                              dynamic allocation between MIN and MAX executors\n"
             "  --format text|json          output format (default: text); json prints the\n"
             "                              simulation section of each application\n") +
         kReadingOptionsHelp + kCostOptionsHelp +
         "  -q, --quiet                 no progress line on stderr\n"
         "  -h, --help                  show this help\n"
         "\n"
         "exit codes: 0 ok, 2 usage error, 4 an input could not be read at all,\n"
         "6 internal error\n";
}

namespace {

constexpr uint64_t kMaxCount = 1'000'000;

int UsageError(const std::string& message) {
  std::fprintf(stderr, "sparkdx whatif: %s\n(see sparkdx whatif --help)\n", message.c_str());
  return kExitUsage;
}

std::optional<int32_t> PositiveCount(const std::string& text) {
  std::optional<uint64_t> n = ParseCount(text);
  if (!n || *n == 0 || *n > kMaxCount) return std::nullopt;
  return static_cast<int32_t>(*n);
}

struct WhatIfCommand {
  std::vector<std::string> inputs;
  bool json = false;
  bool quiet = false;
  AnalyzerOptions analyzer;
  CostOptionsParse cost;
};

// Returns -1 on success, else the exit code.
int ParseArgs(const std::vector<std::string>& args, WhatIfCommand* command) {
  WhatIfOptions& whatif = command->analyzer.whatif;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string error;
    OptionParse reading = ParseReadingOption(args, &i, &command->analyzer, &error);
    if (reading == OptionParse::kError) return UsageError(error);
    if (reading == OptionParse::kTaken) continue;
    OptionParse cost = ParseCostOption(args, &i, &command->cost, &error);
    if (cost == OptionParse::kError) return UsageError(error);
    if (cost == OptionParse::kTaken) continue;
    const std::string& arg = args[i];
    bool takes_value = arg == "--executors" || arg == "--executor-cores" || arg == "--executor-memory" ||
                       arg == "--partitions" || arg == "--dynamic-allocation" || arg == "--format";
    std::string text;
    if (takes_value) {
      if (i + 1 >= args.size()) return UsageError(arg + " needs a value");
      text = args[++i];
    }
    if (arg == "-h" || arg == "--help") {
      std::fputs(WhatIfHelp().c_str(), stdout);
      return kExitOk;
    } else if (arg == "--executors") {
      size_t start = 0;
      while (start <= text.size()) {
        size_t comma = text.find(',', start);
        std::string item = text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
        std::optional<int32_t> n = PositiveCount(item);
        if (!n) return UsageError("invalid executor count '" + item + "' in --executors " + text + " (1 to 1000000)");
        whatif.executors.push_back(*n);
        if (comma == std::string::npos) break;
        start = comma + 1;
      }
    } else if (arg == "--executor-cores") {
      std::optional<int32_t> n = PositiveCount(text);
      if (!n || *n > 1024) return UsageError("invalid --executor-cores '" + text + "' (1 to 1024)");
      whatif.executor_cores = *n;
    } else if (arg == "--executor-memory") {
      std::optional<uint64_t> bytes = ParseSize(text);
      if (!bytes || *bytes < (1u << 20) || *bytes > (uint64_t{1} << 50)) {
        return UsageError("invalid --executor-memory '" + text + "' (examples: 4g, 8192m; at least 1m)");
      }
      whatif.executor_memory_bytes = static_cast<int64_t>(*bytes);
    } else if (arg == "--partitions") {
      std::optional<int32_t> n = PositiveCount(text);
      if (!n) return UsageError("invalid --partitions '" + text + "' (1 to 1000000)");
      whatif.shuffle_partitions = *n;
    } else if (arg == "--dynamic-allocation") {
      size_t colon = text.find(':');
      std::optional<uint64_t> min = colon == std::string::npos ? std::nullopt : ParseCount(text.substr(0, colon));
      std::optional<int32_t> max = colon == std::string::npos ? std::nullopt : PositiveCount(text.substr(colon + 1));
      if (!min || !max || *min > static_cast<uint64_t>(*max)) {
        return UsageError("invalid --dynamic-allocation '" + text + "': use MIN:MAX with 0 <= MIN <= MAX, MAX >= 1");
      }
      whatif.dynamic_min_executors = static_cast<int32_t>(*min);
      whatif.dynamic_max_executors = *max;
    } else if (arg == "--format") {
      if (text == "text") {
        command->json = false;
      } else if (text == "json") {
        command->json = true;
      } else {
        return UsageError("unknown format '" + text + "': use text or json");
      }
    } else if (arg == "-q" || arg == "--quiet") {
      command->quiet = true;
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      return UsageError("unknown option '" + arg + "'");
    } else {
      command->inputs.push_back(arg);
    }
  }
  if (command->inputs.empty()) return UsageError("no input given");
  std::string error;
  if (!ResolveCostOptions(command->cost, &command->analyzer.cost, &error)) {
    std::fprintf(stderr, "sparkdx whatif: %s\n", error.c_str());
    return kExitUsage;
  }
  return -1;
}

}  // namespace

int RunWhatIf(const std::vector<std::string>& args) {
  WhatIfCommand command;
  int parsed = ParseArgs(args, &command);
  if (parsed >= 0) return parsed;
  int exit_code = kExitOk;
  bool progress_shown = false;
  bool progress = !command.quiet && isatty(STDERR_FILENO);
  for (size_t i = 0; i < command.inputs.size(); ++i) {
    const std::string& input = command.inputs[i];
    const char* label = input == "-" ? "stdin" : input.c_str();
    Analyzer analyzer(command.analyzer);
    AnalyzeArgument(input, &analyzer, [&](const AnalysisProgress& p) {
      if (!progress) return;
      std::fprintf(stderr, "\rsparkdx: %s: %llu events   ", label, static_cast<unsigned long long>(p.events));
      progress_shown = true;
    });
    if (progress_shown) std::fputs("\r\033[K", stderr);
    progress_shown = false;
    AnalysisResult result = analyzer.Finish();
    if (result.files_ok + result.files_partial == 0) {
      exit_code = WorstExit(exit_code, kExitInputUnreadable);
      std::fprintf(stderr, "sparkdx: %s: nothing could be read (see 'sparkdx analyze %s')\n", label, label);
      continue;
    }
    if (i > 0 && !command.json) std::fputs("\n", stdout);
    std::string text = FormatWhatIf(result.report_json, command.json);
    std::fwrite(text.data(), 1, text.size(), stdout);
  }
  return exit_code;
}

}  // namespace sparkdx::cli
