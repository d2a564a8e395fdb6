// config_issues: settings a Spark 3.5 job should not run with.
#include "query_templates.h"
#include "scenario_common.h"
#include "scenarios.h"
#include "spark_text.h"

namespace sparkdx::samples {

// AQE off; the Java serializer with RDD stages; dynamic allocation without
// the external shuffle service and without maxExecutors (it grows to 50
// executors); 200m of memory overhead on 8g executors; and
// spark.sql.shuffle.partitions left at its default 200 under a 600 GiB
// shuffle (3 GiB per reduce task).
Scenario ConfigIssues() {
  Scenario sc = BaseScenario("config_issues",
                             "AQE off, JavaSerializer with RDD stages, dynamic allocation without shuffle service or "
                             "maxExecutors, 200m overhead on 8g, 200 shuffle partitions for 600 GiB",
                             26);
  sc.cluster.executors = 2;
  sc.cluster.overhead_mb = 200;
  ResetProperties(&sc);
  auto& p = sc.spark_properties;
  SetProperty(&p, "spark.sql.adaptive.enabled", "false");
  RemoveProperty(&p, "spark.sql.adaptive.coalescePartitions.enabled");
  RemoveProperty(&p, "spark.sql.adaptive.advisoryPartitionSizeInBytes");
  RemoveProperty(&p, "spark.sql.adaptive.skewJoin.enabled");
  SetProperty(&p, "spark.serializer", "org.apache.spark.serializer.JavaSerializer");
  RemoveProperty(&p, "spark.kryoserializer.buffer.max");
  SetProperty(&p, "spark.dynamicAllocation.enabled", "true");
  SetProperty(&p, "spark.dynamicAllocation.minExecutors", "2");
  RemoveProperty(&p, "spark.executor.instances");
  RemoveProperty(&p, "spark.shuffle.service.enabled");
  RemoveProperty(&p, "spark.shuffle.service.port");
  RemoveProperty(&p, "spark.sql.shuffle.partitions");
  SetProperty(&p, "spark.sql.files.maxPartitionBytes", "536870912");

  // The RDD part: Java serialization makes the shuffle larger than its input.
  RddJob rdd = AddRddShuffleJob(&sc, 24, 22 * kSecond, 160 * kMiB, 24, 30 * kSecond, 3600, 47);
  sc.jobs.back().add_executors = 8;
  sc.stages[static_cast<size_t>(rdd.map_stage)].cpu_permille = 910;

  // The SQL part: 52.5 GiB read, exploded to a 600 GiB shuffle over 200 partitions.
  AggregateQueryOptions o;
  o.map_tasks = 120;
  o.input_bytes = 448 * kMiB;
  o.map_run_ms = 5 * kMinute;
  o.shuffle_bytes = 5 * kGiB;
  o.reduce_tasks = 200;
  o.reduce_run_ms = 7 * kMinute;
  o.gap_before_ms = 1500;
  o.user_line = 118;
  AggregateQuery a = AddAggregateQuery(&sc, o);
  sc.jobs[static_cast<size_t>(a.first_job)].add_executors = 40;
  StageSpec& reduce = sc.stages[static_cast<size_t>(a.reduce_stage)];
  reduce.peak_execution_bytes = 700 * kMiB;
  reduce.heap_permille = 760;
  return sc;
}

}  // namespace sparkdx::samples
