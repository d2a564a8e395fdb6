// The two texts Spark writes for a physical plan: the formatted
// "physicalPlanDescription" (an operator tree with numbered operators, then
// one section per operator) and the "sparkPlanInfo" JSON tree with each
// node's metrics and accumulator ids. Adaptive executions (AQE) show the
// plan in three versions over their life; a plan without AQE in one.
#ifndef SPARKDX_SAMPLES_GEN_PLAN_RENDER_H_
#define SPARKDX_SAMPLES_GEN_PLAN_RENDER_H_

#include <cstdint>
#include <string>
#include <vector>

#include "scenario.h"

namespace sparkdx::samples {

enum class PlanVersion {
  kPlain,            // no AQE: the executed plan, codegen stages included
  kAdaptiveInitial,  // AQE at SQLExecutionStart: before codegen and query stages
  kAdaptiveCurrent,  // AQE once its first query stages are planned (isFinalPlan=false)
  kAdaptiveFinal,    // AQE at the end: exchanges materialized as query stages
};

// Accumulator ids of a plan's metrics, assigned by the caller.
struct PlanIds {
  std::vector<std::vector<int64_t>> metric_ids;    // [node][metric index]
  std::vector<std::vector<int64_t>> aqe_read_ids;  // [node]: the AQEShuffleRead's 3 metrics, or empty
};

// AQEShuffleRead's metrics, in order.
inline const char* const kAqeReadMetricNames[3] = {"number of partitions", "partition data size",
                                                   "number of coalesced partitions"};
inline const char* const kAqeReadMetricTypes[3] = {"sum", "size", "sum"};

std::string PlanDescription(const SqlSpec& sql, PlanVersion version);
std::string PlanInfoJson(const SqlSpec& sql, const PlanIds& ids, PlanVersion version);

}  // namespace sparkdx::samples

#endif  // SPARKDX_SAMPLES_GEN_PLAN_RENDER_H_
