// sparkdx command-line entry point: subcommand dispatch.
#include <cstdio>
#include <cstring>
#include <exception>
#include <string>
#include <vector>

#include "analyze_command.h"
#include "compare_command.h"
#include "exit_codes.h"
#include "fetch_command.h"
#include "proxy_command.h"
#include "rest_command.h"
#include "whatif_command.h"
#include "sparkdx/analyzer.h"
#include "sparkdx/catalog.h"

namespace {

const char kHelp[] =
    "sparkdx: explains why Spark jobs were slow, from their event logs\n"
    "\n"
    "usage: sparkdx <command> [arguments]\n"
    "\n"
    "commands:\n"
    "  analyze <input>...   read event logs (files, directories, zips, -) and report\n"
    "  compare <baseline> <candidate>...\n"
    "                       compare runs of the same job: deltas, causes, config, findings\n"
    "  whatif <input>... [--executors N,N] [--executor-cores N] [--executor-memory SIZE]\n"
    "         [--partitions N] [--dynamic-allocation MIN:MAX]\n"
    "                       predict wall clock, core-hours and cost of other configurations\n"
    "  fetch history-server <url> | emr <cluster-id> | databricks <url> ...\n"
    "                       download event logs from a History Server, EMR or Databricks\n"
    "  proxy --config FILE  serve the web page and let it load logs from those places\n"
    "  rest <input>... <path>\n"
    "                       print what Spark's History Server answers at /api/v1/<path>\n"
    "  catalog issues|events|codecs|rules\n"
    "                       print a catalogue as Markdown (the source of docs/)\n"
    "  version              print the version\n"
    "  help                 show this help\n"
    "\n"
    "Run 'sparkdx <command> --help' for the options of analyze, compare, whatif, fetch, proxy and rest.\n";

int Run(const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "help" || args[0] == "-h" || args[0] == "--help") {
    std::fputs(kHelp, args.empty() ? stderr : stdout);
    return args.empty() ? sparkdx::cli::kExitUsage : sparkdx::cli::kExitOk;
  }
  if (args[0] == "version" || args[0] == "--version") {
    std::printf("sparkdx %s\n", sparkdx::Version());
    return sparkdx::cli::kExitOk;
  }
  if (args[0] == "catalog") {
    sparkdx::Catalog catalog;
    if (args.size() != 2 || !sparkdx::CatalogFromName(args[1], &catalog)) {
      std::fputs("sparkdx catalog: name one of issues, events, codecs, rules\n", stderr);
      return sparkdx::cli::kExitUsage;
    }
    std::fputs(sparkdx::CatalogMarkdown(catalog).c_str(), stdout);
    return sparkdx::cli::kExitOk;
  }
  if (args[0] == "proxy") {
    return sparkdx::cli::RunProxy(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  if (args[0] == "fetch") {
    return sparkdx::cli::RunFetch(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  if (args[0] == "rest") {
    return sparkdx::cli::RunRest(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  if (args[0] == "compare") {
    return sparkdx::cli::RunCompare(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  if (args[0] == "whatif") {
    return sparkdx::cli::RunWhatIf(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  if (args[0] == "analyze") {
    return sparkdx::cli::RunAnalyze(std::vector<std::string>(args.begin() + 1, args.end()));
  }
  std::fprintf(stderr, "sparkdx: unknown command '%s' (see sparkdx help)\n", args[0].c_str());
  return sparkdx::cli::kExitUsage;
}

}  // namespace

// The core reports errors as values; an exception reaching here is a bug
// (or memory exhaustion), so it gets its own exit code instead of abort().
int main(int argc, char** argv) {
  try {
    return Run(std::vector<std::string>(argv + 1, argv + argc));
  } catch (const std::exception& e) {
    std::fflush(stdout);
    std::fprintf(stderr, "sparkdx: internal error: %s (please report it with the command line)\n", e.what());
  } catch (...) {
    std::fflush(stdout);
    std::fprintf(stderr, "sparkdx: internal error: unknown exception (please report it with the command line)\n");
  }
  return sparkdx::cli::kExitInternal;
}
