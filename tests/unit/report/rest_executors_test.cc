// executors, allexecutors, allmiscellaneousprocess: what Spark's History
// Server lists for executors that come and go, are excluded (newer and
// older event names), run under several resource profiles and report
// executor metrics, plus the YARN application master as a miscellaneous
// process.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "support/analyze_path.h"
#include "support/event_log_text.h"
#include "support/executor_event_text.h"
#include "support/rest_answer.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

using nlohmann::json;
using testing::RestJson;

constexpr int64_t kT0 = 1700000000000;

// A log under construction: one event per line.
struct Log {
  std::string text;
  Log& operator<<(const std::string& line) {
    text += line + "\n";
    return *this;
  }
};

std::vector<std::string> Ids(const json& list) {
  std::vector<std::string> ids;
  for (const json& entry : list) ids.push_back(entry["id"]);
  return ids;
}

const json& Find(const json& list, const std::string& id) {
  for (const json& entry : list) {
    if (entry["id"] == id) return entry;
  }
  static const json kNone;
  ADD_FAILURE() << "no executor " << id << " in " << list.dump();
  return kNone;
}

std::string TaskEndWithoutExecutorMetrics(int stage, int64_t task, const std::string& executor, int64_t launch,
                                          int64_t finish) {
  std::string line = testing::TaskEndLine(stage, task, static_cast<int>(task), executor, launch, finish);
  const std::string metrics = "\"Task Executor Metrics\":{\"JVMHeapMemory\":100},";
  line.erase(line.find(metrics), metrics.size());
  return line;
}

// The driver and two executors; executor 2 is lost while its second task
// runs, and a task on an executor never announced is ignored.
std::string ExecutorLossLog() {
  Log log;
  log << testing::LogStartLine() << testing::BlockManagerAddedLine("driver", "10.0.0.1", 40000, 1000, kT0 - 500)
      << testing::ApplicationStartLine("app-loss", kT0)
      << testing::ExecutorAddedFullLine("1", "node-a", 4, kT0 + 100, 0, "{\"stdout\":\"http://node-a/stdout\"}")
      << testing::BlockManagerAddedLine("1", "node-a", 41000, 2000, kT0 + 110, 1500, 300)
      << testing::ExecutorAddedFullLine("2", "node-b", 4, kT0 + 120, 0)
      << testing::JobStartLine(0, 0, kT0 + 1000) << testing::StageSubmittedLine(0, 0, 4, kT0 + 1001)
      << testing::TaskStartLine(0, 0, 0, "1", kT0 + 1010)
      << testing::TaskEndLine(0, 0, 0, "1", kT0 + 1010, kT0 + 1510)
      << testing::TaskStartLine(0, 1, 1, "2", kT0 + 1020)
      << testing::TaskEndLine(0, 1, 1, "2", kT0 + 1020, kT0 + 1320, /*failed=*/true)
      << testing::TaskStartLine(0, 2, 2, "2", kT0 + 1400)
      << testing::ExecutorRemovedLine("2", kT0 + 1500, "Container killed by YARN for exceeding memory limits")
      << testing::TaskEndLine(0, 2, 2, "2", kT0 + 1400, kT0 + 1600, /*failed=*/true)
      << testing::TaskStartLine(0, 3, 3, "9", kT0 + 1700)
      << testing::TaskEndLine(0, 3, 3, "9", kT0 + 1700, kT0 + 1800)
      << testing::StageCompletedLine(0, 0, 4, kT0 + 1001, kT0 + 1900) << testing::JobEndLine(0, kT0 + 1901)
      << testing::ApplicationEndLine(kT0 + 5000);
  return log.text;
}

