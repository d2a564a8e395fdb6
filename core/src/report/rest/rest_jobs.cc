// jobs, jobs/{job-id}: Spark's JobData.
#include <algorithm>
#include <cctype>

#include "report/rest/jackson_writer.h"
#include "report/rest/rest_endpoints.h"
#include "report/rest/rest_map_order.h"

namespace sparkdx {
namespace {

const char* JobStatusName(JobStatusKind status) {
  switch (status) {
    case JobStatusKind::kRunning: return "RUNNING";
    case JobStatusKind::kSucceeded: return "SUCCEEDED";
    case JobStatusKind::kFailed: return "FAILED";
    case JobStatusKind::kUnknown: return "UNKNOWN";
  }
  return "UNKNOWN";
}

RestJson JobJson(const JobStatusData& job) {
  RestJson json = RestJson::object();
  json["jobId"] = job.job_id;
  json["name"] = job.name;
  if (job.description) json["description"] = *job.description;
  if (job.submission_time_ms >= 0) json["submissionTime"] = RestDateText(job.submission_time_ms);
  if (job.completion_time_ms >= 0) json["completionTime"] = RestDateText(job.completion_time_ms);
  json["stageIds"] = job.stage_ids;
  if (job.job_group) json["jobGroup"] = *job.job_group;
  json["jobTags"] = job.job_tags;
  json["status"] = JobStatusName(job.status);
  json["numTasks"] = job.num_tasks;
  json["numActiveTasks"] = job.active_tasks;
  json["numCompletedTasks"] = job.completed_tasks;
  json["numSkippedTasks"] = job.skipped_tasks;
  json["numFailedTasks"] = job.failed_tasks;
  json["numKilledTasks"] = job.killed_tasks;
  int64_t completed_indices = 0;
  for (const auto& [stage_id, indices] : job.completed_indices) completed_indices += indices.size();
  json["numCompletedIndices"] = completed_indices;
  json["numActiveStages"] = job.active_stages;
  json["numCompletedStages"] = job.completed_stages.size();
  json["numSkippedStages"] = job.skipped_stages.size();
  json["numFailedStages"] = job.failed_stages;
  json["killedTasksSummary"] = KilledSummaryJson(job.killed_summary);
  return json;
}

bool ParseJobStatus(std::string text, JobStatusKind* out) {
  for (char& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  for (JobStatusKind kind : {JobStatusKind::kRunning, JobStatusKind::kSucceeded, JobStatusKind::kFailed,
                             JobStatusKind::kUnknown}) {
    if (text == JobStatusName(kind)) {
      *out = kind;
      return true;
    }
  }
  return false;
}

}  // namespace

RestResponse JobList(const RestCall& call) {
  std::vector<JobStatusKind> wanted;
  for (const std::string& text : call.request->All("status")) {
    JobStatusKind kind;
    if (!ParseJobStatus(text, &kind)) {
      return RestBadRequest("status=" + text + ": use running, succeeded, failed or unknown");
    }
    wanted.push_back(kind);
  }
  // Latest job first, as the History Server lists them.
  RestJson list = RestJson::array();
  const auto& jobs = call.attempt->jobs;
  for (auto it = jobs.rbegin(); it != jobs.rend(); ++it) {
    const JobStatusData& job = it->second;
    if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), job.status) == wanted.end()) continue;
    list.push_back(JobJson(job));
  }
  return RestOk(list);
}

RestResponse OneJob(const RestCall& call) {
  int64_t job_id = 0;
  if (!RestIntArg(call.args[0], &job_id)) return RestNotFound("unknown job: " + call.args[0]);
  auto it = call.attempt->jobs.find(static_cast<int32_t>(job_id));
  if (it == call.attempt->jobs.end()) return RestNotFound("unknown job: " + call.args[0]);
  return RestOk(JobJson(it->second));
}

}  // namespace sparkdx
