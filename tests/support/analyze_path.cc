#include "support/analyze_path.h"

#include <algorithm>
#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace sparkdx::testing {

namespace fs = std::filesystem;

AnalyzedPath AnalyzePath(const fs::path& path, size_t chunk_bytes, const AnalyzerOptions& options) {
  std::vector<InputFile> files;
  fs::path base = path.parent_path();
  if (fs::is_directory(path)) {
    for (const auto& entry : fs::recursive_directory_iterator(path)) {
      if (entry.is_regular_file()) files.push_back({fs::relative(entry.path(), base).generic_string(), entry.file_size()});
    }
    std::sort(files.begin(), files.end(), [](const InputFile& a, const InputFile& b) { return a.path < b.path; });
  } else {
    files.push_back({path.filename().string(), fs::file_size(path)});
  }
  InputPlan plan = PlanInputs(files);
  AnalyzedPath out;
  out.analyzer = std::make_unique<Analyzer>(options);
  Analyzer& analyzer = *out.analyzer;
  for (const PlannedLog& log : plan.logs) {
    analyzer.BeginLog(log);
    for (const InputFile& file : log.files) {
      std::ifstream in(base / file.path, std::ios::binary);
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      analyzer.BeginFile(file.path, bytes.size());
      for (size_t offset = 0; offset < bytes.size(); offset += chunk_bytes) {
        size_t n = std::min(chunk_bytes, bytes.size() - offset);
        if (!analyzer.Feed(reinterpret_cast<const uint8_t*>(bytes.data()) + offset, n)) break;
      }
      analyzer.EndFile();
    }
    analyzer.EndLog();
  }
  analyzer.AddSkippedFiles(plan.skipped);
  out.result = analyzer.Finish();
  return out;
}

}  // namespace sparkdx::testing
