// stages, stages/{id}, stages/{id}/{attempt}, .../taskSummary, .../taskList
// on synthetic logs: failed, killed and speculative tasks, stage retries,
// late task ends, skipped stages, tasks still running at the end of a log,
// Spark 1.x events, paging and sorting, quantiles, and the errors. Expected
// values follow Spark's AppStatusListener/AppStatusStore rules (the comments
// say which).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iterator>
#include <memory>
#include <string>
#include <vector>

#include "report/rest/rest_map_order.h"
#include "support/event_log_text.h"
#include "support/rest_answer.h"
#include "support/stage_event_text.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

using nlohmann::json;
using testing::RestJson;
using testing::StageLine;
using testing::TaskLine;

constexpr int64_t kT0 = 1700000000000;

// A log being written: the application started, executors 1 and 2 on
// host-1 and host-2, job 0 over stage 0 (and `more_stages`).
class LogText {
 public:
  explicit LogText(std::vector<int> more_stages = {}) {
    Add(testing::LogStartLine("3.5.1"));
    Add(testing::ApplicationStartLine("app-1", kT0));
    Add(testing::ExecutorAddedLine("1", "host-1", 4, kT0 + 10));
    Add(testing::ExecutorAddedLine("2", "host-2", 4, kT0 + 20));
    std::vector<std::pair<int, int>> stages = {{0, 4}};
    for (int id : more_stages) stages.emplace_back(id, 2);
    Add(testing::JobStartWithStagesLine(0, stages, kT0 + 100));
  }
  void Add(const std::string& line) { text_ += line + "\n"; }
  // A task that starts and ends.
  void Task(const TaskLine& task) {
    Add(testing::TaskStartLine(task));
    Add(testing::TaskEndLine(task));
  }
  void End(int64_t time_ms) {
    Add(testing::JobEndLine(0, time_ms));
    Add(testing::ApplicationEndLine(time_ms + 10));
  }
  std::unique_ptr<Analyzer> Analyze() const { return testing::AnalyzeLogText(text_); }

 private:
  std::string text_;
};

StageLine Stage(int id, int attempt, int tasks, int64_t submitted, int64_t completed = -1) {
  StageLine stage;
  stage.stage_id = id;
  stage.attempt = attempt;
  stage.tasks = tasks;
  stage.submitted_ms = submitted;
  stage.completed_ms = completed;
  return stage;
}

TaskLine Task(int64_t id, int index, const std::string& executor, int64_t launch, int64_t finish) {
  TaskLine task;
  task.task_id = id;
  task.index = index;
  task.executor = executor;
  task.launch_ms = kT0 + launch;
  task.finish_ms = kT0 + finish;
  return task;
}

RestResponse Ask(const Analyzer& analyzer, const std::string& path) { return analyzer.Rest("applications/app-1/" + path); }
json Get(const Analyzer& analyzer, const std::string& path) { return RestJson(analyzer, "applications/app-1/" + path); }

std::vector<int64_t> TaskIds(const json& list) {
  std::vector<int64_t> ids;
  for (const json& task : list) ids.push_back(task["taskId"].get<int64_t>());
  return ids;
}

std::vector<double> Doubles(const json& array) { return array.get<std::vector<double>>(); }

// One stage of four tasks, task 1 failing before its retry (task 2)
// succeeds.
std::unique_ptr<Analyzer> FailedTaskLog() {
  LogText log;
  log.Add(testing::StageSubmittedLine(Stage(0, 0, 3, kT0 + 200)));
  log.Task(Task(0, 0, "1", 300, 400));
  TaskLine failed = Task(1, 1, "2", 300, 350);
  failed.reason = "ExceptionFailure";
  log.Task(failed);
  TaskLine retry = Task(2, 1, "1", 360, 500);
  retry.attempt = 1;
  log.Task(retry);
  log.Task(Task(3, 2, "2", 310, 450));
  log.Add(testing::StageCompletedLine(Stage(0, 0, 3, kT0 + 200, kT0 + 600)));
  log.End(kT0 + 700);
  return log.Analyze();
}

