#include "analysis/stage_task_stats.h"

#include <algorithm>
#include <utility>

#include "base/saturating.h"

namespace sparkdx {
namespace {

const char* const kQuantityNames[kTaskQuantityCount] = {
    "duration_ms",         "run_time_ms",           "gc_time_ms",         "scheduler_delay_ms",
    "input_bytes",         "input_records",         "shuffle_read_bytes", "shuffle_read_records",
    "shuffle_fetch_wait_ms", "shuffle_write_bytes", "output_bytes",       "memory_spilled_bytes",
    "disk_spilled_bytes",  "peak_execution_memory_bytes",
};

int32_t PeakConcurrency(std::vector<std::pair<int64_t, int>>* edges) {
  // Ends sort before starts at the same instant: a slot reused at once is
  // not two tasks at a time.
  std::sort(edges->begin(), edges->end());
  int32_t running = 0, peak = 0;
  for (const auto& edge : *edges) {
    running += edge.second;
    peak = std::max(peak, running);
  }
  return peak;
}

}  // namespace

const char* TaskQuantityName(TaskQuantity quantity) { return kQuantityNames[static_cast<int>(quantity)]; }

int64_t BoundedDurationMs(const TaskRecord& t) {
  return std::clamp<int64_t>(SatSub(t.finish_time_ms, t.launch_time_ms), 0, kMaxTaskQuantity);
}

namespace {

int64_t Bounded(int64_t value) { return std::clamp<int64_t>(value, 0, kMaxTaskQuantity); }

int64_t RawQuantity(const TaskRecord& t, TaskQuantity quantity) {
  switch (quantity) {
    case TaskQuantity::kDurationMs: return BoundedDurationMs(t);
    case TaskQuantity::kRunTimeMs: return t.metric(TaskMetric::kExecutorRunTimeMs);
    case TaskQuantity::kGcTimeMs: return t.metric(TaskMetric::kJvmGcTimeMs);
    case TaskQuantity::kSchedulerDelayMs: {
      int64_t fetch_result_ms = t.getting_result_time_ms > 0 ? Bounded(SatSub(t.finish_time_ms, t.getting_result_time_ms)) : 0;
      int64_t delay = BoundedDurationMs(t) - Bounded(t.metric(TaskMetric::kExecutorRunTimeMs)) -
                      Bounded(t.metric(TaskMetric::kExecutorDeserializeTimeMs)) -
                      Bounded(t.metric(TaskMetric::kResultSerializationTimeMs)) - fetch_result_ms;
      return delay;
    }
    case TaskQuantity::kInputBytes: return t.metric(TaskMetric::kInputBytesRead);
    case TaskQuantity::kInputRecords: return t.metric(TaskMetric::kInputRecordsRead);
    case TaskQuantity::kShuffleReadBytes:
      return SatAdd(Bounded(t.metric(TaskMetric::kShuffleRemoteBytesRead)), Bounded(t.metric(TaskMetric::kShuffleLocalBytesRead)));
    case TaskQuantity::kShuffleReadRecords: return t.metric(TaskMetric::kShuffleRecordsRead);
    case TaskQuantity::kShuffleFetchWaitMs: return t.metric(TaskMetric::kShuffleFetchWaitTimeMs);
    case TaskQuantity::kShuffleWriteBytes: return t.metric(TaskMetric::kShuffleBytesWritten);
    case TaskQuantity::kOutputBytes: return t.metric(TaskMetric::kOutputBytesWritten);
    case TaskQuantity::kMemorySpilledBytes: return t.metric(TaskMetric::kMemoryBytesSpilled);
    case TaskQuantity::kDiskSpilledBytes: return t.metric(TaskMetric::kDiskBytesSpilled);
    case TaskQuantity::kPeakExecutionMemoryBytes: return t.metric(TaskMetric::kPeakExecutionMemoryBytes);
    case TaskQuantity::kCount: break;
  }
  return 0;
}

}  // namespace

int64_t TaskQuantityValue(const TaskRecord& t, TaskQuantity quantity) { return Bounded(RawQuantity(t, quantity)); }

std::vector<StageTaskStats> ComputeStageTaskStats(const AppStatus& status) {
  std::vector<StageTaskStats> all;
  all.reserve(status.stages.size());
  // One stage at a time, so the transient columns are those of the largest
  // stage attempt only.
  std::vector<int64_t> columns[kTaskQuantityCount];
  std::vector<std::pair<int64_t, int>> edges;
  for (const auto& [key, stage] : status.stages) {
    StageTaskStats s;
    s.stage_id = key.first;
    s.attempt_id = key.second;
    s.stage = stage.get();
    for (auto& column : columns) column.clear();
    edges.clear();
    stage->tasks.ForEach([&](const TaskRecord& t) {
      if (!t.started) return;  // a TaskEnd without its TaskStart: no launch time
      int64_t duration = BoundedDurationMs(t);
      if (s.first_launch_ms < 0 || t.launch_time_ms < s.first_launch_ms) s.first_launch_ms = t.launch_time_ms;
      s.last_launch_ms = std::max(s.last_launch_ms, t.launch_time_ms);
      s.last_finish_ms = std::max(s.last_finish_ms, t.finish_time_ms);
      edges.emplace_back(t.launch_time_ms, 1);
      edges.emplace_back(t.finish_time_ms, -1);
      if (t.speculative) ++s.speculative;
      if (t.running) {
        ++s.running_at_end;
        return;
      }
      if (t.failed) {
        ++s.failed;
        s.failed_task_ms = SatAdd(s.failed_task_ms, duration);
        return;
      }
      if (t.killed) {
        ++s.killed;
        s.killed_task_ms = SatAdd(s.killed_task_ms, duration);
        return;
      }
      ++s.succeeded;
      s.succeeded_task_ms = SatAdd(s.succeeded_task_ms, duration);
      for (int q = 0; q < kTaskQuantityCount; ++q) {
        columns[q].push_back(TaskQuantityValue(t, static_cast<TaskQuantity>(q)));
      }
      if (!s.has_longest || duration > BoundedDurationMs(s.longest)) {
        s.longest = t;
        s.has_longest = true;
      }
      ExecutorInStage& on = s.by_executor[t.executor];
      ++on.tasks;
      on.duration_ms = SatAdd(on.duration_ms, duration);
      on.data_bytes = SatAdd(on.data_bytes, SatAdd(TaskQuantityValue(t, TaskQuantity::kInputBytes),
                                                   TaskQuantityValue(t, TaskQuantity::kShuffleReadBytes)));
    });
    for (int q = 0; q < kTaskQuantityCount; ++q) s.quantities[q] = MakeDistribution(&columns[q]);
    s.peak_concurrency = PeakConcurrency(&edges);
    all.push_back(std::move(s));
  }
  return all;
}

}  // namespace sparkdx
