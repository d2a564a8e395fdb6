// Input planning: given the files of what the user dropped or named (a file,
// a directory tree, several files), decide which files form which event log
// and in what order to feed them. Shells list files; the core decides.
//
//   std::vector<InputFile> files = ...;       // paths relative to the input, '/'-separated
//   InputPlan plan = PlanInputs(files);
//   for (const PlannedLog& log : plan.logs) {
//     analyzer.BeginLog(log);
//     for (const InputFile& file : log.files) { analyzer.BeginFile(file.path, file.size_bytes); ...feed...; analyzer.EndFile(); }
//     analyzer.EndLog();
//   }
//   analyzer.AddSkippedFiles(plan.skipped);
#ifndef SPARKDX_INPUT_PLAN_H_
#define SPARKDX_INPUT_PLAN_H_

#include <cstdint>
#include <string>
#include <vector>

namespace sparkdx {

struct InputFile {
  std::string path;  // '/'-separated, relative to what the user gave (it may be just a name)
  uint64_t size_bytes = 0;
};

enum class LogLayout : uint8_t {
  kSingleFile,  // one file, one log
  kRolling,     // eventlog_v2_<app>/events_<N>_<app>...
  kDatabricks,  // eventlog-<date>.gz ... + eventlog
  kLegacy,      // Spark <= 1.2 directory with EVENT_LOG_<N>
};
const char* LogLayoutName(LogLayout layout);

struct PlannedLog {
  std::string name;               // the log's display name (its file, or its directory)
  LogLayout layout = LogLayout::kSingleFile;
  std::vector<InputFile> files;   // in the order to feed them
  bool in_progress = false;       // .inprogress file or appstatus marker
  std::string spark_version_hint; // from a legacy SPARK_VERSION_ marker
  std::vector<std::string> notes; // layout problems found while planning (shown as issues)
};

struct SkippedFile {
  std::string path;
  std::string reason;
};

struct InputPlan {
  std::vector<PlannedLog> logs;
  std::vector<SkippedFile> skipped;
};

InputPlan PlanInputs(const std::vector<InputFile>& files);

}  // namespace sparkdx

#endif  // SPARKDX_INPUT_PLAN_H_
