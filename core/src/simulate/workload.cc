#include "simulate/workload.h"

#include <algorithm>
#include <climits>
#include <map>
#include <tuple>
#include <utility>

#include "analysis/wall_clock_breakdown.h"
#include "base/saturating.h"

namespace sparkdx::simulate {
namespace {

int64_t Bounded(int64_t value) { return std::clamp<int64_t>(value, 0, kMaxTaskQuantity); }

// Spill time as the breakdown estimates it: disk bytes written and read
// back at kSpillBytesPerSecond, capped by the run time left after GC and
// fetch wait.
int64_t SpillMs(const TaskRecord& t) {
  int64_t disk = TaskQuantityValue(t, TaskQuantity::kDiskSpilledBytes);
  if (disk <= 0) return 0;
  double ms = 2.0 * static_cast<double>(disk) / kSpillBytesPerSecond * 1000.0;
  int64_t room = Bounded(TaskQuantityValue(t, TaskQuantity::kRunTimeMs) - TaskQuantityValue(t, TaskQuantity::kGcTimeMs) -
                         TaskQuantityValue(t, TaskQuantity::kShuffleFetchWaitMs));
  return std::min(ClampToInt64(ms), room);
}

SimTask ToSimTask(const TaskRecord& t) {
  SimTask s;
  s.duration_ms = BoundedDurationMs(t);
  s.successful = t.successful();
  s.gc_ms = std::min(TaskQuantityValue(t, TaskQuantity::kGcTimeMs), s.duration_ms);
  s.spill_ms = std::min(SpillMs(t), s.duration_ms - s.gc_ms);
  s.memory_spilled_bytes = TaskQuantityValue(t, TaskQuantity::kMemorySpilledBytes);
  s.peak_execution_bytes = TaskQuantityValue(t, TaskQuantity::kPeakExecutionMemoryBytes);
  s.shuffle_read_bytes = TaskQuantityValue(t, TaskQuantity::kShuffleReadBytes);
  return s;
}

// The job that ran a stage attempt: of the jobs listing it, the latest
// submitted no later than the stage (a stage computed once and skipped by
// later jobs is listed by all of them).
// Logs before Spark 1.3 list no stage infos in JobStart: then the jobs
// whose stage ids name the stage.
int32_t OwningJob(const StageStatusData& stage, int32_t stage_id, int64_t submit_ms,
                  const std::map<int32_t, int32_t>& job_index, const std::vector<SimJob>& jobs,
                  const std::map<int32_t, std::vector<int32_t>>& jobs_by_stage) {
  int32_t best = -1;
  std::vector<int32_t> listed(stage.job_ids.begin(), stage.job_ids.end());
  if (listed.empty()) {
    auto it = jobs_by_stage.find(stage_id);
    if (it != jobs_by_stage.end()) listed = it->second;
  }
  for (int32_t id : listed) {
    auto it = job_index.find(id);
    if (it == job_index.end()) continue;
    const SimJob& job = jobs[it->second];
    if (best < 0) {
      best = it->second;
      continue;
    }
    bool fits = job.observed_submit_ms <= submit_ms;
    bool best_fits = jobs[best].observed_submit_ms <= submit_ms;
    if ((fits && !best_fits) || (fits == best_fits && fits && job.observed_submit_ms > jobs[best].observed_submit_ms)) {
      best = it->second;
    }
  }
  return best;
}

// Stage attempts' task spans (first launch to last finish), to ask whether
// any task ran within an interval: O(log stages) per question.
class TaskSpans {
 public:
  explicit TaskSpans(const std::vector<SimStage>& stages) {
    for (const SimStage& s : stages) {
      if (s.observed_first_launch_ms >= 0) spans_.emplace_back(s.observed_first_launch_ms, s.observed_last_finish_ms);
    }
    std::sort(spans_.begin(), spans_.end());
    max_end_.resize(spans_.size());
    int64_t running = INT64_MIN;
    for (size_t i = 0; i < spans_.size(); ++i) max_end_[i] = running = std::max(running, spans_[i].second);
  }
  // A span starting before `to_ms` and ending after `from_ms`.
  bool AnyOverlaps(int64_t from_ms, int64_t to_ms) const {
    auto it = std::lower_bound(spans_.begin(), spans_.end(), std::make_pair(to_ms, INT64_MIN));
    size_t before = static_cast<size_t>(it - spans_.begin());
    return before > 0 && max_end_[before - 1] > from_ms;
  }

