// The report's `applications[].streaming_queries` (docs/report.md): one
// object per structured streaming query run, in order of first appearance.
#ifndef SPARKDX_REPORT_STREAMING_JSON_H_
#define SPARKDX_REPORT_STREAMING_JSON_H_

#include <nlohmann/json.hpp>

#include "status/app_status.h"

namespace sparkdx {

// An array, empty when the log has no streaming query.
nlohmann::ordered_json StreamingQueriesJson(const AppStatus& status);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_STREAMING_JSON_H_
