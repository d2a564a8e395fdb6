#include "analysis/app_window.h"

#include <algorithm>
#include <limits>

namespace sparkdx {

AppWindow ComputeAppWindow(const AppStatus& status) {
  int64_t earliest = std::numeric_limits<int64_t>::max();
  int64_t latest = std::numeric_limits<int64_t>::min();
  auto see = [&](int64_t t) {
    if (t < 0) return;
    earliest = std::min(earliest, t);
    latest = std::max(latest, t);
  };
  see(status.last_event_time_ms);
  for (const auto& [id, job] : status.jobs) {
    see(job.submission_time_ms);
    see(job.completion_time_ms);
  }
  for (const auto& [key, stage] : status.stages) {
    see(stage->info.submission_time_ms);
    see(stage->info.completion_time_ms);
    if (stage->first_launch_time_ms != INT64_MAX) see(stage->first_launch_time_ms);
  }
  for (const ExecutorStatusData& e : status.executors) {
    see(e.add_time_ms);
    see(e.remove_time_ms);
  }
  AppWindow window;
  if (earliest > latest) return window;  // a log with no times at all
  window.start_ms = status.attempt.start_time_ms >= 0 ? status.attempt.start_time_ms : earliest;
  window.end_observed = status.attempt.completed && status.attempt.end_time_ms >= 0;
  window.end_ms = window.end_observed ? status.attempt.end_time_ms : latest;
  window.end_ms = std::max(window.end_ms, window.start_ms);
  if (window.end_ms - window.start_ms > kMaxAnalysedSpanMs) window.end_ms = window.start_ms + kMaxAnalysedSpanMs;
  return window;
}

}  // namespace sparkdx
