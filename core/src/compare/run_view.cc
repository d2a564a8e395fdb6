#include "compare/run_view.h"

#include <algorithm>

#include "base/saturating.h"
#include "report/json_read.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;
using namespace report_json;

// Report numbers are non-negative integers; anything else reads as 0 and
// every value is bounded so sums cannot overflow.
constexpr int64_t kMaxValue = int64_t{1} << 52;
int64_t Int(const Json& value) {
  return static_cast<int64_t>(std::min<uint64_t>(Count(value), static_cast<uint64_t>(kMaxValue)));
}
std::optional<int64_t> OptionalInt(const Json& value) {
  if (!value.is_number_integer() && !value.is_number_unsigned()) return std::nullopt;
  return Int(value);
}
int64_t TimeOrUnknown(const Json& value) { return value.is_number() ? Int(value) : -1; }

void AddAttempt(const Json& attempt, StageView* stage) {
  ++stage->attempts;
  stage->status = Str(At(attempt, "status"), "");
  int64_t submitted = TimeOrUnknown(At(attempt, "submitted_ms"));
  if (stage->submitted_ms < 0 || (submitted >= 0 && submitted < stage->submitted_ms)) stage->submitted_ms = submitted;
  stage->completed_ms = TimeOrUnknown(At(attempt, "completed_ms"));
  stage->duration_ms = SatAdd(stage->duration_ms, Int(At(attempt, "duration_ms")));
  stage->tasks = SatAdd(stage->tasks, Int(At(attempt, "tasks")));
  stage->failed_tasks = SatAdd(stage->failed_tasks, Int(At(attempt, "failed_tasks")));
  stage->killed_tasks = SatAdd(stage->killed_tasks, Int(At(attempt, "killed_tasks")));
  stage->task_time_ms = SatAdd(stage->task_time_ms, Int(At(attempt, "task_time_ms")));
  stage->executor_run_time_ms = SatAdd(stage->executor_run_time_ms, Int(At(attempt, "executor_run_time_ms")));
  stage->gc_time_ms = SatAdd(stage->gc_time_ms, Int(At(attempt, "gc_time_ms")));
  stage->shuffle_read_bytes = SatAdd(stage->shuffle_read_bytes, Int(At(attempt, "shuffle_read_bytes")));
  stage->shuffle_write_bytes = SatAdd(stage->shuffle_write_bytes, Int(At(attempt, "shuffle_write_bytes")));
  stage->input_bytes = SatAdd(stage->input_bytes, Int(At(attempt, "input_bytes")));
  stage->output_bytes = SatAdd(stage->output_bytes, Int(At(attempt, "output_bytes")));
  stage->spill_bytes = SatAdd(stage->spill_bytes, SatAdd(Int(At(attempt, "spill_disk_bytes")),
                                                         Int(At(attempt, "spill_memory_bytes"))));
  const Json& quantiles = At(attempt, "task_duration_ms");
  stage->task_duration_median_ms = Int(At(quantiles, "median"));
  stage->task_duration_max_ms = Int(At(quantiles, "max"));
}

std::vector<StageView> ReadStages(const Json& summaries) {
  std::map<int64_t, StageView> by_id;
  for (const Json& attempt : Items(summaries)) {
    const Json& id = At(attempt, "stage_id");
    if (!id.is_number_integer()) continue;
    int64_t stage_id = id.get<int64_t>();
    if (stage_id < 0 || stage_id > INT32_MAX) continue;
    StageView& stage = by_id[stage_id];
    if (stage.attempts == 0) {
      stage.stage_id = static_cast<int32_t>(stage_id);
      stage.name = Str(At(attempt, "name"), "");
      stage.structure_key = Str(At(attempt, "structure_key"), "");
    }
    AddAttempt(attempt, &stage);
  }
  std::vector<StageView> stages;
  for (auto& [id, stage] : by_id) {
    // A retried stage's wall clock is its whole span, waits between attempts included.
    if (stage.attempts > 1 && stage.submitted_ms >= 0 && stage.completed_ms >= stage.submitted_ms) {
      stage.duration_ms = stage.completed_ms - stage.submitted_ms;
    }
    stages.push_back(std::move(stage));
  }
  return stages;
}

}  // namespace

std::string ReadRunView(const Json& report, const std::string& label, RunView* run) {
  *run = RunView();
  run->label = label;
  if (!report.is_object() || !At(report, "schema_version").is_number()) return label + " is not a sparkdx report";
  const Json& applications = Items(At(report, "applications"));
  if (applications.size() != 1) {
    return label + " holds " + std::to_string(applications.size()) +
           " applications; a comparison needs exactly one on each side (analyse one application's log)";
  }
  const Json& app = applications[0];
  run->app_id = Str(At(app, "id"), "");
  if (At(app, "name").is_string()) run->name = At(app, "name").get<std::string>();
  run->spark_version = Str(At(app, "spark_version"), "");
  run->duration_ms = OptionalInt(At(app, "duration_ms"));
  run->completed = Flag(At(app, "completed"));
  run->jobs = Int(At(app, "jobs"));
  const Json& totals = At(app, "totals");
  run->task_attempts = Int(At(totals, "task_attempts"));
  run->failed_task_attempts = Int(At(totals, "failed_task_attempts"));
  if (At(totals, "bytes_spilled_memory").is_number()) {
    run->spill_bytes = SatAdd(Int(At(totals, "bytes_spilled_memory")), Int(At(totals, "bytes_spilled_disk")));
  }
  const Json& breakdown = At(app, "breakdown");
  run->core_time_held_ms = OptionalInt(At(breakdown, "core_time_held_ms"));
  run->core_time_busy_ms = OptionalInt(At(breakdown, "core_time_busy_ms"));
  for (const Json& part : Items(At(breakdown, "parts"))) {
    if (!At(part, "part").is_string()) continue;
    run->parts.push_back({Str(At(part, "part")), Str(At(part, "label"), ""), Int(At(part, "ms"))});
  }
  run->has_stage_summaries = At(app, "stage_summaries").is_array();
  run->stages = ReadStages(At(app, "stage_summaries"));
  const Json& properties = At(app, "spark_properties");
  run->has_spark_properties = properties.is_object();
  if (properties.is_object()) {
    for (const auto& [key, value] : properties.items()) run->spark_properties[key] = Str(value, "");
  }
  for (const Json& f : Items(At(app, "findings"))) {
    const Json& entity = At(f, "entity");
    run->findings.push_back({Str(At(f, "rule_id"), ""), Str(At(f, "severity"), ""), Str(At(entity, "kind"), ""),
                             Str(At(entity, "id"), ""), Str(At(entity, "name"), ""), Str(At(f, "explanation"), ""),
                             Int(At(At(f, "impact"), "saving_ms"))});
  }
  return "";
}

}  // namespace sparkdx
