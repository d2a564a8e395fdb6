// Executors: registration, removal and the memory peaks they report.
#include <algorithm>
#include <cstdio>

#include "sim_state.h"
#include "spark_text.h"

namespace sparkdx::samples::internal {
namespace {

constexpr int64_t kMiB = int64_t{1} << 20;

// container_<cluster timestamp>_<application number>_01_<container number>
std::string ContainerId(const std::string& app_id, int32_t number) {
  std::string app_part = app_id.rfind("application_", 0) == 0 ? app_id.substr(12) : "1717999200000_0001";
  char buf[16];
  std::snprintf(buf, sizeof(buf), "%06d", number);
  return "container_" + app_part + "_01_" + buf;
}

// What the block manager can use for storage and execution: Spark's
// (heap - 300 MB reserved) * spark.memory.fraction (0.6), the heap being a
// little less than -Xmx as Runtime.maxMemory reports it.
int64_t UnifiedMemoryBytes(int64_t memory_mb) { return (memory_mb * kMiB * 97 / 100 - 300 * kMiB) * 6 / 10; }

void SetGcCounters(int64_t gc_total_ms, ExecutorMetricValues* m) {
  // Young collections are most of the time, each a few tens of ms; mixed
  // and full collections the rest, a few hundred ms each.
  m->minor_gc_ms = gc_total_ms * 85 / 100;
  m->major_gc_ms = gc_total_ms - m->minor_gc_ms;
  m->minor_gc_count = m->minor_gc_ms / 18;
  m->major_gc_count = m->major_gc_ms / 350;
}

}  // namespace

void ScheduleExecutor(SimState* s, int64_t time_ms, const std::string& host) {
  PendingExecutor p{time_ms, host};
  auto at = std::upper_bound(s->pending.begin(), s->pending.end(), p,
                             [](const PendingExecutor& a, const PendingExecutor& b) { return a.time_ms < b.time_ms; });
  s->pending.insert(at, p);
}

void AddExecutorsUntil(SimState* s, int64_t time_ms, std::vector<int32_t>* added) {
  const ClusterSpec& cluster = s->scenario.cluster;
  while (!s->pending.empty() && s->pending.front().time_ms <= time_ms) {
    PendingExecutor p = s->pending.front();
    s->pending.erase(s->pending.begin());
    ExecutorState e;
    e.id = std::to_string(s->next_executor_number++);
    e.host = p.host;
    e.cores = cluster.cores;
    e.port = static_cast<int32_t>(s->rng.Range(32768, 60999));
    e.container_id = ContainerId(s->scenario.app.id, s->next_container++);
    e.added_ms = p.time_ms;
    e.jitter_permille = static_cast<int32_t>(s->rng.Range(0, 25));
    int64_t request_ms = p.time_ms - s->rng.Range(1800, 4200);
    s->Emit(p.time_ms,
            ExecutorAddedEvent(p.time_ms, e.id, e.host, e.cores, e.container_id, s->scenario.app.user, request_ms));
    int64_t bm_ms = p.time_ms + s->rng.Range(25, 90);
    s->Emit(bm_ms, BlockManagerAddedEvent(bm_ms, e.id, e.host, e.port, UnifiedMemoryBytes(cluster.memory_mb)));
    if (s->Written(p.time_ms)) ++s->summary.executors;
    s->executors.push_back(std::move(e));
    if (added != nullptr) added->push_back(static_cast<int32_t>(s->executors.size()) - 1);
  }
}

void RemoveExecutor(SimState* s, int32_t index, int64_t time_ms, const std::string& reason) {
  ExecutorState& e = s->executors[static_cast<size_t>(index)];
  e.alive = false;
  e.dying = false;
  s->Emit(time_ms, ExecutorRemovedEvent(time_ms, e.id, reason));
  int64_t bm_ms = time_ms + s->rng.Range(2, 40);
  s->Emit(bm_ms, BlockManagerRemovedEvent(bm_ms, e.id, e.host, e.port));
}

std::string NewHost(SimState* s) { return HostName(61 + s->next_new_host++); }

ExecutorMetricValues ExecutorPeak(const SimState& s, const ExecutorState& e, const StageSpec& stage) {
  const ClusterSpec& cluster = s.scenario.cluster;
  int64_t memory = cluster.memory_mb * kMiB;
  int64_t permille = stage.heap_permille > 0 ? stage.heap_permille : cluster.heap_permille;
  // An executor without work in the stage holds only its baseline.
  if (!e.ran_in_stage) permille = std::min<int64_t>(permille, 180);
  ExecutorMetricValues m;
  m.jvm_heap_bytes = memory * permille / 1000 * (975 + e.jitter_permille) / 1000;
  m.jvm_off_heap_bytes = 182 * kMiB + e.jitter_permille * kMiB;
  if (e.ran_in_stage) {
    m.on_heap_execution_bytes =
        std::min(stage.peak_execution_bytes * e.cores, UnifiedMemoryBytes(cluster.memory_mb) * 9 / 10);
  }
  m.on_heap_storage_bytes = 21 * kMiB + e.jitter_permille * 311 * 1024 + stage.storage_bytes;
  m.direct_pool_bytes = 37 * kMiB + e.jitter_permille * kMiB;
  m.process_tree_jvm_rss_bytes = m.jvm_heap_bytes * 104 / 100 + m.jvm_off_heap_bytes + m.direct_pool_bytes + 160 * kMiB;
  m.process_tree_jvm_vmem_bytes = m.process_tree_jvm_rss_bytes + 3300 * kMiB;
  if (cluster.python_rss_bytes > 0 && e.ran_in_stage) {
    m.process_tree_python_rss_bytes = cluster.python_rss_bytes * e.cores;
    m.process_tree_python_vmem_bytes = m.process_tree_python_rss_bytes + 900 * kMiB * e.cores;
  }
  SetGcCounters(e.gc_total_ms, &m);
  return m;
}

ExecutorMetricValues DriverPeak(const SimState& s) {
  int64_t memory = s.scenario.cluster.driver_memory_mb * kMiB;
  ExecutorMetricValues m;
  m.jvm_heap_bytes = memory * 36 / 100;
  m.jvm_off_heap_bytes = 231 * kMiB;
  m.on_heap_storage_bytes = 48 * kMiB;
  m.direct_pool_bytes = 12 * kMiB;
  m.process_tree_jvm_rss_bytes = m.jvm_heap_bytes * 12 / 10 + m.jvm_off_heap_bytes + 140 * kMiB;
  m.process_tree_jvm_vmem_bytes = m.process_tree_jvm_rss_bytes + 4100 * kMiB;
  SetGcCounters((s.now_ms - s.scenario.app.start_ms) / 400, &m);
  return m;
}

}  // namespace sparkdx::samples::internal
