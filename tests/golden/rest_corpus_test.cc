// Every REST route answers on every real log of ../shared/eventlogs: for
// each application attempt the corpus holds, the application, its jobs,
// stages (with details and summaries), each stage attempt's task summary
// and first tasks, executors, environment, storage, processes and SQL
// executions give HTTP 200 and well-formed JSON of the expected shape.
// Skipped with a message when ../shared is absent.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <string>
#include <vector>

#include "support/analyze_path.h"
#include "support/corpus_cases.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

using Json = nlohmann::json;

TEST(RestCorpusTest, EveryRouteAnswersOnEveryLog) {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/eventlogs not found: REST corpus test skipped";
  int logs = 0, applications = 0, answers = 0;
  for (const testing::CorpusCase& c : testing::CorpusCases(corpus)) {
    SCOPED_TRACE(c.name);
    testing::AnalyzedPath analysed = testing::AnalyzePath(c.path);
    ++logs;
    auto ask = [&](const std::string& path) {
      RestResponse response = analysed.analyzer->Rest(path);
      ++answers;
      EXPECT_EQ(response.http_status, 200) << path << ": " << response.error;
      if (response.http_status != 200) return Json();
      Json parsed = Json::parse(response.body, nullptr, /*allow_exceptions=*/false);
      EXPECT_FALSE(parsed.is_discarded()) << path << ": not JSON";
      return parsed;
    };
    Json apps = ask("applications");
    ASSERT_TRUE(apps.is_array());
    for (const Json& app : apps) {
      ++applications;
      std::string id = app["id"];
      ask("applications/" + id);
      for (const Json& attempt : app["attempts"]) {
        std::string base = "applications/" + id + (attempt.contains("attemptId") ? "/" + attempt["attemptId"].get<std::string>() : "");
        EXPECT_TRUE(ask(base + "/jobs").is_array());
        Json stages = ask(base + "/stages");
        EXPECT_TRUE(stages.is_array());
        EXPECT_TRUE(ask(base + "/stages?details=true&withSummaries=true").is_array());
        for (const Json& stage : stages) {
          std::string stage_path = base + "/stages/" + std::to_string(stage["stageId"].get<int64_t>()) + "/" +
                                   std::to_string(stage["attemptId"].get<int64_t>());
          EXPECT_TRUE(ask(stage_path).is_object());
          // Spark has no summary (404) for a stage whose tasks reported no metrics.
          if (stage["numCompleteTasks"].get<int64_t>() > 0) {
            EXPECT_TRUE(ask(stage_path + "/taskSummary").is_object());
          }
          EXPECT_TRUE(ask(stage_path + "/taskList?length=3").is_array());
        }
        EXPECT_TRUE(ask(base + "/executors").is_array());
        EXPECT_TRUE(ask(base + "/allexecutors").is_array());
        EXPECT_TRUE(ask(base + "/environment").is_object());
        EXPECT_TRUE(ask(base + "/storage/rdd").is_array());
        EXPECT_TRUE(ask(base + "/allmiscellaneousprocess").is_array());
        EXPECT_TRUE(ask(base + "/sql").is_array());
      }
    }
  }
  std::printf("REST corpus: %d logs, %d applications, %d answers\n", logs, applications, answers);
}

}  // namespace
}  // namespace sparkdx
