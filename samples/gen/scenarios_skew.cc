// Skew and stragglers: one task (or host) much slower than the rest.
#include "query_templates.h"
#include "scenario_common.h"
#include "scenarios.h"
#include "spark_text.h"

namespace sparkdx::samples {

// A window over user_id after an exchange by user_id: AQE's skew handling
// is for joins, so partition 17 (a bot account's user_id) keeps 40x the
// median shuffle bytes and runs 30x the median time.
Scenario TaskSkewShuffleKey() {
  Scenario sc = BaseScenario("task_skew_shuffle_key",
                             "shuffle partition 17 reads 40x the median bytes and runs 30x the median time", 2);
  SetProperty(&sc.spark_properties, "spark.sql.shuffle.partitions", "200");
  // 40 MiB partitions stay as they are: no coalescing below 32 MiB.
  SetProperty(&sc.spark_properties, "spark.sql.adaptive.advisoryPartitionSizeInBytes", "32m");
  const std::string name = ShortCallSite(sc, "saveAsTable", 112);
  sc.call_site = LongCallSite(sc, "org.apache.spark.sql.DataFrameWriter.saveAsTable(DataFrameWriter.scala:633)", 112);

  sc.sql.emplace_back();
  SqlSpec& q = sc.sql.back();
  q.description = name;
  PlanBuilder b(&q);
  std::vector<std::string> cols = {"event_id", "user_id", "event_ts", "page", "event_date"};
  std::vector<std::string> out = {"user_id", "event_ts", "page"};
  ScanChain scan = AddScanChain(&b, 1, "web.events", cols, out, "(isnotnull(user_id) AND (event_date = 2024-06-09))");
  int32_t exchange = b.Exchange(scan.codegen, out, "hashpartitioning(" + b.Attr("user_id") + ", 200)");
  int32_t sort = b.Sort(b.InputAdapter(exchange), out, "user_id");
  int32_t sort_codegen = b.Codegen(2, sort);
  int32_t window = b.Window(sort_codegen, out, "user_id", "event_ts");
  int32_t filter = b.Filter(b.InputAdapter(window), {"user_id", "event_ts", "page", "rank"}, "(rank <= 50)");
  int32_t top_codegen = b.Codegen(3, filter);
  int32_t insert = b.InsertInto(
      b.WriteFiles(top_codegen, {"user_id", "event_ts", "page", "rank"}), "marts.user_sessions",
      "hdfs://gateway-01:8020/user/hive/warehouse/marts.db/user_sessions", {"user_id", "event_ts", "page", "rank"});
  b.SetRoot(insert);

  StageSpec map = ScanStage(name, 80, 128 * kMiB, 25 * kSecond);
  map.shuffle_write_bytes = 120 * kMiB;
  map.shuffle_write_records = map.input_records * 9 / 10;
  UpdateScanChain(&q, &map, scan, 80, 80 * 128 * kMiB, 900000);
  UpdateExchangeWrite(&map, exchange, 3100000);
  int32_t s_map = AddStage(&sc, map);

  // 199 partitions of ~40 MiB and one of 1.6 GiB: 9.6 GiB in all, as written.
  StageSpec reduce = ShuffleStage(name, 200, 40 * kMiB, 12 * kSecond);
  reduce.result_stage = true;
  reduce.parents = {s_map};
  reduce.scope = "WholeStageCodegen (3)";
  reduce.shuffle_read_records = 80 * map.shuffle_write_records / 239;
  reduce.output_bytes = 14 * kMiB;
  reduce.output_records = reduce.shuffle_read_records / 8;
  reduce.outliers = {{17, 3000, 4000}};
  UpdateExchangeRead(&reduce, exchange);
  UpdateSort(&reduce, sort);
  UpdateCodegen(&reduce, sort_codegen, 300000);
  UpdateRows(&reduce, filter, Quantity::kOutputRecords, 1000000);
  UpdateCodegen(&reduce, top_codegen, 200000);
  UpdateWrite(&q, &reduce, insert, 1, 200, 0, 0, 0, 2600);
  int32_t s_reduce = AddStage(&sc, reduce);
  // The write's totals, as the tasks wrote them (one file each).
  for (SqlDriverUpdate& u : q.driver_updates) {
    if (u.metric == "written output") u.value = 199 * 14 * kMiB + 40 * 14 * kMiB;
    if (u.metric == "number of output rows") u.value = 239 * reduce.output_records;
  }

  AddJob(&sc, {s_map}, 0, 3600);
  AddJob(&sc, {s_reduce}, 0, 150, {s_map});
  return sc;
}

// gzip CSV files cannot be split: each is one task, and four files of
// 1.6 GiB among 156 of 64 MiB make four tasks read 25x the median.
Scenario TaskSkewInputSplit() {
  Scenario sc = BaseScenario("task_skew_input_split",
                             "4 unsplittable gzip files read 25x the median input bytes of their scan stage", 3);
  AggregateQueryOptions o;
  o.table = "raw.clickstream_csv_gz";
  o.format = "csv";
  o.map_tasks = 160;
  o.input_bytes = 64 * kMiB;
  o.map_run_ms = 20 * kSecond;
  o.shuffle_bytes = 8 * kMiB;
  o.reduce_tasks = 40;
  o.reduce_run_ms = 9 * kSecond;
  o.gap_before_ms = 3700;
  AggregateQuery a = AddAggregateQuery(&sc, o);
  StageSpec& map = sc.stages[static_cast<size_t>(a.map_stage)];
  map.input_records = map.input_bytes * 8 / 120;  // gzip ~8:1, ~120-byte lines
  map.shuffle_write_records = map.input_records / 20;
  map.cpu_permille = 930;  // inflating gzip is CPU work
  map.outliers = {{3, 2500, 2500}, {41, 2500, 2500}, {97, 2500, 2500}, {133, 2500, 2500}};
  StageSpec& reduce = sc.stages[static_cast<size_t>(a.reduce_stage)];
  reduce.shuffle_read_bytes = (156 + 4 * 25) * 8 * kMiB / 40;
  reduce.shuffle_read_records = (156 + 4 * 25) * map.shuffle_write_records / 40;
  SqlSpec& q = sc.sql[static_cast<size_t>(a.sql)];
  for (SqlDriverUpdate& u : q.driver_updates) {
    if (u.metric == "size of files read") u.value = (156 * 64 + 4 * 1600) * kMiB;
  }
  q.nodes[static_cast<size_t>(a.exchange)].aqe_partition_bytes = (156 + 4 * 25) * 8 * kMiB;
  return sc;
}

// Every task on host-07 runs 4x longer, in every stage, with the same bytes.
Scenario StragglerHost() {
  Scenario sc = BaseScenario("straggler_host", "all tasks on host-07 run 4x longer than elsewhere, bytes balanced", 4);
  AggregateQueryOptions o;
  o.map_tasks = 120;
  o.map_run_ms = 30 * kSecond;
  o.reduce_tasks = 80;
  o.reduce_run_ms = 20 * kSecond;
  o.shuffle_bytes = 64 * kMiB;
  o.gap_before_ms = 3800;
  AggregateQuery first = AddAggregateQuery(&sc, o);
  o.table = "sales.returns";
  o.target = "marts.returns_by_store";
  o.user_line = 131;
  o.map_tasks = 80;
  o.reduce_tasks = 40;
  o.gap_before_ms = 900;
  o.first_codegen_id = 1;
  AggregateQuery second = AddAggregateQuery(&sc, o);
  for (int32_t stage : {first.map_stage, first.reduce_stage, second.map_stage, second.reduce_stage}) {
    sc.stages[static_cast<size_t>(stage)].slow_host = HostName(7);
    sc.stages[static_cast<size_t>(stage)].slow_host_x100 = 400;
  }
  return sc;
}

// Three tasks of the first wave, on different hosts, run 6x the median with
// the same bytes as the rest: stragglers with no cause the log shows (a
// slow disk for a moment, a noisy neighbour), the case speculation is for.
Scenario Straggler() {
  Scenario sc = BaseScenario("straggler", "3 tasks on 3 hosts run 6x the median time with balanced bytes", 28);
  AggregateQueryOptions o;
  o.map_tasks = 120;
  o.map_run_ms = 30 * kSecond;
  o.reduce_tasks = 40;
  o.reduce_run_ms = 10 * kSecond;
  o.shuffle_bytes = 64 * kMiB;
  o.gap_before_ms = 2100;
  AggregateQuery a = AddAggregateQuery(&sc, o);
  sc.stages[static_cast<size_t>(a.map_stage)].outliers = {{5, 600, 100}, {17, 600, 100}, {33, 600, 100}};
  return sc;
}

}  // namespace sparkdx::samples
