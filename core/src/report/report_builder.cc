#include "report/report_builder.h"

#include <nlohmann/json.hpp>

#include <set>
#include <string>

#include "analysis/app_analysis.h"
#include "cost/run_cost.h"
#include "diagnosis/diagnose.h"
#include "report/cost_json.h"
#include "report/diagnosis_json.h"
#include "report/simulation_json.h"
#include "report/stage_summaries_json.h"
#include "report/streaming_json.h"
#include "report/totals_json.h"
#include "sparkdx/analyzer.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

Json OptionalString(const std::optional<std::string>& value) { return value ? Json(*value) : Json(nullptr); }
Json OptionalTime(int64_t time_ms) { return time_ms >= 0 ? Json(time_ms) : Json(nullptr); }

Json AccountingJson(const LineAccounting& accounting) {
  Json by_type = Json::object();
  // Known events in table order, then unknown ones by name; zero counts omitted.
  for (int i = 0; i < kKnownEventTypeCount; ++i) {
    if (accounting.known_event_counts[i] > 0) {
      by_type[std::string(EventTypeName(static_cast<EventType>(i)))] = accounting.known_event_counts[i];
    }
  }
  for (const auto& [name, count] : accounting.unknown_event_counts) by_type[name] = count;
  return Json{{"lines", accounting.lines},
              {"events", accounting.events},
              {"blank_lines", accounting.blank_lines},
              {"malformed_lines", accounting.malformed_lines},
              {"unknown_events", accounting.unknown_events},
              {"events_by_type", std::move(by_type)}};
}

Json InputJson(const InputRecord& record, const std::vector<const LogState*>& logs,
               const std::deque<InputRecord>& all_inputs) {
  Json application = nullptr;
  if (record.log_index >= 0) {
    // The report lists applications in log order, skipping archive-only logs.
    int position = 0;
    for (const LogState* log : logs) {
      for (size_t index : log->input_indices) {
        if (&all_inputs[index] == &record) application = position;
      }
      ++position;
    }
  }
  return Json{{"name", record.name},
              {"codec", record.codec.empty() ? Json(nullptr) : Json(record.codec)},
              {"bytes_read", record.bytes_read},
              {"bytes_decoded", record.bytes_decoded},
              {"status", InputStatusName(record.status)},
              {"error", record.error.empty() ? Json(nullptr) : Json(record.error)},
              {"lines", record.accounting.lines},
              {"events", record.accounting.events},
              {"application", application}};
}

Json ApplicationJson(const LogState& log, const std::deque<InputRecord>& inputs, const AnalyzerOptions& options) {
  const AppStatus& m = log.listener.status();
  Json files = Json::array();
  for (size_t index : log.input_indices) files.push_back(inputs[index].name);
  int64_t start_ms = m.attempt.start_time_ms;
  int64_t end_ms = m.attempt.completed ? m.attempt.end_time_ms : m.last_event_time_ms;
  Json duration = nullptr;
  if (start_ms >= 0 && end_ms >= 0) duration = end_ms - start_ms;
  std::set<int32_t> stage_ids;
  size_t stage_attempts = 0;
  for (const auto& [key, stage] : m.stages) {
    if (stage->tasks_only) continue;  // only known from tasks of a stage never announced
    stage_ids.insert(key.first);
    ++stage_attempts;
  }
  size_t executors = 0;
  for (const ExecutorStatusData& exec : m.executors) executors += exec.announced ? 1 : 0;
  Json application{{"log", log.name},
              {"layout", LogLayoutName(log.layout)},
              {"files", std::move(files)},
              {"in_progress", log.in_progress},
              {"id", OptionalString(m.app_id)},
              {"name", m.application_start_seen ? Json(m.app_name) : Json(nullptr)},
              {"attempt_id", OptionalString(m.attempt.attempt_id)},
              {"spark_version", m.spark_version.empty() ? Json(nullptr) : Json(m.spark_version)},
              {"user", m.attempt.spark_user.empty() ? Json(nullptr) : Json(m.attempt.spark_user)},
              {"start_ms", OptionalTime(start_ms)},
              {"end_ms", OptionalTime(end_ms)},
              {"duration_ms", duration},
              {"completed", m.attempt.completed},
              {"jobs", m.jobs.size()},
              {"stages", stage_ids.size()},
              {"stage_attempts", stage_attempts},
              {"tasks", m.task_end_count + m.running_tasks.size()},
              {"executors", executors},
              {"sql_executions", m.sql_executions.size()},
              {"open_at_end",
               {{"jobs", m.open_at_end.jobs},
                {"stage_attempts", m.open_at_end.stage_attempts},
                {"tasks", m.open_at_end.tasks}}},
              {"streaming_queries", StreamingQueriesJson(m)}};
  AppAnalysis analysis = AnalyzeApplication(m);
  application["totals"] = TotalsJson(analysis);
  Diagnosis diagnosis = Diagnose(analysis);
  AddDiagnosisJson(analysis, diagnosis, &application);
  application["stage_summaries"] = StageSummariesJson(analysis);
  application["sql_summaries"] = SqlSummariesJson(m);
  application["spark_properties"] = SparkPropertiesJson(m);
  cost::RunCost run_cost = cost::ComputeRunCost(analysis, options.cost);
  application["cost"] = CostJson(run_cost);
  application["simulation"] =
      SimulationJson(simulate::Simulate(analysis, diagnosis, run_cost.decision.pricing, options.whatif));
  return application;
}

Json IssueJson(const Issue& issue) {
  const IssueKindInfo& info = GetIssueKindInfo(issue.kind);
  return Json{{"kind", info.name},
              {"severity", std::string(IssueSeverityName(info.severity))},
              {"input", issue.input},
              {"line", issue.line > 0 ? Json(issue.line) : Json(nullptr)},
              {"byte_offset", issue.byte_offset >= 0 ? Json(issue.byte_offset) : Json(nullptr)},
              {"message", issue.message},
              {"excerpt", issue.excerpt.empty() ? Json(nullptr) : Json(issue.excerpt)}};
}

}  // namespace

std::string BuildReportJson(const ReportData& data) {
  Json report;
  report["schema_version"] = kReportSchemaVersion;
  report["generator"] = std::string("sparkdx ") + Version();

  LineAccounting total;
  Json inputs = Json::array();
  for (const InputRecord& record : *data.inputs) {
    total.Add(record.accounting);
    inputs.push_back(InputJson(record, data.logs, *data.inputs));
  }
  report["inputs"] = std::move(inputs);
  report["accounting"] = AccountingJson(total);

  Json counts = Json::object();
  uint64_t listed = 0;
  for (int i = 0; i < kIssueKindCount; ++i) {
    uint64_t count = data.issues->count(static_cast<IssueKind>(i));
    if (count > 0) counts[GetIssueKindInfo(static_cast<IssueKind>(i)).name] = count;
  }
  Json issues = Json::array();
  for (const Issue& issue : data.issues->samples()) {
    issues.push_back(IssueJson(issue));
    ++listed;
  }
  report["issue_counts"] = std::move(counts);
  report["issues"] = std::move(issues);
  report["issues_not_listed"] = data.issues->total() - listed;

  Json applications = Json::array();
  for (const LogState* log : data.logs) applications.push_back(ApplicationJson(*log, *data.inputs, data.options ? *data.options : AnalyzerOptions{}));
  report["applications"] = std::move(applications);
  return report.dump(-1, ' ', false, Json::error_handler_t::replace);
}

}  // namespace sparkdx
