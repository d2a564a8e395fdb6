// Failures: failed tasks, stage retries, speculation, aborted jobs, a log
// without its end.
#include "query_templates.h"
#include "scenario_common.h"
#include "scenarios.h"
#include "spark_text.h"

namespace sparkdx::samples {

// Every kind of task failure, each retried successfully: user exceptions,
// a heap OOM, a container killed by YARN for exceeding its memory limit, a
// container killed with exit code 137, and a fetch failure after a host
// was lost (which reruns part of the map stage).
Scenario TaskFailures() {
  Scenario sc = BaseScenario("task_failures",
                             "task failures of every kind (IllegalArgumentException, OutOfMemoryError, YARN memory "
                             "kill, exit 137, FetchFailed), all retried successfully",
                             21);
  sc.cluster.memory_mb = 5120;
  sc.cluster.overhead_mb = 512;  // 5.5 GiB containers
  ResetProperties(&sc);
  AggregateQueryOptions o;
  o.map_tasks = 40;
  o.map_run_ms = 30 * kSecond;
  o.reduce_tasks = 40;
  o.reduce_run_ms = 20 * kSecond;
  o.gap_before_ms = 3700;
  AggregateQuery first = AddAggregateQuery(&sc, o);
  sc.stages[static_cast<size_t>(first.map_stage)].failures = {{12, FailureKind::kUserException, 1, 350},
                                                              {31, FailureKind::kUserException, 1, 620}};
  o.table = "sales.returns";
  o.target = "marts.returns_by_store";
  o.user_line = 131;
  o.map_tasks = 64;
  o.gap_before_ms = 800;
  AggregateQuery second = AddAggregateQuery(&sc, o);
  StageSpec& map = sc.stages[static_cast<size_t>(second.map_stage)];
  map.heap_permille = 880;
  map.failures = {{9, FailureKind::kHeapOom, 1, 700},
                  {33, FailureKind::kYarnMemoryKill, 1, 500},
                  {61, FailureKind::kExecutorLost, 1, 450}};
  RddJob rdd = AddRddShuffleJob(&sc, 48, 25 * kSecond, 64 * kMiB, 40, 20 * kSecond, 900, 152);
  sc.stages[static_cast<size_t>(rdd.reduce_stage)].lost_hosts = {HostName(3)};
  sc.stages[static_cast<size_t>(rdd.reduce_stage)].lost_at_ms = 12 * kSecond;
  return sc;
}

// Three of five hosts (six of ten executors) are preempted while the
// reduce stage runs: FetchFailed fails it, the map stage reruns the 60% of
// its partitions whose output was there (attempt 1), then the reduce stage
// runs again (attempt 1).
Scenario StageRetries() {
  Scenario sc =
      BaseScenario("stage_retries", "a FetchFailed makes the parent map stage rerun 60% of its tasks as attempt 1", 22);
  sc.cluster.executors_per_host = 2;
  ResetProperties(&sc);
  RddJob rdd = AddRddShuffleJob(&sc, 80, 30 * kSecond, 96 * kMiB, 80, 25 * kSecond, 3800, 64);
  StageSpec& reduce = sc.stages[static_cast<size_t>(rdd.reduce_stage)];
  reduce.lost_hosts = {HostName(1), HostName(2), HostName(3)};
  reduce.lost_at_ms = 15 * kSecond;
  return sc;
}

// spark.speculation with an aggressive quantile (0.5) and multiplier
// (1.2): 30% of the tasks get a copy, which runs ~35 s and is killed when
// the original finishes first.
Scenario SpeculationWaste() {
  Scenario sc = BaseScenario(
      "speculation_waste",
      "30% of tasks are speculated; every copy runs long and is killed because the original finished first", 23);
  sc.cluster.executors = 30;
  sc.cluster.executors_per_host = 2;
  sc.cluster.executor_spacing_ms = 50;
  ResetProperties(&sc);
  SetProperty(&sc.spark_properties, "spark.speculation", "true");
  SetProperty(&sc.spark_properties, "spark.speculation.multiplier", "1.2");
  SetProperty(&sc.spark_properties, "spark.speculation.quantile", "0.5");
  AggregateQueryOptions o;
  o.map_tasks = 120;
  o.map_run_ms = 40 * kSecond;
  o.reduce_tasks = 120;
  o.reduce_run_ms = 30 * kSecond;
  o.gap_before_ms = 3900;
  AggregateQuery a = AddAggregateQuery(&sc, o);
  sc.stages[static_cast<size_t>(a.map_stage)].speculated_permille = 300;
  sc.stages[static_cast<size_t>(a.reduce_stage)].speculated_permille = 300;
  return sc;
}

// Task 17 of the second query's map stage throws IllegalArgumentException
// on all four attempts: the stage aborts, the job fails, the driver exits.
Scenario JobFailed() {
  Scenario sc = BaseScenario(
      "job_failed", "a job fails: task 17 fails 4 times with IllegalArgumentException and aborts its stage", 24);
  AggregateQueryOptions o;
  o.map_tasks = 40;
  o.map_run_ms = 30 * kSecond;
  o.reduce_tasks = 40;
  o.reduce_run_ms = 15 * kSecond;
  o.gap_before_ms = 3700;
  AddAggregateQuery(&sc, o);
  o.table = "sales.returns";
  o.target = "marts.returns_by_store";
  o.user_line = 131;
  o.map_tasks = 80;
  o.gap_before_ms = 800;
  AggregateQuery second = AddAggregateQuery(&sc, o);
  sc.stages[static_cast<size_t>(second.map_stage)].failures = {{17, FailureKind::kUserException, 4, 400}};
  return sc;
}

// The log ends while the second query's map stage runs: no
// ApplicationEnd, running tasks without TaskEnd, open stage, job and SQL
// execution.
Scenario AppIncomplete() {
  Scenario sc =
      BaseScenario("app_incomplete",
                   "no SparkListenerApplicationEnd: the log stops with a job, a stage and 40 tasks still running", 25);
  AggregateQueryOptions o;
  o.map_tasks = 80;
  o.map_run_ms = 30 * kSecond;
  o.reduce_tasks = 40;
  o.reduce_run_ms = 20 * kSecond;
  o.gap_before_ms = 3700;
  AddAggregateQuery(&sc, o);
  o.table = "sales.returns";
  o.target = "marts.returns_by_store";
  o.user_line = 131;
  o.map_tasks = 120;
  o.map_run_ms = 60 * kSecond;
  o.gap_before_ms = 900;
  AddAggregateQuery(&sc, o);
  sc.app.log_cut_ms = 200 * kSecond;
  return sc;
}

}  // namespace sparkdx::samples