TEST(RestStagesTest, FailedTaskIsCountedAndShowsItsError) {
  auto analyzer = FailedTaskLog();
  json stage = Get(*analyzer, "stages/0/0");
  EXPECT_EQ(stage["status"], "COMPLETE");
  EXPECT_EQ(stage["numTasks"], 3);
  EXPECT_EQ(stage["numCompleteTasks"], 3);
  EXPECT_EQ(stage["numFailedTasks"], 1);
  EXPECT_EQ(stage["numCompletedIndices"], 3);
  EXPECT_EQ(stage["description"], "nightly load");
  // A failed task's metrics count in the stage totals: 90 + 40 + 130 + 130.
  EXPECT_EQ(stage["executorRunTime"], 390);
  const json& failed = stage["tasks"]["1"];
  EXPECT_EQ(failed["status"], "FAILED");
  EXPECT_EQ(failed["errorMessage"], "java.lang.IllegalStateException: bad record 7\n\tat com.example.Job.parse(Job.scala:42)\n");
  EXPECT_EQ(failed["taskMetrics"]["executorRunTime"], 40);  // shown as reported, not as stored
  EXPECT_EQ(stage["tasks"]["2"]["attempt"], 1);
  EXPECT_EQ(stage["executorSummary"]["2"]["failedTasks"], 1);
  EXPECT_EQ(stage["executorSummary"]["2"]["succeededTasks"], 1);
  EXPECT_EQ(stage["executorSummary"]["1"]["taskTime"], 100 + 140);
  // Every task end raises the stage's peaks: zeros when the log has none.
  EXPECT_EQ(stage["peakExecutorMetrics"]["JVMHeapMemory"], 0);

  EXPECT_EQ(TaskIds(Get(*analyzer, "stages/0/0/taskList?status=failed")), std::vector<int64_t>({1}));
  json only_failed = Get(*analyzer, "stages/0/0?taskStatus=FAILED");
  EXPECT_EQ(only_failed["tasks"].size(), 1u);
  EXPECT_TRUE(only_failed["tasks"].contains("1"));
}

TEST(RestStagesTest, TaskSummaryCountsSuccessfulTasksButDurationListsAll) {
  auto analyzer = FailedTaskLog();
  json summary = Get(*analyzer, "stages/0/0/taskSummary");
  EXPECT_EQ(Doubles(summary["quantiles"]), std::vector<double>({0.05, 0.25, 0.5, 0.75, 0.95}));
  // Three successful tasks: positions 0, 0, 1, 2, 2 of the run times
  // 90, 130, 130 (the failed task's run time is stored negated).
  EXPECT_EQ(Doubles(summary["executorRunTime"]), std::vector<double>({90, 90, 130, 130, 130}));
  // Spark's duration index also holds the failed task (50 ms), at the same
  // positions: 50, 100, 140, 140.
  EXPECT_EQ(Doubles(summary["duration"]), std::vector<double>({50, 50, 100, 140, 140}));
  EXPECT_EQ(Doubles(summary["inputMetrics"]["bytesRead"]), std::vector<double>({1024, 1024, 1024, 1024, 1024}));
  // The body prints doubles the way Java does.
  EXPECT_NE(Ask(*analyzer, "stages/0/0/taskSummary").body.find("\"executorRunTime\" : [ 90.0, 90.0"), std::string::npos);
}

TEST(RestStagesTest, TaskSummaryTakesCustomQuantilesAndRejectsBadOnes) {
  LogText log;
  log.Add(testing::StageSubmittedLine(Stage(0, 0, 4, kT0 + 200)));
  for (int i = 0; i < 4; ++i) {
    TaskLine task = Task(i, i, "1", 300, 400);
    task.run_time_ms = 10 * (4 - i);  // 40, 30, 20, 10
    log.Task(task);
  }
  log.Add(testing::StageCompletedLine(Stage(0, 0, 4, kT0 + 200, kT0 + 600)));
  log.End(kT0 + 700);
  auto analyzer = log.Analyze();

  json summary = Get(*analyzer, "stages/0/0/taskSummary");
  EXPECT_EQ(Doubles(summary["executorRunTime"]), std::vector<double>({10, 20, 30, 40, 40}));
  // Sorted before use; position min(floor(q * 4), 3).
  json custom = Get(*analyzer, "stages/0/0/taskSummary?quantiles=0.5,0.0,1.0");
  EXPECT_EQ(Doubles(custom["quantiles"]), std::vector<double>({0.0, 0.5, 1.0}));
  EXPECT_EQ(Doubles(custom["executorRunTime"]), std::vector<double>({10, 30, 40}));
  // schedulerDelay = duration - run - deserialize - serialize: 100 - r - 5 - 1.
  EXPECT_EQ(Doubles(custom["schedulerDelay"]), std::vector<double>({54, 74, 84}));

  RestResponse bad = Ask(*analyzer, "stages/0/0/taskSummary?quantiles=0.5,half");
  EXPECT_EQ(bad.http_status, 400);
  EXPECT_EQ(bad.error, "Bad value for parameter \"quantiles\".  Expected a double, got \"half\"");
  RestResponse none = Ask(*analyzer, "stages/0/1/taskSummary");
  EXPECT_EQ(none.http_status, 404);
  EXPECT_EQ(none.error, "No tasks reported metrics for 0 / 1 yet.");
}

