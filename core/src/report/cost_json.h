// The report's `applications[].cost` (docs/report.md, docs/cost.md): the
// run's price, what it held, the waste in money by cause with the stages
// and SQL executions it is attributed to, and executor memory right-sizing.
#ifndef SPARKDX_REPORT_COST_JSON_H_
#define SPARKDX_REPORT_COST_JSON_H_

#include <nlohmann/json.hpp>

#include "cost/run_cost.h"

namespace sparkdx {

nlohmann::ordered_json CostJson(const cost::RunCost& cost);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_COST_JSON_H_
