// The likely cause of one stage's change: the first row of kStageCauses
// whose test holds for the (baseline, candidate) pair. Only a pointer for
// the reader, stated in the comparison's words; the candidate's own
// findings (analyze) say more. To add a cause: a row here, in the order it
// should win, and a line in docs/compare.md.
#include "compare/comparison.h"

namespace sparkdx {
namespace {

double Ratio(int64_t candidate, int64_t baseline) {
  if (baseline <= 0) return candidate > 0 ? 1e9 : 1.0;
  return static_cast<double>(candidate) / static_cast<double>(baseline);
}

struct StageCause {
  const char* name;
  bool (*test)(const StageView& b, const StageView& c);
};

constexpr StageCause kStageCauses[] = {
    // Retries or failed attempts that the baseline did not have.
    {"failed_tasks", [](const StageView& b, const StageView& c) {
       return c.failed_tasks > b.failed_tasks && c.failed_tasks * 10 >= c.tasks;
     }},
    {"stage_retries", [](const StageView& b, const StageView& c) { return c.attempts > b.attempts; }},
    // Partitioning changed: half as many or 1.5x as many tasks.
    {"task_count", [](const StageView& b, const StageView& c) {
       double r = Ratio(c.tasks, b.tasks);
       return r >= 1.5 || r <= 0.5;
     }},
    {"more_input", [](const StageView& b, const StageView& c) {
       return Ratio(c.input_bytes + c.shuffle_read_bytes, b.input_bytes + b.shuffle_read_bytes) >= 1.5;
     }},
    {"spill", [](const StageView& b, const StageView& c) {
       return c.spill_bytes > 0 && Ratio(c.spill_bytes, b.spill_bytes) >= 2;
     }},
    // GC grew by at least a third of the task time's growth.
    {"gc", [](const StageView& b, const StageView& c) {
       int64_t gc = c.gc_time_ms - b.gc_time_ms, work = c.task_time_ms - b.task_time_ms;
       return gc > 0 && work > 0 && gc * 3 >= work;
     }},
    // The longest task grew much more than the median: one partition or host.
    {"skew", [](const StageView& b, const StageView& c) {
       return Ratio(c.task_duration_max_ms, b.task_duration_max_ms) >= 1.5 &&
              Ratio(c.task_duration_median_ms, b.task_duration_median_ms) < 1.2;
     }},
    {"slower_tasks", [](const StageView& b, const StageView& c) { return Ratio(c.task_time_ms, b.task_time_ms) >= 1.2; }},
    {"faster_tasks", [](const StageView& b, const StageView& c) { return Ratio(c.task_time_ms, b.task_time_ms) <= 0.8; }},
    // Same work, longer wall clock: fewer slots or waiting for them.
    {"scheduling", [](const StageView& b, const StageView& c) {
       double r = Ratio(c.duration_ms, b.duration_ms);
       return r >= 1.2 || r <= 0.8;
     }},
};

}  // namespace

std::string LikelyStageCause(const StageView& baseline, const StageView& candidate) {
  for (const StageCause& cause : kStageCauses) {
    if (cause.test(baseline, candidate)) return cause.name;
  }
  return "";
}

}  // namespace sparkdx
