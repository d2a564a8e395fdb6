// AppWindow: the span of wall-clock time an application attempt covers, the
// denominator of every "share of the run" sparkdx reports.
#ifndef SPARKDX_ANALYSIS_APP_WINDOW_H_
#define SPARKDX_ANALYSIS_APP_WINDOW_H_

#include <cstdint>

#include "status/app_status.h"

namespace sparkdx {

struct AppWindow {
  int64_t start_ms = 0;
  int64_t end_ms = 0;
  // The end is the log's last event, not an ApplicationEnd.
  bool end_observed = false;
  int64_t duration_ms() const { return end_ms - start_ms; }
};

// No analysed span is longer than this (about 35 years): a damaged log's
// absurd times are capped so every product of a duration stays in range.
inline constexpr int64_t kMaxAnalysedSpanMs = int64_t{1} << 40;

// ApplicationStart to ApplicationEnd; without them, the earliest and latest
// times the log shows (job, stage and task times included); at most
// kMaxAnalysedSpanMs long.
AppWindow ComputeAppWindow(const AppStatus& status);

}  // namespace sparkdx

#endif  // SPARKDX_ANALYSIS_APP_WINDOW_H_
