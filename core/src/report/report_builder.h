// Builds the versioned JSON report (docs/report.md) from the analysis state.
// This directory is the only place that builds JSON; renderers read the JSON
// document, never the model, so every shell shows the same report.
#ifndef SPARKDX_REPORT_REPORT_BUILDER_H_
#define SPARKDX_REPORT_REPORT_BUILDER_H_

#include <deque>
#include <string>
#include <vector>

#include "analyzer/log_state.h"
#include "input/file_pipeline.h"
#include "issues/issue_log.h"
#include "sparkdx/options.h"

namespace sparkdx {

struct ReportData {
  const std::deque<InputRecord>* inputs = nullptr;
  std::vector<const LogState*> logs;
  const IssueLog* issues = nullptr;
  const AnalyzerOptions* options = nullptr;  // null: defaults
};

// Compact JSON text.
std::string BuildReportJson(const ReportData& data);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_REPORT_BUILDER_H_
