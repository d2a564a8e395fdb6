// The query most scenarios run: scan a table, filter, partially aggregate,
// exchange by key, aggregate, then write the result to a table (or collect
// it). It makes the plan, the two stages with their SQL metric updates and
// the jobs (two under AQE: the map stage's, then the final one listing the
// map stage as skipped; one without AQE). Scenarios then adjust the stages
// (sc.stages[q.map_stage] ...) for their pathology.
#ifndef SPARKDX_SAMPLES_GEN_QUERY_TEMPLATES_H_
#define SPARKDX_SAMPLES_GEN_QUERY_TEMPLATES_H_

#include <cstdint>
#include <string>

#include "scenario.h"
#include "scenario_common.h"

namespace sparkdx::samples {

struct AggregateQueryOptions {
  std::string table = "sales.orders";
  std::string format = "parquet";              // "csv": row-based, no ColumnarToRow
  int64_t files = 0;                           // files listed by the scan; 0: one per map task
  std::string target = "marts.daily_revenue";  // empty: collect the result
  int32_t user_line = 88;                      // the action's line in the user's file
  int32_t map_tasks = 80;
  int64_t input_bytes = 128 * kMiB;  // per map task
  int64_t map_run_ms = 30 * kSecond;
  int64_t shuffle_bytes = 48 * kMiB;  // written per map task
  int32_t reduce_tasks = 40;
  int64_t reduce_run_ms = 20 * kSecond;
  int64_t gap_before_ms = 2000;  // before the first job
  int32_t first_codegen_id = 1;
};

struct AggregateQuery {
  int32_t sql = -1;
  ScanChain scan;
  int32_t partial = -1, exchange = -1, final_agg = -1, final_codegen = -1, insert = -1;
  int32_t map_stage = -1, reduce_stage = -1;
  int32_t first_job = -1;  // index into sc.jobs
};

// Whether the scenario's properties turn AQE on.
bool AdaptiveEnabled(const Scenario& sc);

AggregateQuery AddAggregateQuery(Scenario* sc, const AggregateQueryOptions& o);

// An RDD job: textFile -> map -> reduceByKey (a shuffle map stage of
// 128 MiB input splits) -> saveAsTextFile (the result stage), both stages
// in one job, so a lost map output is recomputed as attempt 1 of the map
// stage.
struct RddJob {
  int32_t map_stage = -1, reduce_stage = -1;
};
RddJob AddRddShuffleJob(Scenario* sc, int32_t map_tasks, int64_t map_run_ms, int64_t shuffle_bytes,
                        int32_t reduce_tasks, int64_t reduce_run_ms, int64_t gap_before_ms, int32_t line);

}  // namespace sparkdx::samples

#endif  // SPARKDX_SAMPLES_GEN_QUERY_TEMPLATES_H_
