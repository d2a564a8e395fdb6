// Spark-like event-log text, written for tests (see spark_event_text.h).
#include "support/spark_event_text.h"

#include <cstdint>
#include <string>

namespace sparkdx::testing {
namespace {

// xorshift32: small, seeded and identical on every platform.
class Random {
 public:
  explicit Random(uint32_t seed) : state_(seed == 0 ? 0x9e3779b9u : seed) {}
  uint32_t Next() {
    state_ ^= state_ << 13;
    state_ ^= state_ >> 17;
    state_ ^= state_ << 5;
    return state_;
  }
  uint64_t Below(uint64_t bound) { return bound == 0 ? 0 : Next() % bound; }

 private:
  uint32_t state_;
};

std::string Str(uint64_t value) { return std::to_string(value); }

class Builder {
 public:
  explicit Builder(const SparkEventTextOptions& options) : options_(options), random_(options.seed) {}

  std::string Build() {
    time_ms_ = 1713000000000ull + random_.Below(1000000);
    Line("{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":\"" + options_.spark_version + "\"}");
    Line(
        "{\"Event\":\"SparkListenerResourceProfileAdded\",\"Resource Profile Id\":0,\"Executor Resource "
        "Requests\":{\"cores\":{\"Resource Name\":\"cores\",\"Amount\":4,\"Discovery Script\":\"\",\"Vendor\":\"\"},"
        "\"memory\":{\"Resource Name\":\"memory\",\"Amount\":8192,\"Discovery Script\":\"\",\"Vendor\":\"\"}},"
        "\"Task Resource Requests\":{\"cpus\":{\"Resource Name\":\"cpus\",\"Amount\":1.0}}}");
    ExecutorAdded("driver");
    Line("{\"Event\":\"SparkListenerBlockManagerAdded\",\"Block Manager ID\":{\"Executor ID\":\"driver\",\"Host\":"
         "\"10.0.0.1\",\"Port\":" +
         Str(30000 + random_.Below(30000)) + "},\"Maximum Memory\":455501414,\"Timestamp\":" + Str(time_ms_) +
         ",\"Maximum Onheap Memory\":455501414,\"Maximum Offheap Memory\":0}");
    EnvironmentUpdate();
    std::string start = "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"" + options_.app_name +
                        "\",\"App ID\":\"" + options_.app_id + "\",\"Timestamp\":" + Str(time_ms_) +
                        ",\"User\":\"spark\"";
    if (!options_.attempt_id.empty()) start += ",\"App Attempt ID\":\"" + options_.attempt_id + "\"";
    Line(start + "}");
    for (int e = 1; e <= 4; ++e) ExecutorAdded(Str(e));
    int job = 0;
    while (text_.size() < options_.target_bytes) Job(job++);
    if (options_.application_end) {
      Line("{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":" + Str(time_ms_ + 1000) + ",\"ExitCode\":0}");
    }
    return std::move(text_);
  }

 private:
  void Line(const std::string& line) {
    text_ += line;
    text_ += '\n';
  }

  void ExecutorAdded(const std::string& id) {
    time_ms_ += random_.Below(200);
    Line("{\"Event\":\"SparkListenerExecutorAdded\",\"Timestamp\":" + Str(time_ms_) + ",\"Executor ID\":\"" + id +
         "\",\"Executor Info\":{\"Host\":\"ip-10-0-0-" + Str(10 + random_.Below(200)) +
         ".ec2.internal\",\"Total Cores\":4,\"Log Urls\":{\"stdout\":\"http://ip-10-0-0-1:8042/node/containerlogs/"
         "container_01_000002/spark/stdout\"},\"Attributes\":{},\"Resources\":{},\"Resource Profile Id\":0}}");
  }

  void EnvironmentUpdate() {
    std::string props;
    static const char* const kKeys[] = {"spark.sql.shuffle.partitions", "spark.executor.memory",
                                        "spark.executor.cores", "spark.eventLog.enabled",
                                        "spark.eventLog.compress", "spark.serializer",
                                        "spark.sql.adaptive.enabled", "spark.dynamicAllocation.enabled",
                                        "spark.master", "spark.submit.deployMode"};
    for (const char* key : kKeys) {
      if (!props.empty()) props += ',';
      props += "\"" + std::string(key) + "\":\"" + Str(random_.Below(100000)) + "\"";
    }
    for (int i = 0; i < 120; ++i) {
      props += ",\"spark.hadoop.fs.s3a.bucket.data-lake-" + Str(i) + ".endpoint\":\"s3.eu-west-" +
               Str(1 + random_.Below(3)) + ".amazonaws.com\"";
    }
    std::string classpath;
    for (int i = 0; i < 150; ++i) {
      if (i > 0) classpath += ',';
      classpath += "\"/opt/spark/jars/lib-" + Str(random_.Below(1000000)) + "-" + Str(i % 7) +
                   ".jar\":\"System Classpath\"";
    }
    Line("{\"Event\":\"SparkListenerEnvironmentUpdate\",\"JVM Information\":{\"Java Home\":\"/usr/lib/jvm/java-17\","
         "\"Java Version\":\"17.0.9 (Eclipse Adoptium)\",\"Scala Version\":\"version 2.12.18\"},"
         "\"Spark Properties\":{" +
         props + "},\"Hadoop Properties\":{\"io.file.buffer.size\":\"65536\"},\"System Properties\":{"
                 "\"file.encoding\":\"UTF-8\",\"user.timezone\":\"Etc/UTC\"},\"Classpath Entries\":{" +
         classpath + "}}");
  }

