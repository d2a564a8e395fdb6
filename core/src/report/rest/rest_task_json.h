// Tasks as Spark's History Server shows them (v1.TaskData), built from
// sparkdx's task records, and the derived facts Spark computes for each task
// (status, duration, scheduler delay, getting-result time) from its
// TaskInfo, LiveTask and AppStatusUtils rules.
#ifndef SPARKDX_REPORT_REST_REST_TASK_JSON_H_
#define SPARKDX_REPORT_REST_REST_TASK_JSON_H_

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

#include "report/rest/rest_endpoints.h"

namespace sparkdx {

// Spark's TaskInfo.status: "RUNNING" (or "GET RESULT" while the result is
// fetched), "FAILED", "KILLED", "SUCCESS".
const char* TaskStatusName(const TaskRecord& task);

// The time Spark stores as the task's duration: end minus launch, or for a
// task still running, the log's last update minus launch.
inline int64_t TaskDurationMs(const TaskRecord& task) { return task.finish_time_ms - task.launch_time_ms; }

// "Now" for the rules that read the History Server's clock: the log's last
// update (see docs/rest.md), so answers do not change from run to run.
int64_t RestNowMs(const AppStatus& app);

// AppStatusUtils.gettingResultTime: from the start of the result fetch to
// the end of the task (to `now_ms` for a task of no duration), 0 when the
// result was not fetched separately.
int64_t TaskGettingResultTimeMs(const TaskRecord& task, int64_t now_ms);

// AppStatusUtils.schedulerDelay: what the task's duration leaves once run,
// deserialisation, result serialisation and result fetching are taken
// away (never below 0). Meaningful for a task with metrics.
int64_t TaskSchedulerDelayMs(const TaskRecord& task, int64_t now_ms);

// A metric as Spark's store holds it, which its sorted indexes use: -1
// without metrics, negated minus one (so 0 stays below 0) for a task that
// did not succeed, as is otherwise.
int64_t TaskStoredMetric(const TaskRecord& task, TaskMetric metric);

// The task attempts of a stage attempt that Spark's store holds (those it
// saw start), ascending by task id.
std::vector<TaskRecord> StoredTasks(const StageStatusData& stage);

// The host a task ran on.
const std::string& TaskHostName(const AppStatus& app, const TaskRecord& task);

// Writes v1.TaskData objects for one application attempt; remembers each
// executor's log links, as Spark looks them up once per executor.
class TaskJsonWriter {
 public:
  explicit TaskJsonWriter(const AppStatus& app) : app_(app), now_ms_(RestNowMs(app)) {}
  RestJson Json(const TaskRecord& task);

 private:
  const RestJson& ExecutorLogs(uint32_t executor);

  const AppStatus& app_;
  int64_t now_ms_;
  std::unordered_map<uint32_t, RestJson> logs_;
};

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_REST_REST_TASK_JSON_H_
