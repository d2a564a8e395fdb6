// app.incomplete: the log has no ApplicationEnd. Everything after the last
// event is unknown, so every other finding covers only what the log shows;
// the report must say so before anything else is believed.
#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"

namespace sparkdx {

void CheckAppIncomplete(const AppAnalysis& analysis, RuleOutput* out) {
  if (analysis.window.end_observed) return;
  const AppStatus& s = *analysis.status;
  int64_t jobs_running = 0, stages_running = 0, tasks_running = 0;
  for (const auto& [id, job] : s.jobs) jobs_running += job.status == JobStatusKind::kRunning ? 1 : 0;
  for (const StageTaskStats& stage : analysis.stages) {
    stages_running += stage.stage->status == StageStatusKind::kActive ? 1 : 0;
    tasks_running += stage.running_at_end;
  }
  Finding f;
  f.entity = ApplicationEntity(analysis);
  f.evidence = {Ms("observed_duration", analysis.window.duration_ms()), Count("jobs_running_at_end", jobs_running),
                Count("stages_running_at_end", stages_running), Count("tasks_running_at_end", tasks_running)};
  f.explanation = "The log ends " + HumanDuration(analysis.window.duration_ms()) +
                  " after the application started, without SparkListenerApplicationEnd: the application crashed, "
                  "was killed, or was still running when the log was read. At the last event " +
                  std::to_string(jobs_running) + " jobs, " + std::to_string(stages_running) + " stages and " +
                  std::to_string(tasks_running) +
                  " tasks were still running; sparkdx times them up to that event, and every other finding covers "
                  "only the part of the run the log shows.";
  f.recommendations.push_back(
      {"If the run was still going, analyse the log again once it finishes. If it crashed, look for the cause in the "
       "driver log around the last event (driver OutOfMemoryError, a kill by the cluster manager, a lost driver "
       "host).",
       "", ""});
  f.impact = "None by itself; it bounds what the other findings can tell.";
  f.confidence = Confidence::kHigh;
  f.severity_floor = FindingSeverity::kWarning;
  out->findings.push_back(std::move(f));
}

}  // namespace sparkdx
