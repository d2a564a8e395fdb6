// A task record names its host only when it differs from its executor's
// usual task host: the field round-trips through the store, costs nothing
// when absent, and the listener fills it for tasks that ran elsewhere.
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "model/task_record.h"
#include "support/event_log_text.h"
#include "support/rest_answer.h"
#include "support/stage_event_text.h"

namespace sparkdx {
namespace {

TaskRecord Record(int64_t task_id, int32_t host_id) {
  TaskRecord r;
  r.task_id = task_id;
  r.index = static_cast<int32_t>(task_id);
  r.partition_id = r.index;
  r.launch_time_ms = 1700000000000 + task_id;
  r.finish_time_ms = r.launch_time_ms + 100;
  r.executor = 3;
  r.host_id = host_id;
  r.metrics[static_cast<int>(TaskMetric::kExecutorRunTimeMs)] = 90;
  return r;
}

TEST(TaskHostRecordTest, HostIdRoundTripsAndCostsNothingWhenAbsent) {
  TaskStore plain, with_host;
  plain.Append(Record(1, -1));
  plain.Append(Record(2, -1));
  with_host.Append(Record(1, -1));
  with_host.Append(Record(2, 300));
  std::vector<int32_t> hosts;
  with_host.ForEach([&](const TaskRecord& r) { hosts.push_back(r.host_id); });
  EXPECT_EQ(hosts, std::vector<int32_t>({-1, 300}));
  // The flag word grows to four bytes and the id takes two.
  EXPECT_EQ(with_host.used_bytes(), plain.used_bytes() + 3 + 2);
}

TEST(TaskHostRecordTest, ListenerKeepsTheHostOfEachTask) {
  const int64_t t0 = 1700000000000;
  std::string log = testing::LogStartLine("3.5.1") + "\n" + testing::ApplicationStartLine("app-1", t0) + "\n" +
                    testing::ExecutorAddedLine("1", "host-1", 4, t0 + 10) + "\n";
  testing::StageLine stage;
  stage.tasks = 3;
  stage.submitted_ms = t0 + 100;
  log += testing::StageSubmittedLine(stage) + "\n";
  for (int i = 0; i < 3; ++i) {
    testing::TaskLine task;
    task.task_id = i;
    task.index = i;
    task.launch_ms = t0 + 200;
    task.finish_ms = t0 + 300;
    task.host = i == 1 ? "host-7" : "host-1";
    log += testing::TaskStartLine(task) + "\n" + testing::TaskEndLine(task) + "\n";
  }
  auto analyzer = testing::AnalyzeLogText(log);
  nlohmann::json tasks = testing::RestJson(*analyzer, "applications/app-1/stages/0/0/taskList");
  ASSERT_EQ(tasks.size(), 3u);
  EXPECT_EQ(tasks[0]["host"], "host-1");
  EXPECT_EQ(tasks[1]["host"], "host-7");
  EXPECT_EQ(tasks[2]["host"], "host-1");
}

}  // namespace
}  // namespace sparkdx
