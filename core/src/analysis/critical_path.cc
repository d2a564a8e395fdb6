#include "analysis/critical_path.h"

#include <algorithm>
#include <map>
#include <set>

#include "base/saturating.h"

namespace sparkdx {
namespace {

struct StageSpan {
  int64_t span_ms = 0;
  std::vector<int32_t> parents;
};

}  // namespace

std::vector<CriticalPath> ComputeCriticalPaths(const AppStatus& status, const std::vector<StageTaskStats>& stages) {
  // A stage's span is that of its latest attempt that ran tasks (retries
  // replace earlier attempts on the path).
  std::map<int32_t, StageSpan> spans;
  for (const StageTaskStats& s : stages) {
    if (s.first_launch_ms < 0) continue;
    StageSpan& span = spans[s.stage_id];
    span.span_ms = s.span_ms();
    span.parents = s.stage->info.parent_ids;
  }
  std::vector<CriticalPath> paths;
  for (const auto& [job_id, job] : status.jobs) {
    std::set<int32_t> in_job(job.stage_ids.begin(), job.stage_ids.end());
    // Longest chain ending at each stage, in increasing id order: Spark
    // numbers parents before children.
    std::map<int32_t, int64_t> best;
    std::map<int32_t, int32_t> via;
    for (int32_t id : in_job) {
      auto it = spans.find(id);
      if (it == spans.end()) continue;
      int64_t longest_parent = 0;
      int32_t chosen = -1;
      for (int32_t parent : it->second.parents) {
        auto b = best.find(parent);
        if (b != best.end() && b->second > longest_parent) {
          longest_parent = b->second;
          chosen = parent;
        }
      }
      best[id] = SatAdd(longest_parent, it->second.span_ms);
      via[id] = chosen;
    }
    if (best.empty()) continue;
    auto end = std::max_element(best.begin(), best.end(),
                                [](const auto& a, const auto& b) { return a.second < b.second; });
    CriticalPath path;
    path.job_id = job_id;
    path.stage_span_ms = end->second;
    for (int32_t id = end->first; id >= 0; id = via[id]) path.stage_ids.push_back(id);
    std::reverse(path.stage_ids.begin(), path.stage_ids.end());
    paths.push_back(std::move(path));
  }
  return paths;
}

}  // namespace sparkdx
