#include "report/stage_summaries_json.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <string>

#include "base/saturating.h"
#include "compare/stage_structure.h"
#include "report/rest/rest_stage_json.h"
#include "report/rest/spark_redaction.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

Json OptionalTime(int64_t time_ms) { return time_ms >= 0 ? Json(time_ms) : Json(nullptr); }

// A sum of task metrics as the report shows it: never negative.
int64_t Metric(const StageStatusData& stage, TaskMetric metric) { return std::max<int64_t>(0, stage.metrics[metric]); }

bool Ran(const StageStatusData& stage) {
  return !stage.tasks_only && (stage.status == StageStatusKind::kActive ||
                               stage.status == StageStatusKind::kComplete ||
                               stage.status == StageStatusKind::kFailed);
}

std::string LowerStatus(StageStatusKind status) {
  std::string name = StageStatusName(status);
  for (char& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return name;
}

Json SqlExecutionOf(const AppStatus& status, const StageStatusData& stage) {
  for (int32_t job_id : stage.job_ids) {
    auto job = status.jobs.find(job_id);
    if (job != status.jobs.end() && job->second.sql_execution_id) return *job->second.sql_execution_id;
  }
  return nullptr;
}

Json Quantiles(const Distribution& d) {
  if (d.count == 0) return nullptr;
  return Json{{"min", d.min}, {"p25", d.p25}, {"median", d.median}, {"p75", d.p75}, {"max", d.max}};
}

}  // namespace

Json StageSummariesJson(const AppAnalysis& analysis) {
  const AppStatus& status = *analysis.status;
  std::map<int32_t, std::string> keys = StageStructureKeys(status);
  Json stages = Json::array();
  for (const StageTaskStats& s : analysis.stages) {  // (stage, attempt) order
    if (s.stage == nullptr || !Ran(*s.stage)) continue;
    const StageStatusData& stage = *s.stage;
    const StageInfoEvent& info = stage.info;
    int64_t submitted = info.submission_time_ms, completed = info.completion_time_ms;
    Json duration = submitted >= 0 && completed >= submitted ? Json(completed - submitted) : Json(nullptr);
    std::vector<int32_t> parents = info.parent_ids;
    std::sort(parents.begin(), parents.end());
    stages.push_back(
        {{"stage_id", s.stage_id},
         {"attempt_id", s.attempt_id},
         {"name", info.name},
         {"structure_key", keys[s.stage_id]},
         {"job_ids", stage.job_ids},
         {"sql_execution_id", SqlExecutionOf(status, stage)},
         {"status", LowerStatus(stage.status)},
         {"submitted_ms", OptionalTime(submitted)},
         {"completed_ms", OptionalTime(completed)},
         {"duration_ms", std::move(duration)},
         {"tasks", int64_t{s.succeeded} + s.failed + s.killed},
         {"failed_tasks", s.failed},
         {"killed_tasks", s.killed},
         {"task_time_ms", SatAdd(SatAdd(s.succeeded_task_ms, s.failed_task_ms), s.killed_task_ms)},
         {"executor_run_time_ms", Metric(stage, TaskMetric::kExecutorRunTimeMs)},
         {"gc_time_ms", Metric(stage, TaskMetric::kJvmGcTimeMs)},
         {"shuffle_read_bytes", SatAdd(Metric(stage, TaskMetric::kShuffleRemoteBytesRead),
                                       Metric(stage, TaskMetric::kShuffleLocalBytesRead))},
         {"shuffle_write_bytes", Metric(stage, TaskMetric::kShuffleBytesWritten)},
         {"input_bytes", Metric(stage, TaskMetric::kInputBytesRead)},
         {"output_bytes", Metric(stage, TaskMetric::kOutputBytesWritten)},
         {"spill_disk_bytes", Metric(stage, TaskMetric::kDiskBytesSpilled)},
         {"spill_memory_bytes", Metric(stage, TaskMetric::kMemoryBytesSpilled)},
         {"task_duration_ms", Quantiles(s.Of(TaskQuantity::kDurationMs))},
         {"parent_stage_ids", std::move(parents)}});
  }
  return stages;
}

Json SqlSummariesJson(const AppStatus& status) {
  Json executions = Json::array();
  for (const auto& [id, execution] : status.sql_executions) {
    int64_t start = execution.submission_time_ms, end = execution.completion_time_ms;
    std::string shape = SqlPlanShapeKey(execution);
    executions.push_back({{"execution_id", id},
                          {"plan_shape_key", shape.empty() ? Json(nullptr) : Json(shape)},
                          {"duration_ms", start >= 0 && end >= start ? Json(end - start) : Json(nullptr)}});
  }
  return executions;
}

Json SparkPropertiesJson(const AppStatus& status) {
  std::map<std::string, std::string> sorted;  // a repeated key keeps its last value
  for (const auto& [key, value] : status.environment.spark_properties) sorted[key] = value;
  Json properties = Json::object();
  for (const auto& [key, value] : sorted) properties[key] = SparkRedactedValue(key, value);
  return properties;
}

}  // namespace sparkdx