TEST(RestStagesTest, TaskSummaryReadsNaNPastTheEndOfAnIndex) {
  LogText log;
  log.Add(testing::StageSubmittedLine(Stage(0, 0, 2, kT0 + 200)));
  log.Task(Task(0, 0, "1", 300, 400));
  TaskLine backwards = Task(1, 1, "1", 300, 250);  // ends before it starts: a negative duration
  backwards.run_time_ms = 20;
  log.Task(backwards);
  log.Add(testing::StageCompletedLine(Stage(0, 0, 2, kT0 + 200, kT0 + 600)));
  log.End(kT0 + 700);
  auto analyzer = log.Analyze();
  // Two successful tasks, but the duration index lists one: position 1 is
  // past its end, which Spark reads as NaN (and Jackson quotes).
  RestResponse summary = Ask(*analyzer, "stages/0/0/taskSummary?quantiles=0.0,1.0");
  ASSERT_EQ(summary.http_status, 200);
  EXPECT_NE(summary.body.find("\"duration\" : [ 100.0, \"NaN\" ]"), std::string::npos) << summary.body;
  EXPECT_NE(summary.body.find("\"executorRunTime\" : [ 20.0, 90.0 ]"), std::string::npos);
}

TEST(RestStagesTest, KilledTasksAreSummarisedByReason) {
  LogText log;
  log.Add(testing::StageSubmittedLine(Stage(0, 0, 4, kT0 + 200)));
  log.Task(Task(0, 0, "1", 300, 400));
  TaskLine killed = Task(1, 1, "2", 300, 410);
  killed.reason = "TaskKilled";
  killed.kill_reason = "stage cancelled";
  log.Task(killed);
  killed = Task(2, 2, "2", 300, 420);
  killed.reason = "TaskKilled";
  log.Task(killed);
  killed = Task(3, 3, "1", 300, 430);
  killed.reason = "TaskKilled";
  log.Task(killed);
  TaskLine denied = Task(4, 3, "1", 300, 440);
  denied.reason = "TaskCommitDenied";
  log.Task(denied);
  log.Add(testing::StageCompletedLine(Stage(0, 0, 4, kT0 + 200, kT0 + 600)));
  log.End(kT0 + 700);
  auto analyzer = log.Analyze();

  json stage = Get(*analyzer, "stages/0/0");
  EXPECT_EQ(stage["numKilledTasks"], 4);
  EXPECT_EQ(stage["numCompleteTasks"], 1);
  const std::string commit = "TaskCommitDenied (Driver denied task commit) for job: 0, partition: 3, attemptNumber: 0";
  EXPECT_EQ(stage["killedTasksSummary"],
            json({{"stage cancelled", 1}, {"another attempt succeeded", 2}, {commit, 1}}));
  EXPECT_EQ(stage["tasks"]["1"]["status"], "KILLED");
  EXPECT_EQ(stage["tasks"]["1"]["errorMessage"], "stage cancelled");
  EXPECT_EQ(stage["executorSummary"]["2"]["killedTasks"], 2);
  // Up to four reasons keep their first-seen order (Scala's small maps).
  std::string body = Ask(*analyzer, "stages/0/0").body;
  EXPECT_LT(body.find("\"stage cancelled\" : 1"), body.find("\"another attempt succeeded\" : 2"));
  EXPECT_EQ(TaskIds(Get(*analyzer, "stages/0/0/taskList?status=killed")), std::vector<int64_t>({1, 2, 3}));
}

TEST(RestStagesTest, SpeculativeTasksHaveASpeculationSummary) {
  LogText log({1});
  log.Add(testing::StageSubmittedLine(Stage(0, 0, 2, kT0 + 200)));
  log.Task(Task(0, 0, "1", 300, 900));
  TaskLine copy = Task(1, 0, "2", 500, 950);
  copy.speculative = true;
  copy.reason = "TaskKilled";
  log.Task(copy);
  copy = Task(2, 1, "2", 600, 800);
  copy.speculative = true;
  log.Task(copy);
  log.Add(testing::StageCompletedLine(Stage(0, 0, 2, kT0 + 200, kT0 + 960)));
  log.Add(testing::StageSubmittedLine(Stage(1, 0, 2, kT0 + 970)));
  log.Task(Task(3, 0, "1", 980, 990));
  log.Add(testing::StageCompletedLine(Stage(1, 0, 2, kT0 + 970, kT0 + 995)));
  log.End(kT0 + 1000);
  auto analyzer = log.Analyze();

  json stage = Get(*analyzer, "stages/0/0");
  EXPECT_EQ(stage["speculationSummary"], json({{"numTasks", 2},
                                               {"numActiveTasks", 0},
                                               {"numCompletedTasks", 1},
                                               {"numFailedTasks", 0},
                                               {"numKilledTasks", 1}}));
  EXPECT_EQ(stage["tasks"]["2"]["speculative"], true);
  EXPECT_FALSE(Get(*analyzer, "stages/1/0").contains("speculationSummary"));
  // Without details, no tasks, executor or speculation summaries.
  json plain = Get(*analyzer, "stages/0/0?details=false");
  EXPECT_FALSE(plain.contains("tasks"));
  EXPECT_FALSE(plain.contains("speculationSummary"));
}

