// Building blocks the scenario definitions share: a healthy default
// application and cluster, stage templates, and the plan fragments every
// query is made of together with the SQL metric updates their stages send.
// A scenario starts from BaseScenario and changes only what its pathology
// needs, so everything it does not change stays healthy.
#ifndef SPARKDX_SAMPLES_GEN_SCENARIO_COMMON_H_
#define SPARKDX_SAMPLES_GEN_SCENARIO_COMMON_H_

#include <cstdint>
#include <string>
#include <vector>

#include "plan_builder.h"
#include "scenario.h"

namespace sparkdx::samples {

inline constexpr int64_t kKiB = int64_t{1} << 10;
inline constexpr int64_t kMiB = int64_t{1} << 20;
inline constexpr int64_t kGiB = int64_t{1} << 30;
inline constexpr int64_t kSecond = 1000;
inline constexpr int64_t kMinute = 60 * kSecond;

// A Scala batch job (com.acme.etl.DailyRollup) on YARN, Spark 3.5.1: 10
// executors x 4 cores x 8g (one per host, host-01..host-10) registered
// 2.5 s after the start, AQE on, Kryo, external shuffle service, stage
// executor metrics logged. `number` (1..99) gives the application id
// (application_1717990000000_01NN) and a start time of its own.
Scenario BaseScenario(const std::string& name, const std::string& pathology, int32_t number);
// Recomputes spark_properties from app and cluster; call after changing
// them, then apply the scenario's own settings.
void ResetProperties(Scenario* sc);

// "saveAsTable at DailyRollup.scala:88" and its long form.
std::string ShortCallSite(const Scenario& sc, const std::string& action, int32_t line);
std::string LongCallSite(const Scenario& sc, const std::string& action_frame, int32_t line);
// Broadcast and AQE helper jobs run from a thread pool.
inline constexpr char kBroadcastStageName[] = "$anonfun$withThreadLocalCaptured$1 at FutureTask.java:264";
std::string BroadcastCallSite();

// Stage templates with healthy medians (CPU 85%, GC 1.5%, no spill).
StageSpec ScanStage(const std::string& name, int32_t tasks, int64_t input_bytes, int64_t run_ms);
StageSpec ShuffleStage(const std::string& name, int32_t tasks, int64_t read_bytes, int64_t run_ms);

// Adds a job running `stages` (indexes) for SQL execution `sql`.
void AddJob(Scenario* sc, std::vector<int32_t> stages, int32_t sql, int64_t gap_before_ms,
            std::vector<int32_t> skipped = {});
int32_t AddStage(Scenario* sc, StageSpec stage);

// --- plan fragments and the metrics their stages update ---

// Scan -> ColumnarToRow -> Filter -> Project in WholeStageCodegen
// (`codegen_id`); `format` "csv" has no ColumnarToRow.
struct ScanChain {
  int32_t scan = -1, columnar = -1, filter = -1, project = -1, codegen = -1;
};
// With `codegen_id` 0 the chain is left unwrapped (codegen = -1) for the
// caller to put more operators on top before wrapping; with no `output`
// there is no Project (project = filter).
ScanChain AddScanChain(PlanBuilder* b, int32_t codegen_id, const std::string& table,
                       const std::vector<std::string>& columns, const std::vector<std::string>& output,
                       const std::string& condition, const std::string& format = "parquet");
// Task updates of the chain on `stage` (rows kept by the filter:
// `filter_ppm` of the rows read), and the driver's file listing.
void UpdateScanChain(SqlSpec* sql, StageSpec* stage, const ScanChain& c, int64_t files, int64_t bytes,
                     int64_t filter_ppm);

// The map side of an exchange: records, bytes, write time, and "data size"
// (the rows' in-memory size, `data_size_ppm` of the bytes written).
void UpdateExchangeWrite(StageSpec* stage, int32_t exchange, int64_t data_size_ppm);
// The reduce side: `share_ppm` of the stage's shuffle read comes from this exchange.
void UpdateExchangeRead(StageSpec* stage, int32_t exchange, int64_t share_ppm = 1000000);
void UpdateAggregate(StageSpec* stage, int32_t aggregate, Quantity rows, int64_t rows_ppm);
void UpdateSort(StageSpec* stage, int32_t sort);
void UpdateCodegen(StageSpec* stage, int32_t codegen, int64_t share_ppm = 900000);
void UpdateRows(StageSpec* stage, int32_t node, Quantity rows, int64_t rows_ppm);
// The write: task commit times per task, then the driver's totals after
// job `after_job` of the execution.
void UpdateWrite(SqlSpec* sql, StageSpec* stage, int32_t insert, int32_t after_job, int64_t files, int64_t bytes,
                 int64_t rows, int64_t dynamic_parts, int64_t job_commit_ms);
// BroadcastExchange's driver metrics after its job.
void UpdateBroadcast(SqlSpec* sql, int32_t exchange, int32_t after_job, int64_t bytes, int64_t rows, int64_t collect_ms,
                     int64_t build_ms, int64_t broadcast_ms);

}  // namespace sparkdx::samples

#endif  // SPARKDX_SAMPLES_GEN_SCENARIO_COMMON_H_
