#include "compare_command.h"

#include <sys/stat.h>
#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include "exit_codes.h"
#include "file_reader.h"
#include "reading_options.h"
#include "sparkdx/analyzer.h"
#include "sparkdx/compare.h"

namespace sparkdx::cli {
namespace {

// Flag -> comparison budget name (sparkdx/compare.h).
struct CompareFlag {
  const char* flag;
  const char* budget;
};
constexpr CompareFlag kCompareFlags[] = {
    {"--max-regression-pct", "max_regression_pct"},
    {"--max-shuffle-regression-pct", "max_shuffle_regression_pct"},
    {"--max-spill-regression-pct", "max_spill_regression_pct"},
    {"--max-core-hours-regression-pct", "max_core_hours_regression_pct"},
};

enum class ColorMode { kAuto, kAlways, kNever };

struct Options {
  std::vector<std::string> inputs;  // baseline first
  CompareFormat format = CompareFormat::kText;
  ColorMode color = ColorMode::kAuto;
  std::string out_path;
  AnalyzerOptions analyzer;
  CompareOptions compare;
};

int UsageError(const std::string& message) {
  std::fprintf(stderr, "sparkdx compare: %s\n(see sparkdx compare --help)\n", message.c_str());
  return kExitUsage;
}

int ParseArgs(const std::vector<std::string>& args, Options* options) {
  for (size_t i = 0; i < args.size(); ++i) {
    std::string error;
    OptionParse reading = ParseReadingOption(args, &i, &options->analyzer, &error);
    if (reading == OptionParse::kError) return UsageError(error);
    if (reading == OptionParse::kTaken) continue;
    const std::string& arg = args[i];
    auto value = [&](std::string* out) {
      if (i + 1 >= args.size()) return false;
      *out = args[++i];
      return true;
    };
    const CompareFlag* budget = nullptr;
    for (const CompareFlag& row : kCompareFlags) {
      if (arg == row.flag) budget = &row;
    }
    std::string text;
    if (budget != nullptr) {
      if (!value(&text)) return UsageError(arg + " needs a value");
      if (!SetCompareBudget(budget->budget, text, &options->compare, &error)) return UsageError(arg + ": " + error);
    } else if (arg == "-h" || arg == "--help") {
      std::fputs(CompareHelp().c_str(), stdout);
      return kExitOk;
    } else if (arg == "--format") {
      if (!value(&text)) return UsageError("--format needs a value: text, json, markdown or html");
      if (text == "text") options->format = CompareFormat::kText;
      else if (text == "json") options->format = CompareFormat::kJson;
      else if (text == "markdown") options->format = CompareFormat::kMarkdown;
      else if (text == "html") options->format = CompareFormat::kHtml;
      else return UsageError("unknown format '" + text + "': use text, json, markdown or html");
    } else if (arg == "--color") {
      if (!value(&text)) return UsageError("--color needs a value: auto, always or never");
      if (text == "auto") options->color = ColorMode::kAuto;
      else if (text == "always") options->color = ColorMode::kAlways;
      else if (text == "never") options->color = ColorMode::kNever;
      else return UsageError("unknown colour mode '" + text + "': use auto, always or never");
    } else if (arg == "--out") {
      if (!value(&options->out_path)) return UsageError("--out needs a file name");
    } else if (arg.size() > 1 && arg[0] == '-') {
      return UsageError("unknown option '" + arg + "'");
    } else {
      options->inputs.push_back(arg);
    }
  }
  if (options->inputs.empty()) return UsageError("no baseline or candidate given");
  if (options->inputs.size() < 2) return UsageError("no candidate given: compare needs a baseline and a candidate");
  return -1;
}

bool IsRegularFile(const std::string& path) {
  struct stat info;
  return stat(path.c_str(), &info) == 0 && S_ISREG(info.st_mode);
}

// A saved report is recognised by its first bytes; anything else is read
// as event logs.
bool ReadSavedReport(const std::string& path, std::string* text) {
  if (path == "-" || !IsRegularFile(path)) return false;
  std::ifstream file(path, std::ios::binary);
  char head[64] = {};
  file.read(head, sizeof head);
  if (!LooksLikeSparkdxReport(std::string_view(head, static_cast<size_t>(file.gcount())))) return false;
  file.clear();
  file.seekg(0);
  std::ostringstream all;
  all << file.rdbuf();
  *text = all.str();
  return true;
}

// The report for one side; "" in *problem when it can be compared.
std::string LoadSide(const std::string& input, const AnalyzerOptions& analyzer_options, std::string* problem) {
  std::string report;
  if (!ReadSavedReport(input, &report)) {
    Analyzer analyzer(analyzer_options);
    AnalyzeArgument(input, &analyzer, nullptr);
    report = analyzer.Finish().report_json;
  }
  *problem = CompareInputProblem(report);
  return report;
}

bool UseColor(ColorMode mode, std::FILE* out) {
  if (mode != ColorMode::kAuto) return mode == ColorMode::kAlways;
  // https://no-color.org: a NO_COLOR that is present and not empty turns colour off.
  const char* no_color = std::getenv("NO_COLOR");
  if (no_color != nullptr && no_color[0] != '\0') return false;
  return isatty(fileno(out)) != 0;
}

}  // namespace

std::string CompareHelp() {
  return "usage: sparkdx compare <baseline> <candidate>... [options]\n"
         "\n"
         "Compares each candidate run with the baseline run of the same job: stages\n"
         "are aligned by structure (name, call site, RDD lineage), not by id; the\n"
         "output gives whole-run and per-stage deltas, where the wall-clock change\n"
         "went, the configuration diff and the findings introduced and resolved\n"
         "(docs/compare.md). Each side is an event log input as for analyze (file,\n"
         "directory, zip) or a report saved with 'sparkdx analyze --format json';\n"
         "each must hold exactly one application.\n"
         "\n"
         "options:\n"
         "  --format text|json|markdown|html\n"
         "                              output format (default: text); with several\n"
         "                              candidates, json prints one line per candidate\n"
         "                              and html one page with every comparison\n"
         "  --out FILE                  write the output to FILE instead of stdout\n"
         "  --color auto|always|never   colour the text format (default auto: when\n"
         "                              stdout is a terminal and NO_COLOR is not set)\n" +
         std::string(kReadingOptionsHelp) +
         "  -h, --help                  show this help\n"
         "\n"
         "budgets (percent of the baseline the candidate may add; 10 or 10%):\n"
         "  --max-regression-pct N      application wall clock\n"
         "  --max-shuffle-regression-pct N\n"
         "                              shuffle bytes read + written\n"
         "  --max-spill-regression-pct N\n"
         "                              bytes spilled, memory + disk\n"
         "  --max-core-hours-regression-pct N\n"
         "                              executor core-hours held\n"
         "\n"
         "exit codes (with several candidates, the worst: 6, 5, 4, 1, 3, then 0):\n"
         "  0  pass: every budget held\n"
         "  1  a budget was violated\n"
         "  2  usage error\n"
         "  3  inconclusive: a run did not complete, the runs look like different jobs,\n"
         "     a side holds several applications, or a budget's metric is missing\n"
         "  4  a candidate could not be read\n"
         "  5  the baseline could not be read\n"
         "  6  internal error\n";
}

int RunCompare(const std::vector<std::string>& args) {
  Options options;
  int parsed = ParseArgs(args, &options);
  if (parsed >= 0) return parsed;

  int exit_code = kExitOk;
  std::string problem;
  const std::string& baseline_input = options.inputs[0];
  std::string baseline = LoadSide(baseline_input, options.analyzer, &problem);
  if (!problem.empty()) {
    std::fprintf(stderr, "sparkdx compare: cannot read the baseline %s: %s\n", baseline_input.c_str(), problem.c_str());
    exit_code = kExitBaselineUnreadable;
  }
  std::vector<std::string> comparisons;
  for (size_t i = 1; i < options.inputs.size(); ++i) {
    const std::string& input = options.inputs[i];
    std::string candidate = LoadSide(input, options.analyzer, &problem);
    if (!problem.empty()) {
      std::fprintf(stderr, "sparkdx compare: cannot read the candidate %s: %s\n", input.c_str(), problem.c_str());
      exit_code = WorstExit(exit_code, kExitInputUnreadable);
      continue;
    }
    if (exit_code == kExitBaselineUnreadable) continue;  // nothing to compare with
    CompareOptions compare = options.compare;
    compare.baseline_label = baseline_input;
    compare.candidate_label = input;
    CompareResult result = CompareReports(baseline, candidate, compare);
    if (result.status == BudgetStatus::kViolated) exit_code = WorstExit(exit_code, kExitBudgetViolated);
    if (result.status == BudgetStatus::kInconclusive) exit_code = WorstExit(exit_code, kExitInconclusive);
    comparisons.push_back(std::move(result.comparison_json));
  }
  if (comparisons.empty()) return exit_code;

  std::FILE* out = stdout;
  if (!options.out_path.empty()) {
    out = std::fopen(options.out_path.c_str(), "wb");
    if (out == nullptr) return UsageError("cannot write " + options.out_path);
  }
  bool several = options.inputs.size() > 2;
  std::string text;
  if (options.format == CompareFormat::kHtml) {
    text = ComparisonsHtml(comparisons);
  } else {
    CompareFormat format = options.format;
    if (format == CompareFormat::kJson && several) format = CompareFormat::kJsonCompact;
    bool color = options.format == CompareFormat::kText && UseColor(options.color, out);
    for (size_t i = 0; i < comparisons.size(); ++i) {
      if (i > 0 && format != CompareFormat::kJsonCompact) text += "\n";
      text += FormatComparison(comparisons[i], format, color);
    }
  }
  std::fwrite(text.data(), 1, text.size(), out);
  if (out != stdout) std::fclose(out);
  return exit_code;
}

}  // namespace sparkdx::cli