TEST(RestStagesTest, StageRetryListsBothAttempts) {
  LogText log({1});
  log.Add(testing::StageSubmittedLine(Stage(0, 0, 1, kT0 + 200)));
  TaskLine fetch = Task(0, 0, "1", 300, 400);
  fetch.reason = "FetchFailed";
  log.Task(fetch);
  StageLine failed = Stage(0, 0, 1, kT0 + 200, kT0 + 410);
  failed.failure_reason = "FetchFailed: connection refused";
  log.Add(testing::StageCompletedLine(failed));
  log.Add(testing::StageSubmittedLine(Stage(0, 1, 1, kT0 + 500)));
  TaskLine retry = Task(1, 0, "2", 510, 600);
  retry.stage_attempt = 1;
  log.Task(retry);
  log.Add(testing::StageCompletedLine(Stage(0, 1, 1, kT0 + 500, kT0 + 610)));
  log.Add(testing::StageSubmittedLine(Stage(1, 0, 2, kT0 + 620)));
  log.Task(Task(2, 0, "1", 630, 640));
  log.Add(testing::StageCompletedLine(Stage(1, 0, 2, kT0 + 620, kT0 + 650)));
  log.End(kT0 + 700);
  auto analyzer = log.Analyze();

  json attempts = Get(*analyzer, "stages/0");
  ASSERT_EQ(attempts.size(), 2u);
  EXPECT_EQ(attempts[0]["attemptId"], 0);
  EXPECT_EQ(attempts[0]["status"], "FAILED");
  EXPECT_EQ(attempts[0]["failureReason"], "FetchFailed: connection refused");
  EXPECT_EQ(attempts[0]["tasks"]["0"]["errorMessage"],
            "FetchFailed(BlockManagerId(2, host-2, 7337, None), shuffleId=0, mapIndex=3, mapId=3, reduceId=0, "
            "message=\nconnection refused\n)");
  EXPECT_EQ(attempts[1]["attemptId"], 1);
  EXPECT_EQ(attempts[1]["status"], "COMPLETE");
  EXPECT_EQ(attempts[1]["tasks"].size(), 1u);
  // The list: latest stage first, a stage's latest attempt first.
  json list = Get(*analyzer, "stages");
  ASSERT_EQ(list.size(), 3u);
  EXPECT_EQ(list[0]["stageId"], 1);
  EXPECT_EQ(list[1]["attemptId"], 1);
  EXPECT_EQ(list[2]["attemptId"], 0);
  EXPECT_FALSE(list[0].contains("tasks"));
  EXPECT_EQ(Get(*analyzer, "stages?status=failed").size(), 1u);
  EXPECT_EQ(Get(*analyzer, "stages?status=complete&status=FAILED").size(), 3u);
  EXPECT_EQ(TaskIds(Get(*analyzer, "stages/0/1/taskList")), std::vector<int64_t>({1}));

  RestResponse missing = Ask(*analyzer, "stages/0/2");
  EXPECT_EQ(missing.http_status, 404);
  EXPECT_EQ(missing.error, "unknown attempt for stage 0.  Found attempts: [0,1]");
}

TEST(RestStagesTest, TaskEndingAfterItsStageCompletedStillCounts) {
  LogText log;
  log.Add(testing::StageSubmittedLine(Stage(0, 0, 2, kT0 + 200)));
  log.Task(Task(0, 0, "1", 300, 400));
  TaskLine late = Task(1, 1, "2", 310, 900);
  log.Add(testing::TaskStartLine(late));
  log.Add(testing::StageCompletedLine(Stage(0, 0, 2, kT0 + 200, kT0 + 500)));
  log.Add(testing::TaskEndLine(late));
  log.End(kT0 + 1000);
  auto analyzer = log.Analyze();

  json stage = Get(*analyzer, "stages/0/0");
  EXPECT_EQ(stage["status"], "COMPLETE");
  EXPECT_EQ(stage["numActiveTasks"], 0);
  EXPECT_EQ(stage["numCompleteTasks"], 2);
  EXPECT_EQ(stage["tasks"]["1"]["status"], "SUCCESS");
  EXPECT_EQ(stage["tasks"]["1"]["duration"], 590);
  EXPECT_EQ(stage["executorSummary"]["2"]["succeededTasks"], 1);
}

