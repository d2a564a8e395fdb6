#include "analyze_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <string>

#include "budget_options.h"
#include "cost_options.h"
#include "exit_codes.h"
#include "fault_hook.h"
#include "file_reader.h"
#include "reading_options.h"
#include "sparkdx/analyzer.h"
#include "sparkdx/gate.h"

namespace sparkdx::cli {

std::string AnalyzeHelp() {
  return std::string(
    "usage: sparkdx analyze <input>... [options]\n"
    "\n"
    "Reads Spark event logs and reports what they contain. An input is a file,\n"
    "a directory (searched recursively: rolling eventlog_v2_* directories,\n"
    "Databricks eventlog folders and Spark 1.x log directories are recognised),\n"
    "a History Server zip download, or - for standard input. Compression\n"
    "(zstd, lz4, snappy, lzf, gzip, zip) is detected from the content.\n"
    "\n"
    "options:\n"
    "  --format text|json|markdown|html\n"
    "                              output format (default: text); with several\n"
    "                              inputs, json prints one line per input;\n"
    "                              markdown suits a pull-request comment; html is\n"
    "                              one self-contained page that opens offline\n"
    "  --out FILE                  write the report to FILE instead of stdout\n"
    "  --color auto|always|never   colour the text format (default auto: when\n"
    "                              stdout is a terminal and NO_COLOR is not set)\n"
    "  --redact                    replace application names and ids, users, hosts,\n"
    "                              IPs, paths, tables, SQL literals and secret\n"
    "                              configuration values by pseudonyms (host-1, ...);\n"
    "                              numbers stay (docs/redaction.md)\n") +
         kReadingOptionsHelp +
         "  -q, --quiet                 no progress line on stderr\n"
         "  -h, --help                  show this help\n"
         "\n" +
         kBudgetOptionsHelp + "\n" + kCostOptionsHelp +
         "\n"
         "exit codes (with several inputs, the worst: 6, 5, 4, 1, 3, then 0):\n"
         "  0  ok: every budget passed (the report may still list issues)\n"
         "  1  a budget was violated\n"
         "  2  usage error: a bad option or value, an unreadable or invalid budgets file\n"
         "  3  inconclusive: a budget could not be evaluated (its evidence is missing,\n"
         "     or a runtime budget on a run that did not complete)\n"
         "  4  an input could not be read at all\n"
         "  5  reserved: a baseline could not be read (for comparisons)\n"
         "  6  internal error\n";
}

namespace {

enum class ColorMode { kAuto, kAlways, kNever };

struct AnalyzeOptions {
  std::vector<std::string> inputs;
  ReportFormat format = ReportFormat::kText;
  ColorMode color = ColorMode::kAuto;
  std::string out_path;
  bool quiet = false;
  AnalyzerOptions analyzer;
  BudgetOptions budget_options;
  Budgets budgets;  // resolved from budget_options
  CostOptionsParse cost_options;  // resolved into analyzer.cost
};

int UsageError(const std::string& message) {
  std::fprintf(stderr, "sparkdx analyze: %s\n(see sparkdx analyze --help)\n", message.c_str());
  return kExitUsage;
}

// Returns -1 on success, else the exit code.
int ParseArgs(const std::vector<std::string>& args, AnalyzeOptions* options) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string error;
    OptionParse reading = ParseReadingOption(args, &i, &options->analyzer, &error);
    if (reading == OptionParse::kError) return UsageError(error);
    if (reading == OptionParse::kTaken) continue;
    OptionParse budget = ParseBudgetOption(args, &i, &options->budget_options, &error);
    if (budget == OptionParse::kError) return UsageError(error);
    if (budget == OptionParse::kTaken) continue;
    OptionParse cost = ParseCostOption(args, &i, &options->cost_options, &error);
    if (cost == OptionParse::kError) return UsageError(error);
    if (cost == OptionParse::kTaken) continue;
    const std::string& arg = args[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    std::string text;
    if (arg == "-h" || arg == "--help") {
      std::fputs(AnalyzeHelp().c_str(), stdout);
      return kExitOk;
    } else if (arg == "--format") {
      if (!value(&text)) return UsageError("--format needs a value: text, json, markdown or html");
      if (text == "text") {
        options->format = ReportFormat::kText;
      } else if (text == "json") {
        options->format = ReportFormat::kJson;
      } else if (text == "markdown") {
        options->format = ReportFormat::kMarkdown;
      } else if (text == "html") {
        options->format = ReportFormat::kHtml;
      } else {
        return UsageError("unknown format '" + text + "': use text, json, markdown or html");
      }
    } else if (arg == "--color") {
      if (!value(&text)) return UsageError("--color needs a value: auto, always or never");
      if (text == "auto") {
        options->color = ColorMode::kAuto;
      } else if (text == "always") {
        options->color = ColorMode::kAlways;
      } else if (text == "never") {
        options->color = ColorMode::kNever;
      } else {
        return UsageError("unknown --color value '" + text + "': use auto, always or never");
      }
    } else if (arg == "--redact") {
      options->analyzer.redact = true;
    } else if (arg == "--out") {
      if (!value(&options->out_path)) return UsageError("--out needs a file name");
    } else if (arg == "-q" || arg == "--quiet") {
      options->quiet = true;
    } else if (arg.size() > 1 && arg[0] == '-' && arg != "-") {
      return UsageError("unknown option '" + arg + "'");
    } else {
      options->inputs.push_back(arg);
    }
  }
  if (options->inputs.empty()) return UsageError("no input given");
  if (options->format == ReportFormat::kHtml && options->inputs.size() > 1) {
    return UsageError("--format html writes one page: give one input (a directory may hold many logs)");
  }
  std::string error;
  if (!ResolveCostOptions(options->cost_options, &options->analyzer.cost, &error)) {
    std::fprintf(stderr, "sparkdx analyze: %s\n", error.c_str());
    return kExitUsage;
  }
  if (!ResolveBudgets(options->budget_options, &options->budgets, &error)) {
    // About the file's content, not the command line: no pointer to --help.
    std::fprintf(stderr, "sparkdx analyze: %s\n", error.c_str());
    return kExitUsage;
  }
  return -1;
}

// https://no-color.org: a NO_COLOR that is present and not empty turns
// colour off unless asked for explicitly.
bool UseColor(ColorMode mode, std::FILE* out) {
  if (mode != ColorMode::kAuto) return mode == ColorMode::kAlways;
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return isatty(fileno(out)) != 0;
}

// A progress line on stderr, at most a few times a second, only on a terminal.
class ProgressLine {
 public:
  explicit ProgressLine(bool enabled) : enabled_(enabled), start_(std::chrono::steady_clock::now()) {}
  void Update(const std::string& input, const AnalysisProgress& progress) {
    if (!enabled_) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last_ < std::chrono::milliseconds(250)) return;
    last_ = now;
    double seconds = std::chrono::duration<double>(now - start_).count();
    double mb = static_cast<double>(progress.bytes_decoded) / 1e6;
    std::fprintf(stderr, "\rsparkdx: %s: %.0f MB decoded, %llu events, %.0f MB/s   ", input.c_str(), mb,
                 static_cast<unsigned long long>(progress.events), seconds > 0 ? mb / seconds : 0.0);
    shown_ = true;
  }
  void Clear() {
    if (shown_) std::fputs("\r\033[K", stderr);
    shown_ = false;
  }

