// Synthetic stage and task events for the stages REST tests: one JSON line
// each (no newline), every field a test varies settable, shaped like Spark
// 3.x writes them (or, with `spark1`, like Spark 1.x, without the fields
// later versions added).
#ifndef SPARKDX_TESTS_SUPPORT_STAGE_EVENT_TEXT_H_
#define SPARKDX_TESTS_SUPPORT_STAGE_EVENT_TEXT_H_

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

namespace sparkdx::testing {

struct TaskLine {
  int stage_id = 0;
  int stage_attempt = 0;
  int64_t task_id = 0;
  int index = 0;
  int attempt = 0;
  std::string executor = "1";
  std::string host;  // "" : "host-<executor>"
  int64_t launch_ms = 0;
  int64_t finish_ms = 0;          // TaskEnd only
  int64_t getting_result_ms = 0;  // 0: the result was not fetched separately
  bool speculative = false;
  std::string locality = "PROCESS_LOCAL";
  // "Success", "ExceptionFailure", "TaskKilled", "FetchFailed",
  // "TaskCommitDenied", "ExecutorLostFailure", "Resubmitted".
  std::string reason = "Success";
  std::string kill_reason = "another attempt succeeded";  // "": none (before Spark 2.2)
  int64_t run_time_ms = -1;  // -1: duration minus 10 ms
  int64_t deserialize_ms = 5;
  int64_t local_bytes_read = 0;
  bool metrics = true;  // a "Task Metrics" object
  std::string accumulables = "[]";  // the Task Info's "Accumulables" JSON
  bool spark1 = false;  // also: a FetchFailed without "Map Index" and "Message"
};

std::string TaskStartLine(const TaskLine& task);
std::string TaskGettingResultLine(const TaskLine& task);
std::string TaskEndLine(const TaskLine& task);

// A job whose "Stage Infos" name the stages (id, number of tasks), none
// submitted yet.
std::string JobStartWithStagesLine(int job_id, const std::vector<std::pair<int, int>>& stages, int64_t time_ms);

struct StageLine {
  int stage_id = 0;
  int attempt = 0;
  int tasks = 1;
  std::string name = "count at Test.scala:1";
  int64_t submitted_ms = -1;  // -1: no "Submission Time"
  int64_t completed_ms = -1;  // -1: no "Completion Time"
  std::string failure_reason;
  std::string accumulables = "[]";
  std::vector<int> rdd_ids;
  bool spark1 = false;  // no "Stage Attempt ID"
};
std::string StageSubmittedLine(const StageLine& stage);
std::string StageCompletedLine(const StageLine& stage);

std::string BlockManagerAddedLine(const std::string& executor, const std::string& host, int64_t time_ms);

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_STAGE_EVENT_TEXT_H_
