// Partitioning: too few, too large, too small partitions; small files.
#include "query_templates.h"
#include "scenario_common.h"
#include "scenarios.h"
#include "spark_text.h"

namespace sparkdx::samples {
namespace {

// The tiny-task stage's task count. 20,000 tasks would make a ~60 MB log
// (each task is ~3 KB of TaskStart + TaskEnd); this many keep the sample
// near the 2 MB budget while every other number stays as designed.
constexpr int32_t kTinyTasks = 600;

// scan -> repartition(n) -> write, the map side exploding rows ~3x: a
// repartition by number that AQE does not coalesce.
struct RepartitionWrite {
  int32_t map_stage = -1, write_stage = -1;
};

RepartitionWrite AddRepartitionWrite(Scenario* sc, int32_t map_tasks, int64_t input_bytes, int64_t map_run_ms,
                                     int64_t shuffle_bytes, int32_t partitions, const std::string& partitioning,
                                     int64_t write_run_ms) {
  const std::string name = ShortCallSite(*sc, "saveAsTable", 96);
  sc->call_site = LongCallSite(*sc, "org.apache.spark.sql.DataFrameWriter.saveAsTable(DataFrameWriter.scala:633)", 96);
  sc->sql.emplace_back();
  SqlSpec& q = sc->sql.back();
  q.description = name;
  PlanBuilder b(&q);
  std::vector<std::string> cols = {"order_id", "customer_id", "items", "order_amount", "order_date"};
  std::vector<std::string> out = {"order_id", "customer_id", "item_sk", "item_amount", "order_date"};
  ScanChain scan = AddScanChain(&b, 1, "sales.orders", cols, out, "isnotnull(order_id)");
  int32_t exchange = b.Exchange(scan.codegen, out, partitioning, "REPARTITION_BY_NUM");
  int32_t insert = b.InsertInto(b.WriteFiles(exchange, out), "marts.order_items",
                                "hdfs://gateway-01:8020/user/hive/warehouse/marts.db/order_items", out);
  b.SetRoot(insert);

  StageSpec map = ScanStage(name, map_tasks, input_bytes, map_run_ms);
  map.shuffle_write_bytes = shuffle_bytes;
  map.shuffle_write_records = map.input_records * 5 / 2;
  UpdateScanChain(&q, &map, scan, map_tasks / 2, map_tasks * input_bytes, 1000000);
  UpdateExchangeWrite(&map, exchange, 1900000);
  RepartitionWrite r;
  r.map_stage = AddStage(sc, map);

  int64_t read = map_tasks * shuffle_bytes / partitions;
  StageSpec write = ShuffleStage(name, partitions, read, write_run_ms);
  write.result_stage = true;
  write.parents = {r.map_stage};
  write.scope = "WriteFiles";
  write.shuffle_read_records = map_tasks * map.shuffle_write_records / partitions;
  write.output_bytes = read * 3 / 8;
  write.output_records = write.shuffle_read_records;
  write.peak_execution_bytes = 96 * kMiB;
  UpdateExchangeRead(&write, exchange);
  UpdateWrite(&q, &write, insert, 1, partitions, partitions * write.output_bytes, partitions * write.output_records, 0,
              900 + partitions * 40);
  r.write_stage = AddStage(sc, write);
  AddJob(sc, {r.map_stage}, 0, 3800);
  AddJob(sc, {r.write_stage}, 0, 140, {r.map_stage});
  return r;
}

}  // namespace

// repartition(8) before a write: 200 GiB of shuffle read by 8 tasks on a
// cluster of 80 cores.
Scenario TooFewPartitions() {
  Scenario sc = BaseScenario("too_few_partitions", "a stage reads 200 GiB in only 8 tasks on 80 cores", 9);
  sc.cluster.executors = 20;
  sc.cluster.executor_spacing_ms = 90;
  ResetProperties(&sc);
  SetProperty(&sc.spark_properties, "spark.sql.files.maxPartitionBytes", "536870912");
  AddRepartitionWrite(&sc, 160, 448 * kMiB, 60 * kSecond, 1280 * kMiB, 8, "RoundRobinPartitioning(8)", 38 * kMinute);
  return sc;
}

// repartition(80, customer_id) before a write: 200 GiB over 80 partitions,
// 2.5 GiB read by each task.
Scenario OversizedPartitions() {
  Scenario sc =
      BaseScenario("oversized_partitions", "shuffle partitions of 2.5 GiB: every task of a stage reads 2.5 GiB", 10);
  SetProperty(&sc.spark_properties, "spark.sql.files.maxPartitionBytes", "536870912");
  AddRepartitionWrite(&sc, 160, 448 * kMiB, 45 * kSecond, 1280 * kMiB, 80, "hashpartitioning(customer_id#2L, 80)",
                      6 * kMinute);
  return sc;
}

// An RDD stage of kTinyTasks tasks of 40 ms: the developer's
// parallelize(ids, n) makes scheduling and deserialization a third of each
// task's time.
Scenario TinyTasks() {
  Scenario sc = BaseScenario("tiny_tasks", "a stage of many tasks with a median run time of 40 ms", 11);
  AggregateQueryOptions o;
  o.map_tasks = 40;
  o.map_run_ms = 20 * kSecond;
  o.reduce_tasks = 40;
  o.reduce_run_ms = 10 * kSecond;
  o.gap_before_ms = 3700;
  AddAggregateQuery(&sc, o);
  StageSpec tiny;
  tiny.name = ShortCallSite(sc, "count", 71);
  tiny.call_site = LongCallSite(sc, "org.apache.spark.rdd.RDD.count(RDD.scala:1296)", 71);
  tiny.result_stage = true;
  tiny.num_tasks = kTinyTasks;
  tiny.rdd_shape = "parallelize";
  tiny.scope = "map";
  tiny.run_ms = 40;
  tiny.spread_permille = 250;
  tiny.deserialize_ms = 6;
  tiny.result_bytes = 1832;
  int32_t s_tiny = AddStage(&sc, tiny);
  AddJob(&sc, {s_tiny}, -1, 600);
  return sc;
}

// 20,000 files of 512 KiB (10 GiB): with spark.sql.files.maxPartitionBytes
// at 1g each task opens ~227 files (4 MiB open cost each) for 114 MiB.
Scenario SmallFilesRead() {
  Scenario sc =
      BaseScenario("small_files_read", "a scan lists and reads 20,000 files totalling 10 GB (512 KiB each)", 12);
  SetProperty(&sc.spark_properties, "spark.sql.files.maxPartitionBytes", "1073741824");
  AggregateQueryOptions o;
  o.table = "raw.device_pings";
  o.files = 20000;
  o.map_tasks = 88;
  o.input_bytes = 20000 * 512 * kKiB / 88;
  o.map_run_ms = 18 * kSecond;
  o.shuffle_bytes = 24 * kMiB;
  o.reduce_tasks = 40;
  o.reduce_run_ms = 8 * kSecond;
  o.gap_before_ms = 4600;
  AggregateQuery a = AddAggregateQuery(&sc, o);
  sc.stages[static_cast<size_t>(a.map_stage)].cpu_permille = 380;  // waiting on opens
  SqlSpec& q = sc.sql[static_cast<size_t>(a.sql)];
  for (SqlDriverUpdate& u : q.driver_updates) {
    if (u.metric == "size of files read") u.value = 20000 * 512 * kKiB;
  }
  return sc;
}

// 200 input splits each write rows of 20 dynamic partitions: 4,000 files
// of 0.3 MiB.
Scenario SmallFilesWritten() {
  Scenario sc = BaseScenario("small_files_written", "a write produces 4,000 files of 0.3 MiB (1.2 GB)", 13);
  const std::string name = ShortCallSite(sc, "insertInto", 140);
  sc.call_site = LongCallSite(sc, "org.apache.spark.sql.DataFrameWriter.insertInto(DataFrameWriter.scala:499)", 140);
  sc.sql.emplace_back();
  SqlSpec& q = sc.sql.back();
  q.description = name;
  q.commit_ms = 8200;  // renaming 4,000 files into place
  PlanBuilder b(&q);
  std::vector<std::string> cols = {"event_id", "country", "device_id", "event_amount", "event_date"};
  ScanChain scan = AddScanChain(&b, 1, "raw.app_events", cols, cols, "(event_type = purchase)");
  int32_t insert = b.InsertInto(b.WriteFiles(scan.codegen, cols), "marts.purchases",
                                "hdfs://gateway-01:8020/user/hive/warehouse/marts.db/purchases", cols);
  b.SetRoot(insert);
  StageSpec s = ScanStage(name, 200, 128 * kMiB, 20 * kSecond);
  s.result_stage = true;
  s.output_bytes = 20 * 314573;  // 20 files of 0.3 MiB per task
  s.output_records = 61000;
  UpdateScanChain(&q, &s, scan, 200, 200 * 128 * kMiB, 18200);
  s.sql_updates.push_back({insert, "task commit time", Quantity::kRunMs, 20000});
  q.driver_updates.push_back({insert, "number of written files", 4000, 0});
  q.driver_updates.push_back({insert, "job commit time", 8200, 0});
  q.driver_updates.push_back({insert, "number of output rows", 200 * 61000, 0});
  q.driver_updates.push_back({insert, "number of dynamic part", 20, 0});
  q.driver_updates.push_back({insert, "written output", 200 * s.output_bytes, 0});
  int32_t stage = AddStage(&sc, s);
  AddJob(&sc, {stage}, 0, 3800);
  return sc;
}

}  // namespace sparkdx::samples
