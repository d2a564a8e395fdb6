// AppAnalysis: everything derived from one application's model that the
// diagnosis rules and the report need: its window, effective configuration,
// per-stage task statistics, executor slots, the wall-clock breakdown (for
// the application, each job and each SQL execution), no-task gaps, slot
// samples over time and each job's critical path. Computed once per log,
// after the model is complete; it borrows the AppStatus, which must outlive it.
#ifndef SPARKDX_ANALYSIS_APP_ANALYSIS_H_
#define SPARKDX_ANALYSIS_APP_ANALYSIS_H_

#include <cstdint>
#include <map>
#include <vector>

#include "analysis/app_window.h"
#include "analysis/critical_path.h"
#include "analysis/executor_slots.h"
#include "analysis/spark_conf.h"
#include "analysis/stage_task_stats.h"
#include "analysis/wall_clock_breakdown.h"
#include "status/app_status.h"

namespace sparkdx {

// No-task gaps shorter than this are scheduling noise, not driver work.
inline constexpr int64_t kReportedGapMinMs = 1000;
// Points in the slots-over-time series (enough for a chart).
inline constexpr int kSlotSampleCount = 200;

struct AppAnalysis {
  const AppStatus* status = nullptr;
  AppWindow window;
  SparkConf conf;
  std::vector<StageTaskStats> stages;  // every stage attempt, (stage, attempt) order
  ExecutorSlotsSummary slots;
  WallClockBreakdown breakdown;  // the application; with gaps and samples
  std::map<int32_t, WallClockBreakdown> job_breakdowns;
  std::map<int64_t, WallClockBreakdown> sql_breakdowns;
  std::vector<CriticalPath> critical_paths;

  // The stats of a stage attempt, or null.
  const StageTaskStats* FindStage(int32_t stage_id, int32_t attempt_id) const;
};

AppAnalysis AnalyzeApplication(const AppStatus& status);

}  // namespace sparkdx

#endif  // SPARKDX_ANALYSIS_APP_ANALYSIS_H_
