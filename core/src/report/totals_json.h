// The report's `applications[].totals` (docs/report.md): application-wide
// sums over finished task attempts that no other field gives, for budgets
// (docs/budgets.md) and readers who want one number per run.
#ifndef SPARKDX_REPORT_TOTALS_JSON_H_
#define SPARKDX_REPORT_TOTALS_JSON_H_

#include <nlohmann/json.hpp>

#include "analysis/app_analysis.h"

namespace sparkdx {

// {task_attempts, failed_task_attempts, killed_task_attempts,
//  bytes_spilled_memory, bytes_spilled_disk}. Attempts are those that both
// started and ended in the log (as the diagnosis counts them); spill sums
// every such attempt, failed and killed ones included: their spill was
// still written.
nlohmann::ordered_json TotalsJson(const AppAnalysis& analysis);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_TOTALS_JSON_H_