TEST(RestStagesTest, StagesAJobNeverRanAreSkipped) {
  LogText log({1});
  log.Add(testing::StageSubmittedLine(Stage(1, 0, 2, kT0 + 200)));
  for (int i = 0; i < 2; ++i) {
    TaskLine task = Task(i, i, "1", 300, 400 + i);
    task.stage_id = 1;
    log.Task(task);
  }
  log.Add(testing::StageCompletedLine(Stage(1, 0, 2, kT0 + 200, kT0 + 500)));
  log.End(kT0 + 600);
  auto analyzer = log.Analyze();

  json skipped = Get(*analyzer, "stages?status=skipped");
  ASSERT_EQ(skipped.size(), 1u);
  EXPECT_EQ(skipped[0]["stageId"], 0);
  EXPECT_EQ(skipped[0]["status"], "SKIPPED");
  EXPECT_EQ(skipped[0]["numTasks"], 4);
  EXPECT_FALSE(skipped[0].contains("submissionTime"));
  EXPECT_FALSE(skipped[0].contains("peakExecutorMetrics"));  // no task ended in it
  EXPECT_EQ(Get(*analyzer, "stages/0/0")["tasks"], json::object());
  EXPECT_EQ(Get(*analyzer, "stages/0/0/taskList"), json::array());
}

TEST(RestStagesTest, TasksStillRunningAtTheEndOfTheLogAreRunning) {
  LogText log;
  log.Add(testing::StageSubmittedLine(Stage(0, 0, 3, kT0 + 200)));
  TaskLine running = Task(1, 1, "2", 300, 0);
  log.Add(testing::TaskStartLine(running));
  TaskLine fetching = Task(2, 2, "1", 320, 0);
  fetching.getting_result_ms = kT0 + 700;
  log.Add(testing::TaskStartLine(fetching));
  log.Add(testing::TaskGettingResultLine(fetching));
  log.Task(Task(0, 0, "1", 310, 900));  // the log's last event ends at +900
  auto analyzer = log.Analyze();

  json stage = Get(*analyzer, "stages/0/0");
  EXPECT_EQ(stage["status"], "ACTIVE");
  EXPECT_EQ(stage["numActiveTasks"], 2);
  EXPECT_FALSE(stage.contains("completionTime"));
  const json& task = stage["tasks"]["1"];
  EXPECT_EQ(task["status"], "RUNNING");
  EXPECT_EQ(task["duration"], 600);  // up to the log's last update
  EXPECT_FALSE(task.contains("taskMetrics"));
  EXPECT_EQ(task["schedulerDelay"], 0);
  const json& fetch = stage["tasks"]["2"];
  EXPECT_EQ(fetch["status"], "GET RESULT");
  EXPECT_EQ(fetch["resultFetchStart"], "2023-11-14T22:13:20.700GMT");
  EXPECT_EQ(fetch["gettingResultTime"], 200);
  EXPECT_EQ(TaskIds(Get(*analyzer, "stages/0/0/taskList?status=running")), std::vector<int64_t>({1}));
  EXPECT_EQ(Get(*analyzer, "stages?status=active").size(), 1u);
  EXPECT_EQ(Get(*analyzer, "stages?details=true&taskStatus=running").size(), 1u);
  EXPECT_EQ(Get(*analyzer, "stages?details=true&taskStatus=failed").size(), 0u);
}

TEST(RestStagesTest, Spark1EventsAreRead) {
  LogText log;
  StageLine stage = Stage(0, 0, 1, kT0 + 200, kT0 + 600);
  stage.spark1 = true;
  stage.rdd_ids = {1, 0};
  log.Add(testing::StageSubmittedLine(stage));
  TaskLine task = Task(0, 0, "1", 300, 500);
  task.spark1 = true;
  log.Task(task);
  log.Add(testing::StageCompletedLine(stage));
  log.End(kT0 + 700);
  auto analyzer = log.Analyze();

  json json_stage = Get(*analyzer, "stages/0/0");
  EXPECT_EQ(json_stage["rddIds"], json({1, 0}));
  const json& t = json_stage["tasks"]["0"];
  EXPECT_EQ(t["partitionId"], -1);  // Spark < 3.3 logs no partition
  EXPECT_EQ(t["taskMetrics"]["shuffleReadMetrics"]["remoteBytesRead"], 400);
  EXPECT_EQ(t["taskMetrics"]["shuffleReadMetrics"]["localBlocksFetched"], 6);
  EXPECT_EQ(t["taskMetrics"]["inputMetrics"]["bytesRead"], 3500016);
  EXPECT_EQ(t["taskMetrics"]["shuffleWriteMetrics"]["writeTime"], 76000);
  EXPECT_EQ(json_stage["shuffleWriteBytes"], 1648);
  EXPECT_EQ(json_stage["shuffleReadBytes"], 400);
}

