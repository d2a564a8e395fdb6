// StatusListener: cached RDD blocks and executor storage memory.
#include "status/listener.h"

#include <algorithm>

#include "status/listener_util.h"

namespace sparkdx {

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

}  // namespace sparkdx
