#include "analysis/app_analysis.h"

#include <algorithm>
#include <set>

namespace sparkdx {

const StageTaskStats* AppAnalysis::FindStage(int32_t stage_id, int32_t attempt_id) const {
  auto it = std::lower_bound(stages.begin(), stages.end(), std::make_pair(stage_id, attempt_id),
                             [](const StageTaskStats& s, const std::pair<int32_t, int32_t>& key) {
                               return std::make_pair(s.stage_id, s.attempt_id) < key;
                             });
  return it != stages.end() && it->stage_id == stage_id && it->attempt_id == attempt_id ? &*it : nullptr;
}

AppAnalysis AnalyzeApplication(const AppStatus& status) {
  AppAnalysis a{&status, ComputeAppWindow(status),
                SparkConf(status.environment, ParseSparkVersion(status.spark_version)), {}, {}, {}, {}, {}, {}};
  a.stages = ComputeStageTaskStats(status);
  a.slots = ComputeExecutorSlots(status, a.window, a.conf.task_cpus());

  BreakdownScope app_scope;
  app_scope.start_ms = a.window.start_ms;
  app_scope.end_ms = a.window.end_ms;
  app_scope.gap_min_ms = kReportedGapMinMs;
  app_scope.sample_count = kSlotSampleCount;
  a.breakdown = ComputeBreakdown(status, a.stages, a.slots, app_scope);

  auto scoped = [&](int64_t start_ms, int64_t end_ms, std::set<int32_t> stage_ids) {
    BreakdownScope scope;
    scope.start_ms = std::max(start_ms, a.window.start_ms);
    scope.end_ms = std::min(end_ms >= 0 ? end_ms : a.window.end_ms, a.window.end_ms);
    scope.always_active = true;
    scope.includes = [ids = std::move(stage_ids)](const StageTaskStats& s) { return ids.count(s.stage_id) > 0; };
    return ComputeBreakdown(status, a.stages, a.slots, scope);
  };
  for (const auto& [id, job] : status.jobs) {
    if (job.submission_time_ms < 0) continue;
    a.job_breakdowns[id] = scoped(job.submission_time_ms, job.completion_time_ms,
                                  std::set<int32_t>(job.stage_ids.begin(), job.stage_ids.end()));
  }
  for (const auto& [id, sql] : status.sql_executions) {
    if (sql.submission_time_ms < 0) continue;
    std::set<int32_t> stage_ids;
    for (const auto& [job_id, kind] : sql.jobs) {
      auto job = status.jobs.find(job_id);
      if (job != status.jobs.end()) stage_ids.insert(job->second.stage_ids.begin(), job->second.stage_ids.end());
    }
    a.sql_breakdowns[id] = scoped(sql.submission_time_ms, sql.completion_time_ms, std::move(stage_ids));
  }
  a.critical_paths = ComputeCriticalPaths(status, a.stages);
  return a;
}

}  // namespace sparkdx
