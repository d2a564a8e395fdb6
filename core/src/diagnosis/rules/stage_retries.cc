// stage.retries: a stage ran more than once (attempt 1, 2...): an earlier
// attempt failed, usually because shuffle output it read was lost with an
// executor (FetchFailed), and Spark re-ran the lost map output and the
// stage. The retried attempts' span is wall clock the run would not have
// spent; the earlier attempts' failed work and the partitions that had to
// run again are core time thrown away. Retries are not skew: their tasks
// are excluded from every distribution.
//
// Threshold: any stage with an attempt id above 0 (every resubmission
// re-runs work; ANCHORS §14.8 counts any failed stage as critical in
// Dr. Elephant, here the engine grades it by the time lost).
#include <algorithm>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/stage_support.h"

namespace sparkdx {
namespace {

constexpr size_t kReasonExcerptBytes = 240;
constexpr size_t kMaxExecutorsNamed = 5;

bool Contains(const std::string& text, const char* needle) { return text.find(needle) != std::string::npos; }

}  // namespace

void CheckStageRetries(const AppAnalysis& analysis, RuleOutput* out) {
  const AppStatus& status = *analysis.status;
  std::map<int32_t, std::vector<const StageTaskStats*>> by_stage;
  for (const StageTaskStats& s : analysis.stages) by_stage[s.stage_id].push_back(&s);

  for (const auto& entry : by_stage) {
    int32_t stage_id = entry.first;
    const std::vector<const StageTaskStats*>& attempts = entry.second;  // lambdas cannot capture bindings
    if (attempts.size() < 2 && attempts.front()->attempt_id == 0) continue;
    const StageTaskStats& last = *attempts.back();

    // Partitions each attempt ran successfully (when the log names partitions).
    std::vector<std::set<int32_t>> partitions(attempts.size());
    bool partitions_known = true;
    size_t first_retry = attempts.front()->attempt_id > 0 ? 0 : 1;
    int32_t rerun_tasks = 0;
    int64_t retry_span_ms = 0, retry_task_ms = 0;
    for (size_t i = 0; i < attempts.size(); ++i) {
      const StageTaskStats& a = *attempts[i];
      a.stage->tasks.ForEach([&](const TaskRecord& t) {
        if (!t.successful() || !t.started) return;
        if (i >= first_retry) ++rerun_tasks;
        if (t.partition_id < 0) partitions_known = false;
        partitions[i].insert(t.partition_id);
      });
      if (i < first_retry) continue;
      int64_t span = a.span_ms();
      if (span == 0 && a.stage->info.submission_time_ms >= 0 && a.stage->info.completion_time_ms >= 0) {
        span = a.stage->info.completion_time_ms - a.stage->info.submission_time_ms;
      }
      retry_span_ms += std::max<int64_t>(0, span);
      retry_task_ms += a.succeeded_task_ms + a.failed_task_ms + a.killed_task_ms;
    }
    // Earlier attempts: failed and killed work, and successful work a later
    // attempt had to redo.
    int64_t lost_ms = 0, earlier_failed_ms = 0, earlier_success_ms = 0;
    int64_t earlier_median_ms = 0;
    std::string reason;
    int64_t window_start = -1;
    for (size_t i = 0; i + 1 < attempts.size(); ++i) {
      const StageTaskStats& a = *attempts[i];
      earlier_failed_ms += a.failed_task_ms + a.killed_task_ms;
      earlier_success_ms += a.succeeded_task_ms;
      earlier_median_ms = std::max(earlier_median_ms, a.Of(TaskQuantity::kDurationMs).median);
      if (reason.empty()) reason = a.stage->info.failure_reason.value_or("");
      if (window_start < 0) window_start = a.stage->info.submission_time_ms;
      if (!partitions_known) continue;
      a.stage->tasks.ForEach([&](const TaskRecord& t) {
        if (!t.successful() || !t.started) return;
        for (size_t j = i + 1; j < attempts.size(); ++j) {
          if (partitions[j].count(t.partition_id) > 0) {
            lost_ms += BoundedDurationMs(t);
            break;
          }
        }
      });
    }
    int64_t window_end = last.stage->info.submission_time_ms >= 0 ? last.stage->info.submission_time_ms
                                                                  : last.first_launch_ms;
    if (!partitions_known) lost_ms = std::min(earlier_success_ms, rerun_tasks * earlier_median_ms);
    lost_ms += earlier_failed_ms;

    // Executors removed between the first attempt's start and the last one's.
    std::vector<std::string> removed;
    std::string removal_reason;
    for (const ExecutorStatusData& e : status.executors) {
      if (e.remove_time_ms < 0 || e.remove_time_ms < window_start || (window_end >= 0 && e.remove_time_ms > window_end)) {
        continue;
      }
      if (removed.size() < kMaxExecutorsNamed) removed.push_back(e.id);
      if (removal_reason.empty()) removal_reason = e.remove_reason.value_or("");
    }
    bool fetch = Contains(reason, "FetchFailed") || Contains(reason, "fetch") || Contains(reason, "Fetch");
    bool executor_lost = Contains(reason, "ExecutorLost") || Contains(reason, "executor lost") || !removed.empty();

    Finding f;
    f.entity = StageEntity(last);
    f.cause = fetch ? "fetch_failure" : executor_lost ? "executor_lost" : "stage_failure";
    f.evidence = {Count("stage_attempts", static_cast<int64_t>(attempts.size())),
                  Ms("retried_attempts_span", retry_span_ms),
                  Ms("retried_attempts_task_time", retry_task_ms),
                  Ms("lost_task_time", lost_ms),
                  Count("partitions_rerun", rerun_tasks),
                  Count("executors_removed_meanwhile", static_cast<int64_t>(removed.size()))};
    f.explanation = "Stage " + std::to_string(stage_id) + " (" + last.stage->info.name + ") ran " +
                    std::to_string(attempts.size()) + " attempts; the retries re-ran " + std::to_string(rerun_tasks) +
                    " partitions over " + HumanDuration(retry_span_ms) + " (" + HumanDuration(retry_task_ms) +
                    " of task time), and " + HumanDuration(lost_ms) + " of the earlier attempts' task time was lost.";
    if (!reason.empty()) {
      f.explanation += " The earlier attempt failed with: " + Excerpt(MessageWithoutStackFrames(reason), kReasonExcerptBytes);
    }
    if (!removed.empty()) {
      std::string ids;
      for (const std::string& id : removed) ids += (ids.empty() ? "" : ", ") + id;
      f.explanation += " Executor(s) " + ids + " were removed meanwhile" +
                       (removal_reason.empty() ? "" : " (" + Excerpt(removal_reason, kReasonExcerptBytes) + ")") +
                       ", taking their shuffle output with them.";
    }
    const SparkConf& conf = analysis.conf;
    if ((fetch || executor_lost) && !conf.BoolOr("spark.shuffle.service.enabled", false)) {
      f.recommendations.push_back({"Keep shuffle files when an executor goes: serve them from the external shuffle "
                                   "service (on Kubernetes without one, enable decommissioning with shuffle-block "
                                   "migration instead).",
                                   "spark.shuffle.service.enabled", "true"});
    }
    if (executor_lost && conf.version().AtLeast(3, 1) && !conf.BoolOr("spark.decommission.enabled", false)) {
      f.recommendations.push_back({"When executors are removed on purpose (spot, preemption, scale-down), migrate "
                                   "their shuffle blocks first.",
                                   "spark.decommission.enabled", "true"});
    }
    f.recommendations.push_back({fetch || executor_lost
                                     ? "Find why executors were lost (task.failures groups the failures; the "
                                       "cluster manager's events say why containers exited)."
                                     : "Fix the cause in the failure reason above; the stage re-ran because of it.",
                                 "", ""});
    f.saving_ms = retry_span_ms;
    f.saving_core_ms = lost_ms;
    f.impact = "About " + HumanDuration(retry_span_ms) + " (" + ShareOfRun(retry_span_ms, analysis) +
               "): the span of the retried attempts, which a run without the failure would not have had; and " +
               CoreTime(lost_ms) + ": the earlier attempts' failed work and the partitions run again.";
    f.confidence = reason.empty() && removed.empty() ? Confidence::kMedium : Confidence::kHigh;
    out->findings.push_back(std::move(f));
  }
}

}  // namespace sparkdx
