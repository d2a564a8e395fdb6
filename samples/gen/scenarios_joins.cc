// Plans: join strategies, repeated work, Python UDFs.
#include "query_templates.h"
#include "scenario_common.h"
#include "scenarios.h"
#include "spark_text.h"

namespace sparkdx::samples {
namespace {

const std::vector<std::string> kOrderCols = {"order_id", "customer_id", "promo_id", "order_amount", "order_date"};

}  // namespace

// Without AQE, a 6 MiB side (a selective filter on a 20 GiB table, which
// the static planner estimates by the table's size) is sort-merge joined
// with a 200 GiB side: both shuffled, the big one sorted.
Scenario BroadcastCandidate() {
  Scenario sc =
      BaseScenario("broadcast_candidate",
                   "a SortMergeJoin of a 6 MiB exchange with a 200 GiB one, AQE off so it stays a SortMergeJoin", 14);
  SetProperty(&sc.spark_properties, "spark.sql.adaptive.enabled", "false");
  SetProperty(&sc.spark_properties, "spark.sql.shuffle.partitions", "160");
  SetProperty(&sc.spark_properties, "spark.sql.files.maxPartitionBytes", "536870912");
  const std::string name = ShortCallSite(sc, "saveAsTable", 77);
  sc.call_site = LongCallSite(sc, "org.apache.spark.sql.DataFrameWriter.saveAsTable(DataFrameWriter.scala:633)", 77);
  sc.sql.emplace_back();
  SqlSpec& q = sc.sql.back();
  q.description = name;
  q.adaptive = false;
  PlanBuilder b(&q);
  std::vector<std::string> order_out = {"order_id", "promo_id", "order_amount"};
  std::vector<std::string> promo_cols = {"promo_id", "campaign", "channel", "promo_date"};
  std::vector<std::string> promo_out = {"promo_id", "campaign"};
  ScanChain orders = AddScanChain(&b, 1, "sales.orders", kOrderCols, order_out, "isnotnull(promo_id)");
  int32_t ex_orders = b.Exchange(orders.codegen, order_out, "hashpartitioning(" + b.Attr("promo_id") + ", 160)");
  int32_t sort_orders = b.Sort(b.InputAdapter(ex_orders), order_out, "promo_id");
  int32_t cg_sort_orders = b.Codegen(2, sort_orders);
  ScanChain promos = AddScanChain(&b, 3, "marketing.promotions", promo_cols, promo_out,
                                  "((channel = partner_api) AND (promo_date = 2024-06-09))");
  int32_t ex_promos = b.Exchange(promos.codegen, promo_out, "hashpartitioning(" + b.Attr("promo_id") + ", 160)");
  int32_t sort_promos = b.Sort(b.InputAdapter(ex_promos), promo_out, "promo_id");
  int32_t cg_sort_promos = b.Codegen(4, sort_promos);
  int32_t smj = b.SortMergeJoin(b.InputAdapter(cg_sort_orders), b.InputAdapter(cg_sort_promos), "promo_id", "promo_id");
  std::vector<std::string> out = {"order_id", "campaign", "order_amount"};
  int32_t top = b.Codegen(5, b.Project(smj, out, {"order_id", "promo_id", "order_amount", "campaign"}));
  int32_t insert = b.InsertInto(b.WriteFiles(top, out), "marts.promo_orders",
                                "hdfs://gateway-01:8020/user/hive/warehouse/marts.db/promo_orders", out);
  b.SetRoot(insert);

  StageSpec big = ScanStage(name, 100, 448 * kMiB, 50 * kSecond);
  big.shuffle_write_bytes = 512 * kMiB;
  big.shuffle_write_records = big.input_records;
  UpdateScanChain(&q, &big, orders, 100, 100 * 448 * kMiB, 1000000);
  UpdateExchangeWrite(&big, ex_orders, 4000000);  // 200 GiB of rows
  int32_t s_big = AddStage(&sc, big);

  StageSpec small = ScanStage(name, 40, 448 * kMiB, 9 * kSecond);
  small.scope = "WholeStageCodegen (3)";
  small.shuffle_write_bytes = 6 * kMiB / 40;
  small.shuffle_write_records = 4100;
  UpdateScanChain(&q, &small, promos, 40, 40 * 448 * kMiB, 300);
  UpdateExchangeWrite(&small, ex_promos, 1000000);  // 6 MiB of rows
  int32_t s_small = AddStage(&sc, small);

  StageSpec join = ShuffleStage(name, 160, 320 * kMiB + 39322, 85 * kSecond);
  join.result_stage = true;
  join.rdd_shape = "join";
  join.scope = "WholeStageCodegen (5)";
  join.parents = {s_big, s_small};
  join.shuffle_read_records = 100 * big.shuffle_write_records / 160;
  join.output_bytes = 100 * kMiB;
  join.output_records = join.shuffle_read_records;
  join.peak_execution_bytes = 900 * kMiB;
  join.heap_permille = 780;
  UpdateExchangeRead(&join, ex_orders, 999883);
  UpdateExchangeRead(&join, ex_promos, 117);
  UpdateSort(&join, sort_orders);
  UpdateCodegen(&join, cg_sort_orders, 300000);
  UpdateCodegen(&join, cg_sort_promos, 2000);
  UpdateRows(&join, smj, Quantity::kOutputRecords, 1000000);
  UpdateCodegen(&join, top, 400000);
  UpdateWrite(&q, &join, insert, 0, 160, 160 * join.output_bytes, 160 * join.output_records, 0, 5200);
  int32_t s_join = AddStage(&sc, join);
  AddJob(&sc, {s_big, s_small, s_join}, 0, 3900);
  return sc;
}

// autoBroadcastJoinThreshold raised to 4g: a 2.5 GiB table is collected to
// the driver, built and broadcast to every executor.
Scenario BroadcastTooLarge() {
  Scenario sc = BaseScenario("broadcast_too_large", "a BroadcastExchange of 2.5 GiB (data size)", 15);
  sc.cluster.memory_mb = 16384;
  sc.cluster.overhead_mb = 1638;
  sc.cluster.driver_memory_mb = 16384;
  ResetProperties(&sc);
  SetProperty(&sc.spark_properties, "spark.sql.autoBroadcastJoinThreshold", "4294967296");
  SetProperty(&sc.spark_properties, "spark.driver.maxResultSize", "8g");
  const std::string name = ShortCallSite(sc, "saveAsTable", 59);
  sc.call_site = LongCallSite(sc, "org.apache.spark.sql.DataFrameWriter.saveAsTable(DataFrameWriter.scala:633)", 59);
  sc.sql.emplace_back();
  SqlSpec& q = sc.sql.back();
  q.description = name;
  PlanBuilder b(&q);
  std::vector<std::string> product_cols = {"product_id", "title", "brand", "category", "updated_date"};
  std::vector<std::string> product_out = {"product_id", "brand", "category"};
  ScanChain products = AddScanChain(&b, 1, "catalog.products", product_cols, product_out, "isnotnull(product_id)");
  int32_t broadcast = b.BroadcastExchange(products.codegen, product_out);
  std::vector<std::string> sale_cols = {"sale_id", "product_id", "store_id", "sale_amount", "sale_date"};
  ScanChain sales = AddScanChain(&b, 0, "sales.line_items", sale_cols, {"product_id", "sale_amount"},
                                 "(isnotnull(product_id) AND (sale_date = 2024-06-09))");
  int32_t bhj = b.BroadcastHashJoin(sales.project, b.InputAdapter(broadcast), "product_id", "product_id");
  int32_t partial = b.HashAggregate(
      b.Project(bhj, {"brand", "category", "sale_amount"}, {"product_id", "sale_amount", "brand", "category"}),
      {"brand", "category"}, "partial_sum(" + b.Attr("sale_amount") + ")", {"brand", "category", "sum"});
  int32_t cg_map = b.Codegen(2, partial);
  int32_t exchange = b.Exchange(cg_map, {"brand", "category", "sum"},
                                "hashpartitioning(" + b.Attr("brand") + ", " + b.Attr("category") + ", 400)");
  int32_t final_agg = b.HashAggregate(b.InputAdapter(exchange), {"brand", "category"},
                                      "sum(" + b.Attr("sale_amount") + ")", {"brand", "category", "revenue"});
  int32_t cg_final = b.Codegen(3, final_agg);
  int32_t insert = b.InsertInto(b.WriteFiles(cg_final, {"brand", "category", "revenue"}), "marts.brand_revenue",
                                "hdfs://gateway-01:8020/user/hive/warehouse/marts.db/brand_revenue",
                                {"brand", "category", "revenue"});
  b.SetRoot(insert);
  q.nodes[static_cast<size_t>(exchange)].aqe_partitions = 40;
  q.nodes[static_cast<size_t>(exchange)].aqe_partition_bytes = 120 * 32 * kMiB;

  StageSpec collect = ScanStage(kBroadcastStageName, 40, 256 * kMiB, 25 * kSecond);
  collect.call_site = BroadcastCallSite();
  collect.result_stage = true;
  collect.result_bytes = 64 * kMiB;  // the rows, collected to the driver
  UpdateScanChain(&q, &collect, products, 40, 40 * 256 * kMiB, 1000000);
  int32_t s_collect = AddStage(&sc, collect);
  UpdateBroadcast(&q, broadcast, 0, 2560 * kMiB, 40000000, 27400, 24300, 35800);

  StageSpec map = ScanStage(name, 120, 128 * kMiB, 90 * kSecond);
  map.scope = "WholeStageCodegen (2)";
  map.shuffle_write_bytes = 32 * kMiB;
  map.shuffle_write_records = 900000;
  map.storage_bytes = 2560 * kMiB;  // every executor holds the broadcast
  map.heap_permille = 800;
  UpdateScanChain(&q, &map, sales, 120, 120 * 128 * kMiB, 950000);
  UpdateRows(&map, bhj, Quantity::kInputRecords, 950000);
  UpdateAggregate(&map, partial, Quantity::kShuffleWriteRecords, 1000000);
  UpdateCodegen(&map, cg_map);
  UpdateExchangeWrite(&map, exchange, 2800000);
  int32_t s_map = AddStage(&sc, map);

  StageSpec reduce = ShuffleStage(name, 40, 96 * kMiB, 20 * kSecond);
  reduce.result_stage = true;
  reduce.parents = {s_map};
  reduce.scope = "WholeStageCodegen (3)";
  reduce.shuffle_read_records = 120 * 900000 / 40;
  reduce.output_bytes = 30 * kMiB;
  reduce.output_records = 400000;
  reduce.storage_bytes = 2560 * kMiB;
  UpdateExchangeRead(&reduce, exchange);
  UpdateAggregate(&reduce, final_agg, Quantity::kOutputRecords, 1000000);
  UpdateCodegen(&reduce, cg_final);
  UpdateWrite(&q, &reduce, insert, 2, 40, 40 * reduce.output_bytes, 40 * reduce.output_records, 0, 1900);
  int32_t s_reduce = AddStage(&sc, reduce);

  AddJob(&sc, {s_collect}, 0, 3800);
  sc.jobs.back().call_site = BroadcastCallSite();
  AddJob(&sc, {s_map}, 0, 61000);  // the driver builds (24.3 s) and broadcasts (35.8 s) the relation
  AddJob(&sc, {s_reduce}, 0, 160, {s_map});
  return sc;
}

// A range join written as a non-equi condition: BroadcastNestedLoopJoin
// compares every event with every price band, 10^10 output rows.
Scenario NestedLoopJoin() {
  Scenario sc = BaseScenario("nested_loop_join", "a BroadcastNestedLoopJoin producing 10^10 rows", 16);
  const std::string name = ShortCallSite(sc, "collect", 64);
  sc.call_site = LongCallSite(sc, "org.apache.spark.sql.Dataset.collect(Dataset.scala:3575)", 64);
  sc.sql.emplace_back();
  SqlSpec& q = sc.sql.back();
  q.description = name;
  PlanBuilder b(&q);
  ScanChain bands = AddScanChain(&b, 1, "ref.price_bands", {"band_id", "band_start", "band_end"},
                                 {"band_id", "band_start", "band_end"}, "isnotnull(band_start)");
  int32_t broadcast = b.BroadcastExchange(bands.codegen, {"band_id", "band_start", "band_end"});
  std::vector<std::string> event_cols = {"event_id", "user_id", "event_price", "event_date"};
  // No projection under the join: its inputs' row counts are on the plan.
  ScanChain events = AddScanChain(&b, 0, "web.events", event_cols, {}, "(event_date = 2024-06-09)");
  std::string condition = "((" + b.Attr("event_price") + " >= " + b.Attr("band_start") + ") AND (" +
                          b.Attr("event_price") + " < " + b.Attr("band_end") + "))";
  int32_t bnlj = b.BroadcastNestedLoopJoin(events.filter, b.InputAdapter(broadcast), condition);
  int32_t partial = b.HashAggregate(
      b.Project(bnlj, {"band_id", "event_price"}, {"event_id", "user_id", "event_price", "event_date", "band_id"}),
      {"band_id"}, "partial_count(1)", {"band_id", "count"});
  int32_t cg_map = b.Codegen(2, partial);
  int32_t exchange = b.Exchange(cg_map, {"band_id", "count"}, "hashpartitioning(" + b.Attr("band_id") + ", 400)");
  int32_t final_agg = b.HashAggregate(b.InputAdapter(exchange), {"band_id"}, "count(1)", {"band_id", "events"});
  int32_t cg_final = b.Codegen(3, final_agg);
  b.SetRoot(cg_final);
  q.nodes[static_cast<size_t>(exchange)].aqe_partitions = 1;
  q.nodes[static_cast<size_t>(exchange)].aqe_partition_bytes = 100 * kMiB;

  StageSpec dim = ScanStage(kBroadcastStageName, 1, 1 * kMiB, 900);
  dim.call_site = BroadcastCallSite();
  dim.result_stage = true;
  dim.input_records = 50000;
  dim.result_bytes = 1100 * kKiB;
  UpdateScanChain(&q, &dim, bands, 1, 1 * kMiB, 1000000);
  int32_t s_dim = AddStage(&sc, dim);
  UpdateBroadcast(&q, broadcast, 0, 1 * kMiB, 50000, 1010, 80, 45);

  StageSpec map = ScanStage(name, 100, 128 * kMiB, 4 * kMinute);
  map.scope = "WholeStageCodegen (2)";
  map.cpu_permille = 970;
  map.shuffle_write_bytes = 1 * kMiB;
  map.shuffle_write_records = 50000;
  UpdateScanChain(&q, &map, events, 100, 100 * 128 * kMiB, 1000000);
  map.sql_updates.push_back({bnlj, "number of output rows", Quantity::kFixed, 0, 100000000});
  UpdateAggregate(&map, partial, Quantity::kShuffleWriteRecords, 1000000);
  UpdateCodegen(&map, cg_map, 950000);
  UpdateExchangeWrite(&map, exchange, 1500000);
  int32_t s_map = AddStage(&sc, map);

  StageSpec last = ShuffleStage(name, 1, 100 * kMiB, 2100);
  last.result_stage = true;
  last.parents = {s_map};
  last.scope = "WholeStageCodegen (3)";
  last.shuffle_read_records = 100 * 50000;
  last.result_bytes = 2 * kMiB;
  UpdateExchangeRead(&last, exchange);
  UpdateAggregate(&last, final_agg, Quantity::kFixed, 0);
  last.sql_updates.back().value = 50000;
  UpdateCodegen(&last, cg_final);
  int32_t s_last = AddStage(&sc, last);

  AddJob(&sc, {s_dim}, 0, 3800);
  sc.jobs.back().call_site = BroadcastCallSite();
  AddJob(&sc, {s_map}, 0, 400);
  AddJob(&sc, {s_last}, 0, 150, {s_map});
  return sc;
}

// A self-join of one aggregated subquery: with exchange reuse off, the
// scan + filter + aggregate under each side runs twice, identically.
Scenario DuplicateSubtree() {
  Scenario sc = BaseScenario(
      "duplicate_subtree",
      "one plan computes the same scan+filter+aggregate subtree twice (no ReusedExchange), each 40% of the query", 17);
  SetProperty(&sc.spark_properties, "spark.sql.exchange.reuse", "false");
  const std::string name = ShortCallSite(sc, "saveAsTable", 103);
  sc.call_site = LongCallSite(sc, "org.apache.spark.sql.DataFrameWriter.saveAsTable(DataFrameWriter.scala:633)", 103);
  sc.sql.emplace_back();
  SqlSpec& q = sc.sql.back();
  q.description = name;
  struct Side {
    ScanChain scan;
    int32_t partial, cg_partial, exchange, final_agg, sort, cg_sort;
  };
  auto side = [&](PlanBuilder* b, int32_t first_codegen) {
    Side s;
    s.scan = AddScanChain(b, 0, "sales.orders", kOrderCols, {"customer_id", "order_amount"},
                          "((order_date >= 2024-06-03) AND (order_date <= 2024-06-09))");
    s.partial = b->HashAggregate(s.scan.project, {"customer_id"}, "partial_sum(" + b->Attr("order_amount") + ")",
                                 {"customer_id", "sum"});
    s.cg_partial = b->Codegen(first_codegen, s.partial);
    s.exchange =
        b->Exchange(s.cg_partial, {"customer_id", "sum"}, "hashpartitioning(" + b->Attr("customer_id") + ", 400)");
    s.final_agg = b->HashAggregate(b->InputAdapter(s.exchange), {"customer_id"}, "sum(" + b->Attr("order_amount") + ")",
                                   {"customer_id", "week_total"});
    s.sort = b->Sort(s.final_agg, {"customer_id", "week_total"}, "customer_id");
    s.cg_sort = b->Codegen(first_codegen + 1, s.sort);
    return s;
  };
  PlanBuilder left_builder(&q, 1);
  PlanBuilder right_builder(&q, 500);  // the second instance gets its own attribute ids
  Side left = side(&left_builder, 1);
  Side right = side(&right_builder, 3);
  PlanBuilder& b = left_builder;
  int32_t smj =
      b.SortMergeJoin(b.InputAdapter(left.cg_sort), b.InputAdapter(right.cg_sort), "customer_id", "customer_id");
  std::vector<std::string> out = {"customer_id", "week_total", "share"};
  int32_t top = b.Codegen(5, b.Project(smj, out, {"customer_id", "week_total"}));
  int32_t insert = b.InsertInto(b.WriteFiles(top, out), "marts.customer_week",
                                "hdfs://gateway-01:8020/user/hive/warehouse/marts.db/customer_week", out);
  b.SetRoot(insert);
  for (const Side* s : {&left, &right}) {
    q.nodes[static_cast<size_t>(s->exchange)].aqe_partitions = 80;
    q.nodes[static_cast<size_t>(s->exchange)].aqe_partition_bytes = 80 * 24 * kMiB;
  }

  auto map_stage = [&](const Side& s, int32_t codegen_id) {
    StageSpec m = ScanStage(name, 80, 128 * kMiB, 40 * kSecond);
    m.scope = "WholeStageCodegen (" + std::to_string(codegen_id) + ")";
    m.shuffle_write_bytes = 24 * kMiB;
    m.shuffle_write_records = 700000;
    UpdateScanChain(&q, &m, s.scan, 80, 80 * 128 * kMiB, 140000);
    UpdateAggregate(&m, s.partial, Quantity::kShuffleWriteRecords, 1000000);
    UpdateCodegen(&m, s.cg_partial);
    UpdateExchangeWrite(&m, s.exchange, 2400000);
    return AddStage(&sc, m);
  };
  int32_t s_left = map_stage(left, 1);
  int32_t s_right = map_stage(right, 3);

  StageSpec join = ShuffleStage(name, 80, 48 * kMiB, 20 * kSecond);
  join.result_stage = true;
  join.rdd_shape = "join";
  join.scope = "WholeStageCodegen (5)";
  join.parents = {s_left, s_right};
  join.shuffle_read_records = 2 * 700000;
  join.output_bytes = 9 * kMiB;
  join.output_records = 500000;
  for (const Side* s : {&left, &right}) {
    UpdateExchangeRead(&join, s->exchange, 500000);
    UpdateAggregate(&join, s->final_agg, Quantity::kOutputRecords, 1000000);
    UpdateSort(&join, s->sort);
    UpdateCodegen(&join, s->cg_sort, 300000);
  }
  UpdateRows(&join, smj, Quantity::kOutputRecords, 1000000);
  UpdateCodegen(&join, top, 200000);
  UpdateWrite(&q, &join, insert, 2, 80, 80 * join.output_bytes, 80 * join.output_records, 0, 1300);
  int32_t s_join = AddStage(&sc, join);

  AddJob(&sc, {s_left}, 0, 3800);
  AddJob(&sc, {s_right}, 0, 130);
  AddJob(&sc, {s_join}, 0, 170, {s_left, s_right});
  return sc;
}

// A PySpark job scoring reviews with a row-at-a-time Python UDF: the
// stage's time goes to the Python workers (executor CPU stays low, the
// Python processes hold 640 MiB each).
Scenario PythonUdf() {
  Scenario sc = BaseScenario("python_udf", "a BatchEvalPython (Python UDF) node takes most of the query's time", 27);
  sc.app.pyspark = true;
  sc.app.name = "daily_features.py";
  sc.cluster.python_rss_bytes = 640 * kMiB;
  ResetProperties(&sc);
  SetProperty(&sc.spark_properties, "spark.executor.pyspark.memory", "1g");
  const std::string name = ShortCallSite(sc, "saveAsTable", 0);
  sc.call_site = LongCallSite(sc, "org.apache.spark.sql.DataFrameWriter.saveAsTable(DataFrameWriter.scala:633)", 0);
  sc.sql.emplace_back();
  SqlSpec& q = sc.sql.back();
  q.description = name;
  PlanBuilder b(&q);
  std::vector<std::string> cols = {"review_id", "product_id", "review_text", "stars", "review_date"};
  ScanChain reviews =
      AddScanChain(&b, 1, "reviews.product_reviews", cols, {"product_id", "review_text"}, "(review_date = 2024-06-09)");
  int32_t udf = b.EvalPython(reviews.codegen, false, {"product_id", "review_text"},
                             "sentiment_score(" + b.Attr("review_text") + ")#" + std::to_string(240));
  int32_t partial = b.HashAggregate(
      b.Project(b.InputAdapter(udf), {"product_id", "pythonUDF0"}, {"product_id", "review_text", "pythonUDF0"}),
      {"product_id"}, "partial_avg(" + b.Attr("pythonUDF0") + ")", {"product_id", "sum", "count"});
  int32_t cg_partial = b.Codegen(2, partial);
  int32_t exchange =
      b.Exchange(cg_partial, {"product_id", "sum", "count"}, "hashpartitioning(" + b.Attr("product_id") + ", 400)");
  int32_t final_agg = b.HashAggregate(b.InputAdapter(exchange), {"product_id"}, "avg(" + b.Attr("pythonUDF0") + ")",
                                      {"product_id", "sentiment"});
  int32_t cg_final = b.Codegen(3, final_agg);
  int32_t insert = b.InsertInto(b.WriteFiles(cg_final, {"product_id", "sentiment"}), "features.product_sentiment",
                                "hdfs://gateway-01:8020/user/hive/warehouse/features.db/product_sentiment",
                                {"product_id", "sentiment"});
  b.SetRoot(insert);
  q.nodes[static_cast<size_t>(exchange)].aqe_partitions = 40;
  q.nodes[static_cast<size_t>(exchange)].aqe_partition_bytes = 80 * 6 * kMiB;

  StageSpec map = ScanStage(name, 80, 128 * kMiB, 4 * kMinute);
  map.scope = "WholeStageCodegen (2)";
  map.cpu_permille = 180;                // the JVM waits on the Python worker
  map.input_records = 128 * kMiB / 420;  // review text rows
  map.shuffle_write_bytes = 6 * kMiB;
  map.shuffle_write_records = 150000;
  UpdateScanChain(&q, &map, reviews, 80, 80 * 128 * kMiB, 1000000);
  map.sql_updates.back().scale_ppm = 30000;  // the scan's codegen stage is a sliver of the time
  map.sql_updates.push_back({udf, "data sent to Python workers", Quantity::kInputBytes, 2600000});
  map.sql_updates.push_back({udf, "data returned from Python workers", Quantity::kFixed, 0, 12 * kMiB});
  map.sql_updates.push_back({udf, "number of output rows", Quantity::kInputRecords, 1000000});
  UpdateAggregate(&map, partial, Quantity::kShuffleWriteRecords, 1000000);
  UpdateCodegen(&map, cg_partial, 20000);
  UpdateExchangeWrite(&map, exchange, 2500000);
  int32_t s_map = AddStage(&sc, map);

  StageSpec reduce = ShuffleStage(name, 40, 12 * kMiB, 5 * kSecond);
  reduce.result_stage = true;
  reduce.parents = {s_map};
  reduce.scope = "WholeStageCodegen (3)";
  reduce.shuffle_read_records = 80 * 150000 / 40;
  reduce.output_bytes = 2 * kMiB;
  reduce.output_records = 60000;
  UpdateExchangeRead(&reduce, exchange);
  UpdateAggregate(&reduce, final_agg, Quantity::kOutputRecords, 1000000);
  UpdateCodegen(&reduce, cg_final);
  UpdateWrite(&q, &reduce, insert, 1, 40, 40 * reduce.output_bytes, 40 * reduce.output_records, 0, 1100);
  int32_t s_reduce = AddStage(&sc, reduce);

  AddJob(&sc, {s_map}, 0, 4200);
  AddJob(&sc, {s_reduce}, 0, 160, {s_map});
  return sc;
}

}  // namespace sparkdx::samples
