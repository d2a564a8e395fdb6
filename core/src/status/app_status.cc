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

}  // namespace sparkdx