TEST(RestStagesTest, OlderEndReasonsReadAsSparkReadsThem) {
  LogText log;
  log.Add(testing::StageSubmittedLine(Stage(0, 0, 2, kT0 + 200)));
  TaskLine killed = Task(0, 0, "1", 300, 400);
  killed.reason = "TaskKilled";
  killed.kill_reason = "";
  log.Task(killed);
  TaskLine fetch = Task(1, 1, "1", 300, 400);
  fetch.reason = "FetchFailed";
  fetch.spark1 = true;
  log.Task(fetch);
  log.Add(testing::StageCompletedLine(Stage(0, 0, 2, kT0 + 200, kT0 + 600)));
  log.End(kT0 + 700);
  auto analyzer = log.Analyze();
  json stage = Get(*analyzer, "stages/0/0");
  EXPECT_EQ(stage["tasks"]["0"]["errorMessage"], "unknown reason");
  EXPECT_EQ(stage["killedTasksSummary"], json({{"unknown reason", 1}}));
  EXPECT_EQ(stage["tasks"]["1"]["errorMessage"],
            "FetchFailed(BlockManagerId(2, host-2, 7337, None), shuffleId=0, mapIndex=Unknown, mapId=3, reduceId=1, "
            "message=\nUnknown reason\n)");
}

// 25 successful tasks with run times 10 + (7 i mod 25) and one failed task.
std::unique_ptr<Analyzer> ManyTasksLog() {
  LogText log;
  log.Add(testing::StageSubmittedLine(Stage(0, 0, 26, kT0 + 200)));
  for (int i = 0; i < 25; ++i) {
    TaskLine task = Task(i, i, i % 2 == 0 ? "1" : "2", 300, 400);
    task.run_time_ms = 10 + (7 * i) % 25;
    log.Task(task);
  }
  TaskLine failed = Task(25, 25, "1", 300, 320);
  failed.reason = "ExceptionFailure";
  log.Task(failed);
  log.Add(testing::StageCompletedLine(Stage(0, 0, 26, kT0 + 200, kT0 + 600)));
  log.End(kT0 + 700);
  return log.Analyze();
}

TEST(RestStagesTest, TaskListPagesSortsAndFilters) {
  auto analyzer = ManyTasksLog();
  std::vector<int64_t> first20;
  for (int i = 0; i < 20; ++i) first20.push_back(i);
  EXPECT_EQ(TaskIds(Get(*analyzer, "stages/0/0/taskList")), first20);  // Spark's default length
  EXPECT_EQ(TaskIds(Get(*analyzer, "stages/0/0/taskList?offset=23&length=10")), std::vector<int64_t>({23, 24, 25}));

  // By stored run time: the failed task (negated) first, ties by id.
  std::vector<int64_t> by_runtime = TaskIds(Get(*analyzer, "stages/0/0/taskList?sortBy=runtime&length=100"));
  ASSERT_EQ(by_runtime.size(), 26u);
  EXPECT_EQ(by_runtime[0], 25);
  EXPECT_EQ(by_runtime[1], 0);   // run time 10
  EXPECT_EQ(by_runtime[2], 18);  // 10 + 126 mod 25 = 11
  std::vector<int64_t> decreasing = TaskIds(Get(*analyzer, "stages/0/0/taskList?sortBy=-runtime&length=100"));
  EXPECT_EQ(decreasing, std::vector<int64_t>(by_runtime.rbegin(), by_runtime.rend()));
  EXPECT_EQ(TaskIds(Get(*analyzer, "stages/0/0/taskList?sortBy=DECREASING_RUNTIME&length=100")), decreasing);
  EXPECT_EQ(TaskIds(Get(*analyzer, "stages/0/0/taskList?sortBy=increasing_runtime&length=3")),
            std::vector<int64_t>({25, 0, 18}));

  EXPECT_EQ(TaskIds(Get(*analyzer, "stages/0/0/taskList?status=failed")), std::vector<int64_t>({25}));
  EXPECT_EQ(TaskIds(Get(*analyzer, "stages/0/0/taskList?status=success&offset=1&length=2")),
            std::vector<int64_t>({1, 2}));
  EXPECT_EQ(TaskIds(Get(*analyzer, "stages/0/0/taskList?status=success&status=failed&offset=24")),
            std::vector<int64_t>({24, 25}));
  EXPECT_EQ(Get(*analyzer, "stages/0/0/taskList?status=running"), json::array());

  EXPECT_EQ(Ask(*analyzer, "stages/0/0/taskList?sortBy=fastest").http_status, 400);
  EXPECT_EQ(Ask(*analyzer, "stages/0/0/taskList?length=0").http_status, 400);
  EXPECT_EQ(Ask(*analyzer, "stages/0/0/taskList?offset=ten").http_status, 400);
  EXPECT_EQ(Ask(*analyzer, "stages/0/0/taskList?status=lost").http_status, 400);
  // A stage attempt Spark holds no task of: an empty list.
  EXPECT_EQ(Get(*analyzer, "stages/7/0/taskList"), json::array());
}

