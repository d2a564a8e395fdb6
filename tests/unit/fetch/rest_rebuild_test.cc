// Rebuilding event logs from the REST API (native/fetch/rest_rebuild.h):
// a fake Spark UI answers the API from an analysed sample; the rebuilt log,
// analysed again, must give the same jobs, stages, tasks and executors.
#include "rest_rebuild.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "fake_services.h"
#include "support/analyze_path.h"
#include "support/rest_answer.h"

namespace sparkdx::fetch {
namespace {

using nlohmann::json;

bool Open(const httplib::Request&, httplib::Response&) { return true; }

struct Rebuilt {
  RebuildResult result;
  std::string text;
};

Rebuilt RebuildFrom(const fakes::LoopbackServer& server, const std::string& prefix, const std::string& app_id,
                    int task_page = 7) {
  HttpClient client({"127.0.0.1"}, {});
  HistoryServerSource source{server.UrlOf(prefix), {}, {}};
  Rebuilt rebuilt;
  RebuildOptions options;
  options.task_page = task_page;  // small pages: paging is exercised
  rebuilt.result = RebuildEventLog(client, source, app_id, "", [&](const char* data, size_t size) {
    rebuilt.text.append(data, size);
    return true;
  }, options);
  return rebuilt;
}

// The fields of each element of a REST list that the rebuilt log must keep.
void ExpectSameFields(const json& original, const json& rebuilt, const std::vector<std::string>& fields,
                      const std::string& what) {
  ASSERT_TRUE(original.is_array()) << what;
  ASSERT_TRUE(rebuilt.is_array()) << what;
  ASSERT_EQ(original.size(), rebuilt.size()) << what;
  for (size_t i = 0; i < original.size(); ++i) {
    for (const std::string& field : fields) {
      EXPECT_EQ(original[i].value(field, json()), rebuilt[i].value(field, json()))
          << what << "[" << i << "]." << field;
    }
  }
}

class RestRebuildSample : public ::testing::TestWithParam<std::string> {};

TEST_P(RestRebuildSample, AnalysesLikeTheOriginalLog) {
  const std::filesystem::path path = std::filesystem::path(testing::SourceDir()) / GetParam();
  testing::AnalyzedPath original = testing::AnalyzePath(path);
  const json report = json::parse(original.result.report_json);
  const std::string app_id = report["applications"][0]["id"];

  fakes::LoopbackServer server;
  fakes::SparkUiRoutes ui(server.server(), "/ui", *original.analyzer, Open);
  server.Start();
  Rebuilt rebuilt = RebuildFrom(server, "/ui", app_id);
  ASSERT_TRUE(rebuilt.result.ok) << rebuilt.result.error;
  EXPECT_EQ(rebuilt.result.bytes_written, rebuilt.text.size());
  EXPECT_EQ(static_cast<uint64_t>(rebuilt.result.tasks), original.result.tasks);

  auto again = std::make_unique<Analyzer>();
  again->BeginFile("rebuilt.json", rebuilt.text.size());
  again->Feed(reinterpret_cast<const uint8_t*>(rebuilt.text.data()), rebuilt.text.size());
  again->EndFile();
  const json again_report = json::parse(again->Finish().report_json);
  const std::string base = "applications/" + app_id;
  auto both = [&](const std::string& route) {
    return std::make_pair(testing::RestJson(*original.analyzer, base + route), testing::RestJson(*again, base + route));
  };
  auto [app_a, app_b] = both("");
  ExpectSameFields(app_a["attempts"], app_b["attempts"], {"startTime", "endTime", "duration", "completed", "sparkUser"},
                   "attempts");
  auto [jobs_a, jobs_b] = both("/jobs");
  ExpectSameFields(jobs_a, jobs_b,
                   {"jobId", "status", "submissionTime", "completionTime", "stageIds", "jobGroup", "numTasks",
                    "numCompletedTasks", "numFailedTasks", "numKilledTasks", "numSkippedStages", "numCompletedStages",
                    "numFailedStages"},
                   "jobs");
  auto [stages_a, stages_b] = both("/stages");
  ExpectSameFields(stages_a, stages_b,
                   {"status", "stageId", "attemptId", "numTasks", "numCompleteTasks", "numFailedTasks",
                    "numKilledTasks", "numCompletedIndices", "submissionTime", "completionTime", "failureReason",
                    "executorRunTime", "executorCpuTime", "jvmGcTime", "inputBytes", "outputBytes", "shuffleReadBytes",
                    "shuffleWriteBytes", "memoryBytesSpilled", "diskBytesSpilled", "peakExecutionMemory", "name"},
                   "stages");
  auto [executors_a, executors_b] = both("/allexecutors");
  ExpectSameFields(executors_a, executors_b,
                   {"id", "hostPort", "isActive", "totalCores", "maxMemory", "addTime", "removeTime", "removeReason",
                    "totalTasks", "failedTasks", "completedTasks", "totalDuration", "totalGCTime", "totalInputBytes",
                    "totalShuffleRead", "totalShuffleWrite", "peakMemoryMetrics"},
                   "executors");
  // The diagnosis reads the rebuilt log as it read the original.
  for (const char* section : {"breakdown", "findings"}) {
    json original_section = report["applications"][0][section];
    json rebuilt_section = again_report["applications"][0][section];
    // Findings quote the first failure message in log order; the samples
    // write task ends grouped by executor, the rebuilt log in time order.
    for (json* findings : {&original_section, &rebuilt_section}) {
      for (json& finding : *findings) {
        if (!finding.is_object() || !finding.contains("explanation")) continue;
        std::string text = finding["explanation"];
        finding["explanation"] = text.substr(0, text.find(" First message: "));
      }
    }
    const json patch = json::diff(original_section, rebuilt_section);
    EXPECT_TRUE(patch.empty()) << section << " differ: " << patch.dump();
  }
  // Every task of every stage attempt, as the API lists them (the error
  // messages, rebuilt from their parts, included).
  for (const json& stage : stages_a) {
    if (stage["status"] == "PENDING" || stage["status"] == "SKIPPED") continue;
    const std::string tasks = "/stages/" + std::to_string(stage["stageId"].get<int>()) + "/" +
                              std::to_string(stage["attemptId"].get<int>()) + "/taskList?length=100000";
    auto [tasks_a, tasks_b] = both(tasks);
    ExpectSameFields(tasks_a, tasks_b,
                     {"taskId", "index", "attempt", "launchTime", "duration", "executorId", "host", "status",
                      "taskLocality", "speculative", "errorMessage", "taskMetrics"},
                     "tasks of stage " + std::to_string(stage["stageId"].get<int>()));
  }
}

INSTANTIATE_TEST_SUITE_P(Samples, RestRebuildSample,
                         ::testing::Values("samples/demo/app-20250301120000-0007.zstd",
                                           "samples/diagnosis/task_failures.zstd",
                                           "samples/diagnosis/stage_retries.zstd",
                                           "samples/diagnosis/speculation_waste.zstd",
                                           "samples/diagnosis/job_failed.zstd",
                                           "samples/diagnosis/app_incomplete.zstd"),
                         [](const ::testing::TestParamInfo<std::string>& info) {
                           std::string name = std::filesystem::path(info.param).stem().string();
                           for (char& c : name) {
                             if (!std::isalnum(static_cast<unsigned char>(c))) c = '_';
                           }
                           return name;
                         });

TEST(RestRebuild, SaysWhichRequestFailed) {
  testing::AnalyzedPath original =
      testing::AnalyzePath(std::filesystem::path(testing::SourceDir()) / "samples/diagnosis/clean_control.zstd");
  fakes::LoopbackServer server;
  fakes::SparkUiRoutes ui(server.server(), "", *original.analyzer, Open);
  server.Start();
  Rebuilt rebuilt = RebuildFrom(server, "", "app-no-such-thing");
  EXPECT_FALSE(rebuilt.result.ok);
  EXPECT_NE(rebuilt.result.error.find("/api/v1/applications/app-no-such-thing"), std::string::npos)
      << rebuilt.result.error;
  EXPECT_NE(rebuilt.result.error.find("404"), std::string::npos) << rebuilt.result.error;
  EXPECT_TRUE(rebuilt.text.empty());
}

TEST(RestRebuild, AServerIgnoringTheTaskListOffsetIsAnErrorNotAHang) {
  testing::AnalyzedPath original =
      testing::AnalyzePath(std::filesystem::path(testing::SourceDir()) / "samples/diagnosis/clean_control.zstd");
  const std::string app_id = json::parse(original.result.report_json)["applications"][0]["id"];
  fakes::LoopbackServer server;
  // Every taskList request gets the first two tasks, whatever its offset.
  server.server().Get(R"(/api/v1/applications/[^/]+/stages/(\d+)/(\d+)/taskList)",
                      [&](const httplib::Request& request, httplib::Response& response) {
                        const std::string path = "applications/" + app_id + "/stages/" +
                                                 std::string(request.matches[1]) + "/" +
                                                 std::string(request.matches[2]) + "/taskList?length=2";
                        response.set_content(original.analyzer->Rest(path).body, "application/json");
                      });
  fakes::SparkUiRoutes ui(server.server(), "", *original.analyzer, Open);
  server.Start();
  Rebuilt rebuilt = RebuildFrom(server, "", app_id, /*task_page=*/2);
  EXPECT_FALSE(rebuilt.result.ok);
  EXPECT_NE(rebuilt.result.error.find("ignores taskList's offset"), std::string::npos) << rebuilt.result.error;
}

TEST(RestRebuild, LogsOrRebuildPrefersARealZip) {
  fakes::LoopbackServer server;
  fakes::HistoryServerRoutes history(server.server(), "", Open);
  server.Start();
  HttpClient client({"127.0.0.1"}, {});
  HistoryServerSource source{server.UrlOf("/"), {}, {}};
  std::string body;
  bool rebuilt = true;
  HttpResponse response = FetchLogsOrRebuild(client, source, fakes::kAppId, "", [&](const char* data, size_t size) {
    body.append(data, size);
    return true;
  }, &rebuilt);
  ASSERT_TRUE(response.ok) << response.error;
  EXPECT_FALSE(rebuilt);
  EXPECT_EQ(body, history.zip());
}

TEST(RestRebuild, LogsOrRebuildRebuildsWhenTheZipIsEmpty) {
  testing::AnalyzedPath original =
      testing::AnalyzePath(std::filesystem::path(testing::SourceDir()) / "samples/diagnosis/clean_control.zstd");
  const std::string app_id = json::parse(original.result.report_json)["applications"][0]["id"];
  fakes::LoopbackServer server;
  fakes::SparkUiRoutes ui(server.server(), "/proxy/o/0/c-1/40001", *original.analyzer, Open);
  server.Start();
  HttpClient client({"127.0.0.1"}, {});
  HistoryServerSource source{server.UrlOf("/proxy/o/0/c-1/40001"), {}, {}};
  std::string body;
  bool rebuilt = false;
  int64_t last_done = -1, last_total = -1;
  RebuildOptions options;
  options.progress = [&](int64_t done, int64_t total) {
    last_done = done;
    last_total = total;
  };
  HttpResponse response = FetchLogsOrRebuild(client, source, app_id, "", [&](const char* data, size_t size) {
    body.append(data, size);
    return true;
  }, &rebuilt, options);
  ASSERT_TRUE(response.ok) << response.error;
  EXPECT_TRUE(rebuilt);
  EXPECT_EQ(response.body_bytes, body.size());
  ASSERT_FALSE(body.empty());
  EXPECT_EQ(body[0], '{');
  EXPECT_EQ(static_cast<uint64_t>(last_done), original.result.tasks);
  EXPECT_EQ(last_done, last_total);
}

TEST(RestRebuild, WaitsOutALoadingPageThenGivesUpClearly) {
  testing::AnalyzedPath original =
      testing::AnalyzePath(std::filesystem::path(testing::SourceDir()) / "samples/diagnosis/clean_control.zstd");
  const std::string app_id = json::parse(original.result.report_json)["applications"][0]["id"];
  fakes::LoopbackServer server;
  fakes::SparkUiRoutes ui(server.server(), "", *original.analyzer, Open, /*loading_pages=*/2);
  server.Start();
  HttpClient client({"127.0.0.1"}, {});
  HistoryServerSource patient{server.UrlOf("/"), {}, {3, 1}};
  ApiAnswer answer = GetApiJson(client, patient, {"applications"});
  ASSERT_TRUE(answer.ok) << answer.error;
  EXPECT_TRUE(answer.body.is_array());
  EXPECT_EQ(ui.requests(), 3);

  fakes::SparkUiRoutes loading(server.server(), "/slow", *original.analyzer, Open, /*loading_pages=*/5);
  HistoryServerSource impatient{server.UrlOf("/slow"), {}, {1, 1}};
  answer = GetApiJson(client, impatient, {"applications"});
  EXPECT_FALSE(answer.ok);
  EXPECT_NE(answer.error.find("still loading"), std::string::npos) << answer.error;
}

TEST(RestRebuild, ALoginPageIsNotJson) {
  fakes::LoopbackServer server;
  server.server().Get("/api/v1/applications", [](const httplib::Request&, httplib::Response& response) {
    response.set_content("<!DOCTYPE html><html><body>Sign in</body></html>", "text/html");
  });
  server.Start();
  HttpClient client({"127.0.0.1"}, {});
  HistoryServerSource source{server.UrlOf("/"), {}, {3, 1}};
  ApiAnswer answer = GetApiJson(client, source, {"applications"});
  EXPECT_FALSE(answer.ok);
  EXPECT_NE(answer.error.find("web page, not JSON"), std::string::npos) << answer.error;
}

TEST(RestRebuild, ParsesRestTimes) {
  EXPECT_EQ(ParseRestTime("2024-07-07T14:56:54.492GMT"), 1720364214492);
  EXPECT_EQ(ParseRestTime("1970-01-01T00:00:00.000GMT"), 0);
  EXPECT_EQ(ParseRestTime("2024-07-07 14:56:54"), -1);
  EXPECT_EQ(ParseRestTime(""), -1);
}

}  // namespace
}  // namespace sparkdx::fetch