TEST(RestExecutorsTest, RemovedExecutorsAreListedOnlyByAllExecutors) {
  auto analyzer = testing::AnalyzeLogText(ExecutorLossLog());
  json active = RestJson(*analyzer, "applications/app-loss/executors");
  EXPECT_EQ(Ids(active), (std::vector<std::string>{"driver", "1"}));  // active ones, ids descending
  json all = RestJson(*analyzer, "applications/app-loss/allexecutors");
  EXPECT_EQ(Ids(all), (std::vector<std::string>{"1", "2", "driver"}));  // all, ids ascending; never "9"

  const json& lost = Find(all, "2");
  EXPECT_EQ(lost["isActive"], false);
  EXPECT_EQ(lost["removeTime"], "2023-11-14T22:13:21.500GMT");
  EXPECT_EQ(lost["removeReason"], "Container killed by YARN for exceeding memory limits");
  EXPECT_EQ(lost["hostPort"], "node-b");  // no block manager: the host
  // Its state when it was removed: the task ending after that is not counted.
  EXPECT_EQ(lost["totalTasks"], 2);
  EXPECT_EQ(lost["activeTasks"], 1);
  EXPECT_EQ(lost["failedTasks"], 1);
  EXPECT_EQ(lost["totalDuration"], 300);
  EXPECT_FALSE(lost.contains("memoryMetrics"));

  const json& live = Find(all, "1");
  EXPECT_EQ(live["isActive"], true);
  EXPECT_FALSE(live.contains("removeTime"));
  EXPECT_FALSE(live.contains("removeReason"));
  EXPECT_EQ(live["hostPort"], "node-a:41000");
  EXPECT_EQ(live["maxTasks"], 4);
  EXPECT_EQ(live["completedTasks"], 1);
  EXPECT_EQ(live["totalGCTime"], 12);
  EXPECT_EQ(live["totalInputBytes"], 1024);
  EXPECT_EQ(live["addTime"], "2023-11-14T22:13:20.100GMT");
  EXPECT_EQ(live["executorLogs"], json({{"stdout", "http://node-a/stdout"}}));
  EXPECT_EQ(live["memoryMetrics"], json({{"usedOnHeapStorageMemory", 0},
                                         {"usedOffHeapStorageMemory", 0},
                                         {"totalOnHeapStorageMemory", 1500},
                                         {"totalOffHeapStorageMemory", 300}}));

  // The driver shows the application's run time, not its tasks' time.
  const json& driver = Find(all, "driver");
  EXPECT_EQ(driver["totalDuration"], 5000);
  EXPECT_EQ(driver["hostPort"], "10.0.0.1:40000");
  EXPECT_EQ(driver["maxMemory"], 1000);
}

TEST(RestExecutorsTest, DynamicAllocationAddsRemovesAndReplacesExecutors) {
  Log log;
  log << testing::LogStartLine() << testing::ApplicationStartLine("app-dyn", kT0);
  // Twelve executors over time; every even one is released when idle.
  for (int i = 1; i <= 12; ++i) {
    std::string id = std::to_string(i);
    log << testing::ExecutorAddedFullLine(id, "node-" + id, 2, kT0 + 100 * i, 0)
        << testing::BlockManagerAddedLine(id, "node-" + id, 7000 + i, 1000, kT0 + 100 * i + 5);
  }
  for (int i = 2; i <= 12; i += 2) {
    log << testing::ExecutorRemovedLine(std::to_string(i), kT0 + 5000 + i, "Executor killed by driver.");
  }
  // Executor 4 comes back: a new executor replaces the removed one.
  log << testing::ExecutorAddedFullLine("4", "node-z", 8, kT0 + 9000, 0)
      << testing::ApplicationEndLine(kT0 + 10000);
  auto analyzer = testing::AnalyzeLogText(log.text);

  json all = RestJson(*analyzer, "applications/app-dyn/allexecutors");
  // Ids compare as strings, as the History Server's store sorts them.
  EXPECT_EQ(Ids(all), (std::vector<std::string>{"1", "10", "11", "12", "2", "3", "4", "5", "6", "7", "8", "9"}));
  json active = RestJson(*analyzer, "applications/app-dyn/executors");
  EXPECT_EQ(Ids(active), (std::vector<std::string>{"9", "7", "5", "4", "3", "11", "1"}));
  const json& back = Find(all, "4");
  EXPECT_EQ(back["isActive"], true);
  EXPECT_EQ(back["hostPort"], "node-z");
  EXPECT_EQ(back["totalCores"], 8);
  EXPECT_EQ(back["addTime"], "2023-11-14T22:13:29.000GMT");
  EXPECT_FALSE(back.contains("removeReason"));
  EXPECT_FALSE(back.contains("memoryMetrics"));
  EXPECT_EQ(Find(all, "12")["removeReason"], "Executor killed by driver.");
}

