// StatusListener: executors, block managers and exclusion (the older
// "blacklist" events included), as Spark's AppStatusListener keeps them.
#include <algorithm>

#include "status/listener.h"
#include "status/listener_util.h"

namespace sparkdx {
namespace {

constexpr std::string_view kDriverId = "driver";

}  // namespace

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
  // The new executor's summary will replace a removed one's in the store.
  if (slot->announced && slot->in_spark_store) --dead_executors_in_store_;
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
  SeeTime(event.time_ms);
  ExecutorStatusData& exec = GetOrCreateExecutor(event.executor_id, event.time_ms);
  exec.host = event.host;
  exec.active = true;
  exec.total_cores = event.total_cores;
  // CPUs per task: the executor's resource profile's, else spark.task.cpus.
  // A replayed profile never knows its cores limit (the History Server
  // does not run the cluster manager), so the slots are cores / CPUs.
  int32_t cpus_per_task = default_cpus_per_task_;
  auto profile = status_.resource_profiles.find(event.resource_profile_id);
  if (profile != status_.resource_profiles.end()) {
    for (const auto& [name, request] : profile->second.task_resources) {
      if (name == "cpus") cpus_per_task = static_cast<int32_t>(request.amount);
    }
  }
  // Spark's integer division throws on a profile asking for under one CPU
  // per task: the rest of the event is then lost.
  if (cpus_per_task == 0) return;
  exec.max_tasks = event.total_cores / cpus_per_task;
  exec.logs = event.log_urls;
  exec.resources = event.resources;
  exec.attributes = event.attributes;
  exec.resource_profile_id = event.resource_profile_id;
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
  // Spark stores the removed executor's summary, then keeps the number of
  // removed ones in check.
  exec->in_spark_store = true;
  ++dead_executors_in_store_;
  RetainDeadExecutors();
  DropExecutorBlocks(event.executor_id);
}

void StatusListener::RetainDeadExecutors() {
  // Spark counts the removed executors as the summaries its store holds
  // minus the live executors, so never more than those removed.
  if (dead_executors_in_store_ <= kSparkRetainedDeadExecutors) return;
  int64_t live = 0, stored = 0;
  std::vector<ExecutorStatusData*> dead;
  for (ExecutorStatusData& exec : status_.executors) {
    if (!exec.announced) continue;
    if (exec.in_live_map) {
      ++live;
      if (exec.WrittenToSparkStore()) ++stored;
    } else if (exec.in_spark_store) {
      ++stored;
      dead.push_back(&exec);
    }
  }
  int64_t dead_count = stored - live;
  if (stored <= kSparkRetainedDeadExecutors || dead_count <= kSparkRetainedDeadExecutors) return;
  int64_t to_drop = std::max(kSparkRetainedDeadExecutors / 10, dead_count - kSparkRetainedDeadExecutors);
  std::sort(dead.begin(), dead.end(),
            [](const ExecutorStatusData* a, const ExecutorStatusData* b) { return a->id < b->id; });
  for (ExecutorStatusData* exec : dead) {
    if (to_drop-- <= 0) break;
    exec->in_spark_store = false;
    --dead_executors_in_store_;
  }
}

void StatusListener::OnBlockManagerAdded(const BlockManagerEvent& event) {
  SeeTime(event.time_ms);
  // The driver has no ExecutorAdded: its block manager announces it.
  ExecutorStatusData& exec = GetOrCreateExecutor(event.executor_id, event.time_ms);
  exec.host_port = event.host + ":" + std::to_string(event.port);
  if (event.max_on_heap_memory) {
    exec.total_on_heap = *event.max_on_heap_memory;
    exec.total_off_heap = event.max_off_heap_memory.value_or(0);
    // A (re-)registered block manager reports all its blocks again.
    exec.used_on_heap = 0;
    exec.used_off_heap = 0;
  }
  exec.active = true;
  exec.max_memory = event.max_memory;
}

// Spark leaves everything to ExecutorRemoved.
void StatusListener::OnBlockManagerRemoved(const BlockManagerEvent& event) { SeeTime(event.time_ms); }

void StatusListener::SetStageExcluded(StageStatusData& stage, const std::string& executor_id) {
  stage.executor_summaries[ExecutorIndex(executor_id, {})].excluded = true;
  stage.excluded_executors.insert(executor_id);
}

void StatusListener::OnExclusion(const ExclusionEvent& event) {
  SeeTime(event.time_ms);
  bool for_executor = event.target == ExclusionEvent::Target::kExecutor;
  if (for_executor && event.for_stage) {
    if (StageStatusData* stage = LiveStage(event.stage_id, event.stage_attempt_id)) {
      SetStageExcluded(*stage, event.executor_id);
    }
    if (ExecutorStatusData* exec = LiveExecutor(event.executor_id)) exec->excluded_in_stages.insert(event.stage_id);
    return;
  }
  if (for_executor) {
    if (ExecutorStatusData* exec = LiveExecutor(event.executor_id)) exec->excluded = event.excluded;
    return;
  }
  // A node: every live executor on it but the driver. For a stage, Spark
  // matches the stage's executors by their ExecutorAdded host and the
  // executors' own stage lists by hostname (host, else from hostPort).
  if (event.for_stage) {
    if (StageStatusData* stage = LiveStage(event.stage_id, event.stage_attempt_id)) {
      for (const ExecutorStatusData& exec : status_.executors) {
        if (exec.in_live_map && exec.id != kDriverId && exec.host == event.host) SetStageExcluded(*stage, exec.id);
      }
    }
    for (ExecutorStatusData& exec : status_.executors) {
      if (exec.in_live_map && exec.id != kDriverId && exec.Hostname() == event.host) {
        exec.excluded_in_stages.insert(event.stage_id);
      }
    }
    return;
  }
  for (ExecutorStatusData& exec : status_.executors) {
    if (exec.in_live_map && exec.id != kDriverId && exec.Hostname() == event.host) exec.excluded = event.excluded;
  }
}

}  // namespace sparkdx
