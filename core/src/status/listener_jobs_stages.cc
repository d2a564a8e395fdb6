// StatusListener: jobs and stage attempts.
#include "status/listener.h"

#include <algorithm>

#include "status/listener_util.h"

namespace sparkdx {

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

}  // namespace sparkdx
