#include "event_writer.h"

#include <algorithm>

#include "json_writer.h"

namespace sparkdx::samples {
namespace {

constexpr char kSqlPrefix[] = "org.apache.spark.sql.execution.ui.";

// Internal task-metric accumulators: offset from a stage attempt's first id
// (TaskMetrics.nameToAccums order; offset 10 is updatedBlockStatuses and
// 19-27 the push-based shuffle metrics, never non-zero here).
struct InternalAccumulator {
  int64_t offset;
  const char* name;
  int64_t TaskMetricValues::*field;
};
const InternalAccumulator kInternalAccumulators[] = {
    {0, "internal.metrics.executorDeserializeTime", &TaskMetricValues::deserialize_ms},
    {1, "internal.metrics.executorDeserializeCpuTime", &TaskMetricValues::deserialize_cpu_ns},
    {2, "internal.metrics.executorRunTime", &TaskMetricValues::run_ms},
    {3, "internal.metrics.executorCpuTime", &TaskMetricValues::cpu_ns},
    {4, "internal.metrics.resultSize", &TaskMetricValues::result_bytes},
    {5, "internal.metrics.jvmGCTime", &TaskMetricValues::gc_ms},
    {6, "internal.metrics.resultSerializationTime", &TaskMetricValues::result_serialization_ms},
    {7, "internal.metrics.memoryBytesSpilled", &TaskMetricValues::memory_spill_bytes},
    {8, "internal.metrics.diskBytesSpilled", &TaskMetricValues::disk_spill_bytes},
    {9, "internal.metrics.peakExecutionMemory", &TaskMetricValues::peak_execution_bytes},
    {11, "internal.metrics.shuffle.read.remoteBlocksFetched", &TaskMetricValues::remote_blocks},
    {12, "internal.metrics.shuffle.read.localBlocksFetched", &TaskMetricValues::local_blocks},
    {13, "internal.metrics.shuffle.read.remoteBytesRead", &TaskMetricValues::remote_bytes},
    {14, "internal.metrics.shuffle.read.remoteBytesReadToDisk", &TaskMetricValues::remote_to_disk_bytes},
    {15, "internal.metrics.shuffle.read.localBytesRead", &TaskMetricValues::local_bytes},
    {16, "internal.metrics.shuffle.read.fetchWaitTime", &TaskMetricValues::fetch_wait_ms},
    {17, "internal.metrics.shuffle.read.recordsRead", &TaskMetricValues::shuffle_read_records},
    {18, "internal.metrics.shuffle.read.remoteReqsDuration", &TaskMetricValues::remote_requests_ms},
    {28, "internal.metrics.shuffle.write.bytesWritten", &TaskMetricValues::shuffle_write_bytes},
    {29, "internal.metrics.shuffle.write.recordsWritten", &TaskMetricValues::shuffle_write_records},
    {30, "internal.metrics.shuffle.write.writeTime", &TaskMetricValues::shuffle_write_time_ns},
    {31, "internal.metrics.input.bytesRead", &TaskMetricValues::input_bytes},
    {32, "internal.metrics.input.recordsRead", &TaskMetricValues::input_records},
    {33, "internal.metrics.output.bytesWritten", &TaskMetricValues::output_bytes},
    {34, "internal.metrics.output.recordsWritten", &TaskMetricValues::output_records},
};

void WriteAccumulables(JsonWriter* w, const std::vector<Accumulable>& accumulables, bool with_update) {
  for (const Accumulable& a : accumulables) {
    w->Object().Int("ID", a.id).Str("Name", a.name);
    if (a.sql) {
      if (with_update) w->Str("Update", std::to_string(a.update));
      w->Str("Value", std::to_string(a.value));
    } else {
      if (with_update) w->Int("Update", a.update);
      w->Int("Value", a.value);
    }
    w->Bool("Internal", true).Bool("Count Failed Values", true);
    if (a.sql) w->Str("Metadata", "sql");
    w->End();
  }
}

void WriteExecutorMetrics(JsonWriter* w, const ExecutorMetricValues& m) {
  w->Int("JVMHeapMemory", m.jvm_heap_bytes)
      .Int("JVMOffHeapMemory", m.jvm_off_heap_bytes)
      .Int("OnHeapExecutionMemory", m.on_heap_execution_bytes)
      .Int("OffHeapExecutionMemory", 0)
      .Int("OnHeapStorageMemory", m.on_heap_storage_bytes)
      .Int("OffHeapStorageMemory", 0)
      .Int("OnHeapUnifiedMemory", m.on_heap_execution_bytes + m.on_heap_storage_bytes)
      .Int("OffHeapUnifiedMemory", 0)
      .Int("DirectPoolMemory", m.direct_pool_bytes)
      .Int("MappedPoolMemory", 0)
      .Int("ProcessTreeJVMVMemory", m.process_tree_jvm_vmem_bytes)
      .Int("ProcessTreeJVMRSSMemory", m.process_tree_jvm_rss_bytes)
      .Int("ProcessTreePythonVMemory", m.process_tree_python_vmem_bytes)
      .Int("ProcessTreePythonRSSMemory", m.process_tree_python_rss_bytes)
      .Int("ProcessTreeOtherVMemory", 0)
      .Int("ProcessTreeOtherRSSMemory", 0)
      .Int("MinorGCCount", m.minor_gc_count)
      .Int("MinorGCTime", m.minor_gc_ms)
      .Int("MajorGCCount", m.major_gc_count)
      .Int("MajorGCTime", m.major_gc_ms)
      .Int("TotalGCTime", m.minor_gc_ms + m.major_gc_ms);
}

void WriteTaskMetrics(JsonWriter* w, const TaskMetricValues& m) {
  w->Int("Executor Deserialize Time", m.deserialize_ms)
      .Int("Executor Deserialize CPU Time", m.deserialize_cpu_ns)
      .Int("Executor Run Time", m.run_ms)
      .Int("Executor CPU Time", m.cpu_ns)
      .Int("Peak Execution Memory", m.peak_execution_bytes)
      .Int("Result Size", m.result_bytes)
      .Int("JVM GC Time", m.gc_ms)
      .Int("Result Serialization Time", m.result_serialization_ms)
      .Int("Memory Bytes Spilled", m.memory_spill_bytes)
      .Int("Disk Bytes Spilled", m.disk_spill_bytes);
  w->Object("Shuffle Read Metrics")
      .Int("Remote Blocks Fetched", m.remote_blocks)
      .Int("Local Blocks Fetched", m.local_blocks)
      .Int("Fetch Wait Time", m.fetch_wait_ms)
      .Int("Remote Bytes Read", m.remote_bytes)
      .Int("Remote Bytes Read To Disk", m.remote_to_disk_bytes)
      .Int("Local Bytes Read", m.local_bytes)
      .Int("Total Records Read", m.shuffle_read_records)
      .Int("Remote Requests Duration", m.remote_requests_ms);
  w->Object("Push Based Shuffle")
      .Int("Corrupt Merged Block Chunks", 0)
      .Int("Merged Fetch Fallback Count", 0)
      .Int("Merged Remote Blocks Fetched", 0)
      .Int("Merged Local Blocks Fetched", 0)
      .Int("Merged Remote Chunks Fetched", 0)
      .Int("Merged Local Chunks Fetched", 0)
      .Int("Merged Remote Bytes Read", 0)
      .Int("Merged Local Bytes Read", 0)
      .Int("Merged Remote Requests Duration", 0)
      .End()
      .End();
  w->Object("Shuffle Write Metrics")
      .Int("Shuffle Bytes Written", m.shuffle_write_bytes)
      .Int("Shuffle Write Time", m.shuffle_write_time_ns)
      .Int("Shuffle Records Written", m.shuffle_write_records)
      .End();
  w->Object("Input Metrics").Int("Bytes Read", m.input_bytes).Int("Records Read", m.input_records).End();
  w->Object("Output Metrics").Int("Bytes Written", m.output_bytes).Int("Records Written", m.output_records).End();
  w->Array("Updated Blocks").End();
}

void WriteTaskInfo(JsonWriter* w, const TaskInfoValues& t) {
  w->Object("Task Info")
      .Int("Task ID", t.task_id)
      .Int("Index", t.index)
      .Int("Attempt", t.attempt)
      .Int("Partition ID", t.partition)
      .Int("Launch Time", t.launch_ms)
      .Str("Executor ID", t.executor_id)
      .Str("Host", t.host)
      .Str("Locality", t.locality)
      .Bool("Speculative", t.speculative)
      .Int("Getting Result Time", t.getting_result_ms)
      .Int("Finish Time", t.finish_ms)
      .Bool("Failed", t.failed)
      .Bool("Killed", t.killed);
  w->Array("Accumulables");
  WriteAccumulables(w, t.accumulables, /*with_update=*/true);
  w->End().End();
}

void WriteFrames(JsonWriter* w, const std::vector<StackFrame>& frames) {
  for (const StackFrame& f : frames) {
    w->Object()
        .Str("Declaring Class", f.declaring_class)
        .Str("Method Name", f.method)
        .Str("File Name", f.file)
        .Int("Line Number", f.line)
        .End();
  }
}

void WriteStageInfo(JsonWriter* w, const StageInfoValues& s) {
  w->Int("Stage ID", s.stage_id)
      .Int("Stage Attempt ID", s.attempt)
      .Str("Stage Name", s.name)
      .Int("Number of Tasks", s.num_tasks);
  w->Array("RDD Info");
  for (const RddInfoValues& r : s.rdds) {
    w->Object().Int("RDD ID", r.id).Str("Name", r.name);
    if (!r.scope_name.empty()) {
      std::string scope = "{\"id\":\"" + r.scope_id + "\",\"name\":";
      JsonWriter::AppendQuoted(&scope, r.scope_name);
      scope += "}";
      w->Str("Scope", scope);
    }
    w->Str("Callsite", r.call_site).Array("Parent IDs");
    for (int32_t p : r.parent_ids) w->Int(p);
    w->End()
        .Object("Storage Level")
        .Bool("Use Disk", false)
        .Bool("Use Memory", false)
        .Bool("Use Off Heap", false)
        .Bool("Deserialized", false)
        .Int("Replication", 1)
        .End()
        .Bool("Barrier", false)
        .Str("DeterministicLevel", r.deterministic_level)
        .Int("Number of Partitions", r.partitions)
        .Int("Number of Cached Partitions", 0)
        .Int("Memory Size", 0)
        .Int("Disk Size", 0)
        .End();
  }
  w->End().Array("Parent IDs");
  for (int32_t p : s.parent_ids) w->Int(p);
  w->End().Str("Details", s.details);
  if (s.submission_ms >= 0) w->Int("Submission Time", s.submission_ms);
  if (s.completion_ms >= 0) w->Int("Completion Time", s.completion_ms);
  if (s.failure_reason) w->Str("Failure Reason", *s.failure_reason);
  w->Array("Accumulables");
  WriteAccumulables(w, s.accumulables, /*with_update=*/false);
  w->End().Int("Resource Profile Id", 0).Bool("Shuffle Push Enabled", false).Int("Shuffle Push Mergers Count", 0);
}

void WriteProperties(JsonWriter* w, const char* key, const std::vector<Property>& properties) {
  w->Object(key);
  for (const Property& p : properties) w->Str(p.key, p.value);
  w->End();
}

}  // namespace

void ExecutorMetricValues::Max(const ExecutorMetricValues& o) {
  jvm_heap_bytes = std::max(jvm_heap_bytes, o.jvm_heap_bytes);
  jvm_off_heap_bytes = std::max(jvm_off_heap_bytes, o.jvm_off_heap_bytes);
  on_heap_execution_bytes = std::max(on_heap_execution_bytes, o.on_heap_execution_bytes);
  on_heap_storage_bytes = std::max(on_heap_storage_bytes, o.on_heap_storage_bytes);
  direct_pool_bytes = std::max(direct_pool_bytes, o.direct_pool_bytes);
  process_tree_jvm_vmem_bytes = std::max(process_tree_jvm_vmem_bytes, o.process_tree_jvm_vmem_bytes);
  process_tree_jvm_rss_bytes = std::max(process_tree_jvm_rss_bytes, o.process_tree_jvm_rss_bytes);
  process_tree_python_vmem_bytes = std::max(process_tree_python_vmem_bytes, o.process_tree_python_vmem_bytes);
  process_tree_python_rss_bytes = std::max(process_tree_python_rss_bytes, o.process_tree_python_rss_bytes);
  minor_gc_count = std::max(minor_gc_count, o.minor_gc_count);
  minor_gc_ms = std::max(minor_gc_ms, o.minor_gc_ms);
  major_gc_count = std::max(major_gc_count, o.major_gc_count);
  major_gc_ms = std::max(major_gc_ms, o.major_gc_ms);
}

std::vector<Accumulable> InternalAccumulables(int64_t first_id, const TaskMetricValues& m, TaskMetricValues* totals) {
  std::vector<Accumulable> out;
  for (const InternalAccumulator& a : kInternalAccumulators) {
    int64_t update = m.*a.field;
    totals->*a.field += update;
    if (update == 0) continue;  // Spark sends only non-zero internal accumulators
    out.push_back(Accumulable{first_id + a.offset, a.name, update, totals->*a.field, false});
  }
  return out;
}

std::vector<Accumulable> InternalStageAccumulables(int64_t first_id, const TaskMetricValues& totals) {
  std::vector<Accumulable> out;
  for (const InternalAccumulator& a : kInternalAccumulators) {
    if (totals.*a.field == 0) continue;
    out.push_back(Accumulable{first_id + a.offset, a.name, 0, totals.*a.field, false});
  }
  return out;
}

std::string FailedTaskAccumulatorUpdates(int64_t first_id, const TaskMetricValues& m) {
  JsonWriter w;
  w.Array();
  for (const InternalAccumulator& a : kInternalAccumulators) {
    int64_t update = m.*a.field;
    // Executors send the failed attempt's counted metrics unnamed; the
    // result size of a failed task is reported as an explicit 0.
    if (update == 0 && a.offset != 4) continue;
    w.Object()
        .Int("ID", first_id + a.offset)
        .Str("Update", std::to_string(update))
        .Bool("Internal", false)
        .Bool("Count Failed Values", true)
        .End();
  }
  w.End();
  return w.Take();
}

std::string SuccessReason() { return "{\"Reason\":\"Success\"}"; }

std::string FullStackTrace(const std::string& class_name, const std::string& description,
                           const std::vector<StackFrame>& frames) {
  std::string s = class_name;
  if (!description.empty()) s += ": " + description;
  s += "\n";
  for (const StackFrame& f : frames) {
    s += "\tat " + f.declaring_class + "." + f.method + "(" + f.file;
    if (f.line >= 0) s += ":" + std::to_string(f.line);
    s += ")\n";
  }
  return s;
}

std::string ExceptionFailureReason(const std::string& class_name, const std::string& description,
                                   const std::vector<StackFrame>& frames, const std::string& accumulator_updates) {
  JsonWriter w;
  w.Object().Str("Reason", "ExceptionFailure").Str("Class Name", class_name).Str("Description", description);
  w.Array("Stack Trace");
  WriteFrames(&w, frames);
  w.End()
      .Str("Full Stack Trace", FullStackTrace(class_name, description, frames))
      .Raw("Accumulator Updates", accumulator_updates)
      .End();
  return w.Take();
}

std::string ExecutorLostReason(const std::string& executor_id, bool caused_by_app, const std::string& loss_reason) {
  JsonWriter w;
  w.Object()
      .Str("Reason", "ExecutorLostFailure")
      .Str("Executor ID", executor_id)
      .Bool("Exit Caused By App", caused_by_app)
      .Str("Loss Reason", loss_reason)
      .End();
  return w.Take();
}

std::string FetchFailedReason(const std::string& executor_id, const std::string& host, int32_t port, int32_t shuffle_id,
                              int64_t map_id, int32_t map_index, int32_t reduce_id, const std::string& message) {
  JsonWriter w;
  w.Object()
      .Str("Reason", "FetchFailed")
      .Object("Block Manager Address")
      .Str("Executor ID", executor_id)
      .Str("Host", host)
      .Int("Port", port)
      .End()
      .Int("Shuffle ID", shuffle_id)
      .Int("Map ID", map_id)
      .Int("Map Index", map_index)
      .Int("Reduce ID", reduce_id)
      .Str("Message", message)
      .End();
  return w.Take();
}

std::string TaskKilledReason(const std::string& kill_reason, const std::string& accumulator_updates) {
  JsonWriter w;
  w.Object()
      .Str("Reason", "TaskKilled")
      .Str("Kill Reason", kill_reason)
      .Raw("Accumulator Updates", accumulator_updates)
      .End();
  return w.Take();
}

std::string LogStartEvent(const std::string& spark_version) {
  JsonWriter w;
  w.Object().Str("Event", "SparkListenerLogStart").Str("Spark Version", spark_version).End();
  return w.Take();
}

std::string ResourceProfileAddedEvent(int32_t cores, int64_t memory_mb, int64_t overhead_mb) {
  JsonWriter w;
  auto request = [&w](const char* name, int64_t amount) {
    w.Object(name).Str("Resource Name", name).Int("Amount", amount).Str("Discovery Script", "").Str("Vendor", "").End();
  };
  w.Object().Str("Event", "SparkListenerResourceProfileAdded").Int("Resource Profile Id", 0);
  w.Object("Executor Resource Requests");
  request("memoryOverhead", overhead_mb);
  request("cores", cores);
  request("memory", memory_mb);
  request("offHeap", 0);
  w.End();
  w.Object("Task Resource Requests").Object("cpus").Str("Resource Name", "cpus").Raw("Amount", "1.0").End().End();
  w.End();
  return w.Take();
}

std::string EnvironmentUpdateEvent(const std::vector<Property>& jvm, const std::vector<Property>& spark,
                                   const std::vector<Property>& hadoop, const std::vector<Property>& system,
                                   const std::vector<Property>& metrics, const std::vector<Property>& classpath) {
  JsonWriter w;
  w.Object().Str("Event", "SparkListenerEnvironmentUpdate");
  WriteProperties(&w, "JVM Information", jvm);
  WriteProperties(&w, "Spark Properties", spark);
  WriteProperties(&w, "Hadoop Properties", hadoop);
  WriteProperties(&w, "System Properties", system);
  WriteProperties(&w, "Metrics Properties", metrics);
  WriteProperties(&w, "Classpath Entries", classpath);
  w.End();
  return w.Take();
}

std::string ApplicationStartEvent(const std::string& name, const std::string& id, int64_t time_ms,
                                  const std::string& user) {
  JsonWriter w;
  w.Object()
      .Str("Event", "SparkListenerApplicationStart")
      .Str("App Name", name)
      .Str("App ID", id)
      .Int("Timestamp", time_ms)
      .Str("User", user)
      .End();
  return w.Take();
}

std::string ApplicationEndEvent(int64_t time_ms) {
  JsonWriter w;
  w.Object().Str("Event", "SparkListenerApplicationEnd").Int("Timestamp", time_ms).End();
  return w.Take();
}

std::string ExecutorAddedEvent(int64_t time_ms, const std::string& executor_id, const std::string& host, int32_t cores,
                               const std::string& container_id, const std::string& user, int64_t request_ms) {
  std::string logs = "http://" + host + ":8042/node/containerlogs/" + container_id + "/" + user + "/";
  JsonWriter w;
  w.Object()
      .Str("Event", "SparkListenerExecutorAdded")
      .Int("Timestamp", time_ms)
      .Str("Executor ID", executor_id)
      .Object("Executor Info")
      .Str("Host", host)
      .Int("Total Cores", cores)
      .Object("Log Urls")
      .Str("stdout", logs + "stdout?start=-4096")
      .Str("stderr", logs + "stderr?start=-4096")
      .End()
      .Object("Attributes")
      .Str("NM_HTTP_ADDRESS", host + ":8042")
      .Str("USER", user)
      .Str("LOG_FILES", "stderr,stdout")
      .Str("NM_HTTP_PORT", "8042")
      .Str("CLUSTER_ID", "")
      .Str("NM_PORT", "8041")
      .Str("HTTP_SCHEME", "http://")
      .Str("NM_HOST", host)
      .Str("CONTAINER_ID", container_id)
      .End()
      .Object("Resources")
      .End()
      .Int("Resource Profile Id", 0)
      .Int("Registration Time", time_ms)
      .Int("Request Time", request_ms)
      .End()
      .End();
  return w.Take();
}

std::string ExecutorRemovedEvent(int64_t time_ms, const std::string& executor_id, const std::string& reason) {
  JsonWriter w;
  w.Object()
      .Str("Event", "SparkListenerExecutorRemoved")
      .Int("Timestamp", time_ms)
      .Str("Executor ID", executor_id)
      .Str("Removed Reason", reason)
      .End();
  return w.Take();
}

std::string BlockManagerAddedEvent(int64_t time_ms, const std::string& executor_id, const std::string& host,
                                   int32_t port, int64_t max_memory_bytes) {
  JsonWriter w;
  w.Object()
      .Str("Event", "SparkListenerBlockManagerAdded")
      .Object("Block Manager ID")
      .Str("Executor ID", executor_id)
      .Str("Host", host)
      .Int("Port", port)
      .End()
      .Int("Maximum Memory", max_memory_bytes)
      .Int("Timestamp", time_ms)
      .Int("Maximum Onheap Memory", max_memory_bytes)
      .Int("Maximum Offheap Memory", 0)
      .End();
  return w.Take();
}

std::string BlockManagerRemovedEvent(int64_t time_ms, const std::string& executor_id, const std::string& host,
                                     int32_t port) {
  JsonWriter w;
  w.Object()
      .Str("Event", "SparkListenerBlockManagerRemoved")
      .Object("Block Manager ID")
      .Str("Executor ID", executor_id)
      .Str("Host", host)
      .Int("Port", port)
      .End()
      .Int("Timestamp", time_ms)
      .End();
  return w.Take();
}

std::string StageExecutorMetricsEvent(const std::string& executor_id, int32_t stage_id, int32_t attempt,
                                      const ExecutorMetricValues& metrics) {
  JsonWriter w;
  w.Object()
      .Str("Event", "SparkListenerStageExecutorMetrics")
      .Str("Executor ID", executor_id)
      .Int("Stage ID", stage_id)
      .Int("Stage Attempt ID", attempt)
      .Object("Executor Metrics");
  WriteExecutorMetrics(&w, metrics);
  w.End().End();
  return w.Take();
}

std::string JobStartEvent(int32_t job_id, int64_t submission_ms, const std::vector<StageInfoValues>& stages,
                          const std::string& properties_json) {
  JsonWriter w;
  w.Object().Str("Event", "SparkListenerJobStart").Int("Job ID", job_id).Int("Submission Time", submission_ms);
  w.Array("Stage Infos");
  for (const StageInfoValues& s : stages) {
    w.Object();
    WriteStageInfo(&w, s);
    w.End();
  }
  w.End().Array("Stage IDs");
  for (const StageInfoValues& s : stages) w.Int(s.stage_id);
  w.End().Raw("Properties", properties_json).End();
  return w.Take();
}

std::string JobEndEvent(int32_t job_id, int64_t completion_ms, const std::optional<std::string>& failure_message,
                        const std::vector<StackFrame>& driver_frames) {
  JsonWriter w;
  w.Object().Str("Event", "SparkListenerJobEnd").Int("Job ID", job_id).Int("Completion Time", completion_ms);
  w.Object("Job Result");
  if (!failure_message) {
    w.Str("Result", "JobSucceeded");
  } else {
    w.Str("Result", "JobFailed").Object("Exception").Str("Message", *failure_message).Array("Stack Trace");
    WriteFrames(&w, driver_frames);
    w.End().End();
  }
  w.End().End();
  return w.Take();
}

std::string StageSubmittedEvent(const StageInfoValues& stage, const std::string& properties_json) {
  JsonWriter w;
  w.Object().Str("Event", "SparkListenerStageSubmitted").Object("Stage Info");
  WriteStageInfo(&w, stage);
  w.End().Raw("Properties", properties_json).End();
  return w.Take();
}

std::string StageCompletedEvent(const StageInfoValues& stage) {
  JsonWriter w;
  w.Object().Str("Event", "SparkListenerStageCompleted").Object("Stage Info");
  WriteStageInfo(&w, stage);
  w.End().End();
  return w.Take();
}

std::string TaskStartEvent(int32_t stage_id, int32_t attempt, const TaskInfoValues& info) {
  JsonWriter w;
  w.Object().Str("Event", "SparkListenerTaskStart").Int("Stage ID", stage_id).Int("Stage Attempt ID", attempt);
  WriteTaskInfo(&w, info);
  w.End();
  return w.Take();
}

std::string TaskEndEvent(int32_t stage_id, int32_t attempt, bool result_task, const std::string& reason_json,
                         const TaskInfoValues& info, const ExecutorMetricValues& executor_metrics,
                         const TaskMetricValues* metrics) {
  JsonWriter w;
  w.Object()
      .Str("Event", "SparkListenerTaskEnd")
      .Int("Stage ID", stage_id)
      .Int("Stage Attempt ID", attempt)
      .Str("Task Type", result_task ? "ResultTask" : "ShuffleMapTask")
      .Raw("Task End Reason", reason_json);
  WriteTaskInfo(&w, info);
  w.Object("Task Executor Metrics");
  WriteExecutorMetrics(&w, executor_metrics);
  w.End();
  if (metrics != nullptr) {
    w.Object("Task Metrics");
    WriteTaskMetrics(&w, *metrics);
    w.End();
  }
  w.End();
  return w.Take();
}

std::string SqlExecutionStartEvent(int64_t execution_id, const std::string& description, const std::string& details,
                                   const std::string& plan_description, const std::string& plan_info_json,
                                   int64_t time_ms) {
  JsonWriter w;
  w.Object()
      .Str("Event", std::string(kSqlPrefix) + "SparkListenerSQLExecutionStart")
      .Int("executionId", execution_id)
      .Int("rootExecutionId", execution_id)
      .Str("description", description)
      .Str("details", details)
      .Str("physicalPlanDescription", plan_description)
      .Raw("sparkPlanInfo", plan_info_json)
      .Int("time", time_ms)
      .Object("modifiedConfigs")
      .End()
      .Array("jobTags")
      .End()
      .End();
  return w.Take();
}

std::string SqlExecutionEndEvent(int64_t execution_id, int64_t time_ms, const std::string& error_message) {
  JsonWriter w;
  w.Object()
      .Str("Event", std::string(kSqlPrefix) + "SparkListenerSQLExecutionEnd")
      .Int("executionId", execution_id)
      .Int("time", time_ms)
      .Str("errorMessage", error_message)
      .End();
  return w.Take();
}

std::string SqlAdaptiveExecutionUpdateEvent(int64_t execution_id, const std::string& plan_description,
                                            const std::string& plan_info_json) {
  JsonWriter w;
  w.Object()
      .Str("Event", std::string(kSqlPrefix) + "SparkListenerSQLAdaptiveExecutionUpdate")
      .Int("executionId", execution_id)
      .Str("physicalPlanDescription", plan_description)
      .Raw("sparkPlanInfo", plan_info_json)
      .End();
  return w.Take();
}

std::string SqlDriverAccumUpdatesEvent(int64_t execution_id, const std::vector<std::pair<int64_t, int64_t>>& updates) {
  JsonWriter w;
  w.Object()
      .Str("Event", std::string(kSqlPrefix) + "SparkListenerDriverAccumUpdates")
      .Int("executionId", execution_id)
      .Array("accumUpdates");
  for (const auto& [id, value] : updates) w.Array().Int(id).Int(value).End();
  w.End().End();
  return w.Take();
}

}  // namespace sparkdx::samples
