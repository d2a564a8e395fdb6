// sql.cartesian_or_nested_loop_join: a join compared every row of one side
// with every row of the other (CartesianProduct, BroadcastNestedLoopJoin):
// there was no equality condition Spark could hash or sort on. Its cost
// grows with the product of the two sides.
//
// Thresholds (ANCHORS §14.5, DataFlint's LargeCrossJoinScanAlert): more
// than 10 billion row pairs, the product of the two inputs' "number of
// output rows" (or the join's own output rows when an input's count is
// missing). Below that a nested loop over a small side is cheap and often
// intended (a range or inequality condition against a few rows).
//
// Saving: the join's own time is not a plan metric. When it ran inside a
// whole-stage-codegen cluster, that cluster's "duration" is the time of the
// pipeline around it, counted as saved (an equi-join makes it a hash or
// sort-merge join whose cost is linear, not quadratic); otherwise half of
// the execution's compute wall clock, with low confidence.
#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/sql_support.h"

namespace sparkdx {
namespace {

constexpr double kNestedLoopMinRowPairs = 1e10;
constexpr double kUnmeasuredComputeShare = 0.5;

}  // namespace

void CheckSqlCartesianOrNestedLoopJoin(const AppAnalysis& analysis, RuleOutput* out) {
  const AppStatus& status = *analysis.status;
  for (const auto& [id, exec] : status.sql_executions) {
    for (const SqlPlanNodeData& join : exec.nodes) {
      bool cartesian = SqlNodeNameStartsWith(join, "CartesianProduct");
      if (!cartesian && !SqlNodeNameStartsWith(join, "BroadcastNestedLoopJoin")) continue;
      int64_t output_rows = SqlMetricTotal(exec, join, "number of output rows").value_or(0);
      std::vector<const SqlPlanNodeData*> children = SqlChildren(exec, join);
      double pairs = 1;
      bool inputs_known = children.size() == 2;
      std::vector<int64_t> input_rows;
      for (const SqlPlanNodeData* child : children) {
        std::optional<int64_t> rows = SqlMetricTotal(exec, *child, "number of output rows");
        if (!rows) {
          inputs_known = false;
          break;
        }
        input_rows.push_back(*rows);
        pairs *= static_cast<double>(*rows);
      }
      if (!inputs_known) pairs = static_cast<double>(output_rows);
      if (pairs <= kNestedLoopMinRowPairs) continue;

      int64_t saving_ms = 0;
      std::string measured;
      if (const SqlPlanNodeData* cluster = join.cluster_id >= 0 ? SqlNode(exec, join.cluster_id) : nullptr) {
        int64_t cluster_ms = SqlMetricMs(exec, *cluster, "duration").value_or(0);
        if (cluster_ms > 0) {
          saving_ms = SqlWallClockShare(analysis, exec, cluster_ms);
          measured = "the " + SqlNodeName(*cluster) + " pipeline around the join took " + HumanDuration(cluster_ms) +
                     " of task time";
        }
      }
      auto breakdown = analysis.sql_breakdowns.find(exec.execution_id);
      if (measured.empty() && breakdown != analysis.sql_breakdowns.end()) {
        saving_ms = static_cast<int64_t>(kUnmeasuredComputeShare *
                                         static_cast<double>(breakdown->second.Of(WallClockPart::kCompute)));
      }

      Finding f;
      f.entity = SqlEntity(exec);
      f.cause = cartesian ? "cartesian_product" : "broadcast_nested_loop_join";
      f.evidence = {Count("output_rows", output_rows), {"row_pairs_compared", pairs, "count"}};
      if (input_rows.size() == 2) {
        f.evidence.push_back(Count("left_rows", input_rows[0]));
        f.evidence.push_back(Count("right_rows", input_rows[1]));
      }
      char pairs_text[32];
      std::snprintf(pairs_text, sizeof pairs_text, "%.3g", pairs);
      f.explanation = SqlLabel(exec) + " ran a " + (cartesian ? "CartesianProduct" : "BroadcastNestedLoopJoin") +
                      " (node " + std::to_string(join.node_id) + ")" +
                      (input_rows.size() == 2 ? " over " + std::to_string(input_rows[0]) + " x " +
                                                    std::to_string(input_rows[1]) + " rows"
                                              : "") +
                      ": " + pairs_text + " row pairs compared, producing " + std::to_string(output_rows) +
                      " rows. Without an equality between the two sides Spark can neither hash nor sort them, so "
                      "every row meets every other.";
      if (!join.simple_string.empty()) f.explanation += " The join was: " + Excerpt(join.simple_string, 200) + ".";
      f.recommendations.push_back({"Give the join an equality condition on a key both sides share (for range "
                                       "conditions, join on a bucket of the range first, e.g. floor(ts / 3600), then "
                                       "filter), so Spark can use a hash or sort-merge join.",
                                   "", ""});
      if (cartesian && analysis.conf.BoolOr("spark.sql.crossJoin.enabled", analysis.conf.version().AtLeast(3, 0))) {
        f.recommendations.push_back({"Make accidental cross joins fail instead of running (Spark 3 allows them by "
                                         "default); write CROSS JOIN where one is meant.",
                                     "spark.sql.crossJoin.enabled", "false"});
      }
      f.saving_ms = saving_ms;
      f.impact = measured.empty()
                     ? "About " + HumanDuration(saving_ms) + " (" + ShareOfRun(saving_ms, analysis) +
                           "), estimated as half the execution's compute wall clock: the join's own time is not "
                           "measured in the plan."
                     : "About " + HumanDuration(saving_ms) + " (" + ShareOfRun(saving_ms, analysis) + "): " + measured +
                           ", counted in proportion to the execution's task time; an equi-join's cost grows with the "
                           "inputs, not their product.";
      f.confidence = measured.empty() ? Confidence::kLow : Confidence::kMedium;
      out->findings.push_back(std::move(f));
    }
  }
}

}  // namespace sparkdx
