#include "status/sql_listener.h"

#include <algorithm>
#include <iterator>

#include "status/sql_plan_graph.h"

namespace sparkdx {
namespace {

bool IsSumMetric(const std::string& type) { return type == "sum"; }

}  // namespace

SqlExecutionData& SqlListener::GetOrCreateExecution(int64_t execution_id) {
  SqlExecutionData& exec = (*executions_)[execution_id];
  if (exec.execution_id < 0) {
    exec.execution_id = execution_id;
    exec.root_execution_id = execution_id;
  }
  live_.try_emplace(execution_id);
  return exec;
}

SqlExecutionData* SqlListener::LiveExecutionData(int64_t execution_id) {
  if (live_.find(execution_id) == live_.end()) return nullptr;
  auto it = executions_->find(execution_id);
  return it == executions_->end() ? nullptr : &it->second;
}

bool SqlListener::IsSqlStage(int32_t stage_id) const {
  for (const auto& [execution_id, live] : live_) {
    auto it = executions_->find(execution_id);
    if (it != executions_->end() && it->second.stages.count(stage_id) > 0) return true;
  }
  return false;
}

void SqlListener::AddMetric(SqlExecutionData& exec, int64_t accumulator_id, const std::string& metric_type) {
  exec.metric_types[accumulator_id] = metric_type;
  sql_accumulator_ids_.insert(accumulator_id);
  ++metric_types_version_;
}

void SqlListener::OnJobStart(const JobStartEvent& event) {
  if (!event.properties.sql_execution_id) return;
  const int64_t execution_id = *event.properties.sql_execution_id;
  // An execution already retired comes back to life with its end events
  // counted (Spark reloads it from its store).
  auto existing = executions_->find(execution_id);
  if (live_.find(execution_id) == live_.end() && existing != executions_->end()) {
    live_[execution_id].end_events = static_cast<int32_t>(existing->second.jobs.size()) + 1;
  }
  SqlExecutionData& exec = GetOrCreateExecution(execution_id);
  if (!exec.metric_types.empty()) {
    for (const StageInfoEvent& stage : event.stage_infos) {
      StageMetrics fresh;
      fresh.stage_id = stage.stage_id;
      fresh.attempt_id = 0;
      fresh.num_tasks = stage.num_tasks;
      fresh.execution_id = execution_id;
      stage_metrics_[stage.stage_id] = std::move(fresh);
    }
  }
  exec.jobs[event.job_id] = JobStatusKind::kRunning;
  exec.stages.insert(event.stage_ids.begin(), event.stage_ids.end());
  MaybeRetire(execution_id);
}

void SqlListener::OnJobEnd(int32_t job_id, bool succeeded) {
  std::vector<int64_t> touched;
  for (auto& [execution_id, live] : live_) {
    SqlExecutionData& exec = (*executions_)[execution_id];
    auto job = exec.jobs.find(job_id);
    if (job == exec.jobs.end()) continue;
    job->second = succeeded ? JobStatusKind::kSucceeded : JobStatusKind::kFailed;
    live.end_events += 1;
    touched.push_back(execution_id);
  }
  for (int64_t execution_id : touched) MaybeRetire(execution_id);
}

void SqlListener::OnStageSubmitted(const StageInfoEvent& stage) {
  if (!IsSqlStage(stage.stage_id)) return;
  auto it = stage_metrics_.find(stage.stage_id);
  if (it == stage_metrics_.end() || it->second.attempt_id == stage.attempt_id) return;
  // A new attempt starts from nothing.
  StageMetrics fresh;
  fresh.stage_id = stage.stage_id;
  fresh.attempt_id = stage.attempt_id;
  fresh.num_tasks = it->second.num_tasks;
  fresh.execution_id = it->second.execution_id;
  it->second = std::move(fresh);
}

void SqlListener::OnTaskEnd(const TaskEvent& event) {
  if (event.accumulables.empty() || !IsSqlStage(event.stage_id)) return;
  auto it = stage_metrics_.find(event.stage_id);
  if (it == stage_metrics_.end() || it->second.attempt_id != event.stage_attempt_id) return;
  StageMetrics& stage = it->second;
  const int32_t index = event.record.index;
  if (index < 0 || stage.completed.Contains(index)) return;
  // The metric types of the execution whose job created the tracking
  // (Spark hands the stage that execution's map).
  auto owner = executions_->find(stage.execution_id);
  if (owner == executions_->end()) return;
  const std::map<int64_t, std::string>& types = owner->second.metric_types;
  if (stage.resolved_version != metric_types_version_) {
    stage.resolved.clear();
    stage.resolved_version = metric_types_version_;
  }
  const size_t needed = std::max<size_t>(static_cast<size_t>(std::max(stage.num_tasks, 0)), static_cast<size_t>(index) + 1);
  for (size_t position = 0; position < event.accumulables.size(); ++position) {
    const TaskAccumulableEvent& acc = event.accumulables[position];
    if (!acc.sql || !acc.has_update) continue;
    if (position >= stage.resolved.size()) stage.resolved.resize(position + 1);
    StageMetrics::Resolved& where = stage.resolved[position];
    bool first_update = false;
    if (where.id != acc.id || where.values == nullptr) {
      auto found = types.find(acc.id);
      if (found == types.end()) continue;  // not a metric of this execution's plan
      where.id = acc.id;
      where.values = &stage.values[acc.id];
      where.max = nullptr;
      if (!IsSumMetric(found->second)) {
        auto [max, inserted] = stage.max.try_emplace(acc.id, StageMetrics::Max{acc.update, event.record.task_id});
        where.max = &max->second;
        first_update = inserted;
      }
    }
    std::vector<int64_t>& values = *where.values;
    if (values.size() < needed) values.resize(needed, 0);
    values[static_cast<size_t>(index)] = acc.update;
    if (where.max != nullptr && !first_update && acc.update > where.max->value) {
      *where.max = {acc.update, event.record.task_id};
    }
  }
  if (event.record.successful()) stage.completed.Insert(index);
}

void SqlListener::OnExecutionStart(SqlExecutionStartEvent event) {
  SqlExecutionData& exec = GetOrCreateExecution(event.execution_id);
  exec.start_seen = true;
  exec.root_execution_id = event.root_execution_id >= 0 ? event.root_execution_id : event.execution_id;
  exec.description = std::move(event.description);
  exec.details = std::move(event.details);
  exec.physical_plan_description = std::move(event.physical_plan_description);
  SqlPlanGraph graph = BuildSqlPlanGraph(event.plan);
  exec.nodes = std::move(graph.nodes);
  exec.edges = std::move(graph.edges);
  for (const SqlPlanNodeData& node : exec.nodes) {
    for (const SqlMetricData& m : node.metrics) AddMetric(exec, m.accumulator_id, m.metric_type);
  }
  exec.submission_time_ms = event.time_ms;
  exec.modified_configs = std::move(event.modified_configs);
  exec.query_id = std::move(event.query_id);
}

void SqlListener::OnAdaptiveUpdate(SqlAdaptiveUpdateEvent event) {
  SqlExecutionData& exec = GetOrCreateExecution(event.execution_id);
  exec.physical_plan_description = std::move(event.physical_plan_description);
  SqlPlanGraph graph = BuildSqlPlanGraph(event.plan);
  exec.nodes = std::move(graph.nodes);
  exec.edges = std::move(graph.edges);
  for (const SqlPlanNodeData& node : exec.nodes) {
    for (const SqlMetricData& m : node.metrics) AddMetric(exec, m.accumulator_id, m.metric_type);
  }
}

void SqlListener::OnAdaptiveMetrics(const SqlAdaptiveMetricsEvent& event) {
  SqlExecutionData& exec = GetOrCreateExecution(event.execution_id);
  for (const SqlPlanMetricEvent& m : event.metrics) AddMetric(exec, m.accumulator_id, m.metric_type);
}

void SqlListener::OnDriverAccumUpdates(const SqlDriverAccumUpdatesEvent& event) {
  SqlExecutionData* exec = LiveExecutionData(event.execution_id);
  if (exec == nullptr) return;
  exec->driver_updates.insert(exec->driver_updates.end(), event.updates.begin(), event.updates.end());
}

void SqlListener::OnExecutionEnd(const SqlExecutionEndEvent& event) {
  SqlExecutionData* exec = LiveExecutionData(event.execution_id);
  if (exec == nullptr) return;
  exec->completion_time_ms = event.time_ms;
  exec->error_message = event.error_message;
  Aggregate(*exec);
  RemoveStaleStageMetrics(event.execution_id);
  live_[event.execution_id].end_events += 1;
  MaybeRetire(event.execution_id);
}

void SqlListener::MaybeRetire(int64_t execution_id) {
  auto live = live_.find(execution_id);
  if (live == live_.end()) return;
  const SqlExecutionData& exec = (*executions_)[execution_id];
  if (live->second.end_events < static_cast<int32_t>(exec.jobs.size()) + 1) return;
  RemoveStaleStageMetrics(execution_id);
  live_.erase(live);
}

void SqlListener::RemoveStaleStageMetrics(int64_t ended_execution_id) {
  // Keep only the stages other live executions still track.
  for (auto it = stage_metrics_.begin(); it != stage_metrics_.end();) {
    bool used = false;
    for (const auto& [execution_id, live] : live_) {
      if (execution_id == ended_execution_id) continue;
      if ((*executions_)[execution_id].stages.count(it->first) > 0) {
        used = true;
        break;
      }
    }
    it = used ? std::next(it) : stage_metrics_.erase(it);
  }
}

void SqlListener::Aggregate(SqlExecutionData& exec) const {
  if (exec.metric_values) return;  // already final
  std::map<int64_t, SqlMetricAggregate> result;
  // The execution's stages in id order (Spark's order is a hash set's; it
  // only matters when two stages tie for a metric's maximum).
  std::vector<const StageMetrics*> stages;
  for (int32_t stage_id : exec.stages) {
    auto it = stage_metrics_.find(stage_id);
    if (it != stage_metrics_.end()) stages.push_back(&it->second);
  }
  std::map<int64_t, std::vector<int64_t>> all_values;
  std::map<int64_t, SqlMetricAggregate> max_from_stages;
  for (const StageMetrics* stage : stages) {
    for (const auto& [id, values] : stage->values) {
      if (exec.metric_types.count(id) == 0) continue;
      std::vector<int64_t>& merged = all_values[id];
      merged.insert(merged.end(), values.begin(), values.end());
    }
    for (const auto& [id, max] : stage->max) {
      if (exec.metric_types.count(id) == 0) continue;
      auto [entry, inserted] = max_from_stages.try_emplace(id);
      if (inserted || max.value > entry->second.max) {
        entry->second.max = max.value;
        entry->second.has_max_task = true;
        entry->second.max_stage_id = stage->stage_id;
        entry->second.max_stage_attempt_id = stage->attempt_id;
        entry->second.max_task_id = max.task_id;
      }
    }
  }
  for (const auto& [id, value] : exec.driver_updates) {
    if (exec.metric_types.count(id) == 0) continue;
    auto values = all_values.find(id);
    if (values != all_values.end()) {
      // A driver value above the tasks' maximum makes the driver the maximum.
      auto max = max_from_stages.find(id);
      if (max != max_from_stages.end() && value > max->second.max) max_from_stages.erase(max);
    }
    all_values[id].push_back(value);
  }
  for (auto& [id, values] : all_values) {
    SqlMetricAggregate aggregate;
    aggregate.metric_type = exec.metric_types.at(id);
    const bool average = aggregate.metric_type == "average";
    std::vector<int64_t> counted;
    counted.reserve(values.size());
    for (int64_t v : values) {
      if (IsSumMetric(aggregate.metric_type) || (average ? v > 0 : v >= 0)) counted.push_back(v);
    }
    aggregate.value_count = static_cast<int64_t>(counted.size());
    for (int64_t v : counted) aggregate.sum += v;
    if (!counted.empty()) {
      // The values a sort would put first, in the middle and last; selection
      // is linear, and a metric can have one value per task of the query.
      auto [min, max] = std::minmax_element(counted.begin(), counted.end());
      aggregate.min = *min;
      aggregate.max = *max;
      auto middle = counted.begin() + static_cast<std::ptrdiff_t>(counted.size() / 2);
      std::nth_element(counted.begin(), middle, counted.end());
      aggregate.median = *middle;
    }
    auto max = max_from_stages.find(id);
    if (max != max_from_stages.end()) {
      aggregate.has_max_task = true;
      aggregate.max_stage_id = max->second.max_stage_id;
      aggregate.max_stage_attempt_id = max->second.max_stage_attempt_id;
      aggregate.max_task_id = max->second.max_task_id;
    }
    result[id] = aggregate;
  }
  exec.metric_values = std::move(result);
}

void SqlListener::Finish() {
  // Spark aggregates what is still live when the replay ends.
  for (const auto& [execution_id, live] : live_) Aggregate((*executions_)[execution_id]);
  stage_metrics_.clear();
}

uint64_t SqlListener::live_value_bytes() const {
  uint64_t bytes = 0;
  for (const auto& [stage_id, stage] : stage_metrics_) {
    for (const auto& [id, values] : stage.values) bytes += values.capacity() * sizeof(int64_t);
  }
  return bytes;
}

}  // namespace sparkdx
