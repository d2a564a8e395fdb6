// job.failed: a job ended in JobFailed. The time its stages ran produced no
// result; the failed stage's reason says why.
#include <algorithm>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"

namespace sparkdx {
namespace {

constexpr size_t kReasonExcerptBytes = 300;

}  // namespace

void CheckJobFailed(const AppAnalysis& analysis, RuleOutput* out) {
  const AppStatus& s = *analysis.status;
  for (const auto& [id, job] : s.jobs) {
    if (job.status != JobStatusKind::kFailed) continue;
    // The first failed stage attempt of the job carries the reason.
    const StageTaskStats* failed_stage = nullptr;
    int64_t task_ms = 0;
    for (const StageTaskStats& stage : analysis.stages) {
      if (stage.stage->job_ids.count(id) == 0) continue;
      task_ms += stage.succeeded_task_ms + stage.failed_task_ms + stage.killed_task_ms;
      if (failed_stage == nullptr && stage.stage->status == StageStatusKind::kFailed) failed_stage = &stage;
    }
    int64_t duration_ms = job.completion_time_ms >= 0 && job.submission_time_ms >= 0
                              ? job.completion_time_ms - job.submission_time_ms
                              : 0;
    Finding f;
    f.entity = JobEntity(job);
    f.evidence = {Ms("job_duration", duration_ms), Ms("task_time_lost", task_ms),
                  Count("failed_tasks", job.failed_tasks), Count("failed_stages", job.failed_stages)};
    f.explanation = JobLabel(job) + " failed after " + HumanDuration(duration_ms) + " (" +
                    ShareOfRun(duration_ms, analysis) + "); its stages had run " + HumanDuration(task_ms) +
                    " of task time with " + std::to_string(job.failed_tasks) + " failed tasks.";
    if (failed_stage != nullptr) {
      std::string reason = failed_stage->stage->info.failure_reason.value_or("");
      f.explanation += " It failed in " + StageLabel(*failed_stage) + ": " + Excerpt(reason, kReasonExcerptBytes);
      f.entity = JobEntity(job);
    }
    f.recommendations.push_back(
        {"Fix the cause named in the failure reason; task.failures groups this run's task failures by cause with "
         "the remedy for each.",
         "", ""});
    f.saving_ms = duration_ms;
    f.impact = "The job's " + HumanDuration(duration_ms) + " of wall clock produced no result.";
    f.confidence = Confidence::kHigh;
    f.severity_floor = FindingSeverity::kCritical;
    out->findings.push_back(std::move(f));
  }
}

}  // namespace sparkdx
