#include "rest_rebuild.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <limits>
#include <map>
#include <queue>
#include <set>
#include <vector>

#include <nlohmann/json.hpp>

namespace sparkdx::fetch {
namespace {

using nlohmann::json;

int64_t Int(const json& object, const char* key, int64_t fallback = 0) {
  if (!object.is_object()) return fallback;
  auto it = object.find(key);
  return it != object.end() && it->is_number() ? it->get<int64_t>() : fallback;
}

std::string Text(const json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

int64_t TimeAt(const json& object, const char* key) { return ParseRestTime(Text(object, key)); }

// [["key","value"],...] (the REST environment's pairs) as an object.
json PairsObject(const json& pairs) {
  json object = json::object();
  if (!pairs.is_array()) return object;
  for (const json& pair : pairs) {
    if (pair.is_array() && pair.size() == 2 && pair[0].is_string() && pair[1].is_string()) {
      object[pair[0].get<std::string>()] = pair[1];
    }
  }
  return object;
}

// An event waiting to be written, ordered by time. The small events (the
// skeleton) are known up front; a stage attempt's tasks are fetched when
// its submission is written and queued as task start and end events, so
// the log interleaves tasks with executor removals as Spark wrote it, and
// holds only the tasks of stages running at one time.
struct Pending {
  int64_t time_ms;
  int rank;  // at equal times: executors added, SQL start, job start, ... (enum Rank)
  int64_t sequence;
  std::string line;
  int stage_index = -1;  // >= 0: a stage submission; fetch that stage attempt's tasks after it

  bool operator>(const Pending& other) const {
    if (time_ms != other.time_ms) return time_ms > other.time_ms;
    if (rank != other.rank) return rank > other.rank;
    return sequence > other.sequence;
  }
};

// An executor lost with running tasks is removed before those tasks end
// (Spark's order), so its counters leave them out, as the History Server's do.
enum Rank { kExecutorAdded, kSqlStart, kJobStart, kStageSubmitted, kTaskStart, kExecutorPeaks, kExecutorRemoved,
            kTaskEnd, kStageCompleted, kJobEnd, kSqlEnd };

// "FetchFailed(BlockManagerId(3, host-03, 7337, None), shuffleId=2,
// mapIndex=24, mapId=222, reduceId=0, message=\n<message>\n)", as the UI
// prints the reason, back into its parts.
json FetchFailedReason(const std::string& text) {
  auto number_after = [&](const std::string& key) -> int64_t {
    size_t at = text.find(", " + key + "=");
    return at == std::string::npos ? -1 : std::atoll(text.c_str() + at + key.size() + 3);
  };
  json address = nullptr;
  const std::string prefix = "FetchFailed(BlockManagerId(";
  if (text.rfind(prefix, 0) == 0) {
    const size_t close = text.find(')', prefix.size());
    std::vector<std::string> parts;
    std::string part;
    for (size_t i = prefix.size(); i < close && close != std::string::npos; ++i) {
      if (text[i] == ',') {
        parts.push_back(part);
        part.clear();
      } else if (text[i] != ' ') {
        part.push_back(text[i]);
      }
    }
    parts.push_back(part);
    if (parts.size() >= 3) {
      address = {{"Executor ID", parts[0]}, {"Host", parts[1]}, {"Port", std::atoll(parts[2].c_str())}};
    }
  }
  std::string message;
  const size_t message_at = text.find(", message=\n");
  if (message_at != std::string::npos) {
    message = text.substr(message_at + 11);
    if (message.size() >= 2 && message.compare(message.size() - 2, 2, "\n)") == 0) message.resize(message.size() - 2);
  }
  json reason = {{"Reason", "FetchFailed"}, {"Block Manager Address", address},
                 {"Shuffle ID", number_after("shuffleId")}, {"Map ID", number_after("mapId")},
                 {"Reduce ID", number_after("reduceId")}, {"Message", message}};
  if (text.find(", mapIndex=Unknown") == std::string::npos) reason["Map Index"] = number_after("mapIndex");
  return reason;
}

json TaskEndReason(const std::string& status, const std::string& message) {
  if (status == "SUCCESS") return {{"Reason", "Success"}};
  if (status == "KILLED") return {{"Reason", "TaskKilled"}, {"Kill Reason", message}, {"Accumulator Updates", json::array()}};
  auto starts = [&](const char* prefix) { return message.rfind(prefix, 0) == 0; };
  if (starts("FetchFailed(")) return FetchFailedReason(message);
  if (starts("ExecutorLostFailure (executor ")) {
    // "ExecutorLostFailure (executor 7 exited caused by one of the running tasks) Reason: ..."
    const size_t id_at = std::string("ExecutorLostFailure (executor ").size();
    const size_t space = message.find(' ', id_at);
    const size_t reason_at = message.find(") Reason: ");
    return {{"Reason", "ExecutorLostFailure"},
            {"Executor ID", message.substr(id_at, space == std::string::npos ? 0 : space - id_at)},
            {"Exit Caused By App", message.find("caused by one of the running tasks") != std::string::npos},
            {"Loss Reason", reason_at == std::string::npos ? "" : message.substr(reason_at + 10)}};
  }
  if (starts("TaskCommitDenied")) return {{"Reason", "TaskCommitDenied"}};
  if (starts("Resubmitted")) return {{"Reason", "Resubmitted"}};
  if (starts("TaskResultLost")) return {{"Reason", "TaskResultLost"}};
  if (message.empty() || starts("UnknownReason")) return {{"Reason", "UnknownReason"}};
  // An exception: "class: description\n\tat ..." as the UI prints it.
  const std::string first_line = message.substr(0, message.find('\n'));
  const size_t colon = first_line.find(": ");
  return {{"Reason", "ExceptionFailure"},
          {"Class Name", colon == std::string::npos ? first_line : first_line.substr(0, colon)},
          {"Description", colon == std::string::npos ? "" : first_line.substr(colon + 2)},
          {"Stack Trace", json::array()},
          {"Full Stack Trace", message},
          {"Accumulator Updates", json::array()}};
}

json TaskMetrics(const json& m) {
  const json& read = m.contains("shuffleReadMetrics") ? m["shuffleReadMetrics"] : json::object();
  const json& push = read.contains("shufflePushReadMetrics") ? read["shufflePushReadMetrics"] : json::object();
  const json& write = m.contains("shuffleWriteMetrics") ? m["shuffleWriteMetrics"] : json::object();
  const json& input = m.contains("inputMetrics") ? m["inputMetrics"] : json::object();
  const json& output = m.contains("outputMetrics") ? m["outputMetrics"] : json::object();
  return {{"Executor Deserialize Time", Int(m, "executorDeserializeTime")},
          {"Executor Deserialize CPU Time", Int(m, "executorDeserializeCpuTime")},
          {"Executor Run Time", Int(m, "executorRunTime")},
          {"Executor CPU Time", Int(m, "executorCpuTime")},
          {"Peak Execution Memory", Int(m, "peakExecutionMemory")},
          {"Result Size", Int(m, "resultSize")},
          {"JVM GC Time", Int(m, "jvmGcTime")},
          {"Result Serialization Time", Int(m, "resultSerializationTime")},
          {"Memory Bytes Spilled", Int(m, "memoryBytesSpilled")},
          {"Disk Bytes Spilled", Int(m, "diskBytesSpilled")},
          {"Shuffle Read Metrics",
           {{"Remote Blocks Fetched", Int(read, "remoteBlocksFetched")},
            {"Local Blocks Fetched", Int(read, "localBlocksFetched")},
            {"Fetch Wait Time", Int(read, "fetchWaitTime")},
            {"Remote Bytes Read", Int(read, "remoteBytesRead")},
            {"Remote Bytes Read To Disk", Int(read, "remoteBytesReadToDisk")},
            {"Local Bytes Read", Int(read, "localBytesRead")},
            {"Total Records Read", Int(read, "recordsRead")},
            {"Remote Requests Duration", Int(read, "remoteReqsDuration")},
            {"Push Based Shuffle",
             {{"Corrupt Merged Block Chunks", Int(push, "corruptMergedBlockChunks")},
              {"Merged Fetch Fallback Count", Int(push, "mergedFetchFallbackCount")},
              {"Merged Remote Blocks Fetched", Int(push, "remoteMergedBlocksFetched")},
              {"Merged Local Blocks Fetched", Int(push, "localMergedBlocksFetched")},
              {"Merged Remote Chunks Fetched", Int(push, "remoteMergedChunksFetched")},
              {"Merged Local Chunks Fetched", Int(push, "localMergedChunksFetched")},
              {"Merged Remote Bytes Read", Int(push, "remoteMergedBytesRead")},
              {"Merged Local Bytes Read", Int(push, "localMergedBytesRead")},
              {"Merged Remote Requests Duration", Int(push, "remoteMergedReqsDuration")}}}}},
          {"Shuffle Write Metrics",
           {{"Shuffle Bytes Written", Int(write, "bytesWritten")},
            {"Shuffle Write Time", Int(write, "writeTime")},
            {"Shuffle Records Written", Int(write, "recordsWritten")}}},
          {"Input Metrics", {{"Bytes Read", Int(input, "bytesRead")}, {"Records Read", Int(input, "recordsRead")}}},
          {"Output Metrics",
           {{"Bytes Written", Int(output, "bytesWritten")}, {"Records Written", Int(output, "recordsWritten")}}},
          {"Updated Blocks", json::array()}};
}

// A SQL plan tree from the REST graph: edges run from child to parent.
json PlanNode(int64_t id, const std::map<int64_t, const json*>& nodes,
              const std::multimap<int64_t, int64_t>& children_of, std::set<int64_t>& seen) {
  json node = {{"nodeName", ""}, {"simpleString", ""}, {"children", json::array()},
               {"metadata", json::object()}, {"metrics", json::array()}};
  auto it = nodes.find(id);
  if (it == nodes.end() || !seen.insert(id).second) return node;
  node["nodeName"] = Text(*it->second, "nodeName");
  node["simpleString"] = Text(*it->second, "nodeName");
  auto range = children_of.equal_range(id);
  for (auto child = range.first; child != range.second; ++child) {
    node["children"].push_back(PlanNode(child->second, nodes, children_of, seen));
  }
  return node;
}

json PlanInfo(const json& execution) {
  std::map<int64_t, const json*> nodes;
  if (execution.contains("nodes") && execution["nodes"].is_array()) {
    for (const json& node : execution["nodes"]) nodes[Int(node, "nodeId", -1)] = &node;
  }
  std::multimap<int64_t, int64_t> children_of;
  std::set<int64_t> has_parent;
  if (execution.contains("edges") && execution["edges"].is_array()) {
    for (const json& edge : execution["edges"]) {
      children_of.emplace(Int(edge, "toId", -1), Int(edge, "fromId", -1));
      has_parent.insert(Int(edge, "fromId", -1));
    }
  }
  std::set<int64_t> seen;
  std::vector<json> roots;
  for (const auto& [id, node] : nodes) {
    if (!has_parent.count(id)) roots.push_back(PlanNode(id, nodes, children_of, seen));
  }
  if (roots.size() == 1) return roots[0];
  json top = {{"nodeName", "Plan"}, {"simpleString", "Plan"}, {"children", roots},
              {"metadata", json::object()}, {"metrics", json::array()}};
  return top;
}

class Rebuilder {
 public:
  Rebuilder(HttpClient& client, const HistoryServerSource& source, const std::string& app_id,
            const BodySink& sink, const RebuildOptions& options)
      : client_(client), source_(source), app_id_(app_id), sink_(sink), options_(options) {}

  RebuildResult Run(const std::string& wanted_attempt) {
    json application;
    if (!Get({"applications", app_id_}, "", &application)) return result_;
    const json* attempt = nullptr;
    if (application.contains("attempts") && application["attempts"].is_array()) {
      for (const json& candidate : application["attempts"]) {
        if (wanted_attempt.empty() || Text(candidate, "attemptId") == wanted_attempt) attempt = &candidate;
        if (!wanted_attempt.empty() && attempt != nullptr) break;
      }
    }
    if (attempt == nullptr) {
      result_.error = "application " + app_id_ + " has no attempt " + (wanted_attempt.empty() ? "" : wanted_attempt);
      return result_;
    }
    attempt_id_ = Text(*attempt, "attemptId");
    json environment, executors, jobs, stages, sql;
    if (!Get(Path("environment"), "", &environment) || !Get(Path("allexecutors"), "", &executors) ||
        !Get(Path("jobs"), "", &jobs) || !Get(Path("stages"), "", &stages)) {
      return result_;
    }
    // Applications without Spark SQL answer 404 here.
    ApiAnswer sql_answer = GetApiJson(client_, source_, Path("sql"), "details=true&planDescription=true&length=100000");
    sql = sql_answer.ok && sql_answer.body.is_array() ? sql_answer.body : json::array();

    const int64_t start_ms = Int(*attempt, "startTimeEpoch", TimeAt(*attempt, "startTime"));
    const bool completed = attempt->value("completed", false);
    if (!Emit({{"Event", "SparkListenerLogStart"}, {"Spark Version", Text(*attempt, "appSparkVersion")}}) ||
        !Emit({{"Event", "SparkListenerApplicationStart"}, {"App Name", Text(application, "name")},
               {"App ID", app_id_}, {"Timestamp", start_ms}, {"User", Text(*attempt, "sparkUser")},
               {"App Attempt ID", attempt_id_.empty() ? json() : json(attempt_id_)},
               {"sparkdx.rebuilt", "from the REST API of " + DescribeRequest("GET", source_.base)}}) ||
        !Emit(EnvironmentEvent(environment))) {
      return result_;
    }
    AddExecutors(executors, start_ms);
    std::map<int64_t, int64_t> sql_of_job = AddSql(sql);
    AddJobsAndStages(jobs, stages, sql_of_job);
    if (!EmitInOrder()) return result_;
    if (completed) {
      const int64_t end_ms = Int(*attempt, "endTimeEpoch", TimeAt(*attempt, "endTime"));
      if (!Emit({{"Event", "SparkListenerApplicationEnd"}, {"Timestamp", end_ms}})) return result_;
    }
    result_.ok = true;
    return result_;
  }

 private:
  std::vector<std::string> Path(const std::string& leaf) const {
    std::vector<std::string> path = {"applications", app_id_};
    if (!attempt_id_.empty()) path.push_back(attempt_id_);
    path.push_back(leaf);
    return path;
  }

  bool Get(const std::vector<std::string>& segments, const std::string& query, json* out) {
    ApiAnswer answer = GetApiJson(client_, source_, segments, query);
    if (!answer.ok) {
      result_.error = answer.error;
      return false;
    }
    *out = std::move(answer.body);
    return true;
  }

  static std::string Line(const json& event) {
    std::string line = event.dump(-1, ' ', false, json::error_handler_t::replace);
    line.push_back('\n');
    return line;
  }

  bool Emit(const json& event) { return EmitLine(Line(event)); }

  bool EmitLine(const std::string& line) {
    if (!sink_(line.data(), line.size())) {
      result_.error = "writing the rebuilt log of " + app_id_ + " was stopped";
      return false;
    }
    result_.bytes_written += line.size();
    result_.events += 1;
    return true;
  }

  void Add(int64_t time_ms, Rank rank, const json& event, int stage_index = -1) {
    skeleton_.push_back({time_ms, rank, sequence_++, Line(event), stage_index});
  }

  json EnvironmentEvent(const json& environment) const {
    const json& runtime = environment.contains("runtime") ? environment["runtime"] : json::object();
    auto pairs = [&](const char* key) { return PairsObject(environment.contains(key) ? environment[key] : json()); };
    return {{"Event", "SparkListenerEnvironmentUpdate"},
            {"JVM Information",
             {{"Java Home", Text(runtime, "javaHome")},
              {"Java Version", Text(runtime, "javaVersion")},
              {"Scala Version", Text(runtime, "scalaVersion")}}},
            {"Spark Properties", pairs("sparkProperties")},
            {"Hadoop Properties", pairs("hadoopProperties")},
            {"System Properties", pairs("systemProperties")},
            {"Metrics Properties", pairs("metricsProperties")},
            {"Classpath Entries", pairs("classpathEntries")}};
  }

  void AddExecutors(const json& executors, int64_t start_ms) {
    if (!executors.is_array()) return;
    for (const json& executor : executors) {
      const std::string id = Text(executor, "id");
      const std::string host_port = Text(executor, "hostPort");
      const size_t colon = host_port.rfind(':');
      const std::string host = host_port.substr(0, colon);
      const int64_t port = colon == std::string::npos ? 0 : std::atoll(host_port.c_str() + colon + 1);
      int64_t added_ms = TimeAt(executor, "addTime");
      if (added_ms < 0) added_ms = start_ms;
      const json& memory = executor.contains("memoryMetrics") ? executor["memoryMetrics"] : json::object();
      Add(added_ms, kExecutorAdded,
          {{"Event", "SparkListenerBlockManagerAdded"},
           {"Block Manager ID", {{"Executor ID", id}, {"Host", host}, {"Port", port}}},
           {"Maximum Memory", Int(executor, "maxMemory")},
           {"Timestamp", added_ms},
           {"Maximum Onheap Memory", Int(memory, "totalOnHeapStorageMemory")},
           {"Maximum Offheap Memory", Int(memory, "totalOffHeapStorageMemory")}});
      if (id != "driver") {
        Add(added_ms, kExecutorAdded,
            {{"Event", "SparkListenerExecutorAdded"},
             {"Timestamp", added_ms},
             {"Executor ID", id},
             {"Executor Info",
              {{"Host", host},
               {"Total Cores", Int(executor, "totalCores")},
               {"Log Urls", executor.contains("executorLogs") ? executor["executorLogs"] : json::object()},
               {"Attributes", executor.contains("attributes") ? executor["attributes"] : json::object()},
               {"Resources", json::object()},
               {"Resource Profile Id", Int(executor, "resourceProfileId")}}}});
      }
      const int64_t removed_ms = TimeAt(executor, "removeTime");
      const int64_t peaks_ms = removed_ms >= 0 ? removed_ms : std::numeric_limits<int64_t>::max();
      if (executor.contains("peakMemoryMetrics") && executor["peakMemoryMetrics"].is_object()) {
        // Spark reports peaks per stage; the API keeps the executor's
        // overall peak, given here once, while the executor is alive.
        Add(peaks_ms, kExecutorPeaks,
            {{"Event", "SparkListenerStageExecutorMetrics"},
             {"Executor ID", id},
             {"Stage ID", -1},
             {"Stage Attempt ID", -1},
             {"Executor Metrics", executor["peakMemoryMetrics"]}});
      }
      if (removed_ms >= 0 && id != "driver") {
        Add(removed_ms, kExecutorRemoved,
            {{"Event", "SparkListenerExecutorRemoved"},
             {"Timestamp", removed_ms},
             {"Executor ID", id},
             {"Removed Reason", Text(executor, "removeReason")}});
      }
    }
  }

  // SQL executions; returns the execution of each job.
  std::map<int64_t, int64_t> AddSql(const json& executions) {
    std::map<int64_t, int64_t> sql_of_job;
    for (const json& execution : executions) {
      const int64_t id = Int(execution, "id", -1);
      const int64_t submitted_ms = TimeAt(execution, "submissionTime");
      if (id < 0 || submitted_ms < 0) continue;
      for (const char* key : {"runningJobIds", "successJobIds", "failedJobIds"}) {
        if (!execution.contains(key) || !execution[key].is_array()) continue;
        for (const json& job : execution[key]) {
          if (job.is_number_integer()) sql_of_job[job.get<int64_t>()] = id;
        }
      }
      Add(submitted_ms, kSqlStart,
          {{"Event", "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart"},
           {"executionId", id},
           {"description", Text(execution, "description")},
           {"details", ""},
           {"physicalPlanDescription", Text(execution, "planDescription")},
           {"sparkPlanInfo", PlanInfo(execution)},
           {"time", submitted_ms}});
      if (Text(execution, "status") != "RUNNING" && execution.contains("duration")) {
        Add(submitted_ms + Int(execution, "duration"), kSqlEnd,
            {{"Event", "org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd"},
             {"executionId", id},
             {"time", submitted_ms + Int(execution, "duration")}});
      }
    }
    return sql_of_job;
  }

  static json StageInfo(const json& stage, const std::vector<int64_t>& parents) {
    json info = {{"Stage ID", Int(stage, "stageId")},
                 {"Stage Attempt ID", Int(stage, "attemptId")},
                 {"Stage Name", Text(stage, "name")},
                 {"Number of Tasks", Int(stage, "numTasks")},
                 {"RDD Info", json::array()},
                 {"Parent IDs", parents},
                 {"Details", Text(stage, "details")},
                 {"Accumulables", json::array()},
                 {"Resource Profile Id", Int(stage, "resourceProfileId")}};
    const int64_t submitted = TimeAt(stage, "submissionTime");
    const int64_t completed = TimeAt(stage, "completionTime");
    if (submitted >= 0) info["Submission Time"] = submitted;
    if (completed >= 0) info["Completion Time"] = completed;
    if (!Text(stage, "failureReason").empty()) info["Failure Reason"] = Text(stage, "failureReason");
    return info;
  }

  static const json* FirstAttempt(const std::map<int64_t, std::vector<const json*>>& attempts_of_stage,
                                  int64_t stage_id) {
    auto found = attempts_of_stage.find(stage_id);
    if (found == attempts_of_stage.end()) return nullptr;
    const json* first = nullptr;
    for (const json* attempt : found->second) {
      if (first == nullptr || Int(*attempt, "attemptId") < Int(*first, "attemptId")) first = attempt;
    }
    return first;
  }

  void AddJobsAndStages(const json& jobs, const json& stages, const std::map<int64_t, int64_t>& sql_of_job) {
    std::map<int64_t, std::vector<const json*>> attempts_of_stage;  // every attempt, in the API's order
    if (stages.is_array()) {
      for (const json& stage : stages) attempts_of_stage[Int(stage, "stageId", -1)].push_back(&stage);
    }
    std::map<int64_t, std::vector<int64_t>> parents_of_stage;
    if (!jobs.is_array()) return;
    for (const json& job : jobs) {
      const int64_t job_id = Int(job, "jobId", -1);
      const int64_t submitted_ms = TimeAt(job, "submissionTime");
      if (job_id < 0 || submitted_ms < 0) continue;
      std::vector<int64_t> stage_ids;
      if (job.contains("stageIds") && job["stageIds"].is_array()) {
        for (const json& id : job["stageIds"]) {
          if (id.is_number_integer()) stage_ids.push_back(id.get<int64_t>());
        }
      }
      std::sort(stage_ids.begin(), stage_ids.end());
      json infos = json::array();
      for (int64_t stage_id : stage_ids) {
        const json* first = FirstAttempt(attempts_of_stage, stage_id);
        // Parents, inferred: the job's earlier stages that ended before
        // this one began (the API does not give the DAG).
        std::vector<int64_t>& parents = parents_of_stage[stage_id];
        if (parents.empty() && first != nullptr) {
          const int64_t begins = TimeAt(*first, "submissionTime");
          for (int64_t other : stage_ids) {
            const json* other_first = FirstAttempt(attempts_of_stage, other);
            if (other >= stage_id || other_first == nullptr) continue;
            const int64_t ends = TimeAt(*other_first, "completionTime");
            if (begins < 0 || (ends >= 0 && ends <= begins)) parents.push_back(other);
          }
        }
        // A stage that ran before this job is skipped by it: its info
        // carries its completion, as Spark's shared StageInfo does; the
        // others have no times yet when the job starts.
        json info = first != nullptr ? StageInfo(*first, parents) : json();
        if (first != nullptr) {
          const int64_t stage_submitted = TimeAt(*first, "submissionTime");
          if (stage_submitted < 0 || stage_submitted >= submitted_ms) {
            info.erase("Submission Time");
            info.erase("Completion Time");
            info.erase("Failure Reason");
          }
        }
        infos.push_back(first != nullptr ? info
                                         : json{{"Stage ID", stage_id}, {"Stage Attempt ID", 0}, {"Stage Name", ""},
                                                {"Number of Tasks", 0}, {"RDD Info", json::array()},
                                                {"Parent IDs", json::array()}, {"Details", ""},
                                                {"Accumulables", json::array()}});
      }
      json properties = json::object();
      if (!Text(job, "jobGroup").empty()) properties["spark.jobGroup.id"] = Text(job, "jobGroup");
      if (!Text(job, "description").empty()) properties["spark.job.description"] = Text(job, "description");
      auto sql = sql_of_job.find(job_id);
      if (sql != sql_of_job.end()) properties["spark.sql.execution.id"] = std::to_string(sql->second);
      Add(submitted_ms, kJobStart,
          {{"Event", "SparkListenerJobStart"}, {"Job ID", job_id}, {"Submission Time", submitted_ms},
           {"Stage Infos", infos}, {"Stage IDs", stage_ids}, {"Properties", properties}});
      const int64_t completed_ms = TimeAt(job, "completionTime");
      const std::string status = Text(job, "status");
      if (completed_ms >= 0 && status != "RUNNING") {
        json result = status == "SUCCEEDED"
                          ? json{{"Result", "JobSucceeded"}}
                          : json{{"Result", "JobFailed"}, {"Exception", {{"Message", "Job " + std::to_string(job_id) +
                                                                                    " failed"}}}};
        Add(completed_ms, kJobEnd,
            {{"Event", "SparkListenerJobEnd"}, {"Job ID", job_id}, {"Completion Time", completed_ms},
             {"Job Result", result}});
      }
    }
    // Stage attempts that ran.
    for (const auto& [stage_id, attempts] : attempts_of_stage) {
      for (const json* stage : attempts) {
        const std::string status = Text(*stage, "status");
        const int64_t submitted_ms = TimeAt(*stage, "submissionTime");
        if (status == "PENDING" || status == "SKIPPED" || submitted_ms < 0) continue;
        const std::vector<int64_t>& parents = parents_of_stage[stage_id];
        json info = StageInfo(*stage, parents);
        const int index = static_cast<int>(ran_stages_.size());
        ran_stages_.push_back(stage);
        tasks_total_ += Int(*stage, "numCompleteTasks") + Int(*stage, "numFailedTasks") +
                        Int(*stage, "numKilledTasks") + Int(*stage, "numActiveTasks");
        json properties = json::object();
        Add(submitted_ms, kStageSubmitted,
            {{"Event", "SparkListenerStageSubmitted"}, {"Stage Info", info}, {"Properties", properties}}, index);
        const int64_t completed_ms = TimeAt(*stage, "completionTime");
        if (status != "ACTIVE" && completed_ms >= 0) {
          Add(completed_ms, kStageCompleted, {{"Event", "SparkListenerStageCompleted"}, {"Stage Info", info}});
        }
      }
    }
  }

  bool QueueTasks(const json& stage) {
    const int64_t stage_id = Int(stage, "stageId");
    const int64_t attempt = Int(stage, "attemptId");
    const bool shuffle_map = Int(stage, "shuffleWriteBytes") > 0 || Int(stage, "shuffleWriteRecords") > 0;
    int64_t previous_first_task = -1;
    for (int64_t offset = 0;;) {
      std::vector<std::string> segments = Path("stages");
      segments.push_back(std::to_string(stage_id));
      segments.push_back(std::to_string(attempt));
      segments.push_back("taskList");
      json tasks;
      if (!Get(segments,
               "offset=" + std::to_string(offset) + "&length=" + std::to_string(options_.task_page) + "&sortBy=ID",
               &tasks)) {
        return false;
      }
      if (!tasks.is_array()) {
        result_.error = "the task list of stage " + std::to_string(stage_id) + " is not a JSON array";
        return false;
      }
      // A server that ignores offset would send the same page forever.
      const int64_t first_task = tasks.empty() ? -1 : Int(tasks[0], "taskId", -1);
      if (offset > 0 && first_task >= 0 && first_task == previous_first_task) {
        result_.error = "the task list of stage " + std::to_string(stage_id) +
                        " repeats itself: the server ignores taskList's offset parameter";
        return false;
      }
      previous_first_task = first_task;
      for (const json& task : tasks) {
        QueueTask(task, stage_id, attempt, shuffle_map);
      }
      offset += static_cast<int64_t>(tasks.size());
      if (options_.progress) options_.progress(result_.tasks, tasks_total_);
      // A short page is the last; so is a page longer than asked for (a
      // server that ignores length sends every task at once).
      if (static_cast<int64_t>(tasks.size()) != options_.task_page) return true;
    }
  }

  void QueueTask(const json& task, int64_t stage_id, int64_t attempt, bool shuffle_map) {
    const int64_t launch_ms = TimeAt(task, "launchTime");
    const std::string status = Text(task, "status");
    json info = {{"Task ID", Int(task, "taskId")},
                 {"Index", Int(task, "index")},
                 {"Attempt", Int(task, "attempt")},
                 {"Partition ID", Int(task, "partitionId", -1)},
                 {"Launch Time", launch_ms},
                 {"Executor ID", Text(task, "executorId")},
                 {"Host", Text(task, "host")},
                 {"Locality", Text(task, "taskLocality")},
                 {"Speculative", task.value("speculative", false)},
                 {"Getting Result Time", std::max<int64_t>(0, TimeAt(task, "resultFetchStart"))},
                 {"Finish Time", 0},
                 {"Failed", false},
                 {"Killed", false},
                 {"Accumulables", json::array()}};
    queue_.push({launch_ms, kTaskStart, sequence_++,
                 Line({{"Event", "SparkListenerTaskStart"}, {"Stage ID", stage_id}, {"Stage Attempt ID", attempt},
                       {"Task Info", info}})});
    result_.tasks += 1;
    if (status == "RUNNING" || status == "UNKNOWN" || !task.contains("duration")) return;
    const int64_t finish_ms = launch_ms + Int(task, "duration");
    info["Finish Time"] = finish_ms;
    info["Failed"] = status == "FAILED";
    info["Killed"] = status == "KILLED";
    json end = {{"Event", "SparkListenerTaskEnd"},
                {"Stage ID", stage_id},
                {"Stage Attempt ID", attempt},
                {"Task Type", shuffle_map ? "ShuffleMapTask" : "ResultTask"},
                {"Task End Reason", TaskEndReason(status, Text(task, "errorMessage"))},
                {"Task Info", info},
                {"Task Executor Metrics", json::object()}};
    if (task.contains("taskMetrics") && task["taskMetrics"].is_object()) end["Task Metrics"] = TaskMetrics(task["taskMetrics"]);
    queue_.push({finish_ms, kTaskEnd, sequence_++, Line(end)});
  }

  // Writes the skeleton and the queued tasks in time order.
  bool EmitInOrder() {
    std::sort(skeleton_.begin(), skeleton_.end(), [](const Pending& a, const Pending& b) { return b > a; });
    size_t next = 0;
    while (next < skeleton_.size() || !queue_.empty()) {
      if (next < skeleton_.size() && (queue_.empty() || queue_.top() > skeleton_[next])) {
        const Pending& entry = skeleton_[next++];
        if (!EmitLine(entry.line)) return false;
        if (entry.stage_index >= 0 && !QueueTasks(*ran_stages_[static_cast<size_t>(entry.stage_index)])) return false;
      } else {
        if (!EmitLine(queue_.top().line)) return false;
        queue_.pop();
      }
    }
    return true;
  }

  HttpClient& client_;
  const HistoryServerSource& source_;
  const std::string app_id_;
  const BodySink& sink_;
  const RebuildOptions& options_;
  std::string attempt_id_;
  std::vector<Pending> skeleton_;
  std::priority_queue<Pending, std::vector<Pending>, std::greater<Pending>> queue_;
  int64_t sequence_ = 0;
  std::vector<const json*> ran_stages_;
  int64_t tasks_total_ = 0;
  RebuildResult result_;
};

}  // namespace

int64_t ParseRestTime(const std::string& text) {
  // yyyy-MM-dd'T'HH:mm:ss.SSS'GMT'
  int year, month, day, hour, minute, second, millis;
  char zone[8] = {};
  if (text.size() < 23 || std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%7s", &year, &month, &day, &hour,
                                      &minute, &second, &millis, zone) != 8 ||
      std::string(zone) != "GMT") {
    return -1;
  }
  std::tm tm = {};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<int64_t>(timegm(&tm)) * 1000 + millis;
}

RebuildResult RebuildEventLog(HttpClient& client, const HistoryServerSource& source, const std::string& app_id,
                              const std::string& attempt_id, const BodySink& sink, const RebuildOptions& options) {
  return Rebuilder(client, source, app_id, sink, options).Run(attempt_id);
}

HttpResponse FetchLogsOrRebuild(HttpClient& client, const HistoryServerSource& source, const std::string& app_id,
                                const std::string& attempt_id, const BodySink& sink, bool* rebuilt,
                                const RebuildOptions& options) {
  *rebuilt = false;
  // Hold the first bytes back: a live UI answers 200 with an empty zip
  // (22 bytes), which says "no logs here" rather than "a log".
  constexpr size_t kHeldBytes = 64;
  std::string held;
  bool passing = false;
  HttpResponse response = FetchApplicationLogs(client, source, app_id, attempt_id, [&](const char* data, size_t size) {
    if (passing) return sink(data, size);
    held.append(data, size);
    if (held.size() < kHeldBytes) return true;
    passing = true;
    return sink(held.data(), held.size());
  });
  if (passing) return response;  // a zip with entries went through
  const bool empty_zip = held.size() <= 22 && held.rfind("PK\x05\x06", 0) == 0;
  if (response.ok && !held.empty() && !empty_zip) {  // a small answer: pass it on
    if (!sink(held.data(), held.size())) {
      response.ok = false;
      response.error = "writing the logs of " + app_id + " was stopped";
    }
    return response;
  }
  // No logs here: an empty zip, or a server that does not serve them.
  const bool no_logs_here = response.ok || response.status == 404 || response.status == 500 ||
                            response.status == 501 || response.status == 503;
  if (!no_logs_here) return response;
  *rebuilt = true;
  RebuildResult result = RebuildEventLog(client, source, app_id, attempt_id, sink, options);
  HttpResponse answer;
  answer.ok = result.ok;
  answer.status = result.ok ? 200 : 0;
  answer.error = result.ok ? "" : result.error;
  answer.body_bytes = result.bytes_written;
  return answer;
}

}  // namespace sparkdx::fetch
