// StatusListener: task starts and ends, stage executor metrics.
#include "status/listener.h"

#include <algorithm>

#include "status/listener_util.h"

namespace sparkdx {
namespace {

// What a record stores for the host a task ran on: -1 when it is the
// executor's usual task host (the first one seen), else an index into
// AppStatus::task_hosts. One string comparison in the usual case; the
// linear search runs once per executor and for the rare task that ran on
// another host than its executor's earlier tasks.
int32_t TaskHostId(AppStatus& status, uint32_t executor, std::string_view host) {
  if (executor >= status.executor_task_hosts.size()) status.executor_task_hosts.resize(executor + 1, -1);
  int32_t usual = status.executor_task_hosts[executor];
  if (usual >= 0 && status.task_hosts[static_cast<size_t>(usual)] == host) return -1;
  int32_t id = -1;
  for (size_t i = 0; i < status.task_hosts.size() && id < 0; ++i) {
    if (status.task_hosts[i] == host) id = static_cast<int32_t>(i);
  }
  if (id < 0) {
    id = static_cast<int32_t>(status.task_hosts.size());
    status.task_hosts.emplace_back(host);
  }
  if (usual >= 0) return id;
  status.executor_task_hosts[executor] = id;
  return -1;
}

// Spark's killedTasksSummary update: one more task for `reason`.
void CountKilled(std::vector<std::pair<std::string, int32_t>>* summary, const std::string& reason) {
  for (auto& [known, count] : *summary) {
    if (known == reason) {
      count += 1;
      return;
    }
  }
  summary->emplace_back(reason, 1);
}

}  // namespace

// --- tasks ---

StageStatusData& StatusListener::TasksOnlyStage(int32_t stage_id, int32_t attempt_id) {
  auto it = status_.stages.find({stage_id, attempt_id});
  if (it != status_.stages.end()) return *it->second;
  StageInfoEvent info;
  info.stage_id = stage_id;
  info.attempt_id = attempt_id;
  StageStatusData& created = GetOrCreateStage(info);
  created.live = false;  // never submitted: Spark has no such stage
  created.tasks_only = true;
  return created;
}
void StatusListener::OnTaskStart(const TaskEvent& event) {
  const TaskRecord& r = event.record;
  RunningTaskData running;
  running.stage_id = event.stage_id;
  running.stage_attempt_id = event.stage_attempt_id;
  running.record = r;
  running.record.executor = ExecutorIndex(event.executor_id, event.host);
  running.record.host_id = TaskHostId(status_, running.record.executor, event.host);
  status_.running_tasks[r.task_id] = running;
  SeeTime(r.launch_time_ms);
  const uint32_t executor = running.record.executor;
  if (StageStatusData* stage = LiveStage(event.stage_id, event.stage_attempt_id)) {
    if (r.speculative) {
      stage->speculation.present = true;
      stage->speculation.num_active_tasks += 1;
      stage->speculation.num_tasks += 1;
    }
    stage->active_tasks += 1;
    stage->first_launch_time_ms = std::min(stage->first_launch_time_ms, r.launch_time_ms);
    stage->locality_summary[TaskLocalityName(r.locality)] += 1;
    stage->active_tasks_per_executor[executor] += 1;
    for (int32_t job_id : stage->job_ids) {
      auto it = status_.jobs.find(job_id);
      if (it != status_.jobs.end() && it->second.live) it->second.active_tasks += 1;
    }
  }
  if (ExecutorStatusData* exec = LiveExecutor(event.executor_id)) {
    exec->active_tasks += 1;
    exec->total_tasks += 1;
  }
}

void StatusListener::OnTaskGettingResult(const TaskEvent& event) {
  auto it = status_.running_tasks.find(event.record.task_id);
  if (it != status_.running_tasks.end()) it->second.record.getting_result_time_ms = event.record.getting_result_time_ms;
}

std::string StatusListener::TaskErrorMessage(const TaskEndReasonEvent& reason) const {
  switch (reason.reason) {
    case TaskEndReason::kSuccess: return "";
    case TaskEndReason::kResubmitted: return "Resubmitted (resubmitted due to lost executor)";
    case TaskEndReason::kTaskResultLost: return "TaskResultLost (result lost from block manager)";
    case TaskEndReason::kFetchFailed:
      return "FetchFailed(" + (reason.block_manager.empty() ? std::string("null") : reason.block_manager) +
             ", shuffleId=" + std::to_string(reason.shuffle_id) + ", mapIndex=" +
             (reason.map_index == TaskEndReasonEvent::kUnknownMapIndex ? std::string("Unknown")
                                                                      : std::to_string(reason.map_index)) +
             ", mapId=" + std::to_string(reason.map_id) + ", reduceId=" + std::to_string(reason.reduce_id) +
             ", message=\n" + reason.message + "\n)";
    case TaskEndReason::kExceptionFailure: {
      if (!reason.full_stack_trace.empty()) return reason.full_stack_trace;
      std::string text = reason.class_name + ": " + reason.description + "\n";
      for (size_t i = 0; i < reason.stack_trace.size(); ++i) {
        if (i > 0) text += "\n";
        text += "        " + reason.stack_trace[i];
      }
      return text;
    }
    case TaskEndReason::kTaskCommitDenied:
      return "TaskCommitDenied (Driver denied task commit) for job: " + std::to_string(reason.commit_job_id) +
             ", partition: " + std::to_string(reason.commit_partition_id) +
             ", attemptNumber: " + std::to_string(reason.commit_attempt_number);
    case TaskEndReason::kTaskKilled: return reason.kill_reason;
    case TaskEndReason::kExecutorLostFailure:
      return "ExecutorLostFailure (executor " + reason.lost_executor_id + " exited " +
             (reason.exit_caused_by_app ? "caused by one of the running tasks" : "unrelated to the running tasks") +
             ")" + (reason.loss_reason.empty() ? std::string() : " Reason: " + reason.loss_reason);
    case TaskEndReason::kUnknownReason: return "UnknownReason";
  }
  return "";
}

void StatusListener::OnTaskEnd(const TaskEvent& event) {
  TaskRecord record = event.record;
  record.executor = ExecutorIndex(event.executor_id, event.host);
  record.host_id = TaskHostId(status_, record.executor, event.host);
  SeeTime(record.finish_time_ms);
  ++status_.task_end_count;
  const uint32_t executor = record.executor;
  const TaskEndReason reason = event.end_reason.reason;

  // Spark only writes (and adds to stage metrics) tasks it saw start.
  auto running = status_.running_tasks.find(record.task_id);
  bool started = running != status_.running_tasks.end();
  record.started = started;
  if (started) status_.running_tasks.erase(running);
  std::string message = TaskErrorMessage(event.end_reason);
  if (!message.empty()) {
    record.message_id = static_cast<int32_t>(status_.task_messages.size());
    status_.task_messages.push_back(std::move(message));
  }
  // User accumulators are shown per task; SQL metrics go to the SQL model.
  std::vector<AccumulableEvent> user_accumulables;
  for (const TaskAccumulableEvent& acc : event.accumulables) {
    if (acc.sql) continue;
    AccumulableEvent info;
    info.id = acc.id;
    info.name = std::string(acc.name);
    if (acc.has_update) info.update = std::string(acc.update_text);
    if (acc.has_value) info.value = std::string(acc.value_text);
    user_accumulables.push_back(std::move(info));
  }
  if (!user_accumulables.empty()) status_.task_accumulables[record.task_id] = std::move(user_accumulables);
  sql_.OnTaskEnd(event);

  int32_t completed_delta = 0, failed_delta = 0, killed_delta = 0;
  if (reason == TaskEndReason::kSuccess) {
    completed_delta = 1;
  } else if (reason == TaskEndReason::kTaskKilled || reason == TaskEndReason::kTaskCommitDenied) {
    killed_delta = 1;
  } else {
    failed_delta = 1;
  }
  std::string killed_key;
  if (reason == TaskEndReason::kTaskKilled) killed_key = event.end_reason.kill_reason;
  if (reason == TaskEndReason::kTaskCommitDenied) killed_key = TaskErrorMessage(event.end_reason);

  auto stage_it = status_.stages.find({event.stage_id, event.stage_attempt_id});
  StageStatusData* stage = LiveStage(event.stage_id, event.stage_attempt_id);
  if (stage != nullptr) {
    if (started && record.has_metrics) stage->metrics.Add(record);
    stage->active_tasks -= 1;
    stage->completed_tasks += completed_delta;
    if (completed_delta > 0) stage->completed_indices.Insert(record.index);
    stage->failed_tasks += failed_delta;
    stage->killed_tasks += killed_delta;
    if (killed_delta > 0) CountKilled(&stage->killed_summary, killed_key);
    stage->active_tasks_per_executor[executor] -= 1;
    ExecutorStageSummaryData& summary = stage->executor_summaries[executor];
    // Every task end raises the peaks (zeros when the log has no task
    // executor metrics): even a Spark 1.x stage shows peakExecutorMetrics.
    stage->peak.UpdatePeaks(event.executor_metrics);
    summary.peak.UpdatePeaks(event.executor_metrics);
    bool remove_stage =
        stage->active_tasks == 0 && (stage->status == StageStatusKind::kComplete || stage->status == StageStatusKind::kFailed);
    for (int32_t job_id : stage->job_ids) {
      auto it = status_.jobs.find(job_id);
      if (it == status_.jobs.end() || !it->second.live) continue;
      JobStatusData& job = it->second;
      job.active_tasks -= 1;
      job.completed_tasks += completed_delta;
      if (completed_delta > 0) job.completed_indices[event.stage_id].Insert(record.index);
      job.failed_tasks += failed_delta;
      job.killed_tasks += killed_delta;
      if (killed_delta > 0) CountKilled(&job.killed_summary, killed_key);
    }
    summary.task_time_ms += record.duration_ms();
    summary.succeeded_tasks += completed_delta;
    summary.failed_tasks += failed_delta;
    summary.killed_tasks += killed_delta;
    if (started && record.has_metrics) summary.metrics.Add(record);
    if (record.speculative) {
      stage->speculation.present = true;
      stage->speculation.num_active_tasks -= 1;
      stage->speculation.num_completed_tasks += completed_delta;
      stage->speculation.num_failed_tasks += failed_delta;
      stage->speculation.num_killed_tasks += killed_delta;
    }
    if (remove_stage) stage->live = false;
  }
  // The record is kept whatever the stage's state (diagnosis wants every
  // task; the REST view lists only the ones Spark lists).
  if (stage_it == status_.stages.end()) {
    TasksOnlyStage(event.stage_id, event.stage_attempt_id).tasks.Append(record);
  } else {
    stage_it->second->tasks.Append(record);
  }

  if (ExecutorStatusData* exec = LiveExecutor(event.executor_id)) {
    exec->active_tasks -= 1;
    exec->completed_tasks += completed_delta;
    exec->failed_tasks += failed_delta;
    exec->total_duration_ms += record.duration_ms();
    exec->peak.UpdatePeaks(event.executor_metrics);  // zeros when the log has none, as in Spark
    // Resubmitted tasks keep the metrics of their first attempt.
    if (reason != TaskEndReason::kResubmitted && record.has_metrics) {
      exec->total_gc_time_ms += record.metric(TaskMetric::kJvmGcTimeMs);
      exec->total_input_bytes += record.metric(TaskMetric::kInputBytesRead);
      exec->total_shuffle_read +=
          record.metric(TaskMetric::kShuffleLocalBytesRead) + record.metric(TaskMetric::kShuffleRemoteBytesRead);
      exec->total_shuffle_write += record.metric(TaskMetric::kShuffleBytesWritten);
    }
  }

}

void StatusListener::OnStageExecutorMetrics(const StageExecutorMetricsEvent& event) {
  auto index = executor_index_.find(std::string_view(event.executor_id));
  ExecutorStatusData* exec = index == executor_index_.end() ? nullptr : &status_.executors[index->second];
  if (exec != nullptr && (exec->in_live_map || ExecutorActiveForLiveStages(*exec))) exec->peak.UpdatePeaks(event.metrics);
  if (StageStatusData* stage = LiveStage(event.stage_id, event.stage_attempt_id)) {
    stage->peak.UpdatePeaks(event.metrics);
    stage->executor_summaries[ExecutorIndex(event.executor_id, {})].peak.UpdatePeaks(event.metrics);
  }
}

}  // namespace sparkdx
