// Work still open when the log ends: jobs without JobEnd, submitted stage
// attempts without StageCompleted (stages never submitted excluded) and
// tasks without TaskEnd are counted (applications[].open_at_end) and
// flagged (work_not_ended), while the REST answers keep showing them as
// Spark's History Server does (RUNNING / ACTIVE / PENDING).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "sparkdx/analyzer.h"
#include "support/event_log_text.h"
#include "support/rest_answer.h"
#include "support/stage_event_text.h"

namespace sparkdx {
namespace {

using Json = nlohmann::json;
using testing::StageLine;
using testing::TaskLine;

constexpr int64_t kT0 = 1700000000000;  // 2023-11-14T22:13:20.000Z

struct Analysed {
  std::unique_ptr<Analyzer> analyzer;
  Json report;
};

Analysed Analyse(const std::string& text) {
  Analysed out;
  out.analyzer = std::make_unique<Analyzer>();
  out.analyzer->BeginFile("eventlog", text.size());
  out.analyzer->Feed(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  out.analyzer->EndFile();
  out.report = Json::parse(out.analyzer->Finish().report_json);
  return out;
}

// A log with job 0 over `stages` (id, tasks), none submitted yet.
class LogText {
 public:
  explicit LogText(std::vector<std::pair<int, int>> stages) {
    Add(testing::LogStartLine("3.5.1"));
    Add(testing::ApplicationStartLine("app-1", kT0));
    Add(testing::ExecutorAddedLine("1", "host-1", 4, kT0 + 10));
    Add(testing::JobStartWithStagesLine(0, stages, kT0 + 100));
  }
  void Add(const std::string& line) { text_ += line + "\n"; }
  void Submit(int stage_id, int tasks, int64_t at_ms) {
    Add(testing::StageSubmittedLine(Stage(stage_id, tasks, at_ms)));
  }
  void Complete(int stage_id, int tasks, int64_t submitted_ms, int64_t at_ms) {
    StageLine stage = Stage(stage_id, tasks, submitted_ms);
    stage.completed_ms = at_ms;
    Add(testing::StageCompletedLine(stage));
  }
  void StartTask(int stage_id, int64_t task_id, int64_t at_ms) {
    Add(testing::TaskStartLine(Task(stage_id, task_id, at_ms, -1)));
  }
  void EndTask(int stage_id, int64_t task_id, int64_t launch_ms, int64_t at_ms) {
    Add(testing::TaskEndLine(Task(stage_id, task_id, launch_ms, at_ms)));
  }
  const std::string& text() const { return text_; }

 private:
  static StageLine Stage(int stage_id, int tasks, int64_t submitted_ms) {
    StageLine stage;
    stage.stage_id = stage_id;
    stage.tasks = tasks;
    stage.submitted_ms = submitted_ms;
    return stage;
  }
  static TaskLine Task(int stage_id, int64_t task_id, int64_t launch_ms, int64_t finish_ms) {
    TaskLine task;
    task.stage_id = stage_id;
    task.task_id = task_id;
    task.index = static_cast<int>(task_id);
    task.launch_ms = launch_ms;
    task.finish_ms = finish_ms;
    return task;
  }
  std::string text_;
};

std::vector<std::string> Messages(const Json& report, const std::string& kind) {
  std::vector<std::string> messages;
  for (const Json& issue : report["issues"]) {
    if (issue["kind"] == kind) messages.push_back(issue["message"]);
  }
  return messages;
}

TEST(OpenAtEndTest, CrashedRunCountsWhatHasNoEndEvent) {
  // Stage 0 runs four tasks, two end; stage 1 is never submitted; the log
  // stops there (no JobEnd, no ApplicationEnd).
  LogText log({{0, 4}, {1, 2}});
  log.Submit(0, 4, kT0 + 200);
  for (int64_t task = 0; task < 4; ++task) log.StartTask(0, task, kT0 + 300);
  log.EndTask(0, 0, kT0 + 300, kT0 + 400);
  log.EndTask(0, 1, kT0 + 300, kT0 + 450);
  Analysed a = Analyse(log.text());
  const Json& app = a.report["applications"][0];
  EXPECT_EQ(app["open_at_end"], Json::parse(R"({"jobs":1,"stage_attempts":1,"tasks":2})"));
  EXPECT_EQ(a.report["issue_counts"]["work_not_ended"], 1);
  EXPECT_EQ(Messages(a.report, "work_not_ended"),
            std::vector<std::string>({"eventlog: 1 job, 1 stage attempt and 2 tasks have no end event; they are "
                                      "reported as running up to the log's last event (2023-11-14T22:13:20.450Z)"}));
  for (const Json& issue : a.report["issues"]) {
    if (issue["kind"] == "work_not_ended") EXPECT_EQ(issue["severity"], "warning");
  }
  // The REST answers are unchanged: Spark's view of a log that just stops.
  EXPECT_EQ(testing::RestJson(*a.analyzer, "applications/app-1/jobs/0")["status"], "RUNNING");
  EXPECT_EQ(testing::RestJson(*a.analyzer, "applications/app-1/stages/0/0")["status"], "ACTIVE");
  EXPECT_EQ(testing::RestJson(*a.analyzer, "applications/app-1/stages/1/0")["status"], "PENDING");
  Json tasks = testing::RestJson(*a.analyzer, "applications/app-1/stages/0/0/taskList?length=10");
  int running = 0;
  for (const Json& task : tasks) running += task["status"] == "RUNNING" ? 1 : 0;
  EXPECT_EQ(running, 2);
}

TEST(OpenAtEndTest, CompleteRunHasNothingOpenAndNoIssue) {
  LogText log({{0, 2}, {1, 2}});  // stage 1 never runs: skipped when the job ends
  log.Submit(0, 2, kT0 + 200);
  log.StartTask(0, 0, kT0 + 300);
  log.EndTask(0, 0, kT0 + 300, kT0 + 400);
  log.StartTask(0, 1, kT0 + 300);
  log.EndTask(0, 1, kT0 + 300, kT0 + 420);
  log.Complete(0, 2, kT0 + 200, kT0 + 430);
  log.Add(testing::JobEndLine(0, kT0 + 440));
  log.Add(testing::ApplicationEndLine(kT0 + 500));
  Analysed a = Analyse(log.text());
  EXPECT_EQ(a.report["applications"][0]["open_at_end"], Json::parse(R"({"jobs":0,"stage_attempts":0,"tasks":0})"));
  EXPECT_EQ(a.report["issue_counts"].count("work_not_ended"), 0u);
}

TEST(OpenAtEndTest, OneTaskLeftRunningIsNamedInTheSingular) {
  // The stage and the job end while a (speculative, say) task never reports.
  LogText log({{0, 2}});
  log.Submit(0, 2, kT0 + 200);
  log.StartTask(0, 0, kT0 + 300);
  log.StartTask(0, 1, kT0 + 300);
  log.EndTask(0, 0, kT0 + 300, kT0 + 400);
  log.Complete(0, 2, kT0 + 200, kT0 + 410);
  log.Add(testing::JobEndLine(0, kT0 + 420));
  log.Add(testing::ApplicationEndLine(kT0 + 500));
  Analysed a = Analyse(log.text());
  EXPECT_EQ(a.report["applications"][0]["open_at_end"], Json::parse(R"({"jobs":0,"stage_attempts":0,"tasks":1})"));
  EXPECT_EQ(Messages(a.report, "work_not_ended"),
            std::vector<std::string>({"eventlog: 1 task has no end event; it is reported as running up to the "
                                      "log's last event (2023-11-14T22:13:20.500Z)"}));
}

TEST(OpenAtEndTest, StageWithoutCompletionStaysOpenAfterItsJobEnds) {
  // A job ended (failed) while its submitted stage never reported completion;
  // its never-submitted stage became skipped and is not counted.
  LogText log({{0, 1}, {1, 1}});
  log.Submit(0, 1, kT0 + 200);
  log.StartTask(0, 0, kT0 + 300);
  log.EndTask(0, 0, kT0 + 300, kT0 + 400);
  log.Add(testing::JobEndLine(0, kT0 + 450, /*succeeded=*/false));
  Analysed a = Analyse(log.text());
  EXPECT_EQ(a.report["applications"][0]["open_at_end"], Json::parse(R"({"jobs":0,"stage_attempts":1,"tasks":0})"));
  EXPECT_EQ(Messages(a.report, "work_not_ended"),
            std::vector<std::string>({"eventlog: 1 stage attempt has no end event; it is reported as running up to "
                                      "the log's last event (2023-11-14T22:13:20.450Z)"}));
  EXPECT_EQ(testing::RestJson(*a.analyzer, "applications/app-1/stages/1/0")["status"], "SKIPPED");
}

TEST(OpenAtEndTest, ManyOpenJobsAndTasksArePlural) {
  LogText log({{0, 3}});
  log.Add(testing::JobStartWithStagesLine(1, {{5, 1}}, kT0 + 150));
  log.Submit(0, 3, kT0 + 200);
  for (int64_t task = 0; task < 3; ++task) log.StartTask(0, task, kT0 + 300);
  Analysed a = Analyse(log.text());
  EXPECT_EQ(a.report["applications"][0]["open_at_end"], Json::parse(R"({"jobs":2,"stage_attempts":1,"tasks":3})"));
  EXPECT_EQ(Messages(a.report, "work_not_ended"),
            std::vector<std::string>({"eventlog: 2 jobs, 1 stage attempt and 3 tasks have no end event; they are "
                                      "reported as running up to the log's last event (2023-11-14T22:13:20.300Z)"}));
}

}  // namespace
}  // namespace sparkdx
