// StatusListener: executors, block managers, exclusion.
#include "status/listener.h"

#include <algorithm>

#include "status/listener_util.h"

namespace sparkdx {

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

}  // namespace sparkdx
