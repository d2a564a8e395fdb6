// ApplicationModel: what one event log says about one application attempt,
// built event by event by ApplicationBuilder.
//
// Semantics follow Spark's status listener where they matter for counting:
// a stage attempt is keyed by (stage id, attempt id); tasks that end after
// their stage completed still belong to it; a task ending for a stage never
// submitted creates that stage attempt; anything still open at the end of
// input (no JobEnd, StageCompleted or ApplicationEnd) is closed by Finish()
// and flagged as not observed.
#ifndef SPARKDX_MODEL_APPLICATION_H_
#define SPARKDX_MODEL_APPLICATION_H_

#include <cstdint>
#include <deque>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <utility>
#include <vector>

#include "model/task_record.h"

namespace sparkdx {

enum class JobStatus : uint8_t { kRunning, kSucceeded, kFailed, kUnknown };
enum class StageStatus : uint8_t { kPending, kActive, kComplete, kFailed, kSkipped };

struct JobModel {
  int64_t job_id = 0;
  int64_t submission_time_ms = -1;
  int64_t completion_time_ms = -1;
  JobStatus status = JobStatus::kRunning;
  std::vector<int32_t> stage_ids;
  int64_t sql_execution_id = -1;
  std::string job_group;
};

struct StageAttemptModel {
  int32_t stage_id = 0;
  int32_t attempt_id = 0;
  std::string name;
  int32_t num_tasks = 0;
  int64_t submission_time_ms = -1;
  int64_t completion_time_ms = -1;
  StageStatus status = StageStatus::kPending;
  bool submitted_observed = false;
  bool completed_observed = false;
  std::string failure_reason;
  TaskStore tasks;
  uint32_t succeeded_tasks = 0;
  uint32_t failed_tasks = 0;
  uint32_t killed_tasks = 0;
};

struct ExecutorModel {
  std::string id;
  std::string host;
  int32_t total_cores = 0;
  int64_t add_time_ms = -1;
  int64_t remove_time_ms = -1;
  std::string remove_reason;
  int64_t max_memory_bytes = -1;
};

struct SqlExecutionModel {
  int64_t execution_id = 0;
  int64_t start_time_ms = -1;
  int64_t end_time_ms = -1;
  std::string description;
};

// A task seen starting but not (yet) ending.
struct RunningTask {
  int32_t stage_id = 0;
  int32_t stage_attempt_id = 0;
  int64_t launch_time_ms = 0;
  uint32_t executor = 0;
};

struct ApplicationModel {
  std::optional<std::string> app_id;
  std::optional<std::string> app_name;
  std::optional<std::string> attempt_id;
  std::optional<std::string> spark_version;
  std::optional<std::string> user;
  int64_t start_time_ms = -1;
  int64_t end_time_ms = -1;           // ApplicationEnd, or the last timestamp seen when it is missing
  bool end_observed = false;
  int64_t last_timestamp_ms = -1;     // the latest timestamp of any kind seen in the log
  uint32_t application_starts = 0;

  std::map<int64_t, JobModel> jobs;
  std::map<std::pair<int32_t, int32_t>, std::unique_ptr<StageAttemptModel>> stage_attempts;
  std::vector<ExecutorModel> executors;
  std::map<int64_t, SqlExecutionModel> sql_executions;
  std::unordered_map<int64_t, RunningTask> running_tasks;
  std::vector<std::string> task_messages;  // failure message excerpts, referenced by TaskRecord::message_id

  uint64_t task_end_count = 0;            // finished task attempts
  uint64_t distinct_stage_count() const;
  // Bytes held for task records (blocks, slack and bookkeeping included).
  uint64_t task_store_bytes() const;
};

// Parsed forms of the events the builder consumes; handlers fill them from
// JSON, the builder applies them. Optional numbers use -1 for "absent".
struct ApplicationStartEvent {
  std::string_view app_name, app_id, attempt_id, user;
  bool has_app_id = false, has_attempt_id = false;
  int64_t timestamp_ms = -1;
};

struct JobStartEvent {
  int64_t job_id = -1;
  int64_t submission_time_ms = -1;
  std::vector<int32_t> stage_ids;
  int64_t sql_execution_id = -1;
  std::string_view job_group;
};

struct StageEvent {
  int32_t stage_id = -1;
  int32_t attempt_id = 0;
  std::string_view name;
  int32_t num_tasks = 0;
  int64_t submission_time_ms = -1;
  int64_t completion_time_ms = -1;
  std::string_view failure_reason;
  bool has_failure_reason = false;
};

struct TaskEvent {
  int32_t stage_id = -1;
  int32_t stage_attempt_id = 0;
  std::string_view executor_id;
  std::string_view host;
  std::string_view message;  // failure description, for failed tasks
  TaskRecord record;
};

class ApplicationBuilder {
 public:
  // The largest failure excerpt kept per failed task.
  static constexpr size_t kMessageExcerptBytes = 512;

  const ApplicationModel& model() const { return model_; }

  void OnLogStart(std::string_view spark_version);
  void OnApplicationStart(const ApplicationStartEvent& event);
  void OnApplicationEnd(int64_t timestamp_ms);
  void OnJobStart(const JobStartEvent& event);
  void OnJobEnd(int64_t job_id, int64_t completion_time_ms, bool succeeded);
  void OnStageSubmitted(const StageEvent& event);
  void OnStageCompleted(const StageEvent& event);
  void OnTaskStart(const TaskEvent& event);
  void OnTaskEnd(TaskEvent& event);
  void OnExecutorAdded(std::string_view executor_id, std::string_view host, int32_t total_cores, int64_t time_ms);
  void OnExecutorRemoved(std::string_view executor_id, std::string_view reason, int64_t time_ms);
  void OnBlockManagerAdded(std::string_view executor_id, std::string_view host, int64_t max_memory_bytes,
                           int64_t time_ms);
  void OnSqlExecutionStart(int64_t execution_id, std::string_view description, int64_t time_ms);
  void OnSqlExecutionEnd(int64_t execution_id, int64_t time_ms);
  // A version known from outside the events (legacy SPARK_VERSION_ marker).
  void SetSparkVersionHint(std::string_view spark_version);

  // End of input: closes what is still open and sets end_time_ms.
  void Finish();

 private:
  uint32_t ExecutorIndex(std::string_view executor_id, std::string_view host);
  StageAttemptModel& StageAttempt(int32_t stage_id, int32_t attempt_id);
  void SeeTimestamp(int64_t time_ms) {
    if (time_ms > model_.last_timestamp_ms) model_.last_timestamp_ms = time_ms;
  }

  ApplicationModel model_;
  // Executor id -> index, looked up per task without building a string: the
  // keys view strings kept in a deque, whose elements never move.
  std::deque<std::string> executor_id_storage_;
  std::unordered_map<std::string_view, uint32_t> executor_ids_;
};

}  // namespace sparkdx

#endif  // SPARKDX_MODEL_APPLICATION_H_
