#include "diagnosis/rule_support.h"

#include <cstdio>

namespace sparkdx {

FindingEntity ApplicationEntity(const AppAnalysis& analysis) {
  const AppStatus& s = *analysis.status;
  return {EntityKind::kApplication, s.app_id.value_or(""), s.app_name};
}

FindingEntity StageEntity(const StageTaskStats& stage) {
  return {EntityKind::kStage, std::to_string(stage.stage_id) + "." + std::to_string(stage.attempt_id),
          stage.stage->info.name};
}

FindingEntity JobEntity(const JobStatusData& job) {
  return {EntityKind::kJob, std::to_string(job.job_id), job.description.value_or(job.name)};
}

FindingEntity ExecutorEntity(const ExecutorStatusData& executor) {
  return {EntityKind::kExecutor, executor.id, executor.host};
}

std::string StageLabel(const StageTaskStats& stage) {
  std::string label = "stage " + std::to_string(stage.stage_id) + "." + std::to_string(stage.attempt_id);
  if (!stage.stage->info.name.empty()) label += " (" + stage.stage->info.name + ")";
  return label;
}

std::string JobLabel(const JobStatusData& job) {
  std::string label = "job " + std::to_string(job.job_id);
  const std::string& name = job.description ? *job.description : job.name;
  if (!name.empty()) label += " (" + name + ")";
  return label;
}

bool LooksInteractive(const AppAnalysis& analysis) {
  const AppStatus& s = *analysis.status;
  for (const char* shell : {"Spark shell", "PySparkShell", "Databricks Shell", "SparkR", "sparklyr"}) {
    if (s.app_name == shell) return true;
  }
  for (const auto& [id, job] : s.jobs) {
    if (job.name.find("<console>") != std::string::npos || job.name.find("<stdin>") != std::string::npos) return true;
  }
  return false;
}

std::string ShareOfRun(int64_t ms, const AppAnalysis& analysis) {
  return HumanPercent(SafeRatio(static_cast<double>(ms), static_cast<double>(analysis.window.duration_ms()))) +
         " of the run";
}

std::string CoreHours(int64_t slot_ms) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.1f core-hours", static_cast<double>(slot_ms) / 3.6e6);
  return buffer;
}

}  // namespace sparkdx
