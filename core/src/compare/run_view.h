// RunView: one side of a comparison, read from a report's application
// through the tolerant accessors of report/json_read.h (a missing key or a
// wrong type reads as absent, never throws). Stage attempts are folded into
// one StageView per stage id: a retried stage is compared by the sum of its
// attempts (their tasks, task time and bytes all cost the run), and its
// duration spans the first attempt's submission to the last one's completion.
#ifndef SPARKDX_COMPARE_RUN_VIEW_H_
#define SPARKDX_COMPARE_RUN_VIEW_H_

#include <nlohmann/json.hpp>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

namespace sparkdx {

struct StageView {
  int32_t stage_id = -1;
  std::string name;
  std::string structure_key;
  int32_t attempts = 0;
  std::string status;            // of the last attempt
  int64_t submitted_ms = -1;     // first attempt
  int64_t completed_ms = -1;     // last attempt; -1 while running
  int64_t duration_ms = 0;       // completed - submitted, or the attempts' own durations
  int64_t tasks = 0;
  int64_t failed_tasks = 0;
  int64_t killed_tasks = 0;
  int64_t task_time_ms = 0;
  int64_t executor_run_time_ms = 0;
  int64_t gc_time_ms = 0;
  int64_t shuffle_read_bytes = 0;
  int64_t shuffle_write_bytes = 0;
  int64_t input_bytes = 0;
  int64_t output_bytes = 0;
  int64_t spill_bytes = 0;       // memory + disk
  int64_t task_duration_median_ms = 0;  // of the last attempt's successful tasks
  int64_t task_duration_max_ms = 0;
};

struct PartView {
  std::string part;   // e.g. "skew_tail"
  std::string label;
  int64_t ms = 0;
};

struct FindingView {
  std::string rule_id;
  std::string severity;
  std::string entity_kind;
  std::string entity_id;
  std::string entity_name;
  std::string explanation;
  int64_t saving_ms = 0;
};

struct RunView {
  std::string label;  // how messages name the input
  std::string app_id;
  std::optional<std::string> name;
  std::string spark_version;
  std::optional<int64_t> duration_ms;
  bool completed = false;
  std::optional<int64_t> core_time_held_ms;
  std::optional<int64_t> core_time_busy_ms;
  int64_t jobs = 0;
  int64_t task_attempts = 0;
  int64_t failed_task_attempts = 0;
  std::optional<int64_t> spill_bytes;  // totals: memory + disk
  std::vector<PartView> parts;         // breakdown.parts, in report order
  bool has_stage_summaries = false;
  std::vector<StageView> stages;       // by stage id
  bool has_spark_properties = false;
  std::map<std::string, std::string> spark_properties;
  std::vector<FindingView> findings;
};

// Reads the only application of `report`. Returns "" on success, else why
// the report cannot be one side of a comparison (naming `label`).
std::string ReadRunView(const nlohmann::ordered_json& report, const std::string& label, RunView* run);

}  // namespace sparkdx

#endif  // SPARKDX_COMPARE_RUN_VIEW_H_
