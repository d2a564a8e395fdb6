// sql, sql/{execution-id}: Spark's SQL REST resource (ExecutionData with the
// plan graph's nodes, metric texts and edges).
//
// sparkdx follows the newest History Server here: the answer also carries
// queryId (when the log has one), errorMessage and rootExecutionId, and the
// list is not paged unless `length` is given. A running execution's duration
// is counted up to the log's last event (the History Server uses "now").
#include <algorithm>
#include <cctype>

#include "report/rest/jackson_writer.h"
#include "report/rest/rest_endpoints.h"
#include "report/rest/sql_metric_text.h"

namespace sparkdx {
namespace {

// Spark's execution status: an error message decides when the log has one
// (empty means success); older logs have none, so failed jobs decide.
const char* ExecutionStatus(const SqlExecutionData& exec) {
  if (exec.error_message) return exec.error_message->empty() ? "COMPLETED" : "FAILED";
  if (exec.completion_time_ms < 0) return "RUNNING";
  for (const auto& [job_id, status] : exec.jobs) {
    if (status == JobStatusKind::kFailed) return "FAILED";
  }
  return "COMPLETED";
}

std::string Trim(const std::string& text) {
  size_t begin = 0, end = text.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(text[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(text[end - 1]))) --end;
  return text.substr(begin, end - begin);
}

// "WholeStageCodegen (3)" -> 3.
std::optional<int64_t> CodegenStageId(const std::string& cluster_name) {
  std::string name = Trim(cluster_name);
  const std::string prefix = "WholeStageCodegen (";
  if (name.rfind(prefix, 0) != 0 || name.size() <= prefix.size() + 1 || name.back() != ')') return std::nullopt;
  int64_t id = 0;
  if (!RestIntArg(name.substr(prefix.size(), name.size() - prefix.size() - 1), &id)) return std::nullopt;
  return id;
}

RestJson NodesJson(const SqlExecutionData& exec) {
  std::vector<const SqlPlanNodeData*> nodes;
  for (const SqlPlanNodeData& node : exec.nodes) nodes.push_back(&node);
  std::sort(nodes.begin(), nodes.end(),
            [](const SqlPlanNodeData* a, const SqlPlanNodeData* b) { return a->node_id > b->node_id; });
  RestJson out = RestJson::array();
  for (const SqlPlanNodeData* node : nodes) {
    RestJson json = RestJson::object();
    json["nodeId"] = node->node_id;
    json["nodeName"] = Trim(node->node_name);
    if (node->cluster_id >= 0) {
      auto cluster = std::find_if(exec.nodes.begin(), exec.nodes.end(),
                                  [&](const SqlPlanNodeData& n) { return n.node_id == node->cluster_id; });
      if (cluster != exec.nodes.end()) {
        if (std::optional<int64_t> id = CodegenStageId(cluster->node_name)) json["wholeStageCodegenId"] = *id;
      }
    }
    RestJson metrics = RestJson::array();
    if (exec.metric_values) {
      for (const SqlMetricData& metric : node->metrics) {
        auto value = exec.metric_values->find(metric.accumulator_id);
        if (value == exec.metric_values->end()) continue;
        std::string text = SqlMetricText(value->second);
        if (!text.empty() && text.front() == '\n') text.erase(0, 1);
        metrics.push_back(RestJson{{"name", Trim(metric.name)}, {"value", text}});
      }
    }
    json["metrics"] = std::move(metrics);
    out.push_back(std::move(json));
  }
  return out;
}

RestJson ExecutionJson(const SqlExecutionData& exec, const AppStatus& app, bool details, bool plan_description) {
  RestJson running = RestJson::array(), succeeded = RestJson::array(), failed = RestJson::array();
  for (const auto& [job_id, status] : exec.jobs) {
    if (status == JobStatusKind::kRunning) running.push_back(job_id);
    if (status == JobStatusKind::kSucceeded) succeeded.push_back(job_id);
    if (status == JobStatusKind::kFailed) failed.push_back(job_id);
  }
  int64_t end = exec.completion_time_ms >= 0 ? exec.completion_time_ms : app.last_event_time_ms;
  RestJson json = RestJson::object();
  json["id"] = exec.execution_id;
  json["status"] = ExecutionStatus(exec);
  json["description"] = exec.description ? RestJson(*exec.description) : RestJson(nullptr);
  json["planDescription"] = !plan_description ? RestJson("")
                            : exec.physical_plan_description ? RestJson(*exec.physical_plan_description)
                                                             : RestJson(nullptr);
  json["submissionTime"] = RestDateText(exec.submission_time_ms);
  json["duration"] = end - exec.submission_time_ms;
  json["runningJobIds"] = std::move(running);
  json["successJobIds"] = std::move(succeeded);
  json["failedJobIds"] = std::move(failed);
  json["nodes"] = details ? NodesJson(exec) : RestJson::array();
  RestJson edges = RestJson::array();
  if (details) {
    for (const SqlPlanEdgeData& edge : exec.edges) edges.push_back(RestJson{{"fromId", edge.from_id}, {"toId", edge.to_id}});
  }
  json["edges"] = std::move(edges);
  json["queryId"] = exec.query_id ? RestJson(*exec.query_id) : RestJson(nullptr);
  json["errorMessage"] = exec.error_message ? RestJson(*exec.error_message) : RestJson(nullptr);
  json["rootExecutionId"] = exec.root_execution_id;
  return json;
}

// A boolean query parameter with its default; false when malformed.
bool BoolParam(const RestCall& call, const char* name, bool default_value, bool* out, std::string* error) {
  std::optional<std::string> text = call.request->First(name);
  if (!text) {
    *out = default_value;
    return true;
  }
  std::string lower = *text;
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (lower == "true" || lower == "false") {
    *out = lower == "true";
    return true;
  }
  *error = std::string(name) + "=" + *text + ": use true or false";
  return false;
}

}  // namespace

RestResponse SqlList(const RestCall& call) {
  bool details = true, plan = true;
  std::string error;
  if (!BoolParam(call, "details", true, &details, &error) || !BoolParam(call, "planDescription", true, &plan, &error)) {
    return RestBadRequest(error);
  }
  int64_t offset = 0, length = -1;
  if (auto text = call.request->First("offset"); text && (!RestIntArg(*text, &offset) || offset < 0)) {
    return RestBadRequest("offset=" + *text + ": not a position");
  }
  if (auto text = call.request->First("length"); text && !RestIntArg(*text, &length)) {
    return RestBadRequest("length=" + *text + ": not a count");
  }
  RestJson list = RestJson::array();
  int64_t position = 0;
  for (const auto& [id, exec] : call.attempt->sql_executions) {
    if (position++ < offset && length > 0) continue;
    if (length > 0 && static_cast<int64_t>(list.size()) >= length) break;
    list.push_back(ExecutionJson(exec, *call.attempt, details, plan));
  }
  return RestOk(list);
}

RestResponse OneSqlExecution(const RestCall& call) {
  int64_t id = 0;
  if (!RestIntArg(call.args[0], &id)) return RestNotFound("unknown query execution id: " + call.args[0]);
  auto it = call.attempt->sql_executions.find(id);
  if (it == call.attempt->sql_executions.end()) return RestNotFound("unknown query execution id: " + call.args[0]);
  bool details = true, plan = true;
  std::string error;
  if (!BoolParam(call, "details", true, &details, &error) || !BoolParam(call, "planDescription", true, &plan, &error)) {
    return RestBadRequest(error);
  }
  return RestOk(ExecutionJson(it->second, *call.attempt, details, plan));
}

}  // namespace sparkdx