TEST(RestExecutorsTest, ExclusionOfExecutorsAndNodesUnderBothEventNames) {
  auto excluded = [](const std::string& cls, const std::string& executor) {
    return testing::ExclusionLine(cls, "\"time\":" + std::to_string(kT0 + 2000) + ",\"executorId\":\"" + executor +
                                           "\",\"taskFailures\":4");
  };
  auto node = [](const std::string& cls, const std::string& host, const std::string& stage) {
    return testing::ExclusionLine(cls, "\"time\":" + std::to_string(kT0 + 2000) + ",\"hostId\":\"" + host +
                                           "\",\"executorFailures\":2" + stage);
  };
  Log log;
  log << testing::LogStartLine() << testing::BlockManagerAddedLine("driver", "node-a", 40000, 1000, kT0)
      << testing::ApplicationStartLine("app-excl", kT0);
  for (const char* id : {"1", "2", "3", "4"}) {
    std::string host = std::string(id) == "4" ? "node-b" : "node-a";
    log << testing::ExecutorAddedFullLine(id, host, 4, kT0 + 100, 0);
  }
  log << testing::JobStartLine(0, 0, kT0 + 1000) << testing::StageSubmittedLine(0, 0, 4, kT0 + 1001)
      // Newer names: executor 1 excluded then un-excluded; executor 2 excluded.
      << excluded("SparkListenerExecutorExcluded", "1") << excluded("SparkListenerExecutorUnexcluded", "1")
      << excluded("SparkListenerExecutorExcluded", "2")
      // Older name, per stage: executor 3 for stage 0, which then completes.
      << testing::ExclusionLine("SparkListenerExecutorBlacklistedForStage",
                                "\"time\":1,\"executorId\":\"3\",\"taskFailures\":2,\"stageId\":0,\"stageAttemptId\":0")
      << testing::StageCompletedLine(0, 0, 4, kT0 + 1001, kT0 + 3000)
      << testing::StageSubmittedLine(1, 0, 4, kT0 + 3001)
      // A node for stage 1 (still running): its executors, not the driver.
      << node("SparkListenerNodeExcludedForStage", "node-a", ",\"stageId\":1,\"stageAttemptId\":0")
      // The older node-wide name: every executor on node-b.
      << node("SparkListenerNodeBlacklisted", "node-b", "");
  auto analyzer = testing::AnalyzeLogText(log.text);
  json all = RestJson(*analyzer, "applications/app-excl/allexecutors");

  EXPECT_EQ(Find(all, "1")["isExcluded"], false);
  EXPECT_EQ(Find(all, "2")["isExcluded"], true);
  EXPECT_EQ(Find(all, "2")["isBlacklisted"], true);
  EXPECT_EQ(Find(all, "4")["isExcluded"], true);
  EXPECT_EQ(Find(all, "3")["isExcluded"], false);
  // Stage 0 completed: it left executor 3's list; stage 1 is on node-a's.
  for (const char* id : {"1", "2", "3"}) {
    EXPECT_EQ(Find(all, id)["excludedInStages"], json::array({1})) << id;
    EXPECT_EQ(Find(all, id)["blacklistedInStages"], json::array({1})) << id;
  }
  EXPECT_EQ(Find(all, "4")["excludedInStages"], json::array());
  EXPECT_EQ(Find(all, "driver")["excludedInStages"], json::array());
  EXPECT_EQ(Find(all, "driver")["isExcluded"], false);
}

