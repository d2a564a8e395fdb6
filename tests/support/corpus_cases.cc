#include "support/corpus_cases.h"

#include <algorithm>
#include <regex>

namespace sparkdx::testing {
namespace {

namespace fs = std::filesystem;

// Databricks rotated chunks: eventlog-YYYY-MM-DD--HH-MM[.gz]
const std::regex kDatabricksChunk(R"(eventlog-\d{4}-\d{2}-\d{2}--\d{2}-\d{2}(\.gz)?)");

bool IsMultiFileLogDirectory(const fs::path& dir) {
  std::string name = dir.filename().string();
  if (name.rfind("eventlog_v2_", 0) == 0) return true;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::string file = entry.path().filename().string();
    if (file.rfind("EVENT_LOG_", 0) == 0) return true;
    if (std::regex_match(file, kDatabricksChunk)) return true;
  }
  return false;
}

}  // namespace

std::vector<CorpusCase> CorpusCases(const fs::path& root) {
  std::vector<CorpusCase> cases;
  std::vector<fs::path> log_dirs;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (entry.is_directory() && IsMultiFileLogDirectory(entry.path())) log_dirs.push_back(entry.path());
  }
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file() || entry.file_size() == 0) continue;
    std::string ext = entry.path().extension().string();
    if (ext == ".md" || ext == ".json") continue;
    std::string rel = fs::relative(entry.path(), root).generic_string();
    if (rel.find("spark-expectations/") == 0) continue;
    cases.push_back({rel, entry.path(), {entry.path()}});
  }
  for (const fs::path& dir : log_dirs) {
    CorpusCase c{fs::relative(dir, root).generic_string() + "/", dir, {}};
    for (const auto& entry : fs::directory_iterator(dir)) {
      if (entry.is_regular_file() && entry.file_size() > 0) c.files.push_back(entry.path());
    }
    cases.push_back(std::move(c));
  }
  std::sort(cases.begin(), cases.end(), [](const CorpusCase& a, const CorpusCase& b) { return a.name < b.name; });
  return cases;
}

}  // namespace sparkdx::testing
