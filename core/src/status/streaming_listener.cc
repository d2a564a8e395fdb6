#include "status/streaming_listener.h"

#include <algorithm>

#include "base/format.h"

namespace sparkdx {
namespace {

constexpr char kTriggerExecutionPhase[] = "triggerExecution";

// The batch's duration: "batchDuration" (Spark 3.1+), else the trigger's
// execution time, which is what batchDuration measures; -1 when neither.
int64_t BatchDurationMs(const StreamingQueryProgressEvent& event) {
  if (event.batch_duration_ms >= 0) return event.batch_duration_ms;
  for (const auto& [phase, ms] : event.duration_ms) {
    if (phase == kTriggerExecutionPhase) return ms;
  }
  return -1;
}

void AddPhase(std::vector<std::pair<std::string, int64_t>>* totals, const std::string& phase, int64_t ms) {
  for (auto& [known, total] : *totals) {
    if (known == phase) {
      total += ms;
      return;
    }
  }
  totals->emplace_back(phase, ms);
}

}  // namespace

StreamingQueryRunData& StreamingListener::GetOrCreateRun(const std::string& run_id, const std::string& id) {
  auto [it, inserted] = run_index_.try_emplace(run_id, runs_->size());
  if (inserted) {
    StreamingQueryRunData& run = runs_->emplace_back();
    run.run_id = run_id;
    run.id = id;
  }
  StreamingQueryRunData& run = (*runs_)[it->second];
  if (run.id.empty()) run.id = id;
  return run;
}

void StreamingListener::OnStarted(const StreamingQueryStartedEvent& event) {
  StreamingQueryRunData& run = GetOrCreateRun(event.run_id, event.id);
  run.start_seen = true;
  if (!event.id.empty()) run.id = event.id;
  run.name = event.name;
  run.start_time_ms = event.time_ms;
}

void StreamingListener::OnProgress(const StreamingQueryProgressEvent& event) {
  StreamingQueryRunData& run = GetOrCreateRun(event.run_id, event.id);
  if (!run.start_seen && event.name) run.name = event.name;
  run.batches += 1;
  if (event.batch_id >= 0) {
    if (run.first_batch_id < 0) run.first_batch_id = event.batch_id;
    run.last_batch_id = event.batch_id;
  }
  run.last_progress_time_ms = std::max(run.last_progress_time_ms, event.time_ms);
  run.input_rows += event.num_input_rows;
  if (event.sink_output_rows >= 0) run.output_rows = std::max<int64_t>(run.output_rows, 0) + event.sink_output_rows;
  if (event.sink_description) run.sink = event.sink_description;
  int64_t duration_ms = BatchDurationMs(event);
  if (duration_ms >= 0) {
    run.batch_duration_ms_total += duration_ms;
    run.batch_duration_ms_max = std::max(run.batch_duration_ms_max, duration_ms);
    run.batch_durations.Add(duration_ms);
  }
  for (const auto& [phase, ms] : event.duration_ms) AddPhase(&run.duration_ms_by_phase, phase, ms);
  if (event.has_state) {
    run.state_memory_bytes_max = std::max(run.state_memory_bytes_max, event.state_memory_bytes);
    run.state_rows_max = std::max(run.state_rows_max, event.state_rows_total);
  }
}

void StreamingListener::OnIdle(const StreamingQueryIdleEvent& event) {
  StreamingQueryRunData& run = GetOrCreateRun(event.run_id, event.id);
  run.idle_events += 1;
  run.last_idle_time_ms = std::max(run.last_idle_time_ms, event.time_ms);
}

void StreamingListener::OnTerminated(const StreamingQueryTerminatedEvent& event, int64_t last_event_time_ms) {
  StreamingQueryRunData& run = GetOrCreateRun(event.run_id, event.id);
  run.end_time_ms =
      std::max({last_event_time_ms, run.last_progress_time_ms, run.last_idle_time_ms, run.start_time_ms});
  if (event.exception) {
    run.status = StreamingQueryStatusKind::kFailed;
    run.exception = TruncateUtf8(*event.exception, kExceptionExcerptBytes);
  } else {
    run.status = StreamingQueryStatusKind::kTerminated;
    run.exception.reset();
  }
}

}  // namespace sparkdx