TEST(RestStagesTest, UnknownStagesAreNotFound) {
  auto analyzer = FailedTaskLog();
  RestResponse stage = Ask(*analyzer, "stages/99");
  EXPECT_EQ(stage.http_status, 404);
  EXPECT_EQ(stage.error, "unknown stage: 99");
  EXPECT_EQ(Ask(*analyzer, "stages/99/0").error, "unknown stage: 99");
  EXPECT_EQ(Ask(*analyzer, "stages/0/5").error, "unknown attempt for stage 0.  Found attempts: [0]");
  EXPECT_EQ(Ask(*analyzer, "stages/first").http_status, 404);
  EXPECT_EQ(Ask(*analyzer, "stages/-1").http_status, 404);
  EXPECT_EQ(Ask(*analyzer, "stages?status=done").http_status, 400);
  EXPECT_EQ(Ask(*analyzer, "stages/0?taskStatus=lost").http_status, 400);
}

TEST(RestStagesTest, WithSummariesAddsDistributions) {
  auto analyzer = ManyTasksLog();
  json stage = Get(*analyzer, "stages/0/0?withSummaries=true&details=false&quantiles=0.0,1.0");
  EXPECT_FALSE(stage.contains("tasks"));
  EXPECT_EQ(Doubles(stage["taskMetricsDistributions"]["quantiles"]), std::vector<double>({0.0, 1.0}));
  EXPECT_EQ(Doubles(stage["taskMetricsDistributions"]["executorRunTime"]), std::vector<double>({10, 34}));
  const json& executors = stage["executorMetricsDistributions"];
  // Executor 1: 13 successes and the failure; executor 2: 12 successes.
  EXPECT_EQ(Doubles(executors["succeededTasks"]), std::vector<double>({12, 13}));
  EXPECT_EQ(Doubles(executors["failedTasks"]), std::vector<double>({0, 1}));
  EXPECT_EQ(Doubles(executors["peakMemoryMetrics"]["JVMHeapMemory"]), std::vector<double>({0, 0}));
  json list = Get(*analyzer, "stages?withSummaries=true");
  EXPECT_EQ(Doubles(list[0]["taskMetricsDistributions"]["quantiles"]), std::vector<double>({0.0, 0.25, 0.5, 0.75, 1.0}));
}

TEST(RestStagesTest, TaskHostsAndAccumulators) {
  LogText log;
  log.Add(testing::BlockManagerAddedLine("driver", "6c353073a7b7", kT0 + 30));
  StageLine stage = Stage(0, 0, 3, kT0 + 200, kT0 + 600);
  stage.accumulables =
      "[{\"ID\":17,\"Name\":\"rows\",\"Value\":\"40\",\"Internal\":false,\"Count Failed Values\":false},"
      "{\"ID\":2,\"Name\":\"bytes\",\"Value\":\"9\",\"Internal\":false,\"Count Failed Values\":false},"
      "{\"ID\":1,\"Name\":\"files\",\"Value\":\"3\",\"Internal\":false,\"Count Failed Values\":false},"
      "{\"ID\":5,\"Name\":\"number of output rows\",\"Value\":\"3\",\"Internal\":true,\"Count Failed Values\":true,"
      "\"Metadata\":\"sql\"}]";
  log.Add(testing::StageSubmittedLine(stage));
  TaskLine on_driver = Task(0, 0, "driver", 300, 400);
  on_driver.host = "localhost";
  on_driver.accumulables =
      "[{\"ID\":17,\"Name\":\"rows\",\"Update\":\"40\",\"Value\":\"40\",\"Internal\":false,\"Count Failed Values\":false},"
      "{\"ID\":5,\"Name\":\"number of output rows\",\"Update\":\"3\",\"Value\":\"3\",\"Internal\":true,"
      "\"Count Failed Values\":true,\"Metadata\":\"sql\"}]";
  log.Task(on_driver);
  log.Task(Task(1, 1, "1", 300, 400));
  TaskLine moved = Task(2, 2, "1", 300, 400);
  moved.host = "host-9";
  log.Task(moved);
  log.Add(testing::StageCompletedLine(stage));
  log.End(kT0 + 700);
  auto analyzer = log.Analyze();

  json json_stage = Get(*analyzer, "stages/0/0");
  EXPECT_EQ(json_stage["tasks"]["0"]["host"], "localhost");  // the task's host, not the block manager's
  EXPECT_EQ(json_stage["tasks"]["1"]["host"], "host-1");
  EXPECT_EQ(json_stage["tasks"]["2"]["host"], "host-9");
  EXPECT_EQ(json_stage["tasks"]["0"]["accumulatorUpdates"],
            json::array({{{"id", 17}, {"name", "rows"}, {"update", "40"}, {"value", "40"}}}));
  // A stage's accumulables come in its HashMap's order (buckets of 16):
  // ids 1 and 17 share bucket 1, 2 is in bucket 2; SQL metrics are left out.
  json ids = json::array();
  for (const json& acc : json_stage["accumulatorUpdates"]) ids.push_back(acc["id"]);
  EXPECT_EQ(ids, json({1, 17, 2}));
  EXPECT_FALSE(json_stage["accumulatorUpdates"][0].contains("update"));
}

