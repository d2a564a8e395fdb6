// Memory: spill, GC, and executors sized too large or too small.
#include "query_templates.h"
#include "scenario_common.h"
#include "scenarios.h"

namespace sparkdx::samples {
namespace {

void SetAllStages(Scenario* sc, int32_t heap_permille, int32_t gc_permille) {
  for (StageSpec& s : sc->stages) {
    if (heap_permille > 0) s.heap_permille = heap_permille;
    if (gc_permille > 0) s.gc_permille = gc_permille;
  }
}

}  // namespace

// 2g executors with 4 cores: ~250 MiB of execution memory per task, and
// the aggregation reads 256 MiB per task: it spills 3x its shuffle read
// from memory and writes 1x to disk.
Scenario Spill() {
  Scenario sc = BaseScenario("spill",
                             "an aggregation spills 768 MiB from memory and 256 MiB to disk per task (3x / 1x its 256 "
                             "MiB shuffle read) on 2g executors",
                             5);
  sc.cluster.memory_mb = 2048;
  sc.cluster.overhead_mb = 384;
  ResetProperties(&sc);
  AggregateQueryOptions o;
  o.map_tasks = 80;
  o.map_run_ms = 30 * kSecond;
  o.shuffle_bytes = 128 * kMiB;
  o.reduce_tasks = 40;
  o.reduce_run_ms = 50 * kSecond;
  o.gap_before_ms = 3700;
  AggregateQuery a = AddAggregateQuery(&sc, o);
  StageSpec& map = sc.stages[static_cast<size_t>(a.map_stage)];
  map.heap_permille = 780;
  map.peak_execution_bytes = 48 * kMiB;
  StageSpec& reduce = sc.stages[static_cast<size_t>(a.reduce_stage)];
  reduce.memory_spill_bytes = 768 * kMiB;
  reduce.disk_spill_bytes = 256 * kMiB;
  reduce.peak_execution_bytes = 236 * kMiB;
  reduce.heap_permille = 910;
  return sc;
}

// Every stage on every executor spends ~25% of its run time in GC (a
// cache of decoded rows kept on heap), bytes balanced.
Scenario GcPressure() {
  Scenario sc = BaseScenario("gc_pressure", "JVM GC takes 25% of executor run time on every executor and stage", 6);
  AggregateQueryOptions o;
  o.map_tasks = 80;
  o.map_run_ms = 40 * kSecond;
  o.reduce_tasks = 80;
  o.reduce_run_ms = 30 * kSecond;
  o.shuffle_bytes = 64 * kMiB;
  o.gap_before_ms = 3700;
  AddAggregateQuery(&sc, o);
  o.table = "sales.returns";
  o.target = "marts.returns_by_store";
  o.user_line = 131;
  o.map_tasks = 40;
  o.reduce_tasks = 40;
  o.gap_before_ms = 700;
  AddAggregateQuery(&sc, o);
  SetAllStages(&sc, 880, 250);
  return sc;
}

// 32g executors whose heap never passes 15% of it.
Scenario MemoryOverprovisioned() {
  Scenario sc =
      BaseScenario("memory_overprovisioned", "32g executors whose JVM heap peaks at 15% of it over the whole run", 7);
  sc.cluster.memory_mb = 32768;
  sc.cluster.overhead_mb = 3277;
  ResetProperties(&sc);
  AggregateQueryOptions o;
  o.map_tasks = 80;
  o.map_run_ms = 35 * kSecond;
  o.reduce_tasks = 40;
  o.reduce_run_ms = 25 * kSecond;
  o.gap_before_ms = 3800;
  AddAggregateQuery(&sc, o);
  o.table = "sales.returns";
  o.target = "marts.returns_by_store";
  o.user_line = 131;
  o.gap_before_ms = 800;
  AddAggregateQuery(&sc, o);
  SetAllStages(&sc, 150, 0);
  return sc;
}

// 8g executors filled to 99.5% by a collect_list aggregation: three tasks
// die with java.lang.OutOfMemoryError (their executors exit with code 52
// and are replaced) and succeed on retry.
Scenario MemoryUnderprovisioned() {
  Scenario sc = BaseScenario(
      "memory_underprovisioned",
      "JVM heap peaks above 97% of 8g; 3 tasks fail with OutOfMemoryError: Java heap space and succeed on retry", 8);
  AggregateQueryOptions o;
  o.map_tasks = 80;
  o.map_run_ms = 30 * kSecond;
  o.shuffle_bytes = 96 * kMiB;
  o.reduce_tasks = 80;
  o.reduce_run_ms = 45 * kSecond;
  o.gap_before_ms = 3700;
  AggregateQuery a = AddAggregateQuery(&sc, o);
  sc.stages[static_cast<size_t>(a.map_stage)].heap_permille = 900;
  StageSpec& reduce = sc.stages[static_cast<size_t>(a.reduce_stage)];
  reduce.heap_permille = 995;
  reduce.gc_permille = 60;
  reduce.peak_execution_bytes = 900 * kMiB;
  reduce.failures = {
      {9, FailureKind::kHeapOom, 1, 700}, {27, FailureKind::kHeapOom, 1, 550}, {52, FailureKind::kHeapOom, 1, 820}};
  return sc;
}

}  // namespace sparkdx::samples
