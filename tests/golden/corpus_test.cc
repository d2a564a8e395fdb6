// Golden tests over the real Spark event logs in ../shared/eventlogs (skipped
// with a message when that folder is absent). For every log file and every
// multi-file log directory (rolling, Databricks, legacy):
//   - the line accounting equals an independent count of the decoded bytes'
//     lines, and lines == events + blank + malformed;
//   - nothing fails except inputs broken by design;
//   - a compact summary (counts only: no names, ids or other data from the
//     logs) matches corpus_summaries.json. SPARKDX_UPDATE_GOLDEN=1 rewrites it.
// Files not in the summaries (a fuller corpus) get the invariant checks only.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <vector>

#include "sparkdx/analyzer.h"
#include "support/file_bytes.h"
#include "support/analyze_path.h"
#include "support/corpus_cases.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

namespace fs = std::filesystem;
using Json = nlohmann::ordered_json;

// Decodes with the libraries' one-shot/simple APIs, independently of sparkdx's
// streaming decoders, and counts lines the plain way.
uint64_t IndependentLineCount(const fs::path& path) {
  const std::string text = testing::DecodeWithLibraries(path);
  uint64_t lines = static_cast<uint64_t>(std::count(text.begin(), text.end(), '\n'));
  if (!text.empty() && text.back() != '\n') ++lines;
  return lines;
}

using testing::CorpusCase;
using testing::CorpusCases;

Json Analyze(const CorpusCase& c) { return Json::parse(testing::AnalyzePath(c.path).result.report_json); }

Json Summary(const Json& report) {
  Json summary;
  const Json& a = report["accounting"];
  summary["lines"] = a["lines"];
  summary["events"] = a["events"];
  summary["blank_lines"] = a["blank_lines"];
  summary["malformed_lines"] = a["malformed_lines"];
  summary["unknown_events"] = a["unknown_events"];
  summary["event_types"] = a["events_by_type"].size();
  Json statuses = Json::array();
  for (const Json& input : report["inputs"]) statuses.push_back(input["status"]);
  summary["statuses"] = statuses;
  summary["issue_counts"] = report["issue_counts"];
  Json apps = Json::array();
  for (const Json& app : report["applications"]) {
    apps.push_back(Json{{"spark_version", app["spark_version"]},
                        {"completed", app["completed"]},
                        {"jobs", app["jobs"]},
                        {"stages", app["stages"]},
                        {"stage_attempts", app["stage_attempts"]},
                        {"tasks", app["tasks"]},
                        {"executors", app["executors"]},
                        {"sql_executions", app["sql_executions"]},
                        {"duration_ms", app["duration_ms"]}});
  }
  summary["applications"] = apps;
  return summary;
}

TEST(CorpusGoldenTest, EveryLogIsReadWithExactLineAccounting) {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/eventlogs not found: corpus golden tests skipped";
  fs::path golden_path = fs::path(testing::SourceDir()) / "tests/golden/corpus_summaries.json";
  Json golden = fs::exists(golden_path) ? Json::parse(testing::ReadFileBytes(golden_path)) : Json::object();
  bool update = std::getenv("SPARKDX_UPDATE_GOLDEN") != nullptr;
  Json updated = Json::object();
  size_t compared = 0, checked = 0;
  for (const CorpusCase& c : CorpusCases(corpus)) {
    SCOPED_TRACE(c.name);
    Json report = Analyze(c);
    const Json& a = report["accounting"];
    uint64_t independent = 0;
    for (const fs::path& file : c.files) independent += IndependentLineCount(file);
    EXPECT_EQ(a["lines"].get<uint64_t>(), independent);
    EXPECT_EQ(a["lines"].get<uint64_t>(), a["events"].get<uint64_t>() + a["blank_lines"].get<uint64_t>() +
                                              a["malformed_lines"].get<uint64_t>());
    for (const Json& input : report["inputs"]) {
      EXPECT_NE(input["status"], "error") << input["name"] << ": " << input["error"];
    }
    EXPECT_GE(report["applications"].size(), 1u);
    ++checked;
    Json summary = Summary(report);
    updated[c.name] = summary;
    if (golden.contains(c.name)) {
      ++compared;
      EXPECT_EQ(summary.dump(1), golden[c.name].dump(1));
    }
  }
  EXPECT_GT(checked, 0u);
  if (update) {
    std::ofstream(golden_path) << updated.dump(1) << "\n";
    std::printf("rewrote %s with %zu cases\n", golden_path.c_str(), updated.size());
  } else {
    EXPECT_GT(compared, 0u) << "no corpus case matched " << golden_path << "; run with SPARKDX_UPDATE_GOLDEN=1";
  }
  std::printf("corpus: %zu logs checked, %zu compared with golden summaries\n", checked, compared);
}

}  // namespace
}  // namespace sparkdx
