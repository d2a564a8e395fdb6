// Helpers shared by the rules that read SQL plans: walking a SqlExecutionData
// plan graph (nodes and child -> parent edges, as the REST API lists them)
// and reading the final values of plan-node metrics (SqlMetricAggregate::sum,
// what the SQL tab shows as the total).
#ifndef SPARKDX_DIAGNOSIS_SQL_SUPPORT_H_
#define SPARKDX_DIAGNOSIS_SQL_SUPPORT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "analysis/app_analysis.h"
#include "diagnosis/finding.h"
#include "status/app_status.h"

namespace sparkdx {

// The entity of one SQL execution: id and description.
FindingEntity SqlEntity(const SqlExecutionData& exec);
// "SQL execution 7 (insert into sales ...)", description cut to 80 bytes.
std::string SqlLabel(const SqlExecutionData& exec);

// The node's name without surrounding blanks ("Scan parquet db.t").
std::string SqlNodeName(const SqlPlanNodeData& node);
bool SqlNodeNameStartsWith(const SqlPlanNodeData& node, std::string_view prefix);

// The final total of the node's metric called `metric_name` (its sum; for
// "timing" metrics milliseconds, "nsTiming" nanoseconds, "size" bytes), or
// nullopt when the node has no such metric or it was never aggregated.
std::optional<int64_t> SqlMetricTotal(const SqlExecutionData& exec, const SqlPlanNodeData& node,
                                      std::string_view metric_name);
// The same, as milliseconds for a "timing" (ms) or "nsTiming" (ns) metric.
std::optional<int64_t> SqlMetricMs(const SqlExecutionData& exec, const SqlPlanNodeData& node,
                                   std::string_view metric_name);

// The node with `node_id`, or null.
const SqlPlanNodeData* SqlNode(const SqlExecutionData& exec, int64_t node_id);
// The node's children (the nodes with an edge into it), left to right as
// Spark added them.
std::vector<const SqlPlanNodeData*> SqlChildren(const SqlExecutionData& exec, const SqlPlanNodeData& node);

// From `node` down, following first children through operators that do
// not change where the data comes from (Sort, Project, Filter, AQE shuffle
// reads...), the first exchange ("Exchange", "ShuffleExchange",
// "BroadcastExchange"), or null when another operator comes first.
const SqlPlanNodeData* SqlFeedingExchange(const SqlExecutionData& exec, const SqlPlanNodeData& node);

// The name of the first scan ("Scan parquet db.t", "FileScan ...") in the
// subtree under `node`, depth first, or "".
std::string SqlFirstScanBelow(const SqlExecutionData& exec, const SqlPlanNodeData& node);

// Wall clock the execution would save if `core_ms` of its task time went
// away: its duration scaled by core_ms over the task time it ran (from
// analysis.sql_breakdowns), capped at the duration; 0 when unknown.
int64_t SqlWallClockShare(const AppAnalysis& analysis, const SqlExecutionData& exec, int64_t core_ms);

// Rounds `bytes` up to a multiple of `step` (step > 0).
int64_t RoundUpBytes(int64_t bytes, int64_t step);
// Spark's size text for a config value: "1536m", "3g" (MiB units, g when whole).
std::string SparkSizeText(int64_t bytes);

}  // namespace sparkdx

#endif  // SPARKDX_DIAGNOSIS_SQL_SUPPORT_H_