TEST(RestExecutorsTest, ResourceProfilesSetSlotsAndResources) {
  Log log;
  log << testing::LogStartLine()
      << testing::ResourceProfileAddedLine(0, 8, 4096, 1.0)
      << testing::ResourceProfileAddedLine(
             1, 4, 8192, 2.0, ",\"gpu\":{\"Resource Name\":\"gpu\",\"Amount\":2,\"Discovery Script\":\"/get\","
                              "\"Vendor\":\"nvidia.com\"}",
             ",\"gpu\":{\"Resource Name\":\"gpu\",\"Amount\":0.5}")
      << testing::EnvironmentUpdateLine("{}", "{\"spark.task.cpus\":\"3\"}", "{}", "{}", "{}", "{}")
      << testing::ApplicationStartLine("app-rp", kT0)
      << testing::ExecutorAddedFullLine("1", "node-a", 8, kT0 + 100, 0)
      << testing::ExecutorAddedFullLine("2", "node-b", 6, kT0 + 200, 1, "{}", "{\"CONTAINER_ID\":\"c_2\"}",
                                        "{\"gpu\":{\"name\":\"gpu\",\"addresses\":[\"0\",\"1\"]}}")
      // A profile never announced: spark.task.cpus.
      << testing::ExecutorAddedFullLine("3", "node-c", 7, kT0 + 300, 5);
  auto analyzer = testing::AnalyzeLogText(log.text);
  json all = RestJson(*analyzer, "applications/app-rp/allexecutors");
  // The replayed profile's own CPUs per task; its cores limit is not known
  // to the History Server, so slots are cores / CPUs.
  EXPECT_EQ(Find(all, "1")["maxTasks"], 8);
  EXPECT_EQ(Find(all, "1")["resourceProfileId"], 0);
  const json& gpu = Find(all, "2");
  EXPECT_EQ(gpu["maxTasks"], 3);
  EXPECT_EQ(gpu["resourceProfileId"], 1);
  EXPECT_EQ(gpu["resources"], json::parse(R"({"gpu":{"name":"gpu","addresses":["0","1"]}})"));
  EXPECT_EQ(gpu["attributes"], json({{"CONTAINER_ID", "c_2"}}));
  EXPECT_EQ(Find(all, "3")["maxTasks"], 2);  // 7 cores / spark.task.cpus=3
  EXPECT_EQ(Find(all, "3")["resourceProfileId"], 5);
}

TEST(RestExecutorsTest, PeakMetricsComeFromTaskEndsAndStageExecutorMetrics) {
  Log log;
  log << testing::LogStartLine() << testing::BlockManagerAddedLine("driver", "10.0.0.1", 40000, 1000, kT0)
      << testing::ApplicationStartLine("app-metrics", kT0);
  for (const char* id : {"1", "2", "3"}) log << testing::ExecutorAddedFullLine(id, "node-a", 4, kT0 + 100, 0);
  log << testing::JobStartLine(0, 0, kT0 + 1000) << testing::StageSubmittedLine(0, 0, 2, kT0 + 1001)
      // Executor 1: a task with executor metrics (JVMHeapMemory 100), then
      // the stage's peaks with the process tree.
      << testing::TaskStartLine(0, 0, 0, "1", kT0 + 1010) << testing::TaskEndLine(0, 0, 0, "1", kT0 + 1010, kT0 + 1500)
      << testing::StageExecutorMetricsLine("1", 0, 0,
                                           "{\"JVMHeapMemory\":50,\"OnHeapExecutionMemory\":7,"
                                           "\"ProcessTreeJVMRSSMemory\":900,\"ProcessTreePythonVMemory\":33,"
                                           "\"TotalGCTime\":40}")
      // Executor 2: a task from a log without executor metrics.
      << testing::TaskStartLine(0, 1, 1, "2", kT0 + 1010)
      << TaskEndWithoutExecutorMetrics(0, 1, "2", kT0 + 1010, kT0 + 1400)
      // The driver's own metrics.
      << testing::StageExecutorMetricsLine("driver", 0, 0, "{\"JVMHeapMemory\":70,\"TotalGCTime\":77}")
      << testing::StageCompletedLine(0, 0, 2, kT0 + 1001, kT0 + 2000) << testing::JobEndLine(0, kT0 + 2001)
      << testing::ApplicationEndLine(kT0 + 3000);
  auto analyzer = testing::AnalyzeLogText(log.text);
  nlohmann::ordered_json all =
      nlohmann::ordered_json::parse(analyzer->Rest("applications/app-metrics/allexecutors").body);
  ASSERT_EQ(all.size(), 4u);
  const auto& one = all[0];
  ASSERT_EQ(one["id"], "1");
  ASSERT_TRUE(one.contains("peakMemoryMetrics"));
  const auto& peaks = one["peakMemoryMetrics"];
  EXPECT_EQ(peaks["JVMHeapMemory"], 100);
  EXPECT_EQ(peaks["OnHeapExecutionMemory"], 7);
  EXPECT_EQ(peaks["ProcessTreeJVMRSSMemory"], 900);
  EXPECT_EQ(peaks["ProcessTreePythonVMemory"], 33);
  EXPECT_EQ(peaks["TotalGCTime"], 40);
  EXPECT_EQ(one["totalGCTime"], 12);  // an executor's own: from its tasks
  // Every metric, in Spark's order.
  ASSERT_EQ(peaks.size(), 23u);
  EXPECT_EQ(peaks.begin().key(), "JVMHeapMemory");
  EXPECT_EQ((--peaks.end()).key(), "ConcurrentGCTime");
  // Old logs: a task end still sets the peaks, to zeros.
  ASSERT_EQ(all[1]["id"], "2");
  ASSERT_TRUE(all[1].contains("peakMemoryMetrics"));
  EXPECT_EQ(all[1]["peakMemoryMetrics"]["JVMHeapMemory"], 0);
  // No task, no metrics: no peaks.
  ASSERT_EQ(all[2]["id"], "3");
  EXPECT_FALSE(all[2].contains("peakMemoryMetrics"));
  // The driver's GC time is its JVM's, from its peaks.
  ASSERT_EQ(all[3]["id"], "driver");
  EXPECT_EQ(all[3]["peakMemoryMetrics"]["JVMHeapMemory"], 70);
  EXPECT_EQ(all[3]["totalGCTime"], 77);
  EXPECT_EQ(all[3]["totalDuration"], 3000);
  // Field order is the ExecutorSummary's.
  std::vector<std::string> keys;
  for (auto it = all[3].begin(); it != all[3].end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{
                      "id", "hostPort", "isActive", "rddBlocks", "memoryUsed", "diskUsed", "totalCores", "maxTasks",
                      "activeTasks", "failedTasks", "completedTasks", "totalTasks", "totalDuration", "totalGCTime",
                      "totalInputBytes", "totalShuffleRead", "totalShuffleWrite", "isBlacklisted", "maxMemory",
                      "addTime", "executorLogs", "blacklistedInStages", "peakMemoryMetrics", "attributes",
                      "resources", "resourceProfileId", "isExcluded", "excludedInStages"}));
}

