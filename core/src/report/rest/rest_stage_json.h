// A stage attempt as Spark's History Server shows it (v1.StageData, built
// by AppStatusStore.newStageData): counters, metric totals, and on request
// its tasks, executor summaries, speculation summary and quantile
// summaries.
#ifndef SPARKDX_REPORT_REST_REST_STAGE_JSON_H_
#define SPARKDX_REPORT_REST_REST_STAGE_JSON_H_

#include <string>
#include <vector>

#include "report/rest/rest_endpoints.h"

namespace sparkdx {

// Spark's v1.StageStatus names: ACTIVE, COMPLETE, FAILED, PENDING, SKIPPED.
const char* StageStatusName(StageStatusKind status);

struct StageJsonOptions {
  bool details = false;                     // tasks, executorSummary, speculationSummary
  std::vector<std::string> task_statuses;   // with details: only tasks of these statuses (empty: all)
  bool with_summaries = false;              // taskMetricsDistributions, executorMetricsDistributions
  std::vector<double> quantiles;            // sorted, for the summaries
};

// False (with `error`) only when a summary cannot be computed for the
// quantiles asked.
bool StageJson(const AppStatus& app, const StageStatusData& stage, const StageJsonOptions& options, RestJson* out,
               std::string* error);

// Spark's ExecutorMetrics JSON: every metric by name, in Spark's order.
RestJson ExecutorMetricsJson(const ExecutorMetrics& metrics);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_REST_REST_STAGE_JSON_H_
