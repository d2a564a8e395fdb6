// The application flow: environment, executors, then each job in order
// (with its SQL execution's events around it), then the end.
#include "simulator.h"

#include <algorithm>
#include <map>

#include "json_writer.h"
#include "sim_state.h"
#include "spark_text.h"

namespace sparkdx::samples {
namespace internal {

void SimState::Emit(int64_t time_ms, const std::string& line) {
  last_time_ms = std::max(last_time_ms, time_ms);
  if (!Written(time_ms)) return;
  out += line;
  out += '\n';
}

namespace {

void Validate(const Scenario& sc) {
  auto stage_ok = [&](int32_t i) { return i >= 0 && i < static_cast<int32_t>(sc.stages.size()); };
  for (const StageSpec& st : sc.stages) {
    for (int32_t p : st.parents) {
      if (!stage_ok(p)) Fail(sc.name + ": stage " + st.name + " has a bad parent");
    }
  }
  for (const JobSpec& job : sc.jobs) {
    for (int32_t i : job.stages) {
      if (!stage_ok(i)) Fail(sc.name + ": a job runs a bad stage");
    }
    for (int32_t i : job.skipped_stages) {
      if (!stage_ok(i)) Fail(sc.name + ": a job skips a bad stage");
    }
    if (job.sql >= static_cast<int32_t>(sc.sql.size())) Fail(sc.name + ": a job names a bad SQL execution");
    // A lost host's rerun is attempt 1 of the parent map stage only when
    // both run in one job (under AQE each would be a job of its own).
    for (int32_t i : job.stages) {
      if (sc.stages[static_cast<size_t>(i)].lost_hosts.empty()) continue;
      for (int32_t p : sc.stages[static_cast<size_t>(i)].parents) {
        if (std::find(job.stages.begin(), job.stages.end(), p) == job.stages.end()) {
          Fail(sc.name + ": stage " + sc.stages[static_cast<size_t>(i)].name +
               " loses hosts but its parent ran in another job");
        }
      }
    }
  }
}

std::string JobProperties(const SimState& s, const JobContext& job) {
  JsonWriter w;
  w.Object();
  if (job.sql >= 0) {
    std::string id = std::to_string(s.sql[static_cast<size_t>(job.sql)].execution_id);
    w.Str("spark.sql.execution.root.id", id)
        .Str("spark.rdd.scope", "{\"id\":\"" + std::to_string(job.job_id * 7 + 3) + "\",\"name\":\"Exchange\"}")
        .Str("__fetch_continuous_blocks_in_batch_enabled", "true")
        .Str("spark.sql.execution.id", id);
  } else {
    w.Str("spark.rdd.scope", "{\"id\":\"" + std::to_string(job.job_id * 7 + 3) + "\",\"name\":\"collect\"}");
  }
  w.End();
  return w.Take();
}

// Driver-side metric values of execution `q` due at `after_job`, one event
// per plan node (each operator posts its own).
void EmitDriverUpdates(SimState* s, int32_t q, int32_t after_job, int64_t time_ms) {
  const SqlSpec& spec = s->scenario.sql[static_cast<size_t>(q)];
  std::map<int32_t, std::vector<std::pair<int64_t, int64_t>>> by_node;
  for (const SqlDriverUpdate& u : spec.driver_updates) {
    if (u.after_job != after_job) continue;
    by_node[u.node].push_back({SqlMetricId(*s, q, u.node, u.metric), u.value});
  }
  for (const auto& [node, updates] : by_node) {
    time_ms += s->rng.Range(1, 12);
    s->Emit(time_ms, SqlDriverAccumUpdatesEvent(s->sql[static_cast<size_t>(q)].execution_id, updates));
  }
}

void StartSql(SimState* s, int32_t q, int64_t time_ms) {
  const SqlSpec& spec = s->scenario.sql[static_cast<size_t>(q)];
  SqlState& st = s->sql[static_cast<size_t>(q)];
  st.execution_id = s->summary.sql_executions;  // executions are numbered in start order
  st.ids.metric_ids.resize(spec.nodes.size());
  st.ids.aqe_read_ids.resize(spec.nodes.size());
  for (size_t n = 0; n < spec.nodes.size(); ++n) {
    for (size_t m = 0; m < spec.nodes[n].metrics.size(); ++m) st.ids.metric_ids[n].push_back(s->next_accumulator_id++);
  }
  PlanVersion version = spec.adaptive ? PlanVersion::kAdaptiveInitial : PlanVersion::kPlain;
  s->Emit(time_ms,
          SqlExecutionStartEvent(st.execution_id, spec.description, s->scenario.call_site,
                                 PlanDescription(spec, version), PlanInfoJson(spec, st.ids, version), time_ms));
  ++s->summary.sql_executions;
  if (spec.adaptive) {
    time_ms += s->rng.Range(40, 180);
    s->Emit(time_ms,
            SqlAdaptiveExecutionUpdateEvent(st.execution_id, PlanDescription(spec, PlanVersion::kAdaptiveCurrent),
                                            PlanInfoJson(spec, st.ids, PlanVersion::kAdaptiveCurrent)));
  }
  EmitDriverUpdates(s, q, -1, time_ms);
}

// AQE's last re-plan: exchanges are query stages now, coalesced reads shown.
void FinalAdaptivePlan(SimState* s, int32_t q, int64_t time_ms) {
  const SqlSpec& spec = s->scenario.sql[static_cast<size_t>(q)];
  SqlState& st = s->sql[static_cast<size_t>(q)];
  for (size_t n = 0; n < spec.nodes.size(); ++n) {
    if (spec.nodes[n].name == "Exchange" && spec.nodes[n].aqe_partitions > 0) {
      for (int i = 0; i < 3; ++i) st.ids.aqe_read_ids[n].push_back(s->next_accumulator_id++);
    }
  }
  s->Emit(time_ms, SqlAdaptiveExecutionUpdateEvent(st.execution_id, PlanDescription(spec, PlanVersion::kAdaptiveFinal),
                                                   PlanInfoJson(spec, st.ids, PlanVersion::kAdaptiveFinal)));
  for (size_t n = 0; n < spec.nodes.size(); ++n) {
    if (st.ids.aqe_read_ids[n].empty()) continue;
    const PlanNode& node = spec.nodes[n];
    time_ms += s->rng.Range(2, 15);
    s->Emit(time_ms, SqlDriverAccumUpdatesEvent(st.execution_id, {{st.ids.aqe_read_ids[n][0], node.aqe_partitions},
                                                                  {st.ids.aqe_read_ids[n][1], node.aqe_partition_bytes},
                                                                  {st.ids.aqe_read_ids[n][2], node.aqe_partitions}}));
  }
}

// Returns false if the job failed.
bool RunJob(SimState* s, int32_t job_index, int32_t* next_dynamic_host) {
  const Scenario& sc = s->scenario;
  const JobSpec& job = sc.jobs[static_cast<size_t>(job_index)];
  const int64_t submit_ms = s->now_ms + job.gap_before_ms;

  if (job.remove_executors > 0) {
    // Dynamic allocation releases executors idle past their timeout.
    int64_t t = s->now_ms + job.gap_before_ms / 2;
    AddExecutorsUntil(s, t, nullptr);
    int32_t removed = 0;
    for (size_t i = s->executors.size(); i-- > 0 && removed < job.remove_executors;) {
      ExecutorState& e = s->executors[i];
      if (!e.alive) continue;
      t += s->rng.Range(3, 90);
      RemoveExecutor(s, static_cast<int32_t>(i), t,
                     "Container " + e.container_id + " exited from explicit termination request.");
      ++removed;
    }
  }

  JobContext ctx;
  ctx.job_id = job_index;
  ctx.sql = job.sql;
  ctx.call_site = job.call_site.empty() ? sc.call_site : job.call_site;
  int32_t sql_job = 0;  // this job's position among its execution's jobs
  if (job.sql >= 0) {
    for (int32_t j = 0; j < job_index; ++j) sql_job += sc.jobs[static_cast<size_t>(j)].sql == job.sql ? 1 : 0;
    if (sql_job == 0) {
      int64_t start_ms = submit_ms - std::min<int64_t>(job.gap_before_ms / 2, 1500);
      AddExecutorsUntil(s, start_ms, nullptr);
      StartSql(s, job.sql, start_ms);
    }
  }
  ctx.properties_json = JobProperties(*s, ctx);

  AddExecutorsUntil(s, submit_ms, nullptr);
  // Ancestors first, as the DAGScheduler creates them. A stage computed by
  // an earlier job is a new (skipped) stage of this one: that job's stage
  // was dropped when it ended.
  std::vector<int32_t> skipped = job.skipped_stages;
  std::sort(skipped.begin(), skipped.end());
  for (int32_t i : skipped) ctx.stage_ids[i] = s->next_stage_id++;
  for (int32_t i : job.stages) {
    StageState& st = s->stages[static_cast<size_t>(i)];
    if (st.stage_id < 0) st.stage_id = s->next_stage_id++;
    ctx.stage_ids[i] = st.stage_id;
  }
  std::vector<StageInfoValues> infos;
  for (const auto& [i, id] : ctx.stage_ids) {
    const StageState& st = s->stages[static_cast<size_t>(i)];
    infos.push_back(StageInfo(s, i, std::max(0, st.attempts - 1), sc.stages[static_cast<size_t>(i)].num_tasks, ctx));
  }
  std::sort(infos.begin(), infos.end(),
            [](const StageInfoValues& a, const StageInfoValues& b) { return a.stage_id < b.stage_id; });
  s->Emit(submit_ms, JobStartEvent(job_index, submit_ms, infos, ctx.properties_json));
  if (s->Written(submit_ms)) {
    ++s->summary.jobs;
    for (const StageInfoValues& info : infos) {
      s->stage_ids_seen.insert(info.stage_id);
      s->stage_attempts_seen.insert({info.stage_id, info.attempt});
    }
  }
  for (int32_t k = 0; k < job.add_executors; ++k) {
    int32_t host = (*next_dynamic_host)++ / std::max(1, sc.cluster.executors_per_host);
    ScheduleExecutor(s, submit_ms + 1200 + k * s->rng.Range(150, 400), HostName(1 + host));
  }

  s->now_ms = submit_ms + s->rng.Range(4, 25);
  bool ok = true;
  for (int32_t stage : job.stages) {
    ok = RunStage(s, stage, &ctx);
    s->now_ms = std::max(s->now_ms, s->last_time_ms);
    if (!ok) break;
    s->now_ms += s->rng.Range(8, 60);
  }
  int64_t end_ms = s->now_ms + s->rng.Range(1, 9);
  AddExecutorsUntil(s, end_ms, nullptr);
  std::optional<std::string> failure;
  if (!ok) failure = ctx.abort_message;
  s->Emit(end_ms, JobEndEvent(job_index, end_ms, failure, DriverAbortFrames()));
  if (!ok && s->Written(end_ms)) ++s->summary.failed_jobs;
  for (const auto& [time_ms, line] : ctx.after_job_end) {
    s->Emit(std::max(time_ms, end_ms + 1), line);
    if (s->Written(std::max(time_ms, end_ms + 1))) ++s->summary.killed_tasks;
  }
  s->now_ms = end_ms;

  if (job.sql < 0) return ok;
  SqlState& st = s->sql[static_cast<size_t>(job.sql)];
  const SqlSpec& spec = sc.sql[static_cast<size_t>(job.sql)];
  if (!ok) st.error_message = ctx.abort_message;
  bool last = sql_job + 1 == st.jobs_total;
  if (last && ok) s->now_ms += spec.commit_ms;
  int64_t t = s->now_ms + s->rng.Range(2, 20);
  EmitDriverUpdates(s, job.sql, sql_job, t);
  if (spec.adaptive && sql_job == std::max(0, st.jobs_total - 2)) FinalAdaptivePlan(s, job.sql, t + 5);
  s->now_ms = std::max(s->now_ms, s->last_time_ms);
  if (last || !ok) {
    int64_t sql_end_ms = s->now_ms + s->rng.Range(3, 40);
    s->Emit(sql_end_ms, SqlExecutionEndEvent(st.execution_id, sql_end_ms, st.error_message));
    s->now_ms = sql_end_ms;
  }
  return ok;
}

}  // namespace
}  // namespace internal

GeneratedLog Simulate(const Scenario& sc) {
  using namespace internal;
  Validate(sc);
  SimState s(sc);
  for (size_t i = 0; i < sc.stages.size(); ++i) {
    StageState st;
    if (!sc.stages[i].result_stage) {
      st.shuffle_id = s.next_shuffle_id++;
      st.output_executor.assign(static_cast<size_t>(sc.stages[i].num_tasks), -1);
      st.output_task_id.assign(static_cast<size_t>(sc.stages[i].num_tasks), -1);
    }
    s.stages.push_back(std::move(st));
  }
  s.sql.resize(sc.sql.size());
  for (const JobSpec& job : sc.jobs) {
    if (job.sql >= 0) ++s.sql[static_cast<size_t>(job.sql)].jobs_total;
  }

  const AppSpec& app = sc.app;
  const ClusterSpec& cluster = sc.cluster;
  int64_t t = app.start_ms;
  s.now_ms = t;
  s.Emit(t, LogStartEvent(app.spark_version));
  s.Emit(t, ResourceProfileAddedEvent(cluster.cores, cluster.memory_mb, cluster.overhead_mb));
  int64_t driver_bm_ms = t + s.rng.Range(1900, 2600);
  s.Emit(t, BlockManagerAddedEvent(driver_bm_ms, "driver", kDriverHost, 41235,
                                   (cluster.driver_memory_mb << 20) * 97 / 100 * 6 / 10 - (180 << 20)));
  ++s.summary.executors;
  std::vector<Property> spark = sc.spark_properties;
  std::sort(spark.begin(), spark.end(), [](const Property& a, const Property& b) { return a.key < b.key; });
  s.Emit(t, EnvironmentUpdateEvent(JvmInformation(), spark, HadoopProperties(), SystemProperties(app),
                                   MetricsProperties(), ClasspathEntries(app)));
  s.Emit(t, ApplicationStartEvent(app.name, app.id, app.start_ms, app.user));
  s.summary.start_ms = app.start_ms;
  for (int32_t i = 0; i < cluster.executors; ++i) {
    ScheduleExecutor(&s, t + cluster.first_executor_ms + i * cluster.executor_spacing_ms + s.rng.Range(0, 40),
                     HostName(1 + i / std::max(1, cluster.executors_per_host)));
  }

  int32_t next_dynamic_host = cluster.executors;
  for (size_t j = 0; j < sc.jobs.size(); ++j) {
    if (!RunJob(&s, static_cast<int32_t>(j), &next_dynamic_host)) break;  // the driver program fails
  }

  int64_t end_ms = s.now_ms + app.shutdown_ms;
  AddExecutorsUntil(&s, end_ms, nullptr);
  s.Emit(end_ms, ApplicationEndEvent(end_ms));
  s.summary.completed = s.Written(end_ms);
  s.summary.end_ms = s.summary.completed ? end_ms : std::min(s.cut_ms, s.last_time_ms);
  s.summary.stages = static_cast<int32_t>(s.stage_ids_seen.size());
  s.summary.stage_attempts = static_cast<int32_t>(s.stage_attempts_seen.size());
  return GeneratedLog{std::move(s.out), s.summary};
}

}  // namespace sparkdx::samples