TEST(RestExecutorsTest, DriverLogsFromApplicationStartAndUnfinishedApplications) {
  Log log;
  log << testing::LogStartLine() << testing::BlockManagerAddedLine("driver", "10.0.0.1", 40000, 1000, kT0 - 100)
      << testing::ApplicationStartWithDriverLine("app-drv", kT0, "{\"stdout\":\"http://drv/stdout\"}",
                                                 "{\"NM_HOST\":\"drv\"}")
      << testing::ExecutorAddedFullLine("1", "node-a", 4, kT0 + 1234, 0);
  auto analyzer = testing::AnalyzeLogText(log.text);
  json all = RestJson(*analyzer, "applications/app-drv/allexecutors");
  const json& driver = Find(all, "driver");
  EXPECT_EQ(driver["executorLogs"], json({{"stdout", "http://drv/stdout"}}));
  EXPECT_EQ(driver["attributes"], json({{"NM_HOST", "drv"}}));
  // Unfinished: run time up to the log's last event.
  EXPECT_EQ(driver["totalDuration"], 1234);
}

TEST(RestExecutorsTest, MiscellaneousProcessesKeepTheirFirstAddTime) {
  Log log;
  log << testing::LogStartLine() << testing::ApplicationStartLine("app-misc", kT0)
      << testing::MiscProcessAddedLine("yarn-am", "10.1.1.1:8042", 1, kT0 + 10, "{\"stdout\":\"http://am/stdout\"}")
      << testing::MiscProcessAddedLine("a-helper", "10.1.1.2:1", 2, kT0 + 20, "{}")
      << testing::MiscProcessAddedLine("yarn-am", "10.1.1.9:8042", 3, kT0 + 30, "{\"stderr\":\"http://am/stderr\"}");
  auto analyzer = testing::AnalyzeLogText(log.text);
  json processes = RestJson(*analyzer, "applications/app-misc/allmiscellaneousprocess");
  EXPECT_EQ(Ids(processes), (std::vector<std::string>{"a-helper", "yarn-am"}));
  EXPECT_EQ(processes[1], json::parse(R"({"id":"yarn-am","hostPort":"10.1.1.9:8042","isActive":true,"totalCores":3,
      "addTime":"2023-11-14T22:13:20.010GMT","processLogs":{"stderr":"http://am/stderr"}})"));
}

bool Lists(const json& list, const std::string& id) {
  for (const json& entry : list) {
    if (entry["id"] == id) return true;
  }
  return false;
}

