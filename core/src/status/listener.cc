#include "status/listener.h"

#include <algorithm>

namespace sparkdx {
namespace {

// Spark's addDeltaToValue: applies a delta without going below zero.
int64_t AddDelta(int64_t value, int64_t delta) { return std::max<int64_t>(0, value + delta); }

const char* LocalityName(TaskLocality locality) { return TaskLocalityName(locality); }

}  // namespace

// --- application ---

void StatusListener::OnLogStart(std::string_view spark_version) { status_.spark_version = std::string(spark_version); }

void StatusListener::SetSparkVersionHint(std::string_view spark_version) {
  if (status_.spark_version.empty()) status_.spark_version = std::string(spark_version);
}

void StatusListener::OnApplicationStart(const ApplicationStartEvent& event) {
  ++status_.application_starts;
  if (status_.application_starts > 1) return;  // the first one wins; the reader reports the duplicate
  status_.application_start_seen = true;
  status_.app_id = event.app_id;
  status_.app_name = event.app_name;
  AttemptStatus& attempt = status_.attempt;
  attempt.attempt_id = event.attempt_id;
  attempt.start_time_ms = event.time_ms;
  attempt.end_time_ms = -1;
  attempt.last_updated_ms = event.time_ms;
  attempt.duration_ms = -1;
  attempt.spark_user = event.user;
  attempt.completed = false;
  attempt.spark_version = status_.spark_version;
  SeeTime(event.time_ms);
  // The driver registers its block manager before this event: give it the logs.
  if (!event.driver_logs.empty()) {
    if (ExecutorStatusData* driver = LiveExecutor("driver")) {
      driver->logs = event.driver_logs;
      driver->attributes = event.driver_attributes;
    }
  }
}

void StatusListener::OnApplicationEnd(int64_t time_ms) {
  AttemptStatus& attempt = status_.attempt;
  attempt.end_time_ms = time_ms;
  attempt.last_updated_ms = time_ms;
  attempt.duration_ms = attempt.start_time_ms >= 0 ? time_ms - attempt.start_time_ms : -1;
  attempt.completed = true;
  SeeTime(time_ms);
}

void StatusListener::OnEnvironmentUpdate(EnvironmentUpdateEvent event) {
  EnvironmentData& env = status_.environment;
  env.present = true;
  for (const auto& [key, value] : event.jvm_information) {
    if (key == "Java Version") env.java_version = value;
    if (key == "Java Home") env.java_home = value;
    if (key == "Scala Version") env.scala_version = value;
  }
  env.spark_properties = std::move(event.spark_properties);
  env.hadoop_properties = std::move(event.hadoop_properties);
  env.system_properties = std::move(event.system_properties);
  env.metrics_properties = std::move(event.metrics_properties);
  env.classpath_entries = std::move(event.classpath_entries);
  for (const auto& [key, value] : env.spark_properties) {
    if (key == "spark.task.cpus") {
      char* end = nullptr;
      long cpus = std::strtol(value.c_str(), &end, 10);
      if (end != value.c_str() && cpus > 0) default_cpus_per_task_ = static_cast<int32_t>(cpus);
    }
  }
}

void StatusListener::OnResourceProfileAdded(ResourceProfileEvent event) {
  int32_t id = event.id;
  status_.resource_profiles[id] = std::move(event);
}

// --- executors ---

ExecutorStatusData* StatusListener::LiveExecutor(std::string_view id) {
  auto it = executor_index_.find(id);
  if (it == executor_index_.end()) return nullptr;
  ExecutorStatusData& exec = status_.executors[it->second];
  return exec.in_live_map ? &exec : nullptr;
}

ExecutorStatusData& StatusListener::GetOrCreateExecutor(const std::string& id, int64_t add_time_ms) {
  if (ExecutorStatusData* live = LiveExecutor(id)) return *live;
  // Spark creates a fresh entity, which replaces a removed executor's entry
  // with the same id in the store.
  ExecutorStatusData* slot = &status_.executors[ExecutorIndex(id, {})];
  *slot = ExecutorStatusData();
  slot->id = id;
  slot->add_time_ms = add_time_ms;
  slot->in_live_map = true;
  slot->announced = true;
  return *slot;
}

uint32_t StatusListener::ExecutorIndex(std::string_view id, std::string_view host) {
  auto it = executor_index_.find(id);
  if (it != executor_index_.end()) return it->second;
  // A task on an executor never announced: keep it addressable, but not as
  // a live executor (Spark would not list it).
  executor_index_.emplace(std::string(id), static_cast<uint32_t>(status_.executors.size()));
  ExecutorStatusData exec;
  exec.id = std::string(id);
  exec.host = std::string(host);
  exec.in_live_map = false;
  exec.active = false;
  status_.executors.push_back(std::move(exec));
  return static_cast<uint32_t>(status_.executors.size() - 1);
}

void StatusListener::OnExecutorAdded(const ExecutorAddedEvent& event) {
  ExecutorStatusData& exec = GetOrCreateExecutor(event.executor_id, event.time_ms);
  exec.host = event.host;
  exec.active = true;
  exec.total_cores = event.total_cores;
  int32_t cpus_per_task = default_cpus_per_task_;
  std::optional<int32_t> max_tasks;
  auto profile = status_.resource_profiles.find(event.resource_profile_id);
  if (profile != status_.resource_profiles.end()) {
    for (const auto& [name, request] : profile->second.task_resources) {
      if (name == "cpus" && request.amount >= 1) cpus_per_task = static_cast<int32_t>(request.amount);
    }
    for (const auto& [name, request] : profile->second.executor_resources) {
      if (name == "cores" && cpus_per_task > 0) max_tasks = static_cast<int32_t>(request.amount / cpus_per_task);
    }
  }
  exec.max_tasks = max_tasks ? *max_tasks : (cpus_per_task > 0 ? event.total_cores / cpus_per_task : 0);
  exec.logs = event.log_urls;
  exec.resources = event.resources;
  exec.attributes = event.attributes;
  exec.resource_profile_id = event.resource_profile_id;
  SeeTime(event.time_ms);
}

bool StatusListener::ExecutorActiveForLiveStages(const ExecutorStatusData& exec) const {
  for (const auto& [key, stage] : status_.stages) {
    if (!stage->live) continue;
    int64_t submitted = stage->info.submission_time_ms >= 0 ? stage->info.submission_time_ms : 0;
    if (submitted < exec.remove_time_ms) return true;
  }
  return false;
}

void StatusListener::OnExecutorRemoved(const ExecutorRemovedEvent& event) {
  SeeTime(event.time_ms);
  ExecutorStatusData* exec = LiveExecutor(event.executor_id);
  if (exec == nullptr) return;
  exec->in_live_map = false;
  exec->active = false;
  exec->remove_time_ms = event.time_ms;
  exec->remove_reason = event.reason;
  // Cached RDD data on the executor is gone.
  for (auto& [id, rdd] : status_.rdds) {
    auto dist = std::find_if(rdd.distributions.begin(), rdd.distributions.end(),
                             [&](const RddDistributionData& d) { return d.executor_id == event.executor_id; });
    if (dist != rdd.distributions.end()) rdd.distributions.erase(dist);
    for (auto it = rdd.partitions.begin(); it != rdd.partitions.end();) {
      auto& executors = it->executors;
      auto where = std::find(executors.begin(), executors.end(), event.executor_id);
      if (where == executors.end()) {
        ++it;
        continue;
      }
      int64_t copies = static_cast<int64_t>(executors.size());
      if (copies == 1) {
        rdd.memory_used = AddDelta(rdd.memory_used, -it->memory_used);
        rdd.disk_used = AddDelta(rdd.disk_used, -it->disk_used);
        it = rdd.partitions.erase(it);
      } else {
        rdd.memory_used = AddDelta(rdd.memory_used, -(it->memory_used / copies));
        rdd.disk_used = AddDelta(rdd.disk_used, -(it->disk_used / copies));
        it->memory_used = AddDelta(it->memory_used, -(it->memory_used / copies));
        it->disk_used = AddDelta(it->disk_used, -(it->disk_used / copies));
        executors.erase(where);
        ++it;
      }
    }
  }
}

void StatusListener::OnBlockManagerAdded(const BlockManagerEvent& event) {
  ExecutorStatusData& exec = GetOrCreateExecutor(event.executor_id, event.time_ms);
  exec.host_port = event.host + ":" + std::to_string(event.port);
  if (event.max_on_heap_memory) {
    exec.total_on_heap = *event.max_on_heap_memory;
    exec.total_off_heap = event.max_off_heap_memory.value_or(0);
    exec.used_on_heap = 0;
    exec.used_off_heap = 0;
  }
  exec.active = true;
  exec.max_memory = event.max_memory;
  SeeTime(event.time_ms);
}

void StatusListener::OnBlockManagerRemoved(const BlockManagerEvent& event) { SeeTime(event.time_ms); }

void StatusListener::SetStageExcluded(StageStatusData& stage, const std::string& executor_id) {
  stage.executor_summaries[ExecutorIndex(executor_id, {})].excluded = true;
  stage.excluded_executors.insert(executor_id);
}

void StatusListener::OnExclusion(const ExclusionEvent& event) {
  SeeTime(event.time_ms);
  if (event.target == ExclusionEvent::Target::kExecutor) {
    if (event.for_stage) {
      if (StageStatusData* stage = LiveStage(event.stage_id, event.stage_attempt_id)) {
        SetStageExcluded(*stage, event.executor_id);
      }
      if (ExecutorStatusData* exec = LiveExecutor(event.executor_id)) exec->excluded_in_stages.insert(event.stage_id);
    } else if (ExecutorStatusData* exec = LiveExecutor(event.executor_id)) {
      exec->excluded = event.excluded;
    }
    return;
  }
  if (event.for_stage) {
    if (StageStatusData* stage = LiveStage(event.stage_id, event.stage_attempt_id)) {
      for (ExecutorStatusData& exec : status_.executors) {
        if (exec.in_live_map && exec.host == event.host) SetStageExcluded(*stage, exec.id);
      }
    }
    for (ExecutorStatusData& exec : status_.executors) {
      if (exec.in_live_map && exec.Hostname() == event.host) exec.excluded_in_stages.insert(event.stage_id);
    }
    return;
  }
  for (ExecutorStatusData& exec : status_.executors) {
    if (exec.in_live_map && exec.Hostname() == event.host) exec.excluded = event.excluded;
  }
}

// --- jobs and stages ---

StageStatusData* StatusListener::LiveStage(int32_t stage_id, int32_t attempt_id) {
  auto it = status_.stages.find({stage_id, attempt_id});
  if (it == status_.stages.end() || !it->second->live) return nullptr;
  return it->second.get();
}

StageStatusData& StatusListener::GetOrCreateStage(const StageInfoEvent& info) {
  auto& slot = status_.stages[{info.stage_id, info.attempt_id}];
  if (!slot) {
    slot = std::make_unique<StageStatusData>();
  } else if (!slot->live) {
    // Spark makes a new live stage, which replaces the stored one; the task
    // records of the earlier one stay (they are stored apart in Spark too).
    TaskStore tasks = std::move(slot->tasks);
    *slot = StageStatusData();
    slot->tasks = std::move(tasks);
  }
  slot->info = info;
  return *slot;
}

void StatusListener::OnJobStart(const JobStartEvent& event) {
  JobStatusData job;
  job.job_id = event.job_id;
  // A possible over-estimate: the job references every stage it depends on,
  // some of which may be skipped.
  for (const StageInfoEvent& info : event.stage_infos) {
    if (info.completion_time_ms < 0) job.num_tasks += info.num_tasks;
  }
  const StageInfoEvent* last = nullptr;
  for (const StageInfoEvent& info : event.stage_infos) {
    if (last == nullptr || info.stage_id >= last->stage_id) last = &info;
  }
  job.name = last != nullptr ? last->name : "";
  job.description = event.properties.description;
  job.submission_time_ms = event.submission_time_ms > 0 ? event.submission_time_ms : -1;
  job.stage_ids = event.stage_ids;
  job.job_group = event.properties.job_group;
  job.job_tags = event.properties.job_tags;
  job.sql_execution_id = event.properties.sql_execution_id;
  status_.jobs[event.job_id] = std::move(job);
  for (const StageInfoEvent& info : event.stage_infos) {
    StageStatusData& stage = GetOrCreateStage(info);
    stage.job_ids.insert(event.job_id);
  }
  sql_.OnJobStart(event);
  SeeTime(event.submission_time_ms);
}

void StatusListener::OnJobEnd(const JobEndEvent& event) {
  SeeTime(event.completion_time_ms);
  sql_.OnJobEnd(event.job_id, event.succeeded);
  auto it = status_.jobs.find(event.job_id);
  if (it == status_.jobs.end() || !it->second.live) return;
  JobStatusData& job = it->second;
  job.live = false;
  // Pending stages of the job were never run: they are skipped.
  for (auto& [key, stage] : status_.stages) {
    if (!stage->live || stage->status != StageStatusKind::kPending) continue;
    if (std::find(job.stage_ids.begin(), job.stage_ids.end(), key.first) == job.stage_ids.end()) continue;
    stage->status = StageStatusKind::kSkipped;
    job.skipped_stages.insert(key.first);
    job.skipped_tasks += stage->info.num_tasks;
    job.active_stages -= 1;
    status_.pools[stage->scheduling_pool].erase(key.first);
    stage->live = false;
  }
  job.status = event.succeeded ? JobStatusKind::kSucceeded : JobStatusKind::kFailed;
  job.completion_time_ms = event.completion_time_ms > 0 ? event.completion_time_ms : -1;
}

void StatusListener::OnStageSubmitted(const StageSubmittedEvent& event) {
  StageStatusData& stage = GetOrCreateStage(event.stage);
  stage.status = StageStatusKind::kActive;
  stage.scheduling_pool = event.properties.scheduler_pool.value_or("default");
  // The live jobs that mention this stage.
  stage.job_ids.clear();
  for (auto& [id, job] : status_.jobs) {
    if (!job.live) continue;
    if (std::find(job.stage_ids.begin(), job.stage_ids.end(), event.stage.stage_id) == job.stage_ids.end()) continue;
    stage.job_ids.insert(id);
    job.completed_stages.erase(event.stage.stage_id);
    job.active_stages += 1;
  }
  stage.description = event.properties.description;
  status_.pools[stage.scheduling_pool].insert(event.stage.stage_id);
  for (const RddInfoEvent& rdd : event.stage.rdd_infos) {
    if (!rdd.storage_level.IsValid()) continue;
    auto [it, inserted] = status_.rdds.try_emplace(rdd.id);
    if (inserted) {
      it->second.info = rdd;
      it->second.storage_level = rdd.storage_level;
    }
  }
  sql_.OnStageSubmitted(event.stage);
  SeeTime(event.stage.submission_time_ms);
}

void StatusListener::OnStageCompleted(const StageInfoEvent& info) {
  SeeTime(info.completion_time_ms);
  StageStatusData* stage = LiveStage(info.stage_id, info.attempt_id);
  if (stage == nullptr) return;
  stage->info = info;
  // Old logs may lack a submission time on valid stages (SPARK-20205): only
  // here can a skipped stage be told apart.
  stage->status = info.failure_reason ? StageStatusKind::kFailed
                  : info.submission_time_ms >= 0 ? StageStatusKind::kComplete
                                                 : StageStatusKind::kSkipped;
  for (int32_t job_id : stage->job_ids) {
    auto it = status_.jobs.find(job_id);
    if (it == status_.jobs.end() || !it->second.live) continue;
    JobStatusData& job = it->second;
    switch (stage->status) {
      case StageStatusKind::kComplete: job.completed_stages.insert(info.stage_id); break;
      case StageStatusKind::kSkipped:
        job.skipped_stages.insert(info.stage_id);
        job.skipped_tasks += info.num_tasks;
        break;
      default: job.failed_stages += 1; break;
    }
    job.active_stages -= 1;
  }
  status_.pools[stage->scheduling_pool].erase(info.stage_id);
  for (const std::string& executor_id : stage->excluded_executors) {
    if (ExecutorStatusData* exec = LiveExecutor(executor_id)) exec->excluded_in_stages.erase(info.stage_id);
  }
  if (stage->active_tasks == 0) {
    stage->live = false;
    stage->tasks.Trim();
  }
}

// --- tasks ---

void StatusListener::OnTaskStart(const TaskEvent& event) {
  const TaskRecord& r = event.record;
  RunningTaskData running;
  running.stage_id = event.stage_id;
  running.stage_attempt_id = event.stage_attempt_id;
  running.record = r;
  running.record.executor = ExecutorIndex(event.executor_id, event.host);
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
    stage->locality_summary[LocalityName(r.locality)] += 1;
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
             ", shuffleId=" + std::to_string(reason.shuffle_id) + ", mapIndex=" + std::to_string(reason.map_index) +
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
    if (killed_delta > 0) stage->killed_summary[killed_key] += 1;
    stage->active_tasks_per_executor[executor] -= 1;
    ExecutorStageSummaryData& summary = stage->executor_summaries[executor];
    if (event.has_executor_metrics) {
      stage->peak.UpdatePeaks(event.executor_metrics);
      summary.peak.UpdatePeaks(event.executor_metrics);
    }
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
      if (killed_delta > 0) job.killed_summary[killed_key] += 1;
    }
    summary.task_time_ms += record.duration_ms();
    summary.succeeded_tasks += completed_delta;
    summary.failed_tasks += failed_delta;
    summary.killed_tasks += killed_delta;
    if (started && record.has_metrics) summary.metrics.Add(record);
    if (record.speculative) {
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
    StageInfoEvent info;
    info.stage_id = event.stage_id;
    info.attempt_id = event.stage_attempt_id;
    StageStatusData& created = GetOrCreateStage(info);
    created.live = false;  // never submitted: Spark has no such stage
    created.tasks_only = true;
    created.tasks.Append(record);
  } else {
    stage_it->second->tasks.Append(record);
  }

