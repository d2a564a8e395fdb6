#include "support/app_status_builder.h"

#include <algorithm>

namespace sparkdx::testing {

AppStatusBuilder::AppStatusBuilder(int64_t start_ms, int64_t end_ms, const std::string& spark_version)
    : status_(std::make_unique<AppStatus>()) {
  AppStatus& s = *status_;
  s.app_id = "app-test";
  s.app_name = "test";
  s.application_start_seen = true;
  s.application_starts = 1;
  s.spark_version = spark_version;
  s.attempt.start_time_ms = start_ms;
  s.attempt.end_time_ms = end_ms;
  s.attempt.completed = true;
  s.last_event_time_ms = end_ms;
}

AppStatusBuilder& AppStatusBuilder::Incomplete(int64_t last_event_ms) {
  status_->attempt.completed = false;
  status_->attempt.end_time_ms = -1;
  status_->last_event_time_ms = last_event_ms;
  return *this;
}

AppStatusBuilder& AppStatusBuilder::Conf(const std::string& key, const std::string& value) {
  status_->environment.spark_properties.emplace_back(key, value);
  return *this;
}

uint32_t AppStatusBuilder::AddExecutor(const std::string& id, const std::string& host, int32_t cores, int64_t add_ms,
                                       int64_t remove_ms) {
  ExecutorStatusData e;
  e.id = id;
  e.host = host;
  e.host_port = host + ":7337";
  e.total_cores = cores;
  e.max_tasks = cores;
  e.add_time_ms = add_ms;
  e.remove_time_ms = remove_ms;
  e.active = remove_ms < 0;
  e.announced = true;
  status_->executors.push_back(std::move(e));
  return static_cast<uint32_t>(status_->executors.size() - 1);
}

JobStatusData& AppStatusBuilder::AddJob(int32_t job_id, const std::vector<int32_t>& stage_ids, int64_t submitted_ms,
                                        int64_t completed_ms, JobStatusKind kind) {
  JobStatusData& job = status_->jobs[job_id];
  job.job_id = job_id;
  job.name = "job " + std::to_string(job_id);
  job.stage_ids = stage_ids;
  job.submission_time_ms = submitted_ms;
  job.completion_time_ms = completed_ms;
  job.status = kind;
  job.live = kind == JobStatusKind::kRunning;
  return job;
}

StageStatusData& AppStatusBuilder::AddStage(int32_t stage_id, int32_t attempt, int64_t submitted_ms,
                                            int64_t completed_ms, const std::string& name,
                                            const std::vector<int32_t>& parent_ids, StageStatusKind kind) {
  auto& slot = status_->stages[{stage_id, attempt}];
  if (!slot) slot = std::make_unique<StageStatusData>();
  StageStatusData& stage = *slot;
  stage.info.stage_id = stage_id;
  stage.info.attempt_id = attempt;
  stage.info.name = name.empty() ? "stage " + std::to_string(stage_id) : name;
  stage.info.parent_ids = parent_ids;
  stage.info.submission_time_ms = submitted_ms;
  stage.info.completion_time_ms = completed_ms;
  stage.status = kind;
  for (const auto& [id, job] : status_->jobs) {
    if (std::find(job.stage_ids.begin(), job.stage_ids.end(), stage_id) != job.stage_ids.end()) {
      stage.job_ids.insert(id);
    }
  }
  return stage;
}

SqlExecutionData& AppStatusBuilder::AddSql(int64_t execution_id, int64_t submitted_ms, int64_t completed_ms,
                                           const std::vector<int32_t>& job_ids) {
  SqlExecutionData& sql = status_->sql_executions[execution_id];
  sql.execution_id = execution_id;
  sql.submission_time_ms = submitted_ms;
  sql.completion_time_ms = completed_ms;
  for (int32_t id : job_ids) sql.jobs[id] = JobStatusKind::kSucceeded;
  return sql;
}

TaskRecord AppStatusBuilder::Task(uint32_t executor, int64_t launch_ms, int64_t finish_ms) {
  TaskRecord t;
  t.task_id = next_task_id_;
  t.index = static_cast<int32_t>(next_task_id_);
  ++next_task_id_;
  t.executor = executor;
  t.launch_time_ms = launch_ms;
  t.finish_time_ms = finish_ms;
  SetMetric(&t, TaskMetric::kExecutorRunTimeMs, std::max<int64_t>(0, finish_ms - launch_ms - 10));
  SetMetric(&t, TaskMetric::kExecutorDeserializeTimeMs, std::min<int64_t>(5, std::max<int64_t>(0, finish_ms - launch_ms)));
  return t;
}

void AppStatusBuilder::AddTask(int32_t stage_id, int32_t attempt, const TaskRecord& task) {
  StageStatusData& stage = *status_->stages.at({stage_id, attempt});
  stage.tasks.Append(task);
  stage.first_launch_time_ms = std::min(stage.first_launch_time_ms, task.launch_time_ms);
  if (task.running) return;
  if (task.failed) {
    ++stage.failed_tasks;
  } else if (task.killed) {
    ++stage.killed_tasks;
  } else {
    ++stage.completed_tasks;
  }
  stage.metrics.Add(task);
  ++status_->task_end_count;
}

AppAnalysis AppStatusBuilder::Analyze() const { return AnalyzeApplication(*status_); }

RuleOutput AppStatusBuilder::Run(RuleCheck check) const {
  AppAnalysis analysis = Analyze();
  RuleOutput out;
  check(analysis, &out);
  return out;
}

}  // namespace sparkdx::testing
