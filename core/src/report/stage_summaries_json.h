// Per-application sections for comparisons and timelines (docs/report.md):
// "stage_summaries" (one plain object per stage attempt that ran, with a
// structure_key that survives id shifts), "sql_summaries" (each SQL
// execution's plan-shape key) and "spark_properties" (the configuration,
// redacted as Spark redacts it).
#ifndef SPARKDX_REPORT_STAGE_SUMMARIES_JSON_H_
#define SPARKDX_REPORT_STAGE_SUMMARIES_JSON_H_

#include <nlohmann/json.hpp>

#include "analysis/app_analysis.h"

namespace sparkdx {

nlohmann::ordered_json StageSummariesJson(const AppAnalysis& analysis);
nlohmann::ordered_json SqlSummariesJson(const AppStatus& status);
// Key -> value, sorted by key; a key given twice keeps its last value.
nlohmann::ordered_json SparkPropertiesJson(const AppStatus& status);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_STAGE_SUMMARIES_JSON_H_
