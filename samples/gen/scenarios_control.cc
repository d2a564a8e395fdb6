// clean_control: a healthy application every rule should pass.
//
// One query: orders (10 GiB in 80 files of 128 MiB) joined with sessions
// (the same) by SortMergeJoin, each side an exchange of 51.2 GB of rows
// (7.5 GiB written); then a BroadcastHashJoin with a 5 MiB regions table;
// then an aggregate. AQE coalesces the join's 400 shuffle partitions to
// 120 of 128 MiB. 10 executors x 4 cores x 8g, ready 2.5-3.9 s after the
// start; every stage fills whole waves of 40 tasks.
#include "scenario_common.h"
#include "scenarios.h"

namespace sparkdx::samples {

Scenario CleanControl() {
  Scenario sc = BaseScenario("clean_control", "none: a healthy control", 1);
  const std::string collect = ShortCallSite(sc, "collect", 88);
  sc.call_site = LongCallSite(sc, "org.apache.spark.sql.Dataset.collect(Dataset.scala:3575)", 88);

  sc.sql.emplace_back();
  SqlSpec& q = sc.sql.back();
  q.description = collect;
  PlanBuilder b(&q);
  std::vector<std::string> order_cols = {"order_id", "customer_id", "region_id", "order_amount", "order_date"};
  std::vector<std::string> order_out = {"customer_id", "region_id", "order_amount"};
  std::vector<std::string> session_cols = {"session_id", "customer_id", "channel", "event_date"};
  std::vector<std::string> session_out = {"customer_id", "channel"};
  ScanChain orders = AddScanChain(&b, 1, "sales.orders", order_cols, order_out,
                                  "(isnotnull(customer_id) AND (order_date >= 2024-06-01))");
  int32_t ex_orders = b.Exchange(orders.codegen, order_out, "hashpartitioning(" + b.Attr("customer_id") + ", 400)");
  int32_t sort_orders = b.Sort(b.InputAdapter(ex_orders), order_out, "customer_id");
  int32_t cg_sort_orders = b.Codegen(2, sort_orders);
  ScanChain sessions = AddScanChain(&b, 3, "web.sessions", session_cols, session_out,
                                    "(isnotnull(customer_id) AND (event_date >= 2024-06-01))");
  int32_t ex_sessions =
      b.Exchange(sessions.codegen, session_out, "hashpartitioning(" + b.Attr("customer_id") + ", 400)");
  int32_t sort_sessions = b.Sort(b.InputAdapter(ex_sessions), session_out, "customer_id");
  int32_t cg_sort_sessions = b.Codegen(4, sort_sessions);
  int32_t smj =
      b.SortMergeJoin(b.InputAdapter(cg_sort_orders), b.InputAdapter(cg_sort_sessions), "customer_id", "customer_id");
  int32_t joined =
      b.Project(smj, {"region_id", "order_amount", "channel"}, {"customer_id", "region_id", "order_amount", "channel"});
  ScanChain regions = AddScanChain(&b, 5, "ref.regions", {"region_id", "region_name"}, {"region_id", "region_name"},
                                   "isnotnull(region_id)");
  int32_t broadcast = b.BroadcastExchange(regions.codegen, {"region_id", "region_name"});
  int32_t bhj = b.BroadcastHashJoin(joined, b.InputAdapter(broadcast), "region_id", "region_id");
  int32_t partial = b.HashAggregate(b.Project(bhj, {"region_name", "channel", "order_amount"},
                                              {"region_id", "order_amount", "channel", "region_name"}),
                                    {"region_name", "channel"}, "partial_sum(" + b.Attr("order_amount") + ")",
                                    {"region_name", "channel", "sum"});
  int32_t cg_join = b.Codegen(6, partial);
  int32_t ex_agg = b.Exchange(cg_join, {"region_name", "channel", "sum"},
                              "hashpartitioning(" + b.Attr("region_name") + ", " + b.Attr("channel") + ", 400)");
  int32_t final_agg = b.HashAggregate(b.InputAdapter(ex_agg), {"region_name", "channel"},
                                      "sum(" + b.Attr("order_amount") + ")", {"region_name", "channel", "revenue"});
  int32_t cg_final = b.Codegen(7, final_agg);
  b.SetRoot(cg_final);
  q.nodes[static_cast<size_t>(ex_orders)].aqe_partitions = 120;
  q.nodes[static_cast<size_t>(ex_orders)].aqe_partition_bytes = 7680 * kMiB;
  q.nodes[static_cast<size_t>(ex_sessions)].aqe_partitions = 120;
  q.nodes[static_cast<size_t>(ex_sessions)].aqe_partition_bytes = 7680 * kMiB;
  q.nodes[static_cast<size_t>(ex_agg)].aqe_partitions = 1;
  q.nodes[static_cast<size_t>(ex_agg)].aqe_partition_bytes = 60 * kMiB;

  // Map stages: 80 files of 128 MiB per side, 96 MiB of shuffle per task.
  auto map_side = [&](const ScanChain& chain, int32_t exchange) {
    StageSpec s = ScanStage(collect, 80, 128 * kMiB, 40 * kSecond);
    s.scope = "WholeStageCodegen (" + std::to_string(chain.codegen == orders.codegen ? 1 : 3) + ")";
    s.shuffle_write_bytes = 96 * kMiB;
    s.shuffle_write_records = s.input_records * 95 / 100;
    s.heap_permille = 720;
    UpdateScanChain(&q, &s, chain, 80, 80 * 128 * kMiB, 950000);
    UpdateExchangeWrite(&s, exchange, 6666667);  // 51.2 GB of rows, 7.5 GiB written
    return s;
  };
  int32_t s_orders = AddStage(&sc, map_side(orders, ex_orders));
  int32_t s_sessions = AddStage(&sc, map_side(sessions, ex_sessions));

  StageSpec dim = ScanStage(kBroadcastStageName, 1, 5 * kMiB, 1100);
  dim.call_site = BroadcastCallSite();
  dim.result_stage = true;
  dim.scope = "WholeStageCodegen (5)";
  dim.input_records = 5000;
  dim.result_bytes = 5200 * kKiB;
  dim.heap_permille = 600;
  UpdateScanChain(&q, &dim, regions, 1, 5 * kMiB, 1000000);
  int32_t s_dim = AddStage(&sc, dim);
  UpdateBroadcast(&q, broadcast, 2, 5 * kMiB, 5000, 1150, 95, 60);

  StageSpec join = ShuffleStage(collect, 120, 128 * kMiB, 55 * kSecond);
  join.rdd_shape = "join";
  join.scope = "WholeStageCodegen (6)";
  join.parents = {s_orders, s_sessions};
  join.shuffle_write_bytes = 512 * kKiB;
  join.shuffle_write_records = 5000;
  join.shuffle_read_records = 4250000;
  join.peak_execution_bytes = 512 * kMiB;
  join.heap_permille = 800;
  join.storage_bytes = 5 * kMiB;
  UpdateExchangeRead(&join, ex_orders, 500000);
  UpdateExchangeRead(&join, ex_sessions, 500000);
  UpdateSort(&join, sort_orders);
  UpdateSort(&join, sort_sessions);
  UpdateCodegen(&join, cg_sort_orders, 150000);
  UpdateCodegen(&join, cg_sort_sessions, 150000);
  UpdateRows(&join, smj, Quantity::kShuffleReadRecords, 500000);
  UpdateRows(&join, bhj, Quantity::kShuffleReadRecords, 500000);
  UpdateAggregate(&join, partial, Quantity::kShuffleWriteRecords, 1000000);
  UpdateCodegen(&join, cg_join, 550000);
  UpdateExchangeWrite(&join, ex_agg, 3000000);
  int32_t s_join = AddStage(&sc, join);

  StageSpec last = ShuffleStage(collect, 1, 60 * kMiB, 3800);
  last.result_stage = true;
  last.scope = "WholeStageCodegen (7)";
  last.parents = {s_join};
  last.shuffle_read_records = 600000;
  last.result_bytes = 410 * kKiB;
  last.heap_permille = 600;
  UpdateExchangeRead(&last, ex_agg);
  UpdateAggregate(&last, final_agg, Quantity::kFixed, 0);
  last.sql_updates.back().value = 5000;
  UpdateCodegen(&last, cg_final);
  int32_t s_last = AddStage(&sc, last);

  AddJob(&sc, {s_orders}, 0, 3900);
  AddJob(&sc, {s_sessions}, 0, 140);
  AddJob(&sc, {s_dim}, 0, 90);
  sc.jobs.back().call_site = BroadcastCallSite();
  AddJob(&sc, {s_join}, 0, 260, {s_orders, s_sessions});
  AddJob(&sc, {s_last}, 0, 180, {s_orders, s_sessions, s_join});
  return sc;
}

}  // namespace sparkdx::samples
