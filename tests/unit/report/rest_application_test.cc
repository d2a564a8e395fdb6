// applications, applications/{id}, applications/{id}/{attempt} and the
// routing rules around them: attempts of one application across logs,
// unfinished attempts, the listing's filters, unknown paths.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "support/event_log_text.h"
#include "support/rest_answer.h"

namespace sparkdx {
namespace {

using nlohmann::json;
using testing::RestJson;

constexpr int64_t kT0 = 1700000000000;

std::string Attempt(const std::string& app_id, const std::string& attempt, int64_t start_ms, bool ended) {
  std::string log = testing::LogStartLine("3.5.1") + "\n" + testing::ApplicationStartLine(app_id, start_ms, attempt) + "\n" +
                    testing::JobStartLine(0, 0, start_ms + 10) + "\n" + testing::JobEndLine(0, start_ms + 20) + "\n";
  if (ended) log += testing::ApplicationEndLine(start_ms + 1000) + "\n";
  return log;
}

// Several logs, each its own file, in one analysis.
std::unique_ptr<Analyzer> AnalyzeLogs(const std::vector<std::pair<std::string, std::string>>& files) {
  auto analyzer = std::make_unique<Analyzer>();
  for (const auto& [name, text] : files) {
    analyzer->BeginFile(name, text.size());
    analyzer->Feed(reinterpret_cast<const uint8_t*>(text.data()), text.size());
    analyzer->EndFile();
  }
  analyzer->Finish();
  return analyzer;
}

TEST(RestApplicationTest, AttemptsOfOneApplicationAreListedLatestFirst) {
  auto analyzer = AnalyzeLogs({{"application_1_1", Attempt("application_1", "1", kT0, true)},
                               {"application_1_2", Attempt("application_1", "2", kT0 + 5000, false)}});
  json app = RestJson(*analyzer, "applications/application_1");
  EXPECT_EQ(app["id"], "application_1");
  EXPECT_EQ(app["name"], "test app");
  ASSERT_EQ(app["attempts"].size(), 2u);
  const json& running = app["attempts"][0];
  EXPECT_EQ(running["attemptId"], "2");
  EXPECT_EQ(running["completed"], false);
  EXPECT_EQ(running["endTime"], "1969-12-31T23:59:59.999GMT");  // the History Server's "no end" (-1)
  EXPECT_EQ(running["endTimeEpoch"], -1);
  EXPECT_EQ(running["duration"], 0);
  const json& done = app["attempts"][1];
  EXPECT_EQ(done["attemptId"], "1");
  EXPECT_EQ(done["startTime"], "2023-11-14T22:13:20.000GMT");
  EXPECT_EQ(done["duration"], 1000);
  EXPECT_EQ(done["sparkUser"], "tester");
  EXPECT_EQ(done["appSparkVersion"], "3.5.1");

  json attempt = RestJson(*analyzer, "applications/application_1/1");
  EXPECT_EQ(attempt["attemptId"], "1");
  EXPECT_EQ(RestJson(*analyzer, "applications/application_1/2/jobs").size(), 1u);
  // An application with attempt ids has no attempt without one.
  RestResponse no_attempt = analyzer->Rest("applications/application_1/jobs");
  EXPECT_EQ(no_attempt.http_status, 404);
  EXPECT_NE(no_attempt.error.find("its attempts are: 2, 1"), std::string::npos) << no_attempt.error;
  EXPECT_EQ(analyzer->Rest("applications/application_1/3/jobs").http_status, 404);
}

TEST(RestApplicationTest, ListingFiltersByStatusDatesAndLimit) {
  auto analyzer = AnalyzeLogs({{"app-a", Attempt("app-a", "", kT0, true)},
                               {"app-b", Attempt("app-b", "", kT0 + 86400000, true)},
                               {"app-c", Attempt("app-c", "", kT0 + 2 * 86400000, false)}});
  json all = RestJson(*analyzer, "applications");
  ASSERT_EQ(all.size(), 3u);
  // Latest end first; the unfinished one last.
  EXPECT_EQ(all[0]["id"], "app-b");
  EXPECT_EQ(all[1]["id"], "app-a");
  EXPECT_EQ(all[2]["id"], "app-c");
  EXPECT_EQ(RestJson(*analyzer, "applications?status=running").size(), 1u);
  EXPECT_EQ(RestJson(*analyzer, "applications?status=completed").size(), 2u);
  EXPECT_EQ(RestJson(*analyzer, "applications?status=completed&status=running").size(), 3u);
  json since = RestJson(*analyzer, "applications?minDate=2023-11-15");
  ASSERT_EQ(since.size(), 2u);
  EXPECT_EQ(since[0]["id"], "app-b");
  EXPECT_EQ(RestJson(*analyzer, "applications?maxEndDate=2023-11-15T00:00:00.000GMT").size(), 1u);
  EXPECT_EQ(RestJson(*analyzer, "applications?limit=1").size(), 1u);
  EXPECT_EQ(analyzer->Rest("applications?minDate=yesterday").http_status, 400);
  EXPECT_EQ(analyzer->Rest("applications?status=paused").http_status, 400);
}

TEST(RestApplicationTest, PathsAreParsedLikeTheHistoryServers) {
  auto analyzer = AnalyzeLogs({{"app-a", Attempt("app-a", "", kT0, true)}});
  // With the /api/v1 prefix, a trailing slash, percent escapes.
  EXPECT_EQ(RestJson(*analyzer, "/api/v1/applications/app-a/jobs/")[0]["jobId"], 0);
  EXPECT_EQ(RestJson(*analyzer, "applications/app%2Da/jobs/0")["jobId"], 0);
  EXPECT_EQ(analyzer->Rest("applications/app-a/jobs/%zz").http_status, 400);
  EXPECT_EQ(analyzer->Rest("applications/app-a/jobs/7").http_status, 404);
  EXPECT_EQ(analyzer->Rest("applications/app-a/jobs/x").http_status, 404);
  EXPECT_EQ(analyzer->Rest("applications/app-a/stages/0/0/nothing").http_status, 404);
  EXPECT_EQ(analyzer->Rest("metrics").http_status, 404);
  EXPECT_EQ(analyzer->Rest("applications/app-z").http_status, 404);
}

TEST(RestApplicationTest, ALogWithoutApplicationStartIsNotAnApplication) {
  std::string headless = testing::JobStartLine(0, 0, kT0) + "\n" + testing::JobEndLine(0, kT0 + 1) + "\n";
  auto analyzer = AnalyzeLogs({{"part", headless}});
  EXPECT_EQ(RestJson(*analyzer, "applications"), json::array());
}

}  // namespace
}  // namespace sparkdx