  void Job(int job) {
    int stages = 1 + static_cast<int>(random_.Below(2));
    int first_stage = next_stage_;
    next_stage_ += stages;
    time_ms_ += 50 + random_.Below(500);
    // A description with escapes and non-ASCII text, as users' job groups have.
    Line("{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart\",\"executionId\":" +
         Str(job) + ",\"rootExecutionId\":" + Str(job) +
         ",\"description\":\"Über-Aggregation ✓ job " + Str(job) +
         "\",\"details\":\"org.apache.spark.sql.Dataset.collect(Dataset.scala:3575)\\n"
         "com.example.Etl$.main(Etl.scala:" +
         Str(10 + random_.Below(300)) +
         ")\",\"physicalPlanDescription\":\"== Physical Plan ==\\nAdaptiveSparkPlan isFinalPlan=false\\n+- "
         "HashAggregate(keys=[k#" +
         Str(random_.Below(100)) + "])\",\"sparkPlanInfo\":{\"nodeName\":\"AdaptiveSparkPlan\",\"simpleString\":"
         "\"AdaptiveSparkPlan isFinalPlan=false\",\"children\":[],\"metadata\":{},\"metrics\":[]},\"time\":" +
         Str(time_ms_) + ",\"modifiedConfigs\":{},\"jobTags\":[]}");
    std::string stage_infos;
    for (int s = 0; s < stages; ++s) {
      if (s > 0) stage_infos += ',';
      stage_infos += StageInfo(first_stage + s, 0);
    }
    std::string stage_ids;
    for (int s = 0; s < stages; ++s) stage_ids += (s > 0 ? "," : "") + Str(first_stage + s);
    Line("{\"Event\":\"SparkListenerJobStart\",\"Job ID\":" + Str(job) + ",\"Submission Time\":" + Str(time_ms_) +
         ",\"Stage Infos\":[" + stage_infos + "],\"Stage IDs\":[" + stage_ids +
         "],\"Properties\":{\"spark.sql.execution.id\":\"" + Str(job) + "\",\"spark.job.description\":\"job " +
         Str(job) + "\"}}");
    for (int s = 0; s < stages; ++s) Stage(first_stage + s);
    time_ms_ += random_.Below(50);
    Line("{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":" + Str(job) + ",\"Completion Time\":" + Str(time_ms_) +
         ",\"Job Result\":{\"Result\":\"JobSucceeded\"}}");
    Line("{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd\",\"executionId\":" +
         Str(job) + ",\"time\":" + Str(time_ms_) + ",\"errorMessage\":\"\"}");
  }

  std::string StageInfo(int stage, int tasks) {
    std::string info = "{\"Stage ID\":" + Str(stage) +
                       ",\"Stage Attempt ID\":0,\"Stage Name\":\"collect at Etl.scala:" + Str(stage % 97) +
                       "\",\"Number of Tasks\":" + Str(tasks > 0 ? tasks : 8) +
                       ",\"RDD Info\":[{\"RDD ID\":" + Str(stage * 3) +
                       ",\"Name\":\"MapPartitionsRDD\",\"Scope\":\"{\\\"id\\\":\\\"" + Str(stage) +
                       "\\\",\\\"name\\\":\\\"WholeStageCodegen (1)\\\"}\",\"Callsite\":\"collect at Etl.scala:" +
                       Str(stage % 97) +
                       "\",\"Parent IDs\":[],\"Storage Level\":{\"Use Disk\":false,\"Use Memory\":false,"
                       "\"Deserialized\":false,\"Replication\":1},\"Barrier\":false,\"DeterministicLevel\":"
                       "\"DETERMINATE\",\"Number of Partitions\":8,\"Number of Cached Partitions\":0,"
                       "\"Memory Size\":0,\"Disk Size\":0}],\"Parent IDs\":[],\"Details\":\"\","
                       "\"Accumulables\":[],\"Resource Profile Id\":0";
    if (tasks > 0) {
      info += ",\"Submission Time\":" + Str(time_ms_) + ",\"Completion Time\":" + Str(time_ms_ + 400);
    }
    return info + "}";
  }

