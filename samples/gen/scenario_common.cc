#include "scenario_common.h"

#include <cstdio>
#include <utility>

#include "spark_text.h"

namespace sparkdx::samples {

Scenario BaseScenario(const std::string& name, const std::string& pathology, int32_t number) {
  Scenario sc;
  sc.name = name;
  sc.pathology = pathology;
  sc.seed = 0x5eed0000u + static_cast<uint64_t>(number);
  char id[64];
  std::snprintf(id, sizeof(id), "application_1717990000000_%04d", 100 + number);
  sc.app.id = id;
  sc.app.name = "acme-etl " + name;
  // 2024-06-10 06:00 UTC, then one day per scenario number.
  sc.app.start_ms = 1717999200000 + number * int64_t{86400000};
  ResetProperties(&sc);
  sc.call_site = LongCallSite(sc, "org.apache.spark.sql.DataFrameWriter.saveAsTable(DataFrameWriter.scala:633)", 88);
  return sc;
}

void ResetProperties(Scenario* sc) { sc->spark_properties = BaseSparkProperties(sc->app, sc->cluster); }

std::string ShortCallSite(const Scenario& sc, const std::string& action, int32_t line) {
  if (sc.app.pyspark) return action + " at NativeMethodAccessorImpl.java:0";  // py4j's frame
  return action + " at " + UserFile(sc.app) + ":" + std::to_string(line);
}

std::string LongCallSite(const Scenario& sc, const std::string& action_frame, int32_t line) {
  return CallSite(sc.app, action_frame, line);
}

std::string BroadcastCallSite() {
  return "java.base/java.util.concurrent.FutureTask.run(FutureTask.java:264)\n"
         "java.base/java.util.concurrent.ThreadPoolExecutor.runWorker(ThreadPoolExecutor.java:1136)\n"
         "java.base/java.util.concurrent.ThreadPoolExecutor$Worker.run(ThreadPoolExecutor.java:635)\n"
         "java.base/java.lang.Thread.run(Thread.java:840)";
}

StageSpec ScanStage(const std::string& name, int32_t tasks, int64_t input_bytes, int64_t run_ms) {
  StageSpec s;
  s.name = name;
  s.num_tasks = tasks;
  s.rdd_shape = "scan";
  s.input_bytes = input_bytes;
  s.input_records = input_bytes / 40;  // ~40 bytes per row in zstd parquet
  s.run_ms = run_ms;
  s.peak_execution_bytes = 64 * kMiB;
  return s;
}

StageSpec ShuffleStage(const std::string& name, int32_t tasks, int64_t read_bytes, int64_t run_ms) {
  StageSpec s;
  s.name = name;
  s.num_tasks = tasks;
  s.rdd_shape = "shuffle";
  s.scope = "WholeStageCodegen (2)";
  s.shuffle_read_bytes = read_bytes;
  s.shuffle_read_records = read_bytes / 36;  // lz4-compressed rows
  s.run_ms = run_ms;
  s.peak_execution_bytes = 256 * kMiB;
  return s;
}

int32_t AddStage(Scenario* sc, StageSpec stage) {
  sc->stages.push_back(std::move(stage));
  return static_cast<int32_t>(sc->stages.size()) - 1;
}

void AddJob(Scenario* sc, std::vector<int32_t> stages, int32_t sql, int64_t gap_before_ms,
            std::vector<int32_t> skipped) {
  JobSpec job;
  job.stages = std::move(stages);
  job.skipped_stages = std::move(skipped);
  job.sql = sql;
  job.gap_before_ms = gap_before_ms;
  sc->jobs.push_back(std::move(job));
}

ScanChain AddScanChain(PlanBuilder* b, int32_t codegen_id, const std::string& table,
                       const std::vector<std::string>& columns, const std::vector<std::string>& output,
                       const std::string& condition, const std::string& format) {
  ScanChain c;
  std::string location = "hdfs://gateway-01:8020/user/hive/warehouse/" + table.substr(0, table.find('.')) + ".db/" +
                         table.substr(table.find('.') + 1);
  std::string pushed = "IsNotNull(" + columns[0] + ")";
  c.scan = b->Scan(table, location, columns, pushed, format);
  int32_t input = b->InputAdapter(c.scan);
  int32_t below_filter = input;
  if (format == "parquet") {
    c.columnar = b->ColumnarToRow(input, columns);
    below_filter = c.columnar;
  }
  c.filter = b->Filter(below_filter, columns, condition);
  c.project = output.empty() ? c.filter : b->Project(c.filter, output, columns);
  if (codegen_id > 0) c.codegen = b->Codegen(codegen_id, c.project);
  return c;
}

void UpdateScanChain(SqlSpec* sql, StageSpec* stage, const ScanChain& c, int64_t files, int64_t bytes,
                     int64_t filter_ppm) {
  auto& u = stage->sql_updates;
  u.push_back({c.scan, "number of output rows", Quantity::kInputRecords});
  if (c.columnar >= 0) {
    u.push_back({c.scan, "scan time", Quantity::kRunMs, 420000});
    u.push_back({c.columnar, "number of output rows", Quantity::kInputRecords});
    u.push_back({c.columnar, "number of input batches", Quantity::kInputRecords, 244});  // 4096 rows per batch
  }
  u.push_back({c.filter, "number of output rows", Quantity::kInputRecords, filter_ppm});
  if (c.codegen >= 0) UpdateCodegen(stage, c.codegen);
  sql->driver_updates.push_back({c.scan, "number of files read", files, -1});
  sql->driver_updates.push_back({c.scan, "metadata time", 38 + files / 200, -1});
  sql->driver_updates.push_back({c.scan, "size of files read", bytes, -1});
}

void UpdateExchangeWrite(StageSpec* stage, int32_t exchange, int64_t data_size_ppm) {
  auto& u = stage->sql_updates;
  u.push_back({exchange, "shuffle records written", Quantity::kShuffleWriteRecords});
  u.push_back({exchange, "shuffle write time", Quantity::kShuffleWriteTimeNs});
  u.push_back({exchange, "shuffle bytes written", Quantity::kShuffleWriteBytes});
  u.push_back({exchange, "data size", Quantity::kShuffleWriteBytes, data_size_ppm});
}

void UpdateExchangeRead(StageSpec* stage, int32_t exchange, int64_t share_ppm) {
  auto& u = stage->sql_updates;
  u.push_back({exchange, "records read", Quantity::kShuffleReadRecords, share_ppm});
  u.push_back({exchange, "local bytes read", Quantity::kShuffleLocalBytes, share_ppm});
  u.push_back({exchange, "fetch wait time", Quantity::kFetchWaitMs, share_ppm});
  u.push_back({exchange, "remote bytes read", Quantity::kShuffleRemoteBytes, share_ppm});
  u.push_back({exchange, "local blocks read", Quantity::kShuffleLocalBlocks, share_ppm});
  u.push_back({exchange, "remote blocks read", Quantity::kShuffleRemoteBlocks, share_ppm});
  u.push_back({exchange, "remote reqs duration", Quantity::kRemoteRequestsMs, share_ppm});
}

void UpdateAggregate(StageSpec* stage, int32_t aggregate, Quantity rows, int64_t rows_ppm) {
  auto& u = stage->sql_updates;
  u.push_back({aggregate, "spill size", Quantity::kMemorySpillBytes});
  u.push_back({aggregate, "time in aggregation build", Quantity::kRunMs, 350000});
  u.push_back({aggregate, "peak memory", Quantity::kPeakExecutionBytes, 600000});
  u.push_back({aggregate, "number of output rows", rows, rows_ppm});
}

void UpdateSort(StageSpec* stage, int32_t sort) {
  auto& u = stage->sql_updates;
  u.push_back({sort, "sort time", Quantity::kRunMs, 180000});
  u.push_back({sort, "peak memory", Quantity::kPeakExecutionBytes, 400000});
  u.push_back({sort, "spill size", Quantity::kMemorySpillBytes});
}

void UpdateCodegen(StageSpec* stage, int32_t codegen, int64_t share_ppm) {
  stage->sql_updates.push_back({codegen, "duration", Quantity::kRunMs, share_ppm});
}

void UpdateRows(StageSpec* stage, int32_t node, Quantity rows, int64_t rows_ppm) {
  stage->sql_updates.push_back({node, "number of output rows", rows, rows_ppm});
}

void UpdateWrite(SqlSpec* sql, StageSpec* stage, int32_t insert, int32_t after_job, int64_t files, int64_t bytes,
                 int64_t rows, int64_t dynamic_parts, int64_t job_commit_ms) {
  stage->sql_updates.push_back({insert, "task commit time", Quantity::kRunMs, 4000});
  sql->driver_updates.push_back({insert, "number of written files", files, after_job});
  sql->driver_updates.push_back({insert, "job commit time", job_commit_ms, after_job});
  sql->driver_updates.push_back({insert, "number of output rows", rows, after_job});
  sql->driver_updates.push_back({insert, "number of dynamic part", dynamic_parts, after_job});
  sql->driver_updates.push_back({insert, "written output", bytes, after_job});
}

void UpdateBroadcast(SqlSpec* sql, int32_t exchange, int32_t after_job, int64_t bytes, int64_t rows, int64_t collect_ms,
                     int64_t build_ms, int64_t broadcast_ms) {
  sql->driver_updates.push_back({exchange, "data size", bytes, after_job});
  sql->driver_updates.push_back({exchange, "number of output rows", rows, after_job});
  sql->driver_updates.push_back({exchange, "time to collect", collect_ms, after_job});
  sql->driver_updates.push_back({exchange, "time to build", build_ms, after_job});
  sql->driver_updates.push_back({exchange, "time to broadcast", broadcast_ms, after_job});
}

}  // namespace sparkdx::samples
