#include "rest_command.h"

#include <cstdio>
#include <string>

#include "exit_codes.h"
#include "file_reader.h"
#include "reading_options.h"
#include "sparkdx/analyzer.h"

namespace sparkdx::cli {
namespace {

std::string Help() {
  std::string help =
      "usage: sparkdx rest <input>... <path> [options]\n"
      "\n"
      "Prints what Spark's History Server answers at /api/v1/<path> for the event\n"
      "logs given: the same JSON fields, units, ordering and layout. Inputs are\n"
      "read as by 'sparkdx analyze' (files, directories, zips, -); a directory of\n"
      "logs serves every application in it, with all its attempts.\n"
      "\n"
      "example: sparkdx rest spark-events 'applications/app-1/stages?status=failed'\n"
      "\n"
      "paths (query parameters as in Spark's REST API documentation):\n";
  for (const std::string& route : RestRouteList()) help += "  " + route + "\n";
  help +=
      "\n"
      "options:\n";
  help += kReadingOptionsHelp;
  help +=
      "  -h, --help                  show this help\n"
      "\n"
      "exit codes: 0 answered, 2 usage error or a path the History Server would\n"
      "            refuse (unknown route, application, job, stage...; HTTP 400/404),\n"
      "            4 no input could be read at all\n";
  return help;
}

int UsageError(const std::string& message) {
  std::fprintf(stderr, "sparkdx rest: %s\n(see sparkdx rest --help)\n", message.c_str());
  return kExitUsage;
}

}  // namespace

int RunRest(const std::vector<std::string>& args) {
  std::vector<std::string> positional;
  AnalyzerOptions options;
  for (size_t i = 0; i < args.size(); ++i) {
    std::string error;
    OptionParse reading = ParseReadingOption(args, &i, &options, &error);
    if (reading == OptionParse::kError) return UsageError(error);
    if (reading == OptionParse::kTaken) continue;
    const std::string& arg = args[i];
    if (arg == "-h" || arg == "--help") {
      std::fputs(Help().c_str(), stdout);
      return kExitOk;
    }
    if (arg.size() > 1 && arg[0] == '-') return UsageError("unknown option '" + arg + "'");
    positional.push_back(arg);
  }
  if (positional.size() < 2) return UsageError("give one or more inputs, then a REST path");
  std::string path = positional.back();
  positional.pop_back();

  Analyzer analyzer(options);
  for (const std::string& input : positional) AnalyzeArgument(input, &analyzer, nullptr);
  AnalysisResult result = analyzer.Finish();
  if (result.files_ok + result.files_partial == 0) {
    std::string names;
    for (const std::string& input : positional) names += (names.empty() ? "" : " ") + input;
    std::fprintf(stderr, "sparkdx rest: nothing could be read from %s ('sparkdx analyze %s' shows why)\n",
                 names.c_str(), names.c_str());
    return kExitInputUnreadable;
  }
  RestResponse response = analyzer.Rest(path);
  if (response.http_status != 200) {
    std::fprintf(stderr, "sparkdx rest: %s (HTTP %d)\n", response.error.c_str(), response.http_status);
    return kExitUsage;
  }
  response.body.push_back('\n');
  std::fwrite(response.body.data(), 1, response.body.size(), stdout);
  return kExitOk;
}

}  // namespace sparkdx::cli
