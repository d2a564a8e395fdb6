// CriticalPath: the chain of stages that bounded a job's duration. A stage
// can start only when its parents (within the same job) have finished, so
// the job's time is that of its longest chain: for each stage, its own span
// plus the longest chain among its parents, through stages that ran.
#ifndef SPARKDX_ANALYSIS_CRITICAL_PATH_H_
#define SPARKDX_ANALYSIS_CRITICAL_PATH_H_

#include <cstdint>
#include <vector>

#include "analysis/stage_task_stats.h"
#include "status/app_status.h"

namespace sparkdx {

struct CriticalPath {
  int32_t job_id = -1;
  std::vector<int32_t> stage_ids;  // from the first stage to the last
  int64_t stage_span_ms = 0;       // sum of the chain's stage spans (first launch to last finish)
};

// One path per job that ran tasks, in job id order.
std::vector<CriticalPath> ComputeCriticalPaths(const AppStatus& status, const std::vector<StageTaskStats>& stages);

}  // namespace sparkdx

#endif  // SPARKDX_ANALYSIS_CRITICAL_PATH_H_