 private:
  bool enabled_;
  bool shown_ = false;
  std::chrono::steady_clock::time_point start_;
  std::chrono::steady_clock::time_point last_{};
};

}  // namespace

int RunAnalyze(const std::vector<std::string>& args) {
  AnalyzeOptions options;
  int parsed = ParseArgs(args, &options);
  if (parsed >= 0) return parsed;

  std::FILE* out = stdout;
  if (!options.out_path.empty()) {
    out = std::fopen(options.out_path.c_str(), "wb");
    if (out == nullptr) return UsageError("cannot write " + options.out_path);
  }
  bool several = options.inputs.size() > 1;
  FormatOptions format_options;
  format_options.ansi_color = UseColor(options.color, out);
  ReportFormat format = options.format;
  if (format == ReportFormat::kJson && several) format = ReportFormat::kJsonCompact;

  int exit_code = kExitOk;
  ProgressLine progress_line(!options.quiet && isatty(STDERR_FILENO));
  for (size_t i = 0; i < options.inputs.size(); ++i) {
    const std::string& input = options.inputs[i];
    const char* label = input == "-" ? "stdin" : input.c_str();
    Analyzer analyzer(options.analyzer);
    AnalyzeArgument(input, &analyzer,
                    [&](const AnalysisProgress& progress) { progress_line.Update(input, progress); });
    AnalysisResult result = analyzer.Finish();
    progress_line.Clear();
    MaybeInjectFault();
    if (result.files_ok + result.files_partial == 0) {
      exit_code = WorstExit(exit_code, kExitInputUnreadable);
      std::fprintf(stderr, "sparkdx: %s: nothing could be read (see the report's inputs and issues)\n", label);
    } else if (result.files_partial + result.files_error > 0) {
      std::fprintf(stderr, "sparkdx: %s: %d of %d files read only partly or not at all (see the report)\n",
                   label, result.files_partial + result.files_error,
                   result.files_ok + result.files_partial + result.files_error);
    }
    std::string document = result.report_json;
    if (!options.budgets.empty()) {
      GateResult gate = EvaluateBudgets(options.budgets, result.report_json);
      if (gate.status == BudgetStatus::kViolated) exit_code = WorstExit(exit_code, kExitBudgetViolated);
      if (gate.status == BudgetStatus::kInconclusive) exit_code = WorstExit(exit_code, kExitInconclusive);
      document = AddBudgetsToReport(result.report_json, gate);
    }
    std::string text = FormatReport(document, format, format_options);
    if ((format == ReportFormat::kText || format == ReportFormat::kMarkdown) && several && i > 0) {
      std::fputs("\n", out);
    }
    std::fwrite(text.data(), 1, text.size(), out);
  }
  if (out != stdout) std::fclose(out);
  return exit_code;
}

}  // namespace sparkdx::cli
