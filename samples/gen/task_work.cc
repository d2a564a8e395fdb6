// Task work: the metrics a task attempt reports, derived from its stage's
// medians, its own share of the data and how far it got.
#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "sim_state.h"

namespace sparkdx::samples::internal {

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "gen_samples: %s\n", message.c_str());
  std::abort();
}

TaskMetricValues TaskMetrics(SimState* s, const StageSpec& stage, int64_t run_ms, int64_t deserialize_ms,
                             int32_t data_permille, int32_t progress_permille, int32_t parent_map_tasks,
                             int32_t live_executors) {
  Rng& rng = s->rng;
  // A quantity of the stage's median task, scaled to this task's data and progress.
  auto part = [&](int64_t median) {
    return Rng::Scale(Rng::Scale(median, data_permille, 1000), progress_permille, 1000);
  };
  const bool finished = progress_permille >= 1000;
  TaskMetricValues m;
  m.deserialize_ms = deserialize_ms;
  m.deserialize_cpu_ns = deserialize_ms * rng.Range(550000, 800000);
  m.run_ms = run_ms;
  m.cpu_ns = Rng::Scale(run_ms * 1000 * stage.cpu_permille, rng.Range(970, 1000), 1000);
  m.gc_ms = Rng::Scale(run_ms * stage.gc_permille / 1000, rng.Range(900, 1100), 1000);
  m.result_bytes = finished ? rng.Jitter(stage.result_bytes, 80) : 0;
  m.result_serialization_ms = finished ? rng.Range(0, 2) : 0;
  m.input_bytes = part(stage.input_bytes);
  m.input_records = part(stage.input_records);
  int64_t read = part(stage.shuffle_read_bytes);
  if (read > 0) {
    int64_t executors = std::max(1, live_executors);
    int64_t blocks = Rng::Scale(parent_map_tasks, progress_permille, 1000);
    m.remote_blocks = blocks * (executors - 1) / executors;
    m.local_blocks = blocks - m.remote_blocks;
    m.remote_bytes = read / executors * (executors - 1);
    m.local_bytes = read - m.remote_bytes;
    m.shuffle_read_records = part(stage.shuffle_read_records);
    m.fetch_wait_ms = run_ms * stage.fetch_wait_permille / 1000;
    m.remote_requests_ms = m.fetch_wait_ms * 3 / 2 + m.remote_blocks / 20;
  }
  m.shuffle_write_bytes = part(stage.shuffle_write_bytes);
  m.shuffle_write_records = part(stage.shuffle_write_records);
  if (m.shuffle_write_bytes > 0) m.shuffle_write_time_ns = m.shuffle_write_bytes * 2 + rng.Range(900000, 2500000);
  m.output_bytes = part(stage.output_bytes);
  m.output_records = part(stage.output_records);
  m.memory_spill_bytes = part(stage.memory_spill_bytes);
  m.disk_spill_bytes = part(stage.disk_spill_bytes);
  // Execution memory grows with the data until the operators spill.
  m.peak_execution_bytes = Rng::Scale(stage.peak_execution_bytes, std::min<int32_t>(data_permille, 4000), 1000);
  return m;
}

int64_t SqlQuantity(const SqlTaskUpdate& update, const TaskMetricValues& m) {
  int64_t v = 0;
  switch (update.quantity) {
    case Quantity::kInputRecords:
      v = m.input_records;
      break;
    case Quantity::kInputBytes:
      v = m.input_bytes;
      break;
    case Quantity::kShuffleReadRecords:
      v = m.shuffle_read_records;
      break;
    case Quantity::kShuffleReadBytes:
      v = m.remote_bytes + m.local_bytes;
      break;
    case Quantity::kShuffleRemoteBytes:
      v = m.remote_bytes;
      break;
    case Quantity::kShuffleLocalBytes:
      v = m.local_bytes;
      break;
    case Quantity::kShuffleRemoteBlocks:
      v = m.remote_blocks;
      break;
    case Quantity::kShuffleLocalBlocks:
      v = m.local_blocks;
      break;
    case Quantity::kFetchWaitMs:
      v = m.fetch_wait_ms;
      break;
    case Quantity::kShuffleWriteRecords:
      v = m.shuffle_write_records;
      break;
    case Quantity::kShuffleWriteBytes:
      v = m.shuffle_write_bytes;
      break;
    case Quantity::kShuffleWriteTimeNs:
      v = m.shuffle_write_time_ns;
      break;
    case Quantity::kOutputRecords:
      v = m.output_records;
      break;
    case Quantity::kOutputBytes:
      v = m.output_bytes;
      break;
    case Quantity::kRunMs:
      v = m.run_ms;
      break;
    case Quantity::kMemorySpillBytes:
      v = m.memory_spill_bytes;
      break;
    case Quantity::kPeakExecutionBytes:
      v = m.peak_execution_bytes;
      break;
    case Quantity::kRemoteRequestsMs:
      v = m.remote_requests_ms;
      break;
    case Quantity::kFixed:
      return update.value;
  }
  return Rng::Scale(v, update.scale_ppm, 1000000);
}

int64_t SqlMetricId(const SimState& s, int32_t sql, int32_t node, const std::string& metric) {
  const SqlSpec& spec = s.scenario.sql[static_cast<size_t>(sql)];
  const PlanNode& n = spec.nodes[static_cast<size_t>(node)];
  for (size_t i = 0; i < n.metrics.size(); ++i) {
    if (n.metrics[i].name == metric) {
      return s.sql[static_cast<size_t>(sql)].ids.metric_ids[static_cast<size_t>(node)][i];
    }
  }
  Fail(s.scenario.name + ": node " + n.name + " has no metric \"" + metric + "\"");
}

}  // namespace sparkdx::samples::internal
