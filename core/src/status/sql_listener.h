// SqlListener: SQL executions the way Spark's SQL status listener keeps
// them: the plan (replaced by adaptive updates), the jobs and stages that ran
// for it, and per plan-node metric values aggregated from the accumulator
// updates tasks report.
//
// Spark's rules, kept here:
// - A job belongs to the execution named by its "spark.sql.execution.id"
//   property; an execution named only by a job is created empty.
// - Per SQL stage, one value per task index and metric: a later attempt of
//   the same index overwrites an earlier one until the index has succeeded.
//   A new stage attempt starts from zero. Indexes that never reported count
//   as 0 (Spark relies on 0 being neutral).
// - The maximum of each non-sum metric remembers its task; a larger driver
//   update makes the driver the maximum.
// - Values are aggregated at SQLExecutionEnd (later task updates are not
//   counted), or at the end of the log for executions that never ended.
// - An execution stops being live once it has ended and all its jobs have.
//
// The per-task values are kept only while an execution is live, so memory
// is bounded by the largest live execution, not by the log.
#ifndef SPARKDX_STATUS_SQL_LISTENER_H_
#define SPARKDX_STATUS_SQL_LISTENER_H_

#include <cstdint>
#include <map>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "status/app_status.h"
#include "status/events.h"
#include "status/index_set.h"

namespace sparkdx {

class SqlListener {
 public:
  explicit SqlListener(std::map<int64_t, SqlExecutionData>* executions) : executions_(executions) {}

  void OnJobStart(const JobStartEvent& event);
  void OnJobEnd(int32_t job_id, bool succeeded);
  void OnStageSubmitted(const StageInfoEvent& stage);
  void OnTaskEnd(const TaskEvent& event);
  void OnExecutionStart(SqlExecutionStartEvent event);
  void OnExecutionEnd(const SqlExecutionEndEvent& event);
  void OnAdaptiveUpdate(SqlAdaptiveUpdateEvent event);
  void OnAdaptiveMetrics(const SqlAdaptiveMetricsEvent& event);
  void OnDriverAccumUpdates(const SqlDriverAccumUpdatesEvent& event);
  // End of the log: executions still live get their values aggregated.
  void Finish();

  bool IsSqlAccumulator(int64_t id) const { return sql_accumulator_ids_.count(id) > 0; }
  // Bytes held for live executions' per-task values (for the benchmark).
  uint64_t live_value_bytes() const;

 private:
  // Spark's LiveStageMetrics for one stage (the attempt being tracked).
  struct StageMetrics {
    int32_t stage_id = -1;
    int32_t attempt_id = 0;
    int32_t num_tasks = 0;
    int64_t execution_id = -1;  // whose job created it: its metric types apply
    IndexSet completed;
    std::unordered_map<int64_t, std::vector<int64_t>> values;  // accumulator id -> value per task index
    struct Max {
      int64_t value = 0;
      int64_t task_id = -1;
    };
    std::unordered_map<int64_t, Max> max;  // non-sum metrics only
    // Where the previous tasks' accumulables went, by their position in the
    // task's list: a stage's tasks list the same metrics in the same order,
    // so most updates skip the three lookups. Pointers into the node-based
    // maps above stay valid; filled at `resolved_version` of the metric types.
    struct Resolved {
      int64_t id = -1;
      std::vector<int64_t>* values = nullptr;
      Max* max = nullptr;  // null for sum metrics
    };
    std::vector<Resolved> resolved;
    uint64_t resolved_version = 0;
  };
  struct LiveExecution {
    int32_t end_events = 0;  // JobEnds and the ExecutionEnd seen
  };

  SqlExecutionData& GetOrCreateExecution(int64_t execution_id);
  SqlExecutionData* LiveExecutionData(int64_t execution_id);
  bool IsSqlStage(int32_t stage_id) const;
  // Spark's update(): forgets the execution once every end event is in.
  void MaybeRetire(int64_t execution_id);
  void RemoveStaleStageMetrics(int64_t ended_execution_id);
  void Aggregate(SqlExecutionData& exec) const;
  void AddMetric(SqlExecutionData& exec, int64_t accumulator_id, const std::string& metric_type);

  std::map<int64_t, SqlExecutionData>* executions_;
  std::map<int64_t, LiveExecution> live_;
  std::unordered_map<int32_t, StageMetrics> stage_metrics_;
  std::unordered_set<int64_t> sql_accumulator_ids_;  // of every plan seen
  uint64_t metric_types_version_ = 1;  // bumped whenever a metric type is set
};

}  // namespace sparkdx

#endif  // SPARKDX_STATUS_SQL_LISTENER_H_
