// SqlPlanFixture: builds a SQL execution's plan graph (nodes, child -> parent
// edges, metrics with final values) directly, for the SQL-plan rule tests;
// AppStatusBuilder builds executions without plans.
//
//   SqlExecutionData& exec = b.AddSql(0, 0, 60'000, {0});
//   SqlPlanFixture plan(&exec);
//   int64_t join = plan.Node("SortMergeJoin", "SortMergeJoin [k#1], [k#2], Inner");
//   plan.Node("Exchange", "Exchange hashpartitioning(k#1, 200)", join, {{"data size", "size", 5 * kMiB}});
#ifndef SPARKDX_TESTS_UNIT_DIAGNOSIS_SQL_PLAN_FIXTURE_H_
#define SPARKDX_TESTS_UNIT_DIAGNOSIS_SQL_PLAN_FIXTURE_H_

#include <cstdint>
#include <string>
#include <vector>

#include "status/app_status.h"

namespace sparkdx::testing {

struct PlanMetric {
  std::string name;
  std::string type;  // "sum", "size", "timing", "nsTiming"
  int64_t total = 0;
};

class SqlPlanFixture {
 public:
  explicit SqlPlanFixture(SqlExecutionData* exec) : exec_(exec) {
    if (!exec_->metric_values) exec_->metric_values.emplace();
  }

  // Adds a node under `parent` (-1: a root) and returns its id. Children
  // must be added left to right, as Spark adds their edges.
  int64_t Node(const std::string& name, const std::string& simple_string = "", int64_t parent = -1,
               const std::vector<PlanMetric>& metrics = {}) {
    SqlPlanNodeData node;
    node.node_id = static_cast<int64_t>(exec_->nodes.size());
    node.node_name = name;
    node.simple_string = simple_string.empty() ? name : simple_string;
    for (const PlanMetric& m : metrics) {
      int64_t accumulator = next_accumulator_++;
      node.metrics.push_back({m.name, accumulator, m.type});
      exec_->metric_types[accumulator] = m.type;
      SqlMetricAggregate value;
      value.metric_type = m.type;
      value.sum = m.total;
      value.value_count = 1;
      (*exec_->metric_values)[accumulator] = value;
    }
    exec_->nodes.push_back(std::move(node));
    if (parent >= 0) exec_->edges.push_back({exec_->nodes.back().node_id, parent});
    return exec_->nodes.back().node_id;
  }

 private:
  SqlExecutionData* exec_;
  int64_t next_accumulator_ = 1000;
};

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_UNIT_DIAGNOSIS_SQL_PLAN_FIXTURE_H_
