#include "support/executor_event_text.h"

#include <cstdio>

namespace sparkdx::testing {
namespace {

std::string Q(const std::string& s) { return "\"" + s + "\""; }
std::string N(int64_t v) { return std::to_string(v); }
std::string B(bool v) { return v ? "true" : "false"; }

std::string Resource(const std::string& name, const std::string& amount) {
  return Q(name) + ":{\"Resource Name\":" + Q(name) + ",\"Amount\":" + amount +
         ",\"Discovery Script\":\"\",\"Vendor\":\"\"}";
}

}  // namespace

std::string ApplicationStartWithDriverLine(const std::string& app_id, int64_t time_ms, const std::string& logs_json,
                                           const std::string& attributes_json) {
  return "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"test app\",\"App ID\":" + Q(app_id) +
         ",\"Timestamp\":" + N(time_ms) + ",\"User\":\"tester\",\"Driver Logs\":" + logs_json +
         ",\"Driver Attributes\":" + attributes_json + "}";
}

std::string BlockManagerAddedLine(const std::string& executor_id, const std::string& host, int port,
                                  int64_t max_memory, int64_t time_ms, std::optional<int64_t> on_heap,
                                  int64_t off_heap) {
  std::string line = "{\"Event\":\"SparkListenerBlockManagerAdded\",\"Block Manager ID\":{\"Executor ID\":" +
                     Q(executor_id) + ",\"Host\":" + Q(host) + ",\"Port\":" + N(port) +
                     "},\"Maximum Memory\":" + N(max_memory) + ",\"Timestamp\":" + N(time_ms);
  if (on_heap) line += ",\"Maximum Onheap Memory\":" + N(*on_heap) + ",\"Maximum Offheap Memory\":" + N(off_heap);
  return line + "}";
}

std::string ExecutorAddedFullLine(const std::string& executor_id, const std::string& host, int cores, int64_t time_ms,
                                  int resource_profile_id, const std::string& log_urls_json,
                                  const std::string& attributes_json, const std::string& resources_json) {
  return "{\"Event\":\"SparkListenerExecutorAdded\",\"Timestamp\":" + N(time_ms) + ",\"Executor ID\":" +
         Q(executor_id) + ",\"Executor Info\":{\"Host\":" + Q(host) + ",\"Total Cores\":" + N(cores) +
         ",\"Log Urls\":" + log_urls_json + ",\"Attributes\":" + attributes_json + ",\"Resources\":" +
         resources_json + ",\"Resource Profile Id\":" + N(resource_profile_id) + ",\"Registration Time\":" +
         N(time_ms) + "}}";
}

std::string ExecutorRemovedLine(const std::string& executor_id, int64_t time_ms, const std::string& reason) {
  return "{\"Event\":\"SparkListenerExecutorRemoved\",\"Timestamp\":" + N(time_ms) + ",\"Executor ID\":" +
         Q(executor_id) + ",\"Removed Reason\":" + Q(reason) + "}";
}

std::string ExclusionLine(const std::string& event_class, const std::string& fields_json) {
  return "{\"Event\":\"org.apache.spark.scheduler." + event_class + "\"," + fields_json + "}";
}

std::string StageExecutorMetricsLine(const std::string& executor_id, int stage_id, int attempt,
                                     const std::string& metrics_json) {
  return "{\"Event\":\"SparkListenerStageExecutorMetrics\",\"Executor ID\":" + Q(executor_id) +
         ",\"Stage ID\":" + N(stage_id) + ",\"Stage Attempt ID\":" + N(attempt) +
         ",\"Executor Metrics\":" + metrics_json + "}";
}

std::string StorageLevelJson(bool use_disk, bool use_memory, bool deserialized, int replication, bool use_off_heap) {
  return "{\"Use Disk\":" + B(use_disk) + ",\"Use Memory\":" + B(use_memory) + ",\"Use Off Heap\":" +
         B(use_off_heap) + ",\"Deserialized\":" + B(deserialized) + ",\"Replication\":" + N(replication) + "}";
}

std::string StageSubmittedWithRddLine(int stage_id, int tasks, int64_t time_ms, int rdd_id, const std::string& rdd_name,
                                      int partitions, const std::string& storage_level_json) {
  std::string rdd = "{\"RDD ID\":" + N(rdd_id) + ",\"Name\":" + Q(rdd_name) +
                    ",\"Callsite\":\"cache at Test.scala:1\",\"Parent IDs\":[],\"Storage Level\":" +
                    storage_level_json + ",\"Barrier\":false,\"Number of Partitions\":" + N(partitions) +
                    ",\"Number of Cached Partitions\":0,\"Memory Size\":0,\"Disk Size\":0}";
  return "{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":{\"Stage ID\":" + N(stage_id) +
         ",\"Stage Attempt ID\":0,\"Stage Name\":\"count at Test.scala:1\",\"Number of Tasks\":" + N(tasks) +
         ",\"RDD Info\":[" + rdd + "],\"Parent IDs\":[],\"Details\":\"\",\"Submission Time\":" + N(time_ms) +
         ",\"Accumulables\":[],\"Resource Profile Id\":0},\"Properties\":{}}";
}

std::string BlockUpdatedLine(const std::string& executor_id, const std::string& host, int port,
                             const std::string& block_id, const std::string& storage_level_json, int64_t memory_size,
                             int64_t disk_size) {
  return "{\"Event\":\"SparkListenerBlockUpdated\",\"Block Updated Info\":{\"Block Manager ID\":{\"Executor ID\":" +
         Q(executor_id) + ",\"Host\":" + Q(host) + ",\"Port\":" + N(port) + "},\"Block ID\":" + Q(block_id) +
         ",\"Storage Level\":" + storage_level_json + ",\"Memory Size\":" + N(memory_size) +
         ",\"Disk Size\":" + N(disk_size) + "}}";
}

std::string UnpersistRddLine(int rdd_id) {
  return "{\"Event\":\"SparkListenerUnpersistRDD\",\"RDD ID\":" + N(rdd_id) + "}";
}

std::string EnvironmentUpdateLine(const std::string& jvm_json, const std::string& spark_json,
                                  const std::string& hadoop_json, const std::string& system_json,
                                  const std::string& metrics_json, const std::string& classpath_json) {
  return "{\"Event\":\"SparkListenerEnvironmentUpdate\",\"JVM Information\":" + jvm_json +
         ",\"Spark Properties\":" + spark_json + ",\"Hadoop Properties\":" + hadoop_json +
         ",\"System Properties\":" + system_json + ",\"Metrics Properties\":" + metrics_json +
         ",\"Classpath Entries\":" + classpath_json + "}";
}

std::string ResourceProfileAddedLine(int id, int cores, int64_t memory_mb, double cpus,
                                     const std::string& extra_executor_json, const std::string& extra_task_json) {
  char cpus_text[32];
  std::snprintf(cpus_text, sizeof cpus_text, "%.1f", cpus);
  return "{\"Event\":\"SparkListenerResourceProfileAdded\",\"Resource Profile Id\":" + N(id) +
         ",\"Executor Resource Requests\":{" + Resource("cores", N(cores)) + "," +
         Resource("memory", N(memory_mb)) + extra_executor_json + "},\"Task Resource Requests\":{\"cpus\":" +
         "{\"Resource Name\":\"cpus\",\"Amount\":" + cpus_text + "}" + extra_task_json + "}}";
}

std::string MiscProcessAddedLine(const std::string& process_id, const std::string& host_port, int cores,
                                 int64_t time_ms, const std::string& log_urls_json) {
  return "{\"Event\":\"org.apache.spark.scheduler.SparkListenerMiscellaneousProcessAdded\",\"time\":" + N(time_ms) +
         ",\"processId\":" + Q(process_id) + ",\"info\":{\"hostPort\":" + Q(host_port) + ",\"cores\":" + N(cores) +
         ",\"logUrlInfo\":" + log_urls_json + "}}";
}

}  // namespace sparkdx::testing