 private:
  std::vector<std::pair<int64_t, int64_t>> spans_;
  std::vector<int64_t> max_end_;
};

void AnchorJobs(SimWorkload* w) {
  // Jobs in submission order decide who ran after whom.
  std::vector<int32_t> order(w->jobs.size());
  for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
  std::stable_sort(order.begin(), order.end(), [&](int32_t a, int32_t b) {
    return w->jobs[a].observed_submit_ms < w->jobs[b].observed_submit_ms;
  });
  int32_t latest_end = -1;     // the earlier job that ended last
  int32_t latest_submit = -1;  // the earlier job submitted last
  for (int32_t j : order) {
    SimJob& job = w->jobs[j];
    if (latest_end < 0) {
      job.anchor = JobAnchor::kAppStart;
      job.anchor_offset_ms = std::max<int64_t>(0, job.observed_submit_ms - w->start_ms);
    } else if (job.observed_submit_ms >= w->jobs[latest_end].observed_end_ms) {
      job.anchor = JobAnchor::kAfterJobEnd;
      job.anchor_job = latest_end;
      job.anchor_offset_ms = job.observed_submit_ms - w->jobs[latest_end].observed_end_ms;
    } else {
      w->concurrent_jobs = true;
      job.anchor = JobAnchor::kWithJobSubmit;
      job.anchor_job = latest_submit;
      job.anchor_offset_ms = std::max<int64_t>(0, job.observed_submit_ms - w->jobs[latest_submit].observed_submit_ms);
    }
    if (latest_end < 0 || job.observed_end_ms > w->jobs[latest_end].observed_end_ms) latest_end = j;
    latest_submit = j;
  }
}

}  // namespace

SimWorkload BuildWorkload(const AppAnalysis& analysis) {
  const AppStatus& status = *analysis.status;
  SimWorkload w;
  w.start_ms = analysis.window.start_ms;
  w.end_ms = analysis.window.end_ms;
  auto clip = [&](int64_t t) { return std::clamp(t, w.start_ms, w.end_ms); };

  std::map<int32_t, int32_t> job_index;
  for (const auto& [id, job] : status.jobs) {
    // Logs before Spark 1.3 give jobs no times: their stages' span instead.
    int64_t first_stage_ms = -1, last_stage_ms = -1;
    if (job.submission_time_ms < 0 || job.completion_time_ms < 0) {
      for (int32_t stage_id : job.stage_ids) {
        for (auto it = status.stages.lower_bound({stage_id, 0}); it != status.stages.end() && it->first.first == stage_id; ++it) {
          const StageInfoEvent& info = it->second->info;
          if (info.submission_time_ms >= 0 && (first_stage_ms < 0 || info.submission_time_ms < first_stage_ms)) {
            first_stage_ms = info.submission_time_ms;
          }
          last_stage_ms = std::max(last_stage_ms, info.completion_time_ms);
        }
      }
    }
    int64_t submitted = job.submission_time_ms >= 0 ? job.submission_time_ms : first_stage_ms;
    if (submitted < 0) continue;
    int64_t completed = job.completion_time_ms >= 0 ? job.completion_time_ms
                        : job.status != JobStatusKind::kRunning && last_stage_ms >= 0 ? last_stage_ms
                                                                                      : -1;
    SimJob j;
    j.job_id = id;
    j.observed_submit_ms = clip(submitted);
    j.observed_end_ms = completed >= 0 ? clip(completed) : w.end_ms;
    j.observed_end_ms = std::max(j.observed_end_ms, j.observed_submit_ms);
    job_index[id] = static_cast<int32_t>(w.jobs.size());
    w.jobs.push_back(std::move(j));
  }

  std::map<int32_t, std::vector<int32_t>> jobs_by_stage;
  for (const auto& [id, job] : status.jobs) {
    for (int32_t stage_id : job.stage_ids) jobs_by_stage[stage_id].push_back(id);
  }
  // Stage attempts that ran, with their tasks in launch order.
  std::vector<std::pair<int64_t, SimTask>> launched;
  for (const StageTaskStats& stats : analysis.stages) {
    const StageStatusData& stage = *stats.stage;
    int64_t submit = stage.info.submission_time_ms >= 0 ? stage.info.submission_time_ms : stats.first_launch_ms;
    if (submit < 0) continue;  // never submitted (pending or skipped)
    int32_t job = OwningJob(stage, stats.stage_id, submit, job_index, w.jobs, jobs_by_stage);
    size_t attempts = stage.tasks.size();
    if (job < 0) {
      w.tasks_outside_jobs += static_cast<int64_t>(attempts);
      continue;
    }
    SimStage s;
    s.stage_id = stats.stage_id;
    s.attempt_id = stats.attempt_id;
    s.job = job;
    s.observed_submit_ms = clip(submit);
    int64_t end = stage.info.completion_time_ms >= 0 ? stage.info.completion_time_ms
                  : stats.last_finish_ms >= 0     ? stats.last_finish_ms
                                                  : w.end_ms;
    s.observed_end_ms = std::max(clip(end), s.observed_submit_ms);
    if (stats.first_launch_ms >= 0) {
      s.observed_first_launch_ms = std::clamp(stats.first_launch_ms, s.observed_submit_ms, s.observed_end_ms);
      s.observed_last_finish_ms = std::clamp(stats.last_finish_ms, s.observed_first_launch_ms, s.observed_end_ms);
    }
    launched.clear();
    launched.reserve(attempts);
    stage.tasks.ForEach([&](const TaskRecord& t) {
      if (!t.started) return;  // no launch time: cannot be placed
      launched.emplace_back(t.launch_time_ms, ToSimTask(t));
      if (t.reason == TaskEndReason::kExecutorLostFailure) ++w.tasks_executor_lost;
      if (t.launch_time_ms < SatSub(submit, kTaskTimeToleranceMs) ||
          (stage.info.completion_time_ms >= 0 && t.finish_time_ms > SatAdd(stage.info.completion_time_ms, kTaskTimeToleranceMs))) {
        ++w.tasks_outside_stage;
      }
    });
    std::stable_sort(launched.begin(), launched.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    s.tasks.reserve(launched.size());
    for (const auto& [launch, task] : launched) s.tasks.push_back(task);
    w.task_attempts += static_cast<int64_t>(s.tasks.size());
    w.tasks_running_at_end += stats.running_at_end;
    s.tail_ms = stats.last_finish_ms >= 0 ? std::max<int64_t>(0, s.observed_end_ms - clip(stats.last_finish_ms)) : 0;
    if (s.tasks.empty()) s.fixed_ms = s.observed_end_ms - s.observed_submit_ms;
    bool reads_shuffle = stats.Of(TaskQuantity::kShuffleReadBytes).sum > 0;
    const JobStatusData& owner = status.jobs.at(w.jobs[job].job_id);
    s.shuffle_partitioned = reads_shuffle && (owner.sql_execution_id.has_value() || status.sql_executions.empty());
    w.stages.push_back(std::move(s));
  }
  std::stable_sort(w.stages.begin(), w.stages.end(), [](const SimStage& a, const SimStage& b) {
    return std::make_tuple(a.job, a.stage_id, a.attempt_id) < std::make_tuple(b.job, b.stage_id, b.attempt_id);
  });

  // Parents within the job: the latest attempt of each parent stage
  // submitted before this attempt, and this stage's own previous attempt.
  std::map<std::pair<int32_t, int32_t>, std::vector<int32_t>> by_job_stage;  // (job, stage id) -> attempts
  for (size_t i = 0; i < w.stages.size(); ++i) {
    by_job_stage[{w.stages[i].job, w.stages[i].stage_id}].push_back(static_cast<int32_t>(i));
    w.jobs[w.stages[i].job].stages.push_back(static_cast<int32_t>(i));
  }
  auto latest_before = [&](int32_t job, int32_t stage_id, int64_t before_ms, int32_t self) {
    auto it = by_job_stage.find({job, stage_id});
    int32_t best = -1;
    if (it == by_job_stage.end()) return best;
    for (int32_t i : it->second) {
      if (i == self || w.stages[i].observed_submit_ms > before_ms) continue;
      if (self >= 0 && w.stages[i].stage_id == w.stages[self].stage_id && w.stages[i].attempt_id >= w.stages[self].attempt_id) continue;
      if (best < 0 || w.stages[i].attempt_id > w.stages[best].attempt_id) best = i;
    }
    return best;
  };
  TaskSpans spans(w.stages);
  for (size_t i = 0; i < w.stages.size(); ++i) {
    SimStage& s = w.stages[i];
    const StageStatusData* data = analysis.FindStage(s.stage_id, s.attempt_id)->stage;
    std::vector<int32_t> ids = data->info.parent_ids;
    ids.push_back(s.stage_id);  // the previous attempt of this stage
    for (int32_t id : ids) {
      int32_t p = latest_before(s.job, id, s.observed_submit_ms, static_cast<int32_t>(i));
      if (p >= 0 && std::find(s.parents.begin(), s.parents.end(), p) == s.parents.end()) s.parents.push_back(p);
    }
    int64_t could_start = w.jobs[s.job].observed_submit_ms;
    for (int32_t p : s.parents) could_start = std::max(could_start, w.stages[p].observed_end_ms);
    s.ready_lag_ms = std::max<int64_t>(0, s.observed_submit_ms - could_start);
    // Its first task waited with no other stage's task running: the wait
    // was the driver's (task serialisation, resource offers), not slots.
    if (s.observed_first_launch_ms > s.observed_submit_ms &&
        !spans.AnyOverlaps(s.observed_submit_ms, s.observed_first_launch_ms)) {
      s.ready_lag_ms = SatAdd(s.ready_lag_ms, s.observed_first_launch_ms - s.observed_submit_ms);
    }
  }
  for (size_t i = 0; i < w.stages.size(); ++i) {
    for (int32_t p : w.stages[i].parents) w.stages[p].children.push_back(static_cast<int32_t>(i));
  }

  for (SimJob& job : w.jobs) {
    int64_t last = job.observed_submit_ms;
    for (int32_t s : job.stages) last = std::max(last, w.stages[s].observed_end_ms);
    job.tail_ms = std::max<int64_t>(0, job.observed_end_ms - last);
  }
  AnchorJobs(&w);
  int64_t last_job_end = w.start_ms;
  for (const SimJob& job : w.jobs) last_job_end = std::max(last_job_end, job.observed_end_ms);
  w.end_tail_ms = std::max<int64_t>(0, w.end_ms - last_job_end);
  return w;
}

}  // namespace sparkdx::simulate
