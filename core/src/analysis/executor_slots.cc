#include "analysis/executor_slots.h"

#include <algorithm>
#include <utility>

namespace sparkdx {

ExecutorSlotsSummary ComputeExecutorSlots(const AppStatus& status, const AppWindow& window, int32_t task_cpus) {
  const size_t n = status.executors.size();
  std::vector<int64_t> first_launch(n, -1);
  std::vector<int64_t> last_finish(n, -1);
  std::vector<std::vector<std::pair<int64_t, int>>> edges(n);
  for (const auto& [key, stage] : status.stages) {
    stage->tasks.ForEach([&](const TaskRecord& t) {
      if (!t.started || t.executor >= n) return;
      int64_t& first = first_launch[t.executor];
      if (first < 0 || t.launch_time_ms < first) first = t.launch_time_ms;
      last_finish[t.executor] = std::max(last_finish[t.executor], t.finish_time_ms);
      edges[t.executor].emplace_back(t.launch_time_ms, 1);
      edges[t.executor].emplace_back(t.finish_time_ms, -1);
    });
  }
  ExecutorSlotsSummary summary;
  std::vector<std::pair<int64_t, int64_t>> alive_edges;
  for (size_t i = 0; i < n; ++i) {
    const ExecutorStatusData& e = status.executors[i];
    bool ran_tasks = first_launch[i] >= 0;
    if (e.id == "driver" && !ran_tasks) continue;
    // Most tasks at once on this executor (ends before starts at a tie).
    std::sort(edges[i].begin(), edges[i].end());
    int32_t running = 0, peak = 0;
    for (const auto& edge : edges[i]) {
      running += edge.second;
      peak = std::max(peak, running);
    }
    std::vector<std::pair<int64_t, int>>().swap(edges[i]);
    // Cores beyond any real machine are a damaged log: capped.
    constexpr int32_t kMaxCoresPerExecutor = 1 << 16;
    int32_t cores = std::clamp(e.total_cores, 0, kMaxCoresPerExecutor);
    int32_t slots = std::max(task_cpus > 0 ? cores / task_cpus : cores, peak);
    if (slots <= 0) continue;
    ExecutorSlots s;
    s.executor = static_cast<uint32_t>(i);
    int64_t start = e.add_time_ms >= 0 ? e.add_time_ms : first_launch[i];
    if (start < 0) continue;  // never added, never ran: no time to account
    if (ran_tasks) start = std::min(start, first_launch[i]);
    int64_t end = e.remove_time_ms >= 0 ? e.remove_time_ms : window.end_ms;
    if (ran_tasks) end = std::max(end, std::min(last_finish[i], window.end_ms));
    s.start_ms = std::clamp(start, window.start_ms, window.end_ms);
    s.end_ms = std::clamp(end, s.start_ms, window.end_ms);
    s.slots = slots;
    summary.slot_ms = SatAdd(summary.slot_ms, s.slot_ms());
    if (s.end_ms > s.start_ms) {
      alive_edges.emplace_back(s.start_ms, s.slots);
      alive_edges.emplace_back(s.end_ms, -s.slots);
      if (summary.first_slot_ms < 0 || s.start_ms < summary.first_slot_ms) summary.first_slot_ms = s.start_ms;
    }
    summary.executors.push_back(s);
  }
  std::sort(alive_edges.begin(), alive_edges.end());
  int64_t alive = 0, peak = 0;
  for (const auto& edge : alive_edges) {
    alive += edge.second;
    peak = std::max(peak, alive);
  }
  summary.peak_slots = static_cast<int32_t>(std::min<int64_t>(peak, INT32_MAX));
  return summary;
}

}  // namespace sparkdx
