// BuildSqlPlanGraph: a SQL execution's plan tree (as the log's
// "sparkPlanInfo" carries it) turned into Spark's SparkPlanGraph: node ids in
// Spark's order, WholeStageCodegen stages as clusters, InputAdapter and
// query-stage wrappers folded, reused exchanges and subqueries pointing to
// the original node. The REST API's node ids and edges are these.
#ifndef SPARKDX_STATUS_SQL_PLAN_GRAPH_H_
#define SPARKDX_STATUS_SQL_PLAN_GRAPH_H_

#include <vector>

#include "status/app_status.h"
#include "status/events.h"

namespace sparkdx {

struct SqlPlanGraph {
  std::vector<SqlPlanNodeData> nodes;  // Spark's allNodes order
  std::vector<SqlPlanEdgeData> edges;  // in the order Spark adds them
};

SqlPlanGraph BuildSqlPlanGraph(const SqlPlanEvent& plan);

}  // namespace sparkdx

#endif  // SPARKDX_STATUS_SQL_PLAN_GRAPH_H_
