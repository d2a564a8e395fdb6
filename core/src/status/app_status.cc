#include "status/app_status.h"

namespace sparkdx {

std::string ExecutorStatusData::Hostname() const {
  if (!host.empty()) return host;
  size_t colon = host_port.rfind(':');
  return colon == std::string::npos ? host_port : host_port.substr(0, colon);
}

ExecutorStatusData* AppStatus::FindExecutor(const std::string& id) {
  for (ExecutorStatusData& exec : executors) {
    if (exec.id == id) return &exec;
  }
  return nullptr;
}

const ExecutorStatusData* AppStatus::FindExecutor(const std::string& id) const {
  for (const ExecutorStatusData& exec : executors) {
    if (exec.id == id) return &exec;
  }
  return nullptr;
}

uint64_t AppStatus::task_store_bytes() const {
  uint64_t bytes = 0;
  for (const auto& [key, stage] : stages) bytes += stage->tasks.allocated_bytes();
  return bytes;
}

uint64_t AppStatus::per_task_bytes() const {
  uint64_t bytes = task_store_bytes();
  for (const std::string& message : task_messages) bytes += sizeof(std::string) + message.capacity();
  // A hash node per task with user accumulators, and each accumulator's texts.
  for (const auto& [task_id, updates] : task_accumulables) {
    bytes += 64 + updates.capacity() * sizeof(AccumulableEvent);
    for (const AccumulableEvent& update : updates) {
      bytes += update.name ? update.name->capacity() : 0;
      bytes += update.update ? update.update->capacity() : 0;
      bytes += update.value ? update.value->capacity() : 0;
    }
  }
  for (const auto& [key, stage] : stages) bytes += stage->completed_indices.allocated_bytes();
  for (const auto& [job_id, job] : jobs) {
    for (const auto& [stage_id, indices] : job.completed_indices) bytes += indices.allocated_bytes();
  }
  return bytes;
}

}  // namespace sparkdx
