// StatusListener: cached RDD blocks, broadcast blocks and the storage memory
// of executors, as Spark's AppStatusListener (updateRDDBlock,
// updateBroadcastBlock, onUnpersistRDD) and its LiveRDD keep them.
#include <algorithm>
#include <cstdint>

#include "status/listener.h"
#include "status/listener_util.h"

namespace sparkdx {
namespace {

// Reads a run of decimal digits at `pos` as an int; false when there is
// none or it does not fit (Spark's toInt would throw).
bool ReadInt(const std::string& text, size_t* pos, int32_t* value) {
  size_t start = *pos;
  int64_t number = 0;
  while (*pos < text.size() && text[*pos] >= '0' && text[*pos] <= '9') {
    number = number * 10 + (text[*pos] - '0');
    if (number > INT32_MAX) return false;
    ++*pos;
  }
  *value = static_cast<int32_t>(number);
  return *pos > start;
}

// Spark's RDDBlockId: the whole name is "rdd_<rdd id>_<split index>".
bool ParseRddBlockId(const std::string& block, int32_t* rdd_id) {
  constexpr std::string_view kPrefix = "rdd_";
  if (block.compare(0, kPrefix.size(), kPrefix) != 0) return false;
  size_t pos = kPrefix.size();
  int32_t split = 0;
  if (!ReadInt(block, &pos, rdd_id) || pos >= block.size() || block[pos] != '_') return false;
  ++pos;
  return ReadInt(block, &pos, &split) && pos == block.size();
}

// Spark's BroadcastBlockId: "broadcast_<id>" plus an optional "_piece0"-like
// suffix of letters, digits and underscores.
bool IsBroadcastBlockId(const std::string& block) {
  constexpr std::string_view kPrefix = "broadcast_";
  if (block.compare(0, kPrefix.size(), kPrefix) != 0) return false;
  size_t pos = kPrefix.size();
  size_t digits_end = pos;
  while (digits_end < block.size() && block[digits_end] >= '0' && block[digits_end] <= '9') ++digits_end;
  if (digits_end == pos) return false;
  return std::all_of(block.begin() + static_cast<std::ptrdiff_t>(digits_end), block.end(), [](char c) {
    return c == '_' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  });
}

// Spark's LiveRDDPartition.update: the partition's level is what it
// actually uses, replicated on as many executors as hold it.
void SetPartition(RddPartitionData& part, const StorageLevelInfo& rdd_level, std::vector<std::string> executors,
                  int64_t memory_used, int64_t disk_used) {
  StorageLevelInfo effective;
  effective.use_disk = disk_used > 0;
  effective.use_memory = memory_used > 0;
  effective.use_off_heap = rdd_level.use_off_heap;
  effective.deserialized = memory_used > 0 ? rdd_level.deserialized : false;
  effective.replication = static_cast<int32_t>(executors.size());
  part.storage_level = effective.Description();
  part.memory_used = memory_used;
  part.disk_used = disk_used;
  part.executors = std::move(executors);
}

RddPartitionData& GetOrCreatePartition(RddStatusData& rdd, const std::string& block_name) {
  auto found = rdd.partition_index.find(block_name);
  if (found != rdd.partition_index.end()) return *found->second;
  RddPartitionData& part = rdd.partitions.emplace_back();
  part.block_name = block_name;
  SetPartition(part, rdd.storage_level, {}, 0, 0);
  rdd.partition_index.emplace(block_name, std::prev(rdd.partitions.end()));
  return part;
}

// Spark's mutable.HashMap.getOrElseUpdate: a new entry first grows the
// table when it would reach three quarters full.
RddDistributionData& GetOrCreateDistribution(RddStatusData& rdd, const std::string& executor_id) {
  auto found = rdd.distributions.find(executor_id);
  if (found != rdd.distributions.end()) return found->second;
  int64_t threshold = static_cast<int64_t>(rdd.distribution_table_size * 0.75);
  if (static_cast<int64_t>(rdd.distributions.size()) + 1 >= threshold) rdd.distribution_table_size *= 2;
  RddDistributionData& dist = rdd.distributions[executor_id];
  dist.insertion = rdd.distributions_created++;
  return dist;
}

// What Spark's LiveRDDDistribution.toApi reads from the executor when it
// renders the entry again.
void RefreshDistribution(RddDistributionData& dist, const ExecutorStatusData& exec) {
  dist.address = exec.host_port.empty() ? exec.host : exec.host_port;
  dist.memory_remaining = exec.max_memory - exec.memory_used;
  dist.has_memory_info = exec.HasMemoryInfo();
  dist.on_heap_remaining = exec.total_on_heap - exec.used_on_heap;
  dist.off_heap_remaining = exec.total_off_heap - exec.used_off_heap;
}

}  // namespace

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
  // Block counts are not floored at zero here, unlike memory and disk.
  for (const RddPartitionData& part : rdd.partitions) {
    for (const std::string& executor_id : part.executors) {
      if (ExecutorStatusData* exec = LiveExecutor(executor_id)) exec->rdd_blocks -= 1;
    }
  }
  for (const auto& [executor_id, dist] : rdd.distributions) {
    ExecutorStatusData* exec = LiveExecutor(executor_id);
    if (exec == nullptr) continue;
    if (exec->HasMemoryInfo()) {
      if (rdd.info.storage_level.use_off_heap) {
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
  // A block with a valid level adds its sizes; an invalid level (dropped
  // block) takes them away.
  const StorageLevelInfo& level = event.storage_level;
  int64_t disk_delta = event.disk_size * (level.use_disk ? 1 : -1);
  int64_t memory_delta = event.memory_size * (level.use_memory ? 1 : -1);
  ExecutorStatusData* exec = LiveExecutor(event.executor_id);
  int32_t blocks_delta = 0;
  if (exec != nullptr) UpdateExecutorMemory(*exec, level, memory_delta, disk_delta);

  auto rdd_it = status_.rdds.find(rdd_id);
  if (rdd_it != status_.rdds.end()) {
    RddStatusData& rdd = rdd_it->second;
    RddPartitionData& part = GetOrCreatePartition(rdd, event.block_id);
    std::vector<std::string> executors = part.executors;
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
      SetPartition(part, rdd.storage_level, std::move(executors), AddDelta(part.memory_used, memory_delta),
                   AddDelta(part.disk_used, disk_delta));
    } else {
      auto index = rdd.partition_index.find(event.block_id);
      rdd.partitions.erase(index->second);
      rdd.partition_index.erase(index);
    }
    if (exec != nullptr) {
      // Spark tests the executor's block count over all RDDs, not this one's.
      if (exec->rdd_blocks + blocks_delta > 0) {
        RddDistributionData& dist = GetOrCreateDistribution(rdd, event.executor_id);
        dist.memory_used = AddDelta(dist.memory_used, memory_delta);
        dist.disk_used = AddDelta(dist.disk_used, disk_delta);
        if (exec->HasMemoryInfo()) {
          if (level.use_off_heap) {
            dist.off_heap_used = AddDelta(dist.off_heap_used, memory_delta);
          } else {
            dist.on_heap_used = AddDelta(dist.on_heap_used, memory_delta);
          }
        }
      } else {
        rdd.distributions.erase(event.executor_id);
      }
      // Spark renders again every RDD's entry for this executor (so their
      // free memory is current), this one's included.
      for (auto& [other_id, other] : status_.rdds) {
        auto dist = other.distributions.find(event.executor_id);
        if (dist != other.distributions.end()) RefreshDistribution(dist->second, *exec);
      }
    }
    rdd.memory_used = AddDelta(rdd.memory_used, memory_delta);
    rdd.disk_used = AddDelta(rdd.disk_used, disk_delta);
  }
  if (exec != nullptr) exec->rdd_blocks += blocks_delta;
}

void StatusListener::DropExecutorBlocks(const std::string& executor_id) {
  // What the executor cached is gone, even without block updates saying
  // so: a block it held alone disappears; a replicated one loses this
  // executor's share (its sizes divided evenly among the holders).
  for (auto& [id, rdd] : status_.rdds) {
    rdd.distributions.erase(executor_id);
    for (auto it = rdd.partitions.begin(); it != rdd.partitions.end();) {
      std::vector<std::string>& executors = it->executors;
      if (std::find(executors.begin(), executors.end(), executor_id) == executors.end()) {
        ++it;
        continue;
      }
      int64_t holders = static_cast<int64_t>(executors.size());
      if (holders == 1) {
        rdd.memory_used = AddDelta(rdd.memory_used, -it->memory_used);
        rdd.disk_used = AddDelta(rdd.disk_used, -it->disk_used);
        rdd.partition_index.erase(it->block_name);
        it = rdd.partitions.erase(it);
        continue;
      }
      int64_t memory_share = it->memory_used / holders;
      int64_t disk_share = it->disk_used / holders;
      rdd.memory_used = AddDelta(rdd.memory_used, -memory_share);
      rdd.disk_used = AddDelta(rdd.disk_used, -disk_share);
      std::vector<std::string> remaining;
      for (const std::string& holder : executors) {
        if (holder != executor_id) remaining.push_back(holder);
      }
      SetPartition(*it, rdd.storage_level, std::move(remaining), AddDelta(it->memory_used, -memory_share),
                   AddDelta(it->disk_used, -disk_share));
      ++it;
    }
  }
}

void StatusListener::OnBlockUpdated(const BlockUpdatedEvent& event) {
  int32_t rdd_id = 0;
  if (ParseRddBlockId(event.block_id, &rdd_id)) {
    UpdateRddBlock(event, rdd_id);
  } else if (IsBroadcastBlockId(event.block_id)) {
    if (ExecutorStatusData* exec = LiveExecutor(event.executor_id)) {
      int64_t disk_delta = event.disk_size * (event.storage_level.use_disk ? 1 : -1);
      int64_t memory_delta = event.memory_size * (event.storage_level.use_memory ? 1 : -1);
      UpdateExecutorMemory(*exec, event.storage_level, memory_delta, disk_delta);
    }
  }
  // Stream blocks ("input-...") are shown nowhere sparkdx answers.
}

}  // namespace sparkdx