  if (ExecutorStatusData* exec = LiveExecutor(event.executor_id)) {
    exec->active_tasks -= 1;
    exec->completed_tasks += completed_delta;
    exec->failed_tasks += failed_delta;
    exec->total_duration_ms += record.duration_ms();
    if (event.has_executor_metrics) exec->peak.UpdatePeaks(event.executor_metrics);
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

// --- storage ---

void StatusListener::UpdateExecutorMemory(ExecutorStatusData& exec, const StorageLevelInfo& level,
                                          int64_t memory_delta, int64_t disk_delta) {
  if (exec.HasMemoryInfo()) {
    if (level.use_off_heap) {
      exec.used_off_heap = AddDelta(exec.used_off_heap, memory_delta);
    } else {
      exec.used_on_heap = AddDelta(exec.used_on_heap, memory_delta);
    }
  }
  exec.memory_used = AddDelta(exec.memory_used, memory_delta);
  exec.disk_used = AddDelta(exec.disk_used, disk_delta);
}

void StatusListener::OnUnpersistRdd(int32_t rdd_id) {
  auto it = status_.rdds.find(rdd_id);
  if (it == status_.rdds.end()) return;
  RddStatusData& rdd = it->second;
  for (const RddPartitionData& part : rdd.partitions) {
    for (const std::string& executor_id : part.executors) {
      if (ExecutorStatusData* exec = LiveExecutor(executor_id)) exec->rdd_blocks -= 1;
    }
  }
  for (const RddDistributionData& dist : rdd.distributions) {
    ExecutorStatusData* exec = LiveExecutor(dist.executor_id);
    if (exec == nullptr) continue;
    if (exec->HasMemoryInfo()) {
      if (rdd.storage_level.use_off_heap) {
        exec->used_off_heap = AddDelta(exec->used_off_heap, -dist.off_heap_used);
      } else {
        exec->used_on_heap = AddDelta(exec->used_on_heap, -dist.on_heap_used);
      }
    }
    exec->memory_used = AddDelta(exec->memory_used, -dist.memory_used);
    exec->disk_used = AddDelta(exec->disk_used, -dist.disk_used);
  }
  status_.rdds.erase(it);
}

void StatusListener::UpdateRddBlock(const BlockUpdatedEvent& event, int32_t rdd_id) {
  const StorageLevelInfo& level = event.storage_level;
  int64_t disk_delta = event.disk_size * (level.use_disk ? 1 : -1);
  int64_t memory_delta = event.memory_size * (level.use_memory ? 1 : -1);
  ExecutorStatusData* exec = LiveExecutor(event.executor_id);
  int32_t blocks_delta = 0;
  if (exec != nullptr) UpdateExecutorMemory(*exec, level, memory_delta, disk_delta);
  auto rdd_it = status_.rdds.find(rdd_id);
  if (rdd_it != status_.rdds.end()) {
    RddStatusData& rdd = rdd_it->second;
    auto part = std::find_if(rdd.partitions.begin(), rdd.partitions.end(),
                             [&](const RddPartitionData& p) { return p.block_name == event.block_id; });
    if (part == rdd.partitions.end()) {
      RddPartitionData fresh;
      fresh.block_name = event.block_id;
      rdd.partitions.push_back(fresh);
      part = rdd.partitions.end() - 1;
    }
    std::vector<std::string> executors = part->executors;
    if (level.IsValid()) {
      if (std::find(executors.begin(), executors.end(), event.executor_id) == executors.end()) {
        blocks_delta = 1;
        executors.push_back(event.executor_id);
      }
    } else {
      blocks_delta = -1;
      executors.erase(std::remove(executors.begin(), executors.end(), event.executor_id), executors.end());
    }
    if (!executors.empty()) {
      part->executors = executors;
      part->memory_used = AddDelta(part->memory_used, memory_delta);
      part->disk_used = AddDelta(part->disk_used, disk_delta);
      // The partition's effective level: what it actually uses.
      StorageLevelInfo effective;
      effective.use_disk = part->disk_used > 0;
      effective.use_memory = part->memory_used > 0;
      effective.use_off_heap = rdd.storage_level.use_off_heap;
      effective.deserialized = part->memory_used > 0 ? rdd.storage_level.deserialized : false;
      effective.replication = static_cast<int32_t>(executors.size());
      part->storage_level = effective.Description();
    } else {
      rdd.partitions.erase(part);
    }
    if (exec != nullptr) {
      auto dist = std::find_if(rdd.distributions.begin(), rdd.distributions.end(),
                               [&](const RddDistributionData& d) { return d.executor_id == event.executor_id; });
      if (exec->rdd_blocks + blocks_delta > 0) {
        if (dist == rdd.distributions.end()) {
          RddDistributionData fresh;
          fresh.executor_id = event.executor_id;
          rdd.distributions.push_back(fresh);
          dist = rdd.distributions.end() - 1;
        }
        dist->memory_used = AddDelta(dist->memory_used, memory_delta);
        dist->disk_used = AddDelta(dist->disk_used, disk_delta);
        if (exec->HasMemoryInfo()) {
          if (level.use_off_heap) {
            dist->off_heap_used = AddDelta(dist->off_heap_used, memory_delta);
          } else {
            dist->on_heap_used = AddDelta(dist->on_heap_used, memory_delta);
          }
        }
      } else if (dist != rdd.distributions.end()) {
        rdd.distributions.erase(dist);
      }
    }
    rdd.memory_used = AddDelta(rdd.memory_used, memory_delta);
    rdd.disk_used = AddDelta(rdd.disk_used, disk_delta);
  }
  if (exec != nullptr) exec->rdd_blocks += blocks_delta;
}

void StatusListener::OnBlockUpdated(const BlockUpdatedEvent& event) {
  const std::string& block = event.block_id;
  if (block.rfind("rdd_", 0) == 0) {
    // rdd_<rdd id>_<partition>
    size_t end = block.find('_', 4);
    if (end == std::string::npos) return;
    int32_t rdd_id = static_cast<int32_t>(std::strtol(block.c_str() + 4, nullptr, 10));
    UpdateRddBlock(event, rdd_id);
  } else if (block.rfind("broadcast_", 0) == 0) {
    if (ExecutorStatusData* exec = LiveExecutor(event.executor_id)) {
      int64_t disk_delta = event.disk_size * (event.storage_level.use_disk ? 1 : -1);
      int64_t memory_delta = event.memory_size * (event.storage_level.use_memory ? 1 : -1);
      UpdateExecutorMemory(*exec, event.storage_level, memory_delta, disk_delta);
    }
  }
}

void StatusListener::OnMiscProcessAdded(const MiscProcessEvent& event) {
  MiscProcessData process;
  process.id = event.process_id;
  process.host_port = event.host_port;
  process.total_cores = event.cores;
  process.add_time_ms = event.time_ms;
  process.log_urls = event.log_urls;
  for (MiscProcessData& existing : status_.misc_processes) {
    if (existing.id == process.id) {
      existing = process;
      return;
    }
  }
  status_.misc_processes.push_back(std::move(process));
  SeeTime(event.time_ms);
}

// --- SQL ---

void StatusListener::OnSqlExecutionStart(SqlExecutionStartEvent event) {
  SeeTime(event.time_ms);
  sql_.OnExecutionStart(std::move(event));
}

void StatusListener::OnSqlExecutionEnd(const SqlExecutionEndEvent& event) {
  SeeTime(event.time_ms);
  sql_.OnExecutionEnd(event);
}

void StatusListener::OnSqlAdaptiveUpdate(SqlAdaptiveUpdateEvent event) { sql_.OnAdaptiveUpdate(std::move(event)); }

void StatusListener::OnSqlAdaptiveMetrics(const SqlAdaptiveMetricsEvent& event) { sql_.OnAdaptiveMetrics(event); }

void StatusListener::OnSqlDriverAccumUpdates(const SqlDriverAccumUpdatesEvent& event) {
  sql_.OnDriverAccumUpdates(event);
}

void StatusListener::Finish(int64_t last_updated_ms) {
  int64_t last = last_updated_ms >= 0 ? last_updated_ms : status_.last_event_time_ms;
  if (!status_.attempt.completed) status_.attempt.last_updated_ms = last;
  // Tasks still running: Spark shows them RUNNING, timed up to the log's
  // last update. In task id order, so the result does not depend on hashing.
  std::vector<const RunningTaskData*> still_running;
  for (const auto& [task_id, running] : status_.running_tasks) still_running.push_back(&running);
  std::sort(still_running.begin(), still_running.end(),
            [](const RunningTaskData* a, const RunningTaskData* b) { return a->record.task_id < b->record.task_id; });
  for (const RunningTaskData* task : still_running) {
    const RunningTaskData& running = *task;
    TaskRecord record = running.record;
    record.running = true;
    record.has_metrics = false;
    record.finish_time_ms = last >= record.launch_time_ms ? last : record.launch_time_ms;
    auto it = status_.stages.find({running.stage_id, running.stage_attempt_id});
    if (it != status_.stages.end()) it->second->tasks.Append(record);
  }
  for (auto& [key, stage] : status_.stages) stage->tasks.Trim();
  sql_.Finish();
}

}  // namespace sparkdx