// Past 100 removed executors, Spark's store drops the lowest ids (as
// strings), at least 10 at a time, counting as removed its summaries minus
// its live executors.
TEST(RestExecutorsTest, AtMostAHundredRemovedExecutorsAreKept) {
  Log log;
  log << testing::LogStartLine() << testing::BlockManagerAddedLine("driver", "d", 1, 1000, kT0)
      << testing::ApplicationStartLine("app-many", kT0);
  for (int i = 1; i <= 130; ++i) log << testing::ExecutorAddedFullLine(std::to_string(i), "h", 1, kT0 + i, 0);
  for (int i = 1; i <= 130; ++i) log << testing::ExecutorRemovedLine(std::to_string(i), kT0 + 1000 + i, "idle");
  auto analyzer = testing::AnalyzeLogText(log.text);
  json all = RestJson(*analyzer, "applications/app-many/allexecutors");
  // Dropped at the 116th, 121st and 126th removals: 1, 10, 100..107; then
  // 108, 109, 11, 110..116; then 117..119, 12, 120..125.
  EXPECT_EQ(all.size(), 101u);
  for (const char* gone : {"1", "10", "100", "107", "108", "11", "116", "117", "12", "125"}) {
    EXPECT_FALSE(Lists(all, gone)) << gone;
  }
  for (const char* kept : {"126", "13", "130", "2", "99", "driver"}) EXPECT_TRUE(Lists(all, kept)) << kept;
  EXPECT_EQ(all[0]["id"], "126");
}

TEST(RestExecutorsTest, TheFinalFlushDropsRemovedExecutorsToo) {
  Log log;
  log << testing::LogStartLine() << testing::BlockManagerAddedLine("driver", "d", 1, 1000, kT0)
      << testing::ApplicationStartLine("app-flush", kT0);
  // Twenty executors stay, never having run anything: Spark stores them
  // only when the log ends, which is when the removed ones overflow.
  for (int i = 1; i <= 20; ++i) log << testing::ExecutorAddedFullLine("L" + std::to_string(i), "h", 1, kT0 + i, 0);
  for (int i = 1; i <= 115; ++i) {
    log << testing::ExecutorAddedFullLine(std::to_string(i), "h", 1, kT0 + 100 + i, 0)
        << testing::ExecutorRemovedLine(std::to_string(i), kT0 + 200 + i, "idle");
  }
  auto analyzer = testing::AnalyzeLogText(log.text);
  json all = RestJson(*analyzer, "applications/app-flush/allexecutors");
  EXPECT_EQ(all.size(), 95u + 20u + 1u);
  for (const char* gone : {"1", "107", "108", "115", "12"}) EXPECT_FALSE(Lists(all, gone)) << gone;
  for (const char* kept : {"13", "2", "L1", "L20", "driver"}) EXPECT_TRUE(Lists(all, kept)) << kept;
  EXPECT_EQ(RestJson(*analyzer, "applications/app-flush/executors").size(), 21u);
}

// A real YARN log with two resource profiles and dynamic allocation.
TEST(RestExecutorsTest, CorpusLogWithTwoResourceProfiles) {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/eventlogs not found: corpus check skipped";
  auto analyzed = testing::AnalyzePath(corpus + "/spark-rapids-tools/spark-events-profiling/rp_sql_eventlog.zstd");
  json all = RestJson(*analyzed.analyzer, "applications/application_1603128018386_7759/allexecutors");
  ASSERT_EQ(all.size(), 10u);
  EXPECT_EQ(Find(all, "1")["isActive"], false);
  EXPECT_NE(Find(all, "1")["removeReason"].get<std::string>().find("container_e87_1603128018386_7759_01_000002"),
            std::string::npos);
  // Profile 1: 2 cores, 2 CPUs per task.
  EXPECT_EQ(Find(all, "2")["resourceProfileId"], 1);
  EXPECT_EQ(Find(all, "2")["maxTasks"], 1);
  EXPECT_EQ(Find(all, "7")["resourceProfileId"], 0);
  EXPECT_EQ(Find(all, "7")["maxTasks"], 4);
  json active = RestJson(*analyzed.analyzer, "applications/application_1603128018386_7759/executors");
  EXPECT_EQ(Ids(active).front(), "driver");
  EXPECT_EQ(active.size(), 9u);
}

}  // namespace
}  // namespace sparkdx
