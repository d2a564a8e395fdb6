// The real event logs of ../shared/eventlogs as test cases: every log file
// and every multi-file log directory (rolling eventlog_v2_*, Databricks,
// Spark 1.x legacy), in name order. Expectation files and docs are left out.
#ifndef SPARKDX_TESTS_SUPPORT_CORPUS_CASES_H_
#define SPARKDX_TESTS_SUPPORT_CORPUS_CASES_H_

#include <filesystem>
#include <string>
#include <vector>

namespace sparkdx::testing {

struct CorpusCase {
  std::string name;                          // relative to the corpus; directories end with '/'
  std::filesystem::path path;                // a file or a log directory
  std::vector<std::filesystem::path> files;  // the files whose lines count
};

std::vector<CorpusCase> CorpusCases(const std::filesystem::path& root);

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_CORPUS_CASES_H_
