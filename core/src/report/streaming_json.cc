#include "report/streaming_json.h"

#include <string>

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

// -1 is the model's "unknown" for these counts and times.
Json Known(int64_t value) { return value >= 0 ? Json(value) : Json(nullptr); }

const char* StatusName(StreamingQueryStatusKind status) {
  switch (status) {
    case StreamingQueryStatusKind::kActive: return "active";
    case StreamingQueryStatusKind::kTerminated: return "terminated";
    case StreamingQueryStatusKind::kFailed: return "failed";
  }
  return "active";
}

Json RunJson(const StreamingQueryRunData& run) {
  Json phases = Json::object();
  for (const auto& [phase, total_ms] : run.duration_ms_by_phase) phases[phase] = total_ms;
  bool timed = run.batch_duration_ms_max >= 0;  // some batch reported a duration
  return Json{{"id", run.id},
              {"run_id", run.run_id},
              {"name", run.name ? Json(*run.name) : Json(nullptr)},
              {"start_seen", run.start_seen},
              {"start_ms", Known(run.start_time_ms)},
              {"end_ms", Known(run.end_time_ms)},
              {"status", StatusName(run.status)},
              {"exception", run.exception ? Json(*run.exception) : Json(nullptr)},
              {"batches", run.batches},
              {"first_batch_id", Known(run.first_batch_id)},
              {"last_batch_id", Known(run.last_batch_id)},
              {"last_progress_ms", Known(run.last_progress_time_ms)},
              {"idle_events", run.idle_events},
              {"input_rows", run.input_rows},
              {"output_rows", Known(run.output_rows)},
              {"sink", run.sink ? Json(*run.sink) : Json(nullptr)},
              {"batch_duration_ms_total", timed ? Json(run.batch_duration_ms_total) : Json(nullptr)},
              {"batch_duration_ms_median", Known(run.batch_durations.MedianMs())},
              {"batch_duration_ms_max", Known(run.batch_duration_ms_max)},
              {"duration_ms_by_phase", std::move(phases)},
              {"state_rows_max", Known(run.state_rows_max)},
              {"state_memory_bytes_max", Known(run.state_memory_bytes_max)}};
}

}  // namespace

Json StreamingQueriesJson(const AppStatus& status) {
  Json runs = Json::array();
  for (const StreamingQueryRunData& run : status.streaming_queries) runs.push_back(RunJson(run));
  return runs;
}

}  // namespace sparkdx
