// PlanBuilder: writes the nodes of a Spark 3.5 physical plan into a
// SqlSpec, with each operator's real metric set (names, types, order as
// SparkPlanInfo lists them) and its section text for the formatted
// physicalPlanDescription. Scenarios build plans bottom-up:
//
//   PlanBuilder b(&sql);
//   int scan = b.Scan("sales.orders", "hdfs:///warehouse/sales.db/orders", {"o_id", "o_cust"}, "...");
//   int top = b.Codegen(1, b.Project(b.Filter(b.ColumnarToRow(b.InputAdapter(scan)), "..."), {...}));
//   b.SetRoot(b.Exchange(top, "hashpartitioning(o_cust#2L, 400)"));
//
// Attribute ids ("o_cust#2L") are stable per column name within a plan.
#ifndef SPARKDX_SAMPLES_GEN_PLAN_BUILDER_H_
#define SPARKDX_SAMPLES_GEN_PLAN_BUILDER_H_

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "scenario.h"

namespace sparkdx::samples {

class PlanBuilder {
 public:
  explicit PlanBuilder(SqlSpec* sql, int32_t first_expression_id = 1);

  // "name#id" (a trailing "L" for names ending in _id or _sk: longs).
  std::string Attr(const std::string& name);
  // "a#1, b#2L"
  std::string Attrs(const std::vector<std::string>& names);

  // A parquet (or, with format "csv", text) table scan. Vectorized parquet
  // needs ColumnarToRow above it.
  int32_t Scan(const std::string& table, const std::string& location, const std::vector<std::string>& columns,
               const std::string& pushed_filters, const std::string& format = "parquet");
  int32_t ColumnarToRow(int32_t child, const std::vector<std::string>& columns);
  int32_t Filter(int32_t child, const std::vector<std::string>& columns, const std::string& condition);
  int32_t Project(int32_t child, const std::vector<std::string>& output, const std::vector<std::string>& input);
  int32_t HashAggregate(int32_t child, const std::vector<std::string>& keys, const std::string& functions,
                        const std::vector<std::string>& results);
  // `origin`: ENSURE_REQUIREMENTS (planned by Spark) or REPARTITION_BY_NUM
  // (the user's repartition(n), which AQE leaves alone).
  int32_t Exchange(int32_t child, const std::vector<std::string>& columns, const std::string& partitioning,
                   const std::string& origin = "ENSURE_REQUIREMENTS");
  int32_t Sort(int32_t child, const std::vector<std::string>& columns, const std::string& key);
  int32_t Window(int32_t child, const std::vector<std::string>& columns, const std::string& partition_key,
                 const std::string& order_key);
  int32_t SortMergeJoin(int32_t left, int32_t right, const std::string& left_key, const std::string& right_key);
  int32_t BroadcastExchange(int32_t child, const std::vector<std::string>& columns);
  int32_t BroadcastHashJoin(int32_t left, int32_t right, const std::string& left_key, const std::string& right_key);
  int32_t BroadcastNestedLoopJoin(int32_t left, int32_t right, const std::string& condition);
  int32_t CartesianProduct(int32_t left, int32_t right, const std::string& condition);
  // Python UDFs: BatchEvalPython (row at a time, pickled) or ArrowEvalPython
  // (pandas UDF); `udf` like "score_udf(c_id#3L, c_text#4)".
  int32_t EvalPython(int32_t child, bool arrow, const std::vector<std::string>& columns, const std::string& udf);
  int32_t WriteFiles(int32_t child, const std::vector<std::string>& columns);
  int32_t InsertInto(int32_t child, const std::string& table, const std::string& location,
                     const std::vector<std::string>& columns);
  // Wrappers of the codegen stage `id`: everything from `top` down to the
  // next InputAdapter is drawn "* name" and numbered with it.
  int32_t Codegen(int32_t id, int32_t top);
  int32_t InputAdapter(int32_t child);

  void SetRoot(int32_t node) { sql_->root = node; }

 private:
  // The "[plan_id=N]" of exchanges, increasing through the plan.
  int32_t plan_id() { return next_plan_id_++; }

  int32_t Add(PlanNode node);
  void MarkCodegen(int32_t node, int32_t id);

  SqlSpec* sql_;
  std::map<std::string, int32_t> attribute_ids_;
  int32_t next_expression_id_;
  int32_t next_plan_id_;
};

}  // namespace sparkdx::samples

#endif  // SPARKDX_SAMPLES_GEN_PLAN_BUILDER_H_
