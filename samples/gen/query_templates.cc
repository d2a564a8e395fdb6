#include "query_templates.h"

#include <algorithm>

#include "spark_text.h"

namespace sparkdx::samples {

bool AdaptiveEnabled(const Scenario& sc) {
  const std::string* aqe = FindProperty(sc.spark_properties, "spark.sql.adaptive.enabled");
  return aqe == nullptr || *aqe == "true";
}

AggregateQuery AddAggregateQuery(Scenario* sc, const AggregateQueryOptions& o) {
  AggregateQuery a;
  const bool aqe = AdaptiveEnabled(*sc);
  const bool write = !o.target.empty();
  const std::string name = ShortCallSite(*sc, write ? "saveAsTable" : "collect", o.user_line);
  const std::string call_site =
      LongCallSite(*sc,
                   write ? "org.apache.spark.sql.DataFrameWriter.saveAsTable(DataFrameWriter.scala:633)"
                         : "org.apache.spark.sql.Dataset.collect(Dataset.scala:3575)",
                   o.user_line);
  sc->sql.emplace_back();
  a.sql = static_cast<int32_t>(sc->sql.size()) - 1;
  SqlSpec& q = sc->sql.back();
  q.description = name;
  q.adaptive = aqe;
  PlanBuilder b(&q, 1 + 100 * a.sql);

  const std::vector<std::string> columns = {"txn_id", "customer_id", "store_id", "net_amount", "event_date"};
  a.scan = AddScanChain(&b, 0, o.table, columns, {"customer_id", "store_id", "net_amount"},
                        "(isnotnull(store_id) AND (event_date = 2024-06-09))", o.format);
  a.partial = b.HashAggregate(a.scan.project, {"customer_id", "store_id"}, "partial_sum(" + b.Attr("net_amount") + ")",
                              {"customer_id", "store_id", "sum"});
  int32_t map_codegen = b.Codegen(o.first_codegen_id, a.partial);
  const std::string* partitions = FindProperty(sc->spark_properties, "spark.sql.shuffle.partitions");
  a.exchange = b.Exchange(map_codegen, {"customer_id", "store_id", "sum"},
                          "hashpartitioning(" + b.Attr("customer_id") + ", " + b.Attr("store_id") + ", " +
                              (partitions != nullptr ? *partitions : "200") + ")");
  a.final_agg = b.HashAggregate(b.InputAdapter(a.exchange), {"customer_id", "store_id"},
                                "sum(" + b.Attr("net_amount") + ")", {"customer_id", "store_id", "revenue"});
  a.final_codegen = b.Codegen(o.first_codegen_id + 1, a.final_agg);
  int32_t root = a.final_codegen;
  if (write) {
    std::string location = "hdfs://gateway-01:8020/user/hive/warehouse/" + o.target.substr(0, o.target.find('.')) +
                           ".db/" + o.target.substr(o.target.find('.') + 1);
    a.insert = b.InsertInto(b.WriteFiles(root, {"customer_id", "store_id", "revenue"}), o.target, location,
                            {"customer_id", "store_id", "revenue"});
    root = a.insert;
  }
  b.SetRoot(root);
  if (aqe) {
    q.nodes[static_cast<size_t>(a.exchange)].aqe_partitions = o.reduce_tasks;
    q.nodes[static_cast<size_t>(a.exchange)].aqe_partition_bytes = o.map_tasks * o.shuffle_bytes;
  }

  StageSpec map = ScanStage(name, o.map_tasks, o.input_bytes, o.map_run_ms);
  map.scope = "WholeStageCodegen (" + std::to_string(o.first_codegen_id) + ")";
  map.shuffle_write_bytes = o.shuffle_bytes;
  map.shuffle_write_records = std::min(map.input_records * 9 / 10, o.shuffle_bytes / 36);
  UpdateScanChain(&q, &map, a.scan, o.files > 0 ? o.files : o.map_tasks, o.map_tasks * o.input_bytes, 900000);
  UpdateAggregate(&map, a.partial, Quantity::kShuffleWriteRecords, 1000000);
  UpdateCodegen(&map, map_codegen);
  UpdateExchangeWrite(&map, a.exchange, 2600000);
  a.map_stage = AddStage(sc, map);

  StageSpec reduce =
      ShuffleStage(name, o.reduce_tasks, o.map_tasks * o.shuffle_bytes / o.reduce_tasks, o.reduce_run_ms);
  reduce.result_stage = true;
  reduce.parents = {a.map_stage};
  reduce.scope = "WholeStageCodegen (" + std::to_string(o.first_codegen_id + 1) + ")";
  reduce.shuffle_read_records = o.map_tasks * map.shuffle_write_records / o.reduce_tasks;
  UpdateExchangeRead(&reduce, a.exchange);
  if (write) {
    reduce.output_bytes = reduce.shuffle_read_bytes * 4 / 10;
    reduce.output_records = reduce.shuffle_read_records * 6 / 10;
    UpdateAggregate(&reduce, a.final_agg, Quantity::kOutputRecords, 1000000);
    UpdateCodegen(&reduce, a.final_codegen);
    UpdateWrite(&q, &reduce, a.insert, aqe ? 1 : 0, o.reduce_tasks, o.reduce_tasks * reduce.output_bytes,
                o.reduce_tasks * reduce.output_records, 0, 1400 + o.reduce_tasks * 12);
  } else {
    reduce.result_bytes = 96 * kKiB;
    UpdateAggregate(&reduce, a.final_agg, Quantity::kShuffleReadRecords, 600000);
    UpdateCodegen(&reduce, a.final_codegen);
  }
  a.reduce_stage = AddStage(sc, reduce);

  a.first_job = static_cast<int32_t>(sc->jobs.size());
  if (aqe) {
    AddJob(sc, {a.map_stage}, a.sql, o.gap_before_ms);
    AddJob(sc, {a.reduce_stage}, a.sql, 160, {a.map_stage});
  } else {
    AddJob(sc, {a.map_stage, a.reduce_stage}, a.sql, o.gap_before_ms);
  }
  for (size_t j = static_cast<size_t>(a.first_job); j < sc->jobs.size(); ++j) sc->jobs[j].call_site = call_site;
  return a;
}

RddJob AddRddShuffleJob(Scenario* sc, int32_t map_tasks, int64_t map_run_ms, int64_t shuffle_bytes,
                        int32_t reduce_tasks, int64_t reduce_run_ms, int64_t gap_before_ms, int32_t line) {
  StageSpec map;
  map.name = ShortCallSite(*sc, "reduceByKey", line);
  map.num_tasks = map_tasks;
  map.rdd_shape = "rdd_scan";
  map.scope = "reduceByKey";
  map.input_bytes = 128 * kMiB;
  map.input_records = 128 * kMiB / 150;  // log lines
  map.run_ms = map_run_ms;
  map.shuffle_write_bytes = shuffle_bytes;
  map.shuffle_write_records = shuffle_bytes / 48;
  map.peak_execution_bytes = 96 * kMiB;
  RddJob r;
  r.map_stage = AddStage(sc, map);
  StageSpec reduce;
  reduce.name = ShortCallSite(*sc, "saveAsTextFile", line + 2);
  reduce.result_stage = true;
  reduce.num_tasks = reduce_tasks;
  reduce.parents = {r.map_stage};
  reduce.rdd_shape = "rdd_shuffle";
  reduce.scope = "saveAsTextFile";
  reduce.run_ms = reduce_run_ms;
  reduce.shuffle_read_bytes = map_tasks * shuffle_bytes / reduce_tasks;
  reduce.shuffle_read_records = map_tasks * map.shuffle_write_records / reduce_tasks;
  reduce.output_bytes = reduce.shuffle_read_bytes / 2;
  reduce.output_records = reduce.shuffle_read_records / 3;
  reduce.peak_execution_bytes = 160 * kMiB;
  r.reduce_stage = AddStage(sc, reduce);
  AddJob(sc, {r.map_stage, r.reduce_stage}, -1, gap_before_ms);
  sc->jobs.back().call_site = LongCallSite(*sc, "org.apache.spark.rdd.RDD.saveAsTextFile(RDD.scala:1592)", line + 2);
  return r;
}

}  // namespace sparkdx::samples
