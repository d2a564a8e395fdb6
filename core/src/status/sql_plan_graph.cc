#include "status/sql_plan_graph.h"

#include <string_view>

namespace sparkdx {
namespace {

// Builds the graph the way Spark's SparkPlanGraph does, one case per node
// kind; `parent` and `cluster` are graph node ids (-1: none).
class GraphBuilder {
 public:
  explicit GraphBuilder(const SqlPlanEvent& plan) : plan_(plan) {}

  SqlPlanGraph Build() {
    if (!plan_.nodes.empty()) Visit(0, -1, -1);
    // Spark's allNodes: each cluster's operators, then the cluster.
    SqlPlanGraph graph;
    for (size_t i = 0; i < top_.size(); ++i) {
      const SqlPlanNodeData& node = top_[i];
      if (node.is_cluster) {
        for (const SqlPlanNodeData& member : members_[static_cast<size_t>(node.node_id)]) graph.nodes.push_back(member);
      }
      graph.nodes.push_back(node);
    }
    graph.edges = std::move(edges_);
    return graph;
  }

 private:
  // Spark's SparkPlanInfo equality: same name, same text, equal children.
  bool SamePlan(int32_t a, int32_t b) const {
    if (a == b) return true;
    const SqlPlanNodeEvent& x = plan_.nodes[static_cast<size_t>(a)];
    const SqlPlanNodeEvent& y = plan_.nodes[static_cast<size_t>(b)];
    if (x.node_name != y.node_name || x.simple_string != y.simple_string || x.children.size() != y.children.size()) {
      return false;
    }
    for (size_t i = 0; i < x.children.size(); ++i) {
      if (!SamePlan(x.children[i], y.children[i])) return false;
    }
    return true;
  }
  // The graph node already built for a plan equal to `plan_index`, or -1.
  int64_t Reused(int32_t plan_index) const {
    for (const auto& [seen, node_id] : exchanges_) {
      if (SamePlan(seen, plan_index)) return node_id;
    }
    return -1;
  }
  void Edge(int64_t from, int64_t to) {
    if (from >= 0 && to >= 0) edges_.push_back({from, to});
  }
  static std::vector<SqlMetricData> Metrics(const SqlPlanNodeEvent& node) {
    std::vector<SqlMetricData> metrics;
    metrics.reserve(node.metrics.size());
    for (const SqlPlanMetricEvent& m : node.metrics) metrics.push_back({m.name, m.accumulator_id, m.metric_type});
    return metrics;
  }
  int32_t FirstChild(const SqlPlanNodeEvent& node) const { return node.children.empty() ? -1 : node.children.front(); }

  void Visit(int32_t index, int64_t parent, int64_t cluster) {
    if (index < 0 || static_cast<size_t>(index) >= plan_.nodes.size()) return;
    const SqlPlanNodeEvent& info = plan_.nodes[static_cast<size_t>(index)];
    const std::string_view name = info.node_name;
    const int32_t child = FirstChild(info);
    if (name.substr(0, 17) == "WholeStageCodegen") {
      SqlPlanNodeData node;
      node.node_id = next_id_++;
      node.node_name = info.node_name;
      node.simple_string = info.simple_string;
      node.metrics = Metrics(info);
      node.is_cluster = true;
      members_.resize(static_cast<size_t>(next_id_));
      top_.push_back(node);
      Visit(child, parent, node.node_id);
      return;
    }
    if (name == "InputAdapter" || name == "TableCacheQueryStage") {
      Visit(child, parent, -1);
      return;
    }
    if (name == "BroadcastQueryStage" || name == "ShuffleQueryStage") {
      int64_t reused = child >= 0 ? Reused(child) : -1;
      if (reused >= 0) {
        Edge(reused, parent);
      } else {
        Visit(child, parent, -1);
      }
      return;
    }
    const bool subquery = name == "Subquery" || name == "SubqueryBroadcast";
    if (subquery && cluster >= 0) {  // a subquery is never part of a codegen stage
      Visit(index, parent, -1);
      return;
    }
    if (subquery) {
      int64_t reused = Reused(index);
      if (reused >= 0) {
        Edge(reused, parent);
        return;
      }
    }
    if (name == "ReusedSubquery") {
      Visit(child, parent, cluster);
      return;
    }
    if (name == "ReusedExchange" && child >= 0) {
      int64_t reused = Reused(child);
      if (reused >= 0) {
        Edge(reused, parent);
        return;
      }
    }
    SqlPlanNodeData node;
    node.node_id = next_id_++;
    node.node_name = info.node_name;
    node.simple_string = info.simple_string;
    node.metrics = Metrics(info);
    node.cluster_id = cluster;
    members_.resize(static_cast<size_t>(next_id_));
    if (name.find("Exchange") != std::string_view::npos || name.find("Subquery") != std::string_view::npos) {
      exchanges_.push_back({index, node.node_id});
    }
    Edge(node.node_id, parent);
    const int64_t id = node.node_id;
    if (cluster >= 0) {
      members_[static_cast<size_t>(cluster)].push_back(std::move(node));
    } else {
      top_.push_back(std::move(node));
    }
    for (int32_t c : info.children) Visit(c, id, cluster);
  }

  const SqlPlanEvent& plan_;
  int64_t next_id_ = 0;
  std::vector<SqlPlanNodeData> top_;                   // Spark's `nodes`
  std::vector<std::vector<SqlPlanNodeData>> members_;  // by cluster id
  std::vector<SqlPlanEdgeData> edges_;
  std::vector<std::pair<int32_t, int64_t>> exchanges_;  // (plan index, graph node id)
};

}  // namespace

SqlPlanGraph BuildSqlPlanGraph(const SqlPlanEvent& plan) { return GraphBuilder(plan).Build(); }

}  // namespace sparkdx
