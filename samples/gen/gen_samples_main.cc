// gen_samples: writes the diagnosis sample logs.
//
//   gen_samples --out-dir DIR [--only NAME]   write DIR/<name>.json for every scenario (or one)
//   gen_samples --list                        print the scenarios and their pathologies
//   gen_samples --variants-out-dir DIR        write DIR/<name>.json for every comparison variant
//
// The output is byte-identical on every run and machine; the committed
// samples/diagnosis/*.zstd (compressed by scripts/make-diagnosis-samples.sh)
// are checked against it by the unit tests.
#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include "scenario_variants.h"
#include "scenarios.h"
#include "simulator.h"

namespace {

int Usage(const char* message) {
  if (message != nullptr) std::fprintf(stderr, "gen_samples: %s\n", message);
  std::fprintf(stderr, "usage: gen_samples --out-dir DIR [--only NAME]\n       gen_samples --variants-out-dir DIR\n       gen_samples --list\n");
  return 2;
}

template <typename Entry>
bool WriteLog(const std::string& dir, const Entry& entry) {
  sparkdx::samples::GeneratedLog log = sparkdx::samples::Simulate(entry.build());
  std::string path = dir + "/" + entry.name + ".json";
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(log.text.data(), static_cast<std::streamsize>(log.text.size()));
  out.close();
  if (!out) {
    std::fprintf(stderr, "gen_samples: cannot write %s\n", path.c_str());
    return false;
  }
  const sparkdx::samples::LogSummary& s = log.summary;
  std::printf("%-24s %8zu bytes  %3d jobs  %3d stages run  %5lld tasks  %3d executors  %s\n", entry.name,
              log.text.size(), s.jobs, s.submitted_stage_attempts, static_cast<long long>(s.tasks), s.executors,
              s.completed ? "completed" : "incomplete");
  return true;
}

}  // namespace

int main(int argc, char** argv) {
  std::string out_dir, only, variants_dir;
  bool list = false;
  for (int i = 1; i < argc; ++i) {
    std::string arg = argv[i];
    if ((arg == "--out-dir" || arg == "--only") && i + 1 < argc) {
      (arg == "--out-dir" ? out_dir : only) = argv[++i];
    } else if (arg == "--variants-out-dir" && i + 1 < argc) {
      variants_dir = argv[++i];
    } else if (arg == "--list") {
      list = true;
    } else if (arg == "-h" || arg == "--help") {
      Usage(nullptr);
      return 0;
    } else {
      return Usage(("unknown or incomplete argument " + arg).c_str());
    }
  }
  if (list) {
    for (const auto& e : sparkdx::samples::AllScenarios()) {
      std::printf("%-24s %s\n", e.name, e.build().pathology.c_str());
    }
    return 0;
  }
  if (!variants_dir.empty()) {
    for (const auto& v : sparkdx::samples::AllVariants()) {
      if (!WriteLog(variants_dir, v)) return 1;
    }
    if (out_dir.empty()) return 0;
  }
  if (out_dir.empty()) return Usage("--out-dir is required");
  if (!only.empty()) {
    const auto* entry = sparkdx::samples::FindScenario(only);
    if (entry == nullptr) return Usage(("no scenario named " + only + " (see --list)").c_str());
    return WriteLog(out_dir, *entry) ? 0 : 1;
  }
  for (const auto& e : sparkdx::samples::AllScenarios()) {
    if (!WriteLog(out_dir, e)) return 1;
  }
  return 0;
}
