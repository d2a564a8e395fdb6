#include "model/application.h"

#include <set>

#include "base/format.h"

namespace sparkdx {

uint64_t ApplicationModel::distinct_stage_count() const {
  std::set<int32_t> ids;
  for (const auto& [key, stage] : stage_attempts) ids.insert(key.first);
  return ids.size();
}

uint64_t ApplicationModel::task_store_bytes() const {
  uint64_t bytes = 0;
  for (const auto& [key, stage] : stage_attempts) bytes += stage->tasks.allocated_bytes();
  return bytes;
}

void ApplicationBuilder::OnLogStart(std::string_view spark_version) {
  model_.spark_version = std::string(spark_version);
}

void ApplicationBuilder::SetSparkVersionHint(std::string_view spark_version) {
  if (!model_.spark_version) model_.spark_version = std::string(spark_version);
}

void ApplicationBuilder::OnApplicationStart(const ApplicationStartEvent& event) {
  ++model_.application_starts;
  if (model_.application_starts > 1) return;  // the first one wins; the caller reports the duplicate
  model_.app_name = std::string(event.app_name);
  if (event.has_app_id) model_.app_id = std::string(event.app_id);
  if (event.has_attempt_id) model_.attempt_id = std::string(event.attempt_id);
  if (!event.user.empty()) model_.user = std::string(event.user);
  model_.start_time_ms = event.timestamp_ms;
  SeeTimestamp(event.timestamp_ms);
}

void ApplicationBuilder::OnApplicationEnd(int64_t timestamp_ms) {
  model_.end_observed = true;
  model_.end_time_ms = timestamp_ms;
  SeeTimestamp(timestamp_ms);
}

void ApplicationBuilder::OnJobStart(const JobStartEvent& event) {
  JobModel& job = model_.jobs[event.job_id];
  job.job_id = event.job_id;
  job.submission_time_ms = event.submission_time_ms;
  job.stage_ids = event.stage_ids;
  job.sql_execution_id = event.sql_execution_id;
  job.job_group = std::string(event.job_group);
  job.status = JobStatus::kRunning;
  SeeTimestamp(event.submission_time_ms);
}

void ApplicationBuilder::OnJobEnd(int64_t job_id, int64_t completion_time_ms, bool succeeded) {
  JobModel& job = model_.jobs[job_id];
  job.job_id = job_id;
  job.completion_time_ms = completion_time_ms;
  job.status = succeeded ? JobStatus::kSucceeded : JobStatus::kFailed;
  SeeTimestamp(completion_time_ms);
}

StageAttemptModel& ApplicationBuilder::StageAttempt(int32_t stage_id, int32_t attempt_id) {
  auto& slot = model_.stage_attempts[{stage_id, attempt_id}];
  if (!slot) {
    slot = std::make_unique<StageAttemptModel>();
    slot->stage_id = stage_id;
    slot->attempt_id = attempt_id;
  }
  return *slot;
}

void ApplicationBuilder::OnStageSubmitted(const StageEvent& event) {
  StageAttemptModel& stage = StageAttempt(event.stage_id, event.attempt_id);
  stage.submitted_observed = true;
  stage.name = std::string(event.name);
  stage.num_tasks = event.num_tasks;
  stage.submission_time_ms = event.submission_time_ms;
  if (stage.status == StageStatus::kPending) stage.status = StageStatus::kActive;
  SeeTimestamp(event.submission_time_ms);
}

void ApplicationBuilder::OnStageCompleted(const StageEvent& event) {
  StageAttemptModel& stage = StageAttempt(event.stage_id, event.attempt_id);
  stage.completed_observed = true;
  if (stage.name.empty()) stage.name = std::string(event.name);
  if (stage.num_tasks == 0) stage.num_tasks = event.num_tasks;
  if (event.submission_time_ms >= 0) stage.submission_time_ms = event.submission_time_ms;
  stage.completion_time_ms = event.completion_time_ms;
  stage.status = event.has_failure_reason ? StageStatus::kFailed : StageStatus::kComplete;
  stage.tasks.Trim();
  if (event.has_failure_reason) stage.failure_reason = std::string(event.failure_reason);
  SeeTimestamp(event.completion_time_ms);
}

uint32_t ApplicationBuilder::ExecutorIndex(std::string_view executor_id, std::string_view host) {
  auto it = executor_ids_.find(executor_id);
  if (it != executor_ids_.end()) {
    ExecutorModel& executor = model_.executors[it->second];
    if (executor.host.empty() && !host.empty()) executor.host = std::string(host);
    return it->second;
  }
  uint32_t index = static_cast<uint32_t>(model_.executors.size());
  ExecutorModel executor;
  executor.id = std::string(executor_id);
  executor.host = std::string(host);
  model_.executors.push_back(std::move(executor));
  executor_ids_.emplace(executor_id_storage_.emplace_back(executor_id), index);
  return index;
}

void ApplicationBuilder::OnTaskStart(const TaskEvent& event) {
  RunningTask running;
  running.stage_id = event.stage_id;
  running.stage_attempt_id = event.stage_attempt_id;
  running.launch_time_ms = event.record.launch_time_ms;
  running.executor = ExecutorIndex(event.executor_id, event.host);
  model_.running_tasks[event.record.task_id] = running;
  SeeTimestamp(event.record.launch_time_ms);
}

void ApplicationBuilder::OnTaskEnd(TaskEvent& event) {
  TaskRecord& record = event.record;
  record.executor = ExecutorIndex(event.executor_id, event.host);
  if (!event.message.empty()) {
    record.message_id = static_cast<int32_t>(model_.task_messages.size());
    model_.task_messages.push_back(Excerpt(event.message, kMessageExcerptBytes));
  }
  StageAttemptModel& stage = StageAttempt(event.stage_id, event.stage_attempt_id);
  stage.tasks.Append(record);
  if (record.killed) {
    ++stage.killed_tasks;
  } else if (record.failed) {
    ++stage.failed_tasks;
  } else {
    ++stage.succeeded_tasks;
  }
  model_.running_tasks.erase(record.task_id);
  ++model_.task_end_count;
  SeeTimestamp(record.finish_time_ms);
}

void ApplicationBuilder::OnExecutorAdded(std::string_view executor_id, std::string_view host, int32_t total_cores,
                                         int64_t time_ms) {
  ExecutorModel& executor = model_.executors[ExecutorIndex(executor_id, host)];
  executor.total_cores = total_cores;
  if (executor.add_time_ms < 0) executor.add_time_ms = time_ms;
  SeeTimestamp(time_ms);
}

void ApplicationBuilder::OnExecutorRemoved(std::string_view executor_id, std::string_view reason, int64_t time_ms) {
  ExecutorModel& executor = model_.executors[ExecutorIndex(executor_id, {})];
  executor.remove_time_ms = time_ms;
  executor.remove_reason = std::string(reason);
  SeeTimestamp(time_ms);
}

void ApplicationBuilder::OnBlockManagerAdded(std::string_view executor_id, std::string_view host,
                                             int64_t max_memory_bytes, int64_t time_ms) {
  ExecutorModel& executor = model_.executors[ExecutorIndex(executor_id, host)];
  executor.max_memory_bytes = max_memory_bytes;
  if (executor.add_time_ms < 0) executor.add_time_ms = time_ms;
  SeeTimestamp(time_ms);
}

void ApplicationBuilder::OnSqlExecutionStart(int64_t execution_id, std::string_view description, int64_t time_ms) {
  SqlExecutionModel& execution = model_.sql_executions[execution_id];
  execution.execution_id = execution_id;
  execution.description = std::string(description);
  execution.start_time_ms = time_ms;
  SeeTimestamp(time_ms);
}

void ApplicationBuilder::OnSqlExecutionEnd(int64_t execution_id, int64_t time_ms) {
  SqlExecutionModel& execution = model_.sql_executions[execution_id];
  execution.execution_id = execution_id;
  execution.end_time_ms = time_ms;
  SeeTimestamp(time_ms);
}

void ApplicationBuilder::Finish() {
  for (auto& [key, stage] : model_.stage_attempts) stage->tasks.Trim();
  if (!model_.end_observed) model_.end_time_ms = model_.last_timestamp_ms;
  for (auto& [id, job] : model_.jobs) {
    if (job.status == JobStatus::kRunning) job.status = JobStatus::kUnknown;
  }
}

}  // namespace sparkdx
