// Scheduling: cores nobody uses, a busy driver, executors that come late.
#include "query_templates.h"
#include "scenario_common.h"
#include "scenarios.h"

namespace sparkdx::samples {

// 40 executors x 8 cores, statically allocated, for queries that never run
// more than 48 tasks at a time: ~15% of the core-time is used.
Scenario IdleCores() {
  Scenario sc = BaseScenario("idle_cores", "40 executors x 8 cores, but only ~15% of core-time runs tasks", 18);
  sc.cluster.executors = 40;
  sc.cluster.cores = 8;
  sc.cluster.memory_mb = 16384;
  sc.cluster.overhead_mb = 1638;
  sc.cluster.executors_per_host = 2;
  sc.cluster.executor_spacing_ms = 55;
  ResetProperties(&sc);
  AggregateQueryOptions o;
  o.map_tasks = 48;
  o.map_run_ms = 55 * kSecond;
  o.reduce_tasks = 48;
  o.reduce_run_ms = 55 * kSecond;
  o.gap_before_ms = 4500;
  const char* const kTables[] = {"sales.orders", "sales.returns", "sales.refunds"};
  const char* const kTargets[] = {"marts.daily_revenue", "marts.daily_returns", "marts.daily_refunds"};
  for (int i = 0; i < 3; ++i) {
    o.table = kTables[i];
    o.target = kTargets[i];
    o.user_line = 88 + 20 * i;
    AddAggregateQuery(&sc, o);
    o.gap_before_ms = 700;
  }
  return sc;
}

// Six small queries separated by 36 s of driver-side work each (pandas
// post-processing and a metadata refresh): no task runs 60% of the time.
Scenario DriverBound() {
  Scenario sc = BaseScenario(
      "driver_bound", "no task runs during 60% of the application's wall clock (driver-only gaps between jobs)", 19);
  AggregateQueryOptions o;
  o.target = "";
  o.map_tasks = 40;
  o.map_run_ms = 20 * kSecond;
  o.shuffle_bytes = 16 * kMiB;
  o.reduce_tasks = 4;
  o.reduce_run_ms = 2 * kSecond;
  o.gap_before_ms = 36 * kSecond;
  const char* const kTables[] = {"sales.orders", "sales.returns", "sales.refunds",
                                 "web.sessions", "web.events",    "crm.customers"};
  for (int i = 0; i < 6; ++i) {
    o.table = kTables[i];
    o.user_line = 40 + 17 * i;
    AddAggregateQuery(&sc, o);
  }
  return sc;
}

// Executors register 3 minutes after the application started (a queue
// with no free capacity): the first job waits for them.
Scenario ColdStart() {
  Scenario sc = BaseScenario(
      "cold_start",
      "executors register 3 min after the start; the first task starts at +3 min of a ~10 min application", 20);
  sc.cluster.first_executor_ms = 3 * kMinute;
  sc.cluster.executor_spacing_ms = 220;
  AggregateQueryOptions o;
  o.map_tasks = 80;
  o.map_run_ms = 60 * kSecond;
  o.reduce_tasks = 80;
  o.reduce_run_ms = 45 * kSecond;
  o.gap_before_ms = 5 * kSecond;
  AddAggregateQuery(&sc, o);
  o.table = "sales.returns";
  o.target = "marts.returns_by_store";
  o.user_line = 131;
  o.gap_before_ms = 900;
  AddAggregateQuery(&sc, o);
  return sc;
}

}  // namespace sparkdx::samples
