#include "plan_builder.h"

#include <utility>

namespace sparkdx::samples {
namespace {

std::string Count(const std::vector<std::string>& items) { return "[" + std::to_string(items.size()) + "]"; }

std::string Join(const std::vector<std::string>& items, const char* separator) {
  std::string s;
  for (size_t i = 0; i < items.size(); ++i) {
    if (i > 0) s += separator;
    s += items[i];
  }
  return s;
}

bool EndsWith(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Spark 3.5 metric sets, in the order SparkPlanInfo lists them.
std::vector<PlanMetric> ScanMetrics(bool columnar) {
  std::vector<PlanMetric> m = {{"number of files read", "sum"}};
  if (columnar) m.push_back({"scan time", "timing"});
  m.push_back({"metadata time", "timing"});
  m.push_back({"size of files read", "size"});
  m.push_back({"number of output rows", "sum"});
  return m;
}

std::vector<PlanMetric> ExchangeMetrics() {
  return {{"shuffle records written", "sum"},
          {"local merged chunks fetched", "sum"},
          {"shuffle write time", "nsTiming"},
          {"remote merged bytes read", "size"},
          {"local merged blocks fetched", "sum"},
          {"corrupt merged block chunks", "sum"},
          {"remote merged reqs duration", "timing"},
          {"remote merged blocks fetched", "sum"},
          {"records read", "sum"},
          {"local bytes read", "size"},
          {"fetch wait time", "timing"},
          {"remote bytes read", "size"},
          {"merged fetch fallback count", "sum"},
          {"local blocks read", "sum"},
          {"remote merged chunks fetched", "sum"},
          {"remote blocks read", "sum"},
          {"data size", "size"},
          {"local merged bytes read", "size"},
          {"number of partitions", "sum"},
          {"remote reqs duration", "timing"},
          {"remote bytes read to disk", "size"},
          {"shuffle bytes written", "size"}};
}

}  // namespace

PlanBuilder::PlanBuilder(SqlSpec* sql, int32_t first_expression_id)
    : sql_(sql), next_expression_id_(first_expression_id), next_plan_id_(40 + first_expression_id) {}

std::string PlanBuilder::Attr(const std::string& name) {
  auto it = attribute_ids_.find(name);
  if (it == attribute_ids_.end()) it = attribute_ids_.emplace(name, next_expression_id_++).first;
  std::string s = name + "#" + std::to_string(it->second);
  if (EndsWith(name, "_id") || EndsWith(name, "_sk") || EndsWith(name, "_count")) s += "L";
  return s;
}

std::string PlanBuilder::Attrs(const std::vector<std::string>& names) {
  std::vector<std::string> attrs;
  for (const std::string& n : names) attrs.push_back(Attr(n));
  return Join(attrs, ", ");
}

int32_t PlanBuilder::Add(PlanNode node) {
  sql_->nodes.push_back(std::move(node));
  return static_cast<int32_t>(sql_->nodes.size()) - 1;
}

int32_t PlanBuilder::Scan(const std::string& table, const std::string& location,
                          const std::vector<std::string>& columns, const std::string& pushed_filters,
                          const std::string& format) {
  bool parquet = format == "parquet";
  std::string schema;
  for (size_t i = 0; i < columns.size(); ++i) {
    if (i > 0) schema += ",";
    const std::string& c = columns[i];
    schema += c + ":" +
              (EndsWith(c, "_id") || EndsWith(c, "_sk")          ? "bigint"
               : EndsWith(c, "_date")                            ? "date"
               : EndsWith(c, "_amount") || EndsWith(c, "_price") ? "decimal(12,2)"
                                                                 : "string");
  }
  std::vector<std::string> attrs;
  for (const std::string& c : columns) attrs.push_back(Attr(c));
  std::string upper = parquet ? "Parquet" : "CSV";
  PlanNode n;
  n.name = "Scan " + format + " spark_catalog." + table;
  n.simple = "FileScan " + format + " spark_catalog." + table + "[" + Join(attrs, ",") +
             "] Batched: " + (parquet ? "true" : "false") + ", DataFilters: [], Format: " + upper +
             ", Location: InMemoryFileIndex(1 paths)[" + location + "], PartitionFilters: [], PushedFilters: [" +
             pushed_filters + "], ReadSchema: struct<" + schema + ">";
  n.detail = "Output " + Count(columns) + ": [" + Join(attrs, ", ") + "]\nBatched: " + (parquet ? "true" : "false") +
             "\nLocation: InMemoryFileIndex [" + location + "]\nPushedFilters: [" + pushed_filters +
             "]\nReadSchema: struct<" + schema + ">\n";
  n.metadata = "{\"Location\":\"InMemoryFileIndex(1 paths)[" + location + "]\",\"ReadSchema\":\"struct<" + schema +
               ">\",\"Format\":\"" + upper + "\",\"Batched\":\"" + (parquet ? "true" : "false") +
               "\",\"PartitionFilters\":\"[]\",\"PushedFilters\":\"[" + pushed_filters + "]\",\"DataFilters\":\"[]\"}";
  n.metrics = ScanMetrics(parquet);
  return Add(std::move(n));
}

int32_t PlanBuilder::ColumnarToRow(int32_t child, const std::vector<std::string>& columns) {
  PlanNode n;
  n.name = "ColumnarToRow";
  n.simple = "ColumnarToRow";
  n.detail = "Input " + Count(columns) + ": [" + Attrs(columns) + "]\n";
  n.metrics = {{"number of output rows", "sum"}, {"number of input batches", "sum"}};
  n.children = {child};
  n.physical_only = true;
  return Add(std::move(n));
}

int32_t PlanBuilder::Filter(int32_t child, const std::vector<std::string>& columns, const std::string& condition) {
  PlanNode n;
  n.name = "Filter";
  n.simple = "Filter " + condition;
  n.detail = "Input " + Count(columns) + ": [" + Attrs(columns) + "]\nCondition : " + condition + "\n";
  n.metrics = {{"number of output rows", "sum"}};
  n.children = {child};
  return Add(std::move(n));
}

int32_t PlanBuilder::Project(int32_t child, const std::vector<std::string>& output,
                             const std::vector<std::string>& input) {
  PlanNode n;
  n.name = "Project";
  n.simple = "Project [" + Attrs(output) + "]";
  n.detail =
      "Output " + Count(output) + ": [" + Attrs(output) + "]\nInput " + Count(input) + ": [" + Attrs(input) + "]\n";
  n.children = {child};
  return Add(std::move(n));
}

int32_t PlanBuilder::HashAggregate(int32_t child, const std::vector<std::string>& keys, const std::string& functions,
                                   const std::vector<std::string>& results) {
  PlanNode n;
  n.name = "HashAggregate";
  n.simple = "HashAggregate(keys=[" + Attrs(keys) + "], functions=[" + functions + "])";
  n.detail = "Input " + Count(results) + ": [" + Attrs(results) + "]\nKeys " + Count(keys) + ": [" + Attrs(keys) +
             "]\nFunctions [1]: [" + functions + "]\nAggregate Attributes [1]: [" + Attr("agg_value") + "]\nResults " +
             Count(results) + ": [" + Attrs(results) + "]\n";
  n.metrics = {{"spill size", "size"},
               {"time in aggregation build", "timing"},
               {"peak memory", "size"},
               {"number of output rows", "sum"},
               {"number of sort fallback tasks", "sum"},
               {"avg hash probes per key", "average"}};
  n.children = {child};
  return Add(std::move(n));
}

int32_t PlanBuilder::Exchange(int32_t child, const std::vector<std::string>& columns, const std::string& partitioning,
                              const std::string& origin) {
  std::string arguments = partitioning + ", " + origin + ", [plan_id=" + std::to_string(plan_id()) + "]";
  PlanNode n;
  n.name = "Exchange";
  n.simple = "Exchange " + arguments;
  n.detail = "Input " + Count(columns) + ": [" + Attrs(columns) + "]\nArguments: " + arguments + "\n";
  n.metrics = ExchangeMetrics();
  n.children = {child};
  return Add(std::move(n));
}

int32_t PlanBuilder::Sort(int32_t child, const std::vector<std::string>& columns, const std::string& key) {
  PlanNode n;
  n.name = "Sort";
  n.simple = "Sort [" + Attr(key) + " ASC NULLS FIRST], false, 0";
  n.detail = "Input " + Count(columns) + ": [" + Attrs(columns) + "]\nArguments: [" + Attr(key) +
             " ASC NULLS FIRST], false, 0\n";
  n.metrics = {{"sort time", "timing"}, {"peak memory", "size"}, {"spill size", "size"}};
  n.children = {child};
  return Add(std::move(n));
}

int32_t PlanBuilder::Window(int32_t child, const std::vector<std::string>& columns, const std::string& partition_key,
                            const std::string& order_key) {
  std::string spec = "row_number() windowspecdefinition(" + Attr(partition_key) + ", " + Attr(order_key) +
                     " ASC NULLS FIRST, specifiedwindowframe(RowFrame, unboundedpreceding$(), currentrow$())) AS " +
                     Attr("rank");
  PlanNode n;
  n.name = "Window";
  n.simple = "Window [" + spec + "], [" + Attr(partition_key) + "], [" + Attr(order_key) + " ASC NULLS FIRST]";
  n.detail = "Input " + Count(columns) + ": [" + Attrs(columns) + "]\nArguments: [" + spec + "], [" +
             Attr(partition_key) + "], [" + Attr(order_key) + " ASC NULLS FIRST]\n";
  n.metrics = {{"spill size", "size"}};
  n.children = {child};
  return Add(std::move(n));
}

int32_t PlanBuilder::SortMergeJoin(int32_t left, int32_t right, const std::string& left_key,
                                   const std::string& right_key) {
  PlanNode n;
  n.name = "SortMergeJoin";
  n.simple = "SortMergeJoin [" + Attr(left_key) + "], [" + Attr(right_key) + "], Inner";
  n.detail = "Left keys [1]: [" + Attr(left_key) + "]\nRight keys [1]: [" + Attr(right_key) +
             "]\nJoin type: Inner\nJoin condition: None\n";
  n.metrics = {{"number of output rows", "sum"}, {"spill size", "size"}};
  n.children = {left, right};
  return Add(std::move(n));
}

int32_t PlanBuilder::BroadcastExchange(int32_t child, const std::vector<std::string>& columns) {
  std::string arguments =
      "HashedRelationBroadcastMode(List(input[0, bigint, false]),false), [plan_id=" + std::to_string(plan_id()) + "]";
  PlanNode n;
  n.name = "BroadcastExchange";
  n.simple = "BroadcastExchange " + arguments;
  n.detail = "Input " + Count(columns) + ": [" + Attrs(columns) + "]\nArguments: " + arguments + "\n";
  n.metrics = {{"data size", "size"},
               {"number of output rows", "sum"},
               {"time to collect", "timing"},
               {"time to build", "timing"},
               {"time to broadcast", "timing"}};
  n.children = {child};
  return Add(std::move(n));
}

int32_t PlanBuilder::BroadcastHashJoin(int32_t left, int32_t right, const std::string& left_key,
                                       const std::string& right_key) {
  PlanNode n;
  n.name = "BroadcastHashJoin";
  n.simple = "BroadcastHashJoin [" + Attr(left_key) + "], [" + Attr(right_key) + "], Inner, BuildRight, false";
  n.detail = "Left keys [1]: [" + Attr(left_key) + "]\nRight keys [1]: [" + Attr(right_key) +
             "]\nJoin type: Inner\nJoin build side: BuildRight\nJoin condition: None\n";
  n.metrics = {{"number of output rows", "sum"}};
  n.children = {left, right};
  return Add(std::move(n));
}

int32_t PlanBuilder::BroadcastNestedLoopJoin(int32_t left, int32_t right, const std::string& condition) {
  PlanNode n;
  n.name = "BroadcastNestedLoopJoin";
  n.simple = "BroadcastNestedLoopJoin BuildRight, Inner, " + condition;
  n.detail = "Join type: Inner\nJoin condition: " + condition + "\n";
  n.metrics = {{"number of output rows", "sum"}};
  n.children = {left, right};
  return Add(std::move(n));
}

int32_t PlanBuilder::CartesianProduct(int32_t left, int32_t right, const std::string& condition) {
  PlanNode n;
  n.name = "CartesianProduct";
  n.simple = "CartesianProduct " + condition;
  n.detail = "Join type: Inner\nJoin condition: " + condition + "\n";
  n.metrics = {{"number of output rows", "sum"}};
  n.children = {left, right};
  return Add(std::move(n));
}

int32_t PlanBuilder::EvalPython(int32_t child, bool arrow, const std::vector<std::string>& columns,
                                const std::string& udf) {
  std::string result = Attr("pythonUDF0");
  PlanNode n;
  n.name = arrow ? "ArrowEvalPython" : "BatchEvalPython";
  n.simple = n.name + " [" + udf + "], [" + result + "]" + (arrow ? ", 200" : "");
  n.detail = "Input " + Count(columns) + ": [" + Attrs(columns) + "]\nArguments: [" + udf + "], [" + result + "]" +
             (arrow ? ", 200" : "") + "\n";
  n.metrics = {{"data sent to Python workers", "size"},
               {"data returned from Python workers", "size"},
               {"number of output rows", "sum"}};
  n.children = {child};
  return Add(std::move(n));
}

int32_t PlanBuilder::WriteFiles(int32_t child, const std::vector<std::string>& columns) {
  PlanNode n;
  n.name = "WriteFiles";
  n.simple = "WriteFiles";
  n.detail = "Input " + Count(columns) + ": [" + Attrs(columns) + "]\n";
  n.children = {child};
  return Add(std::move(n));
}

int32_t PlanBuilder::InsertInto(int32_t child, const std::string& table, const std::string& location,
                                const std::vector<std::string>& columns) {
  std::string arguments = location + ", false, Parquet, [path=" + location + "], Append, `spark_catalog`.`" +
                          table.substr(0, table.find('.')) + "`.`" + table.substr(table.find('.') + 1) + "`, [" +
                          Join(columns, ", ") + "]";
  PlanNode n;
  n.name = "Execute InsertIntoHadoopFsRelationCommand";
  n.simple = "Execute InsertIntoHadoopFsRelationCommand " + arguments;
  n.detail = "Input " + Count(columns) + ": [" + Attrs(columns) + "]\nArguments: " + arguments + "\n";
  n.metrics = {{"task commit time", "timing"},   {"number of written files", "sum"}, {"job commit time", "timing"},
               {"number of output rows", "sum"}, {"number of dynamic part", "sum"},  {"written output", "size"}};
  n.children = {child};
  return Add(std::move(n));
}

int32_t PlanBuilder::InputAdapter(int32_t child) {
  PlanNode n;
  n.name = "InputAdapter";
  n.simple = "InputAdapter";
  n.children = {child};
  n.wrapper = true;
  n.physical_only = true;
  return Add(std::move(n));
}

void PlanBuilder::MarkCodegen(int32_t node, int32_t id) {
  PlanNode& n = sql_->nodes[static_cast<size_t>(node)];
  if (n.name == "InputAdapter") return;
  n.codegen_id = id;
  for (int32_t child : n.children) MarkCodegen(child, id);
}

int32_t PlanBuilder::Codegen(int32_t id, int32_t top) {
  MarkCodegen(top, id);
  PlanNode n;
  n.name = "WholeStageCodegen (" + std::to_string(id) + ")";
  n.simple = n.name;
  n.metrics = {{"duration", "timing"}};
  n.children = {top};
  n.wrapper = true;
  n.physical_only = true;
  return Add(std::move(n));
}

}  // namespace sparkdx::samples
