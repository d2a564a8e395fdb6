// app.driver_bound: long stretches of the run with no task running while
// executors were available: the driver was working alone (collecting
// results, listing files, planning, a Python loop of small jobs) and the
// cluster waited. Start-up before the first task and shut-down after the
// last one are reported apart: they are mostly outside the job's control.
//
// Thresholds (ANCHORS §14.6, §14.12): warn when the no-task time between the
// first and last task is at least 20% of the run and at least 30 s; gaps
// under kReportedGapMinMs are scheduling noise.
#include <algorithm>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"

namespace sparkdx {
namespace {

constexpr double kDriverBoundMinShare = 0.20;
constexpr int64_t kDriverBoundMinMs = 30'000;
// Driver work can rarely be removed entirely; half is the estimate.
constexpr double kDriverRecoverableShare = 0.5;

const JobStatusData* JobEndingBefore(const AppStatus& s, int64_t time_ms) {
  const JobStatusData* best = nullptr;
  for (const auto& [id, job] : s.jobs) {
    if (job.completion_time_ms >= 0 && job.completion_time_ms <= time_ms &&
        (best == nullptr || job.completion_time_ms > best->completion_time_ms)) {
      best = &job;
    }
  }
  return best;
}

const JobStatusData* JobStartingAfter(const AppStatus& s, int64_t time_ms) {
  const JobStatusData* best = nullptr;
  for (const auto& [id, job] : s.jobs) {
    if (job.submission_time_ms >= time_ms - 1000 &&
        (best == nullptr || job.submission_time_ms < best->submission_time_ms)) {
      best = &job;
    }
  }
  return best;
}

}  // namespace

void CheckAppDriverBound(const AppAnalysis& analysis, RuleOutput* out) {
  int64_t first_launch = -1, last_finish = -1;
  for (const StageTaskStats& s : analysis.stages) {
    if (s.first_launch_ms < 0) continue;
    if (first_launch < 0 || s.first_launch_ms < first_launch) first_launch = s.first_launch_ms;
    last_finish = std::max(last_finish, s.last_finish_ms);
  }
  if (first_launch < 0) {
    out->NotRun("no task ran, so driver time cannot be told from task time");
    return;
  }
  int64_t startup_ms = 0, shutdown_ms = 0, mid_ms = 0;
  const NoTaskGap* longest = nullptr;
  for (const NoTaskGap& gap : analysis.breakdown.gaps) {
    if (gap.waiting_for_executors) continue;  // app.cold_start's
    if (gap.end_ms <= first_launch) {
      startup_ms += gap.duration_ms();
    } else if (gap.start_ms >= last_finish) {
      shutdown_ms += gap.duration_ms();
    } else {
      mid_ms += gap.duration_ms();
      if (longest == nullptr || gap.duration_ms() > longest->duration_ms()) longest = &gap;
    }
  }
  int64_t run_ms = analysis.window.duration_ms();
  if (mid_ms < kDriverBoundMinMs || mid_ms < kDriverBoundMinShare * static_cast<double>(run_ms)) return;

  Finding f;
  f.entity = ApplicationEntity(analysis);
  f.evidence = {Ms("no_task_time_between_tasks", mid_ms), Fraction("share_of_run", SafeRatio(mid_ms, run_ms)),
                Ms("startup_before_first_task", startup_ms), Ms("shutdown_after_last_task", shutdown_ms),
                Ms("longest_gap", longest->duration_ms())};
  f.explanation = "Between the first task and the last, no task ran for " + HumanDuration(mid_ms) + " (" +
                  ShareOfRun(mid_ms, analysis) + ") while executors were up: the driver worked alone. The longest "
                  "gap lasted " + HumanDuration(longest->duration_ms());
  const AppStatus& s = *analysis.status;
  if (const JobStatusData* before = JobEndingBefore(s, longest->start_ms)) f.explanation += ", after " + JobLabel(*before);
  if (const JobStatusData* after = JobStartingAfter(s, longest->end_ms)) f.explanation += ", before " + JobLabel(*after);
  f.explanation += ". Start-up before the first task took " + HumanDuration(startup_ms) +
                   " and shut-down after the last " + HumanDuration(shutdown_ms) + " (not counted).";
  f.recommendations.push_back(
      {"Look at the driver code between those jobs: collect()/toPandas() of large results, loops that run many small "
       "jobs one after another, listing many files, or building large broadcast variables. Move the work to "
       "executors, batch the small jobs, or run independent ones concurrently.",
       "", ""});
  if (LooksInteractive(analysis)) {
    // In a shell the gaps are mostly a person typing; no saving is claimed.
    f.explanation += " This is an interactive session (a Spark shell or notebook), so most of the gap is likely "
                     "think time, not driver work.";
    f.recommendations.insert(f.recommendations.begin(),
                             {"For a shell, release idle executors while you think (dynamic allocation) rather than "
                              "tuning the driver; for a scheduled job, look at the code between those jobs.",
                              "spark.dynamicAllocation.enabled", "true"});
    f.impact = "No wall-clock saving claimed: in an interactive session the gaps are mostly the user's think time.";
    f.confidence = Confidence::kLow;
    out->findings.push_back(std::move(f));
    return;
  }
  f.saving_ms = static_cast<int64_t>(kDriverRecoverableShare * static_cast<double>(mid_ms));
  f.impact = "About " + HumanDuration(f.saving_ms) +
             ", half the no-task time between tasks, assuming half of the driver's work can be moved or overlapped "
             "(the log does not show what the driver did).";
  f.confidence = Confidence::kLow;
  out->findings.push_back(std::move(f));
}

}  // namespace sparkdx