TEST(RestStagesTest, TaskMapsListKeysAsScalaDoes) {
  LogText log;
  log.Add(testing::StageSubmittedLine(Stage(0, 0, 8, kT0 + 200)));
  for (int i = 8; i < 16; ++i) log.Task(Task(i, i - 8, "1", 300, 400));
  log.Add(testing::StageCompletedLine(Stage(0, 0, 8, kT0 + 200, kT0 + 600)));
  log.End(kT0 + 700);
  auto analyzer = log.Analyze();
  // More than four tasks: a CHAMP HashMap's order (Spark's expectation for
  // tasks 8-15 lists them so).
  std::string body = Ask(*analyzer, "stages/0/0").body;
  std::vector<size_t> positions;
  for (const char* id : {"\"10\" : {", "\"14\" : {", "\"9\" : {", "\"13\" : {", "\"12\" : {", "\"11\" : {", "\"8\" : {",
                         "\"15\" : {"}) {
    positions.push_back(body.find(id));
    ASSERT_NE(positions.back(), std::string::npos) << id;
  }
  EXPECT_TRUE(std::is_sorted(positions.begin(), positions.end()));
  // Four or fewer: insertion order, which is the latest task first.
  auto small = FailedTaskLog();
  body = Ask(*small, "stages/0/0").body;
  EXPECT_LT(body.find("\"3\" : {"), body.find("\"2\" : {"));
  EXPECT_LT(body.find("\"2\" : {"), body.find("\"1\" : {"));
  EXPECT_LT(body.find("\"1\" : {"), body.find("\"0\" : {"));
}

TEST(RestStagesTest, ScalaMapOrders) {
  std::vector<int32_t> hashes;
  for (int64_t id = 0; id < 12; ++id) hashes.push_back(ScalaLongHash(id));
  std::vector<size_t> order = ScalaImmutableMapOrder(hashes);
  // Spark's excludeOnFailure expectation lists tasks 0-11 in this order.
  EXPECT_EQ(order, std::vector<size_t>({0, 5, 10, 1, 6, 9, 2, 7, 3, 11, 8, 4}));
  EXPECT_EQ(JavaStringHash("driver"), -1323526104);
  EXPECT_EQ(JavaStringHash("\xC3\xA9"), 233);  // "é": one UTF-16 unit
  EXPECT_EQ(ScalaLongHash(int64_t{1} << 40), 256);
  // A mutable HashMap grows from 16 buckets before its 12th entry.
  std::vector<int32_t> ids;
  for (int id : {17, 2, 1}) ids.push_back(ScalaLongHash(id));
  EXPECT_EQ(ScalaMutableMapOrder(ids), std::vector<size_t>({2, 0, 1}));
  ids.clear();
  for (int id = 0; id < 12; ++id) ids.push_back(ScalaLongHash(id * 16 + 1));
  std::vector<size_t> grown = ScalaMutableMapOrder(ids);  // 32 buckets: odd multiples of 16 + 1 land in 17
  EXPECT_EQ(grown[0], 0u);
  EXPECT_EQ(grown[6], 1u);
}

// Against Spark's own log: a stage of the corpus, its task list and summary.
TEST(RestStagesTest, CorpusStageMatchesSparksAnswer) {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/eventlogs not found: corpus check skipped";
  std::string path = corpus + "/apache-spark/spark-events/local-1430917381534";
  std::ifstream in(path, std::ios::binary);
  if (!in) GTEST_SKIP() << path << " not found";
  std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto analyzer = testing::AnalyzeLogText(text);
  json list = RestJson(*analyzer, "applications/local-1430917381534/stages/0/0/taskList?sortBy=-runtime&length=1");
  ASSERT_EQ(list.size(), 1u);
  EXPECT_EQ(list[0]["taskId"], 6);
  EXPECT_EQ(list[0]["taskMetrics"]["executorRunTime"], 351);
  json summary =
      RestJson(*analyzer, "applications/local-1430917381534/stages/0/0/taskSummary?quantiles=0.01,0.5,0.99");
  EXPECT_EQ(Doubles(summary["executorRunTime"]), std::vector<double>({16, 28, 351}));
}

}  // namespace
}  // namespace sparkdx
