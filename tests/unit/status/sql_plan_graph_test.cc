// BuildSqlPlanGraph: Spark's SparkPlanGraph from a plan tree.
#include "status/sql_plan_graph.h"

#include <gtest/gtest.h>

namespace sparkdx {
namespace {

TEST(SqlPlanGraphTest, ReusedExchangePointsToTheOriginal) {
  // Join of the same shuffled scan twice: the second arrives as ReusedExchange.
  // The builder reads children by index, so the tree is laid out root first.
  SqlPlanEvent plan;
  plan.nodes.resize(1);
  plan.nodes[0].node_name = "SortMergeJoin";
  plan.nodes[0].simple_string = "SortMergeJoin";
  int32_t exchange = static_cast<int32_t>(plan.nodes.size());
  plan.nodes.push_back({"Exchange", "Exchange hashpartitioning(k)", {}, {exchange + 1}});
  plan.nodes.push_back({"Scan parquet", "Scan parquet t", {}, {}});
  int32_t reused = static_cast<int32_t>(plan.nodes.size());
  plan.nodes.push_back({"ReusedExchange", "ReusedExchange [k]", {}, {reused + 1}});
  plan.nodes.push_back({"Exchange", "Exchange hashpartitioning(k)", {}, {reused + 2}});
  plan.nodes.push_back({"Scan parquet", "Scan parquet t", {}, {}});
  plan.nodes[0].children = {exchange, reused};

  SqlPlanGraph graph = BuildSqlPlanGraph(plan);
  ASSERT_EQ(graph.nodes.size(), 3u);  // join, exchange, scan: the reused branch adds no node
  ASSERT_EQ(graph.edges.size(), 3u);
  EXPECT_EQ(graph.edges[0].from_id, 1);  // exchange -> join
  EXPECT_EQ(graph.edges[0].to_id, 0);
  EXPECT_EQ(graph.edges[1].from_id, 2);  // scan -> exchange
  EXPECT_EQ(graph.edges[1].to_id, 1);
  EXPECT_EQ(graph.edges[2].from_id, 1);  // the reuse: the same exchange feeds the join again
  EXPECT_EQ(graph.edges[2].to_id, 0);
}

TEST(SqlPlanGraphTest, ClusterMembersPrecedeTheirCluster) {
  SqlPlanEvent plan;
  plan.nodes.push_back({"WholeStageCodegen (1)", "WholeStageCodegen (1)", {}, {1}});
  plan.nodes.push_back({"Project", "Project [a]", {}, {2}});
  plan.nodes.push_back({"Range", "Range (0, 10)", {}, {}});
  SqlPlanGraph graph = BuildSqlPlanGraph(plan);
  ASSERT_EQ(graph.nodes.size(), 3u);
  EXPECT_EQ(graph.nodes[0].node_name, "Project");
  EXPECT_EQ(graph.nodes[0].cluster_id, 0);
  EXPECT_EQ(graph.nodes[1].node_name, "Range");
  EXPECT_EQ(graph.nodes[2].node_name, "WholeStageCodegen (1)");
  EXPECT_TRUE(graph.nodes[2].is_cluster);
  ASSERT_EQ(graph.edges.size(), 1u);  // Range -> Project; the cluster has no edge
  EXPECT_EQ(graph.edges[0].from_id, 2);
  EXPECT_EQ(graph.edges[0].to_id, 1);
}

TEST(SqlPlanGraphTest, AnEmptyPlanGivesAnEmptyGraph) {
  SqlPlanGraph graph = BuildSqlPlanGraph(SqlPlanEvent());
  EXPECT_TRUE(graph.nodes.empty());
  EXPECT_TRUE(graph.edges.empty());
}

}  // namespace
}  // namespace sparkdx
