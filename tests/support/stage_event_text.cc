#include "support/stage_event_text.h"

#include <string>

namespace sparkdx::testing {
namespace {

std::string Q(const std::string& s) { return "\"" + s + "\""; }
std::string N(int64_t v) { return std::to_string(v); }
std::string B(bool v) { return v ? "true" : "false"; }

std::string TaskInfoJson(const TaskLine& t, bool ended) {
  bool failed = ended && t.reason != "Success" && t.reason != "TaskKilled" && t.reason != "Resubmitted";
  bool killed = ended && t.reason == "TaskKilled";
  std::string host = t.host.empty() ? "host-" + t.executor : t.host;
  std::string json = "{\"Task ID\":" + N(t.task_id) + ",\"Index\":" + N(t.index) + ",\"Attempt\":" + N(t.attempt);
  if (!t.spark1) json += ",\"Partition ID\":" + N(t.index);
  json += ",\"Launch Time\":" + N(t.launch_ms) + ",\"Executor ID\":" + Q(t.executor) + ",\"Host\":" + Q(host) +
          ",\"Locality\":" + Q(t.locality) + ",\"Speculative\":" + B(t.speculative) +
          ",\"Getting Result Time\":" + N(t.getting_result_ms) + ",\"Finish Time\":" + N(ended ? t.finish_ms : 0) +
          ",\"Failed\":" + B(failed);
  if (!t.spark1) json += ",\"Killed\":" + B(killed);
  return json + ",\"Accumulables\":" + (ended ? t.accumulables : "[]") + "}";
}

std::string EndReasonJson(const TaskLine& t) {
  if (t.reason == "ExceptionFailure") {
    return "{\"Reason\":\"ExceptionFailure\",\"Class Name\":\"java.lang.IllegalStateException\","
           "\"Description\":\"bad record 7\",\"Stack Trace\":[{\"Declaring Class\":\"com.example.Job\","
           "\"Method Name\":\"parse\",\"File Name\":\"Job.scala\",\"Line Number\":42}],"
           "\"Full Stack Trace\":\"java.lang.IllegalStateException: bad record 7\\n\\tat "
           "com.example.Job.parse(Job.scala:42)\\n\"}";
  }
  if (t.reason == "TaskKilled") {
    return t.kill_reason.empty() ? "{\"Reason\":\"TaskKilled\"}"
                                 : "{\"Reason\":\"TaskKilled\",\"Kill Reason\":" + Q(t.kill_reason) + "}";
  }
  if (t.reason == "FetchFailed") {
    std::string json = "{\"Reason\":\"FetchFailed\",\"Block Manager Address\":{\"Executor ID\":\"2\",\"Host\":"
                       "\"host-2\",\"Port\":7337},\"Shuffle ID\":0,\"Map ID\":3";
    if (!t.spark1) json += ",\"Map Index\":3";
    json += ",\"Reduce ID\":" + N(t.index);
    if (!t.spark1) json += ",\"Message\":\"connection refused\"";
    return json + "}";
  }
  if (t.reason == "TaskCommitDenied") {
    return "{\"Reason\":\"TaskCommitDenied\",\"Job ID\":0,\"Partition ID\":" + N(t.index) + ",\"Attempt Number\":" +
           N(t.attempt) + "}";
  }
  if (t.reason == "ExecutorLostFailure") {
    return "{\"Reason\":\"ExecutorLostFailure\",\"Executor ID\":" + Q(t.executor) +
           ",\"Exit Caused By App\":true,\"Loss Reason\":\"Container killed\"}";
  }
  return "{\"Reason\":" + Q(t.reason) + "}";
}

std::string MetricsJson(const TaskLine& t) {
  int64_t run = t.run_time_ms >= 0 ? t.run_time_ms : t.finish_ms - t.launch_ms - 10;
  if (t.spark1) {
    return "{\"Host Name\":" + Q(t.host.empty() ? "host-" + t.executor : t.host) +
           ",\"Executor Deserialize Time\":" + N(t.deserialize_ms) + ",\"Executor Run Time\":" + N(run) +
           ",\"Result Size\":1268,\"JVM GC Time\":25,\"Result Serialization Time\":1,\"Memory Bytes Spilled\":0,"
           "\"Disk Bytes Spilled\":0,\"Shuffle Read Metrics\":{\"Shuffle Finish Time\":0,\"Remote Blocks Fetched\":2,"
           "\"Local Blocks Fetched\":6,\"Fetch Wait Time\":3,\"Remote Bytes Read\":400},\"Shuffle Write Metrics\":"
           "{\"Shuffle Bytes Written\":1648,\"Shuffle Write Time\":76000},\"Input Metrics\":{\"Data Read Method\":"
           "\"Hadoop\",\"Bytes Read\":3500016}}";
  }
  return "{\"Executor Deserialize Time\":" + N(t.deserialize_ms) +
         ",\"Executor Deserialize CPU Time\":4000000,\"Executor Run Time\":" + N(run) +
         ",\"Executor CPU Time\":900000000,\"Peak Execution Memory\":0,\"Result Size\":1500,\"JVM GC Time\":12,"
         "\"Result Serialization Time\":1,\"Memory Bytes Spilled\":0,\"Disk Bytes Spilled\":0,\"Shuffle Read Metrics\":"
         "{\"Remote Blocks Fetched\":0,\"Local Blocks Fetched\":1,\"Fetch Wait Time\":0,\"Remote Bytes Read\":0,"
         "\"Remote Bytes Read To Disk\":0,\"Local Bytes Read\":" +
         N(t.local_bytes_read) +
         ",\"Total Records Read\":0,\"Remote Requests Duration\":0,\"Push Based Shuffle\":{\"Corrupt Merged Block "
         "Chunks\":0,\"Merged Fetch Fallback Count\":0,\"Merged Remote Blocks Fetched\":0,\"Merged Local Blocks "
         "Fetched\":0,\"Merged Remote Chunks Fetched\":0,\"Merged Local Chunks Fetched\":0,\"Merged Remote Bytes "
         "Read\":0,\"Merged Local Bytes Read\":0,\"Merged Remote Requests Duration\":0}},\"Shuffle Write Metrics\":"
         "{\"Shuffle Bytes Written\":0,\"Shuffle Write Time\":0,\"Shuffle Records Written\":0},\"Input Metrics\":"
         "{\"Bytes Read\":1024,\"Records Read\":10},\"Output Metrics\":{\"Bytes Written\":0,\"Records Written\":0},"
         "\"Updated Blocks\":[]}";
}

std::string StageAttempt(const TaskLine& t) {
  return t.spark1 ? "" : ",\"Stage Attempt ID\":" + N(t.stage_attempt);
}

std::string StageInfoJson(const StageLine& s, bool completed) {
  std::string rdds;
  for (int id : s.rdd_ids) {
    rdds += std::string(rdds.empty() ? "" : ",") + "{\"RDD ID\":" + N(id) + ",\"Name\":\"rdd\",\"Parent IDs\":[],"
            "\"Storage Level\":{\"Use Disk\":false,\"Use Memory\":false,\"Deserialized\":false,\"Replication\":1},"
            "\"Number of Partitions\":" + N(s.tasks) + ",\"Number of Cached Partitions\":0,\"Memory Size\":0,"
            "\"Disk Size\":0}";
  }
  std::string json = "{\"Stage ID\":" + N(s.stage_id);
  if (!s.spark1) json += ",\"Stage Attempt ID\":" + N(s.attempt);
  json += ",\"Stage Name\":" + Q(s.name) + ",\"Number of Tasks\":" + N(s.tasks) + ",\"RDD Info\":[" + rdds +
          "],\"Parent IDs\":[],\"Details\":\"org.example.Job.run(Job.scala:10)\"";
  if (s.submitted_ms >= 0) json += ",\"Submission Time\":" + N(s.submitted_ms);
  if (completed && s.completed_ms >= 0) json += ",\"Completion Time\":" + N(s.completed_ms);
  if (completed && !s.failure_reason.empty()) json += ",\"Failure Reason\":" + Q(s.failure_reason);
  return json + ",\"Accumulables\":" + s.accumulables + ",\"Resource Profile Id\":0}";
}

}  // namespace

std::string TaskStartLine(const TaskLine& t) {
  return "{\"Event\":\"SparkListenerTaskStart\",\"Stage ID\":" + N(t.stage_id) + StageAttempt(t) +
         ",\"Task Info\":" + TaskInfoJson(t, false) + "}";
}

std::string TaskGettingResultLine(const TaskLine& t) {
  TaskLine getting = t;
  getting.finish_ms = 0;
  return "{\"Event\":\"SparkListenerTaskGettingResult\",\"Task Info\":" + TaskInfoJson(getting, false) + "}";
}

std::string TaskEndLine(const TaskLine& t) {
  std::string line = "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":" + N(t.stage_id) + StageAttempt(t) +
                     ",\"Task Type\":\"ResultTask\",\"Task End Reason\":" + EndReasonJson(t) +
                     ",\"Task Info\":" + TaskInfoJson(t, true);
  if (t.metrics) line += ",\"Task Metrics\":" + MetricsJson(t);
  return line + "}";
}

std::string JobStartWithStagesLine(int job_id, const std::vector<std::pair<int, int>>& stages, int64_t time_ms) {
  std::string infos, ids;
  for (const auto& [stage_id, tasks] : stages) {
    StageLine stage;
    stage.stage_id = stage_id;
    stage.tasks = tasks;
    infos += (infos.empty() ? "" : ",") + StageInfoJson(stage, false);
    ids += (ids.empty() ? "" : ",") + N(stage_id);
  }
  return "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":" + N(job_id) + ",\"Submission Time\":" + N(time_ms) +
         ",\"Stage Infos\":[" + infos + "],\"Stage IDs\":[" + ids + "],\"Properties\":{}}";
}

std::string StageSubmittedLine(const StageLine& s) {
  return "{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":" + StageInfoJson(s, false) +
         ",\"Properties\":{\"spark.job.description\":\"nightly load\"}}";
}

std::string StageCompletedLine(const StageLine& s) {
  return "{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":" + StageInfoJson(s, true) + "}";
}

std::string BlockManagerAddedLine(const std::string& executor, const std::string& host, int64_t time_ms) {
  return "{\"Event\":\"SparkListenerBlockManagerAdded\",\"Block Manager ID\":{\"Executor ID\":" + Q(executor) +
         ",\"Host\":" + Q(host) + ",\"Port\":7337},\"Maximum Memory\":1000000,\"Timestamp\":" + N(time_ms) + "}";
}

}  // namespace sparkdx::testing
