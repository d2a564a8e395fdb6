// Quantile summaries of a stage attempt, as Spark's AppStatusStore computes
// them: v1.TaskMetricDistributions (taskSummary, and a stage's
// taskMetricsDistributions) and v1.ExecutorMetricsDistributions (a stage's
// executorMetricsDistributions).
//
// Spark's task rule, reproduced with its quirks: the number of tasks N is
// that of successful tasks with metrics; the positions read are
// min(floor(q * N), N - 1) for each sorted quantile q; each metric is read
// from its own sorted index, which holds every task whose indexed value is
// not negative. Unsuccessful tasks are stored with their metrics negated
// (so plain metrics only list successful ones), but duration, scheduler
// delay, getting-result time and the shuffle totals also list unsuccessful
// and running tasks; a position past the end of an index reads NaN.
#ifndef SPARKDX_REPORT_REST_REST_TASK_SUMMARY_H_
#define SPARKDX_REPORT_REST_REST_TASK_SUMMARY_H_

#include <optional>
#include <vector>

#include "report/rest/rest_endpoints.h"

namespace sparkdx {

// `tasks`: the stage attempt's stored tasks (StoredTasks); `quantiles`
// sorted; `now_ms`: RestNowMs. No value when no task succeeded with metrics.
std::optional<RestJson> TaskMetricDistributionsJson(const std::vector<TaskRecord>& tasks,
                                                    const std::vector<double>& quantiles, int64_t now_ms);

// Over the stage attempt's executor summaries; no value when it has none.
// Fails (false, with `error`) on a quantile Spark cannot index (negative).
bool ExecutorMetricsDistributionsJson(const StageStatusData& stage, const std::vector<double>& quantiles,
                                      std::optional<RestJson>* out, std::string* error);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_REST_REST_TASK_SUMMARY_H_
