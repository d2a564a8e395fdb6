// python.udf_overhead: a SQL execution ran Python code through Python
// worker processes: rows were serialised out of the JVM, evaluated in
// Python and sent back. Row-at-a-time UDFs (BatchEvalPython: pickled rows,
// one Python call per row) are the costly kind; Arrow-based ones
// (ArrowEvalPython, MapInPandas, FlatMapGroupsInPandas...) move columnar
// batches but still leave the JVM.
//
// Fires for every execution with a row-at-a-time UDF; for Arrow-based ones
// only when their measured Python time ("time spent executing", Spark 3.4+)
// is at least 25% of the execution's task time (sparkdx's gate: ANCHORS
// §14 has no Python threshold; below a quarter, built-ins would not change
// the run much).
//
// Saving: half the measured Python time. Vectorised (pandas) UDFs are
// reported "up to 100x" faster than row UDFs by their authors; sparkdx
// assumes only 2x, as the gain depends on the function. Without the metric
// (Spark before 3.4) no saving is claimed.
#include <algorithm>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/sql_support.h"

namespace sparkdx {
namespace {

constexpr std::string_view kRowUdfNodes[] = {"BatchEvalPython"};
constexpr std::string_view kArrowUdfNodes[] = {
    "ArrowEvalPython", "FlatMapGroupsInPandas", "FlatMapCoGroupsInPandas", "MapInPandas", "PythonMapInArrow",
    "MapInArrow", "AggregateInPandas", "WindowInPandas", "FlatMapGroupsInArrow", "FlatMapCoGroupsInArrow",
    "ArrowWindowPython"};
constexpr double kArrowUdfMinTaskShare = 0.25;
constexpr double kAssumedSpeedup = 2.0;

bool StartsWithAny(const SqlPlanNodeData& node, const std::string_view* names, size_t count) {
  for (size_t i = 0; i < count; ++i) {
    if (SqlNodeNameStartsWith(node, names[i])) return true;
  }
  return false;
}

}  // namespace

void CheckPythonUdfOverhead(const AppAnalysis& analysis, RuleOutput* out) {
  const AppStatus& status = *analysis.status;
  for (const auto& [id, exec] : status.sql_executions) {
    int row_nodes = 0, arrow_nodes = 0;
    int64_t python_ms = 0, sent_bytes = 0, returned_bytes = 0, rows = 0;
    bool timed = false;
    std::vector<std::string> names;
    for (const SqlPlanNodeData& node : exec.nodes) {
      bool row = StartsWithAny(node, kRowUdfNodes, std::size(kRowUdfNodes));
      bool arrow = !row && StartsWithAny(node, kArrowUdfNodes, std::size(kArrowUdfNodes));
      if (!row && !arrow) continue;
      (row ? row_nodes : arrow_nodes) += 1;
      if (names.size() < 3) names.push_back(SqlNodeName(node));
      if (std::optional<int64_t> ms = SqlMetricMs(exec, node, "time spent executing")) {
        python_ms += *ms;
        timed = true;
      }
      sent_bytes += SqlMetricTotal(exec, node, "data sent to Python workers").value_or(0);
      returned_bytes += SqlMetricTotal(exec, node, "data returned from Python workers").value_or(0);
      rows += SqlMetricTotal(exec, node, "number of output rows").value_or(0);
    }
    if (row_nodes + arrow_nodes == 0) continue;
    int64_t task_ms = 0;
    if (auto b = analysis.sql_breakdowns.find(exec.execution_id); b != analysis.sql_breakdowns.end()) {
      task_ms = b->second.busy_slot_ms;
    }
    double python_share = SafeRatio(static_cast<double>(python_ms), static_cast<double>(task_ms));
    if (row_nodes == 0 && (!timed || python_share < kArrowUdfMinTaskShare)) continue;

    std::string listed;
    for (const std::string& name : names) listed += (listed.empty() ? "" : ", ") + name;
    Finding f;
    f.entity = SqlEntity(exec);
    f.cause = row_nodes > 0 ? "row_udf" : "arrow_udf";
    f.evidence = {Count("row_udf_nodes", row_nodes), Count("arrow_udf_nodes", arrow_nodes),
                  Ms("python_time", python_ms), Fraction("python_share_of_task_time", python_share),
                  Bytes("data_sent_to_python", sent_bytes), Bytes("data_returned_from_python", returned_bytes),
                  Count("output_rows", rows)};
    f.explanation = SqlLabel(exec) + " evaluated Python UDFs (" + listed + ")";
    if (timed) {
      f.explanation += ": " + HumanDuration(python_ms) + " in Python workers, " + HumanPercent(python_share) +
                       " of the execution's " + HumanDuration(task_ms) + " of task time";
    }
    if (sent_bytes > 0 || returned_bytes > 0) {
      f.explanation += ", sending " + HumanBytes(sent_bytes) + " to Python and getting " + HumanBytes(returned_bytes) +
                       " back";
    }
    f.explanation += row_nodes > 0 ? ". A row-at-a-time UDF pickles every row and calls Python once per row."
                                   : ". Every batch still leaves the JVM and is converted to and from Arrow.";
    if (row_nodes > 0) {
      f.recommendations.push_back({"Replace the row UDF with built-in functions (pyspark.sql.functions) where they "
                                       "can express it, else with a vectorised @pandas_udf that works on whole "
                                       "columns.",
                                   "", ""});
      if (analysis.conf.version().AtLeast(3, 5) &&
          !analysis.conf.BoolOr("spark.sql.execution.pythonUDF.arrow.enabled", false)) {
        f.recommendations.push_back({"On Spark 3.5+, have plain Python UDFs exchange rows through Arrow without "
                                         "changing their code.",
                                     "spark.sql.execution.pythonUDF.arrow.enabled", "true"});
      }
    } else {
      f.recommendations.push_back({"Express the function with built-in functions so it runs in the JVM, inside "
                                       "whole-stage code generation.",
                                   "", ""});
    }
    if (!analysis.conf.BoolOr("spark.sql.execution.arrow.pyspark.enabled", false)) {
      f.recommendations.push_back({"Also move data between Spark and pandas (toPandas, createDataFrame) through Arrow.",
                                   "spark.sql.execution.arrow.pyspark.enabled", "true"});
    }
    f.saving_core_ms = timed ? static_cast<int64_t>(static_cast<double>(python_ms) * (1.0 - 1.0 / kAssumedSpeedup)) : 0;
    f.saving_ms = SqlWallClockShare(analysis, exec, f.saving_core_ms);
    f.impact = timed ? "About " + HumanDuration(f.saving_core_ms) + " of task time and " + HumanDuration(f.saving_ms) +
                           " of the execution's wall clock: half the " + HumanDuration(python_ms) +
                           " measured in Python (a conservative 2x for vectorised or built-in code), in proportion to "
                           "the execution's task time."
                     : "Not measured: this log's Spark does not report Python UDF time (Spark 3.4+ does), so no "
                       "saving is claimed.";
    f.confidence = timed ? Confidence::kMedium : Confidence::kLow;
    out->findings.push_back(std::move(f));
  }
}

}  // namespace sparkdx
