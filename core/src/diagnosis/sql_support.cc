#include "diagnosis/sql_support.h"

#include <algorithm>
#include <cctype>

#include "base/format.h"

namespace sparkdx {
namespace {

std::string_view TrimView(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

// Operators an exchange's rows pass through unchanged in origin on their
// way to a join input.
bool PassThrough(std::string_view name) {
  static constexpr std::string_view kPassThrough[] = {
      "Sort", "Project", "Filter", "AQEShuffleRead", "CustomShuffleReader", "ShuffleQueryStage",
      "InputAdapter", "ColumnarToRow", "Coalesce"};
  for (std::string_view p : kPassThrough) {
    if (name.substr(0, p.size()) == p) return true;
  }
  return false;
}

}  // namespace

FindingEntity SqlEntity(const SqlExecutionData& exec) {
  return {EntityKind::kSqlExecution, std::to_string(exec.execution_id), exec.description.value_or("")};
}

std::string SqlLabel(const SqlExecutionData& exec) {
  std::string label = "SQL execution " + std::to_string(exec.execution_id);
  if (exec.description && !exec.description->empty()) label += " (" + Excerpt(*exec.description, 80) + ")";
  return label;
}

std::string SqlNodeName(const SqlPlanNodeData& node) { return std::string(TrimView(node.node_name)); }

bool SqlNodeNameStartsWith(const SqlPlanNodeData& node, std::string_view prefix) {
  std::string_view name = TrimView(node.node_name);
  return name.substr(0, prefix.size()) == prefix;
}

std::optional<int64_t> SqlMetricTotal(const SqlExecutionData& exec, const SqlPlanNodeData& node,
                                      std::string_view metric_name) {
  if (!exec.metric_values) return std::nullopt;
  for (const SqlMetricData& metric : node.metrics) {
    if (TrimView(metric.name) != metric_name) continue;
    auto value = exec.metric_values->find(metric.accumulator_id);
    if (value == exec.metric_values->end()) return std::nullopt;
    return value->second.sum;
  }
  return std::nullopt;
}

std::optional<int64_t> SqlMetricMs(const SqlExecutionData& exec, const SqlPlanNodeData& node,
                                   std::string_view metric_name) {
  for (const SqlMetricData& metric : node.metrics) {
    if (TrimView(metric.name) != metric_name) continue;
    std::optional<int64_t> total = SqlMetricTotal(exec, node, metric_name);
    if (!total) return std::nullopt;
    return metric.metric_type == "nsTiming" ? *total / 1'000'000 : *total;
  }
  return std::nullopt;
}

const SqlPlanNodeData* SqlNode(const SqlExecutionData& exec, int64_t node_id) {
  for (const SqlPlanNodeData& node : exec.nodes) {
    if (node.node_id == node_id) return &node;
  }
  return nullptr;
}

std::vector<const SqlPlanNodeData*> SqlChildren(const SqlExecutionData& exec, const SqlPlanNodeData& node) {
  std::vector<const SqlPlanNodeData*> children;
  for (const SqlPlanEdgeData& edge : exec.edges) {
    if (edge.to_id != node.node_id) continue;
    if (const SqlPlanNodeData* child = SqlNode(exec, edge.from_id)) children.push_back(child);
  }
  return children;
}

const SqlPlanNodeData* SqlFeedingExchange(const SqlExecutionData& exec, const SqlPlanNodeData& node) {
  const SqlPlanNodeData* current = &node;
  // A plan is a tree of bounded depth; the bound guards against a damaged
  // log whose edges form a cycle.
  for (int depth = 0; depth < 64 && current != nullptr; ++depth) {
    std::string name = SqlNodeName(*current);
    if (name.find("Exchange") != std::string::npos) return current;
    if (!PassThrough(name)) return nullptr;
    std::vector<const SqlPlanNodeData*> children = SqlChildren(exec, *current);
    current = children.empty() ? nullptr : children.front();
  }
  return nullptr;
}

std::string SqlFirstScanBelow(const SqlExecutionData& exec, const SqlPlanNodeData& node) {
  std::vector<std::pair<const SqlPlanNodeData*, int>> stack = {{&node, 0}};
  while (!stack.empty()) {
    auto [current, depth] = stack.back();
    stack.pop_back();
    std::string name = SqlNodeName(*current);
    if (name.find("Scan") != std::string::npos) return name;
    if (depth >= 64) continue;  // a damaged log's cycle
    std::vector<const SqlPlanNodeData*> children = SqlChildren(exec, *current);
    for (auto it = children.rbegin(); it != children.rend(); ++it) stack.push_back({*it, depth + 1});
  }
  return "";
}

int64_t SqlWallClockShare(const AppAnalysis& analysis, const SqlExecutionData& exec, int64_t core_ms) {
  auto it = analysis.sql_breakdowns.find(exec.execution_id);
  if (it == analysis.sql_breakdowns.end() || it->second.busy_slot_ms <= 0 || core_ms <= 0) return 0;
  double share = std::min(1.0, static_cast<double>(core_ms) / static_cast<double>(it->second.busy_slot_ms));
  return static_cast<int64_t>(share * static_cast<double>(it->second.duration_ms()));
}

int64_t RoundUpBytes(int64_t bytes, int64_t step) { return (std::max<int64_t>(0, bytes) + step - 1) / step * step; }

std::string SparkSizeText(int64_t bytes) {
  constexpr int64_t kMiBytes = 1024 * 1024;
  int64_t mib = (bytes + kMiBytes - 1) / kMiBytes;
  if (mib > 0 && mib % 1024 == 0) return std::to_string(mib / 1024) + "g";
  return std::to_string(mib) + "m";
}

}  // namespace sparkdx
