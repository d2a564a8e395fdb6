#include "support/event_log_text.h"

#include <string>

namespace sparkdx::testing {
namespace {

std::string Q(const std::string& s) { return "\"" + s + "\""; }
std::string N(int64_t v) { return std::to_string(v); }

}  // namespace

std::string LogStartLine(const std::string& version) {
  return "{\"Event\":\"SparkListenerLogStart\",\"Spark Version\":" + Q(version) + "}";
}

std::string ApplicationStartLine(const std::string& app_id, int64_t time_ms, const std::string& attempt) {
  std::string line = "{\"Event\":\"SparkListenerApplicationStart\",\"App Name\":\"test app\",\"App ID\":" + Q(app_id) +
                     ",\"Timestamp\":" + N(time_ms) + ",\"User\":\"tester\"";
  if (!attempt.empty()) line += ",\"App Attempt ID\":" + Q(attempt);
  return line + "}";
}

std::string ApplicationEndLine(int64_t time_ms) {
  return "{\"Event\":\"SparkListenerApplicationEnd\",\"Timestamp\":" + N(time_ms) + "}";
}

std::string ExecutorAddedLine(const std::string& id, const std::string& host, int cores, int64_t time_ms) {
  return "{\"Event\":\"SparkListenerExecutorAdded\",\"Timestamp\":" + N(time_ms) + ",\"Executor ID\":" + Q(id) +
         ",\"Executor Info\":{\"Host\":" + Q(host) + ",\"Total Cores\":" + N(cores) +
         ",\"Log Urls\":{},\"Attributes\":{},\"Resources\":{},\"Resource Profile Id\":0}}";
}

std::string JobStartLine(int job_id, int stage_id, int64_t time_ms) {
  return "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":" + N(job_id) + ",\"Submission Time\":" + N(time_ms) +
         ",\"Stage Infos\":[],\"Stage IDs\":[" + N(stage_id) + "],\"Properties\":{\"spark.sql.execution.id\":\"0\"}}";
}

std::string JobEndLine(int job_id, int64_t time_ms, bool succeeded) {
  return "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":" + N(job_id) + ",\"Completion Time\":" + N(time_ms) +
         ",\"Job Result\":{\"Result\":" + Q(succeeded ? "JobSucceeded" : "JobFailed") + "}}";
}

std::string StageSubmittedLine(int stage_id, int attempt, int tasks, int64_t time_ms) {
  return "{\"Event\":\"SparkListenerStageSubmitted\",\"Stage Info\":{\"Stage ID\":" + N(stage_id) +
         ",\"Stage Attempt ID\":" + N(attempt) + ",\"Stage Name\":\"count at Test.scala:1\",\"Number of Tasks\":" +
         N(tasks) + ",\"RDD Info\":[],\"Parent IDs\":[],\"Details\":\"\",\"Submission Time\":" + N(time_ms) +
         ",\"Accumulables\":[]},\"Properties\":{}}";
}

std::string StageCompletedLine(int stage_id, int attempt, int tasks, int64_t submitted_ms, int64_t completed_ms) {
  return "{\"Event\":\"SparkListenerStageCompleted\",\"Stage Info\":{\"Stage ID\":" + N(stage_id) +
         ",\"Stage Attempt ID\":" + N(attempt) + ",\"Stage Name\":\"count at Test.scala:1\",\"Number of Tasks\":" +
         N(tasks) + ",\"RDD Info\":[],\"Parent IDs\":[],\"Details\":\"\",\"Submission Time\":" + N(submitted_ms) +
         ",\"Completion Time\":" + N(completed_ms) + ",\"Accumulables\":[]}}";
}

std::string TaskInfo(int64_t task_id, int index, const std::string& executor, int64_t launch_ms, int64_t finish_ms,
                     bool failed) {
  return "{\"Task ID\":" + N(task_id) + ",\"Index\":" + N(index) + ",\"Attempt\":0,\"Partition ID\":" + N(index) +
         ",\"Launch Time\":" + N(launch_ms) + ",\"Executor ID\":" + Q(executor) + ",\"Host\":\"host-" + executor +
         "\",\"Locality\":\"PROCESS_LOCAL\",\"Speculative\":false,\"Getting Result Time\":0,\"Finish Time\":" +
         N(finish_ms) + ",\"Failed\":" + (failed ? "true" : "false") + ",\"Killed\":false,\"Accumulables\":[]}";
}

std::string TaskStartLine(int stage_id, int64_t task_id, int index, const std::string& executor, int64_t launch_ms) {
  return "{\"Event\":\"SparkListenerTaskStart\",\"Stage ID\":" + N(stage_id) + ",\"Stage Attempt ID\":0,\"Task Info\":" +
         TaskInfo(task_id, index, executor, launch_ms, 0, false) + "}";
}

std::string TaskEndLine(int stage_id, int64_t task_id, int index, const std::string& executor, int64_t launch_ms,
                        int64_t finish_ms, bool failed) {
  std::string reason = failed ? "{\"Reason\":\"ExceptionFailure\",\"Class Name\":\"java.lang.OutOfMemoryError\","
                                "\"Description\":\"Java heap space\",\"Stack Trace\":[]}"
                              : "{\"Reason\":\"Success\"}";
  return "{\"Event\":\"SparkListenerTaskEnd\",\"Stage ID\":" + N(stage_id) +
         ",\"Stage Attempt ID\":0,\"Task Type\":\"ResultTask\",\"Task End Reason\":" + reason +
         ",\"Task Info\":" + TaskInfo(task_id, index, executor, launch_ms, finish_ms, failed) +
         ",\"Task Executor Metrics\":{\"JVMHeapMemory\":100},\"Task Metrics\":{\"Executor Deserialize Time\":5,"
         "\"Executor Deserialize CPU Time\":4000000,\"Executor Run Time\":" +
         N(finish_ms - launch_ms - 10) +
         ",\"Executor CPU Time\":900000000,\"Peak Execution Memory\":0,\"Result Size\":1500,\"JVM GC Time\":12,"
         "\"Result Serialization Time\":0,\"Memory Bytes Spilled\":0,\"Disk Bytes Spilled\":0,\"Shuffle Read Metrics\":"
         "{\"Remote Blocks Fetched\":0,\"Local Blocks Fetched\":0,\"Fetch Wait Time\":0,\"Remote Bytes Read\":0,"
         "\"Remote Bytes Read To Disk\":0,\"Local Bytes Read\":0,\"Total Records Read\":0},\"Shuffle Write Metrics\":"
         "{\"Shuffle Bytes Written\":0,\"Shuffle Write Time\":0,\"Shuffle Records Written\":0},\"Input Metrics\":"
         "{\"Bytes Read\":1024,\"Records Read\":10},\"Output Metrics\":{\"Bytes Written\":0,\"Records Written\":0},"
         "\"Updated Blocks\":[]}}";
}

std::string SmallApplication(const std::string& app_id, int tasks) {
  const int64_t t0 = 1700000000000;
  std::string log;
  auto add = [&](const std::string& line) { log += line + "\n"; };
  add(LogStartLine());
  add(ApplicationStartLine(app_id, t0));
  add(ExecutorAddedLine("1", "node-a", 4, t0 + 100));
  add(ExecutorAddedLine("2", "node-b", 4, t0 + 120));
  add(JobStartLine(0, 0, t0 + 1000));
  add(StageSubmittedLine(0, 0, tasks, t0 + 1001));
  for (int i = 0; i < tasks; ++i) {
    std::string executor = i % 2 == 0 ? "1" : "2";
    add(TaskStartLine(0, i, i, executor, t0 + 1010 + i));
    add(TaskEndLine(0, i, i, executor, t0 + 1010 + i, t0 + 2000 + 10 * i));
  }
  add(StageCompletedLine(0, 0, tasks, t0 + 1001, t0 + 2000 + 10 * tasks));
  add(JobEndLine(0, t0 + 2001 + 10 * tasks));
  add(ApplicationEndLine(t0 + 3000 + 10 * tasks));
  return log;
}

}  // namespace sparkdx::testing