  void Stage(int stage) {
    int tasks = 4 + static_cast<int>(random_.Below(8));
    Line("{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":" + StageInfo(stage, 0) +
         ",\"Properties\":{\"spark.sql.execution.id\":\"" + Str(stage) + "\"}}");
    for (int t = 0; t < tasks; ++t) {
      int task_id = next_task_++;
      std::string executor = Str(1 + random_.Below(4));
      uint64_t launch = time_ms_ + random_.Below(20);
      std::string info_head = "\"Task Info\":{\"Task ID\":" + Str(task_id) + ",\"Index\":" + Str(t) +
                              ",\"Attempt\":0,\"Partition ID\":" + Str(t) + ",\"Launch Time\":" + Str(launch) +
                              ",\"Executor ID\":\"" + executor + "\",\"Host\":\"ip-10-0-0-" + executor +
                              ".ec2.internal\",\"Locality\":\"PROCESS_LOCAL\",\"Speculative\":false,"
                              "\"Getting Result Time\":0,";
      Line("{\"Event\":\"SparkListenerTaskStart\",\"Stage ID\":" + Str(stage) + ",\"Stage Attempt ID\":0," +
           info_head + "\"Finish Time\":0,\"Failed\":false,\"Killed\":false,\"Accumulables\":[]}}");
      uint64_t run = 20 + random_.Below(2000);
      uint64_t cpu = run * 1000000 - random_.Below(1000000);
      uint64_t bytes = random_.Below(50000000);
      uint64_t records = bytes / (40 + random_.Below(100));
      Line("{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":" + Str(stage) +
           ",\"Stage Attempt ID\":0,\"Task Type\":\"ResultTask\",\"Task End Reason\":{\"Reason\":\"Success\"}," +
           info_head + "\"Finish Time\":" + Str(launch + run + 5) +
           ",\"Failed\":false,\"Killed\":false,\"Accumulables\":[{\"ID\":" + Str(1000 + task_id % 50) +
           ",\"Name\":\"internal.metrics.executorRunTime\",\"Update\":" + Str(run) + ",\"Value\":" +
           Str(run * (t + 1)) +
           ",\"Internal\":true,\"Count Failed Values\":true}]},\"Task Executor Metrics\":{\"JVMHeapMemory\":" +
           Str(random_.Below(1u << 30)) + ",\"JVMOffHeapMemory\":" + Str(random_.Below(1u << 27)) +
           ",\"OnHeapExecutionMemory\":0,\"OffHeapExecutionMemory\":0,\"MinorGCCount\":" + Str(random_.Below(20)) +
           ",\"MinorGCTime\":" + Str(random_.Below(300)) +
           ",\"MajorGCCount\":0,\"MajorGCTime\":0},\"Task Metrics\":{\"Executor Deserialize Time\":" +
           Str(random_.Below(100)) + ",\"Executor Deserialize CPU Time\":" + Str(random_.Below(90000000)) +
           ",\"Executor Run Time\":" + Str(run) + ",\"Executor CPU Time\":" + Str(cpu) +
           ",\"Peak Execution Memory\":" + Str(random_.Below(1u << 26)) + ",\"Result Size\":" +
           Str(1000 + random_.Below(5000)) + ",\"JVM GC Time\":" + Str(random_.Below(100)) +
           ",\"Result Serialization Time\":" + Str(random_.Below(5)) +
           ",\"Memory Bytes Spilled\":0,\"Disk Bytes Spilled\":0,\"Shuffle Read Metrics\":{\"Remote Blocks "
           "Fetched\":" +
           Str(random_.Below(16)) + ",\"Local Blocks Fetched\":" + Str(random_.Below(16)) +
           ",\"Fetch Wait Time\":" + Str(random_.Below(40)) + ",\"Remote Bytes Read\":" +
           Str(random_.Below(10000000)) +
           ",\"Remote Bytes Read To Disk\":0,\"Local Bytes Read\":" + Str(random_.Below(10000000)) +
           ",\"Total Records Read\":" + Str(records) +
           "},\"Shuffle Write Metrics\":{\"Shuffle Bytes Written\":" + Str(random_.Below(10000000)) +
           ",\"Shuffle Write Time\":" + Str(random_.Below(90000000)) + ",\"Shuffle Records Written\":" +
           Str(records / 2) + "},\"Input Metrics\":{\"Bytes Read\":" + Str(bytes) + ",\"Records Read\":" +
           Str(records) + "},\"Output Metrics\":{\"Bytes Written\":0,\"Records Written\":0},"
                          "\"Updated Blocks\":[]}}");
    }
    time_ms_ += 400 + random_.Below(400);
    Line("{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":" + StageInfo(stage, tasks) + "}");
  }

  const SparkEventTextOptions& options_;
  Random random_;
  std::string text_;
  uint64_t time_ms_ = 0;
  int next_stage_ = 0;
  int next_task_ = 0;
};

}  // namespace

std::string MakeSparkEventText(const SparkEventTextOptions& options) { return Builder(options).Build(); }

const std::string& DefaultSparkEventText() {
  static const std::string* const text = new std::string(MakeSparkEventText());
  return *text;
}

std::vector<std::string_view> SplitLines(std::string_view text) {
  std::vector<std::string_view> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) {
      lines.push_back(text.substr(start));
      break;
    }
    lines.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return lines;
}

size_t CountLines(std::string_view text) { return SplitLines(text).size(); }

}  // namespace sparkdx::testing
