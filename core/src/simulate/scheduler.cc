#include "simulate/scheduler.h"

#include <algorithm>
#include <queue>
#include <set>
#include <utility>

#include "base/saturating.h"

namespace sparkdx::simulate {
namespace {

enum class EventKind : uint8_t {
  kSlotsUp,         // value: slots
  kSlotsDown,       // value: slots
  kExecutorsArrive, // dynamic: value executors
  kTaskEnd,         // id: stage
  kStageDone,       // id: stage
  kStageReady,      // id: stage
  kJobSubmit,       // id: job
  kJobDone,         // id: job
  kIdleCheck,       // dynamic allocation's idle timeout
};

struct Event {
  int64_t time_ms;
  uint64_t seq;  // insertion order breaks ties, so runs are deterministic
  EventKind kind;
  int32_t id;
  int32_t value;
  bool operator>(const Event& o) const { return time_ms != o.time_ms ? time_ms > o.time_ms : seq > o.seq; }
};

class Simulator {
 public:
  Simulator(const SimWorkload& w, const std::vector<std::vector<int64_t>>& durations, const ExecutorPlan& plan)
      : w_(w), durations_(durations), plan_(plan) {}

  SimRun Run();

 private:
  void Push(int64_t time_ms, EventKind kind, int32_t id = 0, int32_t value = 0) {
    events_.push(Event{time_ms, seq_++, kind, id, value});
  }
  void Handle(const Event& e);
  void Dispatch(int64_t now_ms);
  void Autoscale(int64_t now_ms);
  void Advance(int64_t now_ms) {
    executor_ms_ += static_cast<double>(alive_) * static_cast<double>(now_ms - last_ms_);
    last_ms_ = now_ms;
  }

  const SimWorkload& w_;
  const std::vector<std::vector<int64_t>>& durations_;
  const ExecutorPlan& plan_;
  std::priority_queue<Event, std::vector<Event>, std::greater<Event>> events_;
  uint64_t seq_ = 0;

  int64_t capacity_ = 0;  // slots alive
  int64_t busy_ = 0;      // slots running a task
  int64_t pending_ = 0;   // tasks of ready stages not yet dispatched
  std::set<int32_t> ready_;  // stage indexes: also their FIFO priority
  std::vector<size_t> next_task_;
  std::vector<int32_t> running_;
  std::vector<int32_t> parents_left_;
  std::vector<int32_t> stages_left_;
  std::vector<bool> job_submitted_;
  std::vector<std::vector<int32_t>> after_end_, with_submit_;
  int32_t jobs_done_ = 0;
  std::vector<int64_t> job_end_ms_, stage_end_ms_;
  int64_t last_job_end_ms_ = 0;

  // Dynamic allocation.
  int64_t alive_ = 0;
  int64_t arriving_ = 0;
  int64_t idle_since_ms_ = -1;
  double executor_ms_ = 0;
  int64_t last_ms_ = 0;
  int32_t peak_executors_ = 0;
};

void Simulator::Handle(const Event& e) {
  int64_t t = e.time_ms;
  switch (e.kind) {
    case EventKind::kSlotsUp: capacity_ += e.value; break;
    case EventKind::kSlotsDown: capacity_ -= e.value; break;
    case EventKind::kExecutorsArrive:
      arriving_ -= e.value;
      alive_ += e.value;
      capacity_ += int64_t{e.value} * plan_.slots_per_executor;
      peak_executors_ = static_cast<int32_t>(std::max<int64_t>(peak_executors_, alive_));
      break;
    case EventKind::kTaskEnd: {
      --busy_;
      int32_t s = e.id;
      if (--running_[s] == 0 && next_task_[s] == durations_[s].size()) Push(t + w_.stages[s].tail_ms, EventKind::kStageDone, s);
      break;
    }
    case EventKind::kStageReady: {
      int32_t s = e.id;
      if (durations_[s].empty()) {
        Push(t + w_.stages[s].fixed_ms, EventKind::kStageDone, s);
      } else {
        ready_.insert(s);
        pending_ += static_cast<int64_t>(durations_[s].size());
      }
      break;
    }
    case EventKind::kStageDone: {
      const SimStage& stage = w_.stages[e.id];
      stage_end_ms_[e.id] = t;
      for (int32_t c : stage.children) {
        if (--parents_left_[c] == 0) Push(t + w_.stages[c].ready_lag_ms, EventKind::kStageReady, c);
      }
      if (--stages_left_[stage.job] == 0) Push(t + w_.jobs[stage.job].tail_ms, EventKind::kJobDone, stage.job);
      break;
    }
    case EventKind::kJobSubmit: {
      int32_t j = e.id;
      job_submitted_[j] = true;
      const SimJob& job = w_.jobs[j];
      for (int32_t s : job.stages) {
        if (parents_left_[s] == 0) Push(t + w_.stages[s].ready_lag_ms, EventKind::kStageReady, s);
      }
      if (job.stages.empty()) Push(t + job.tail_ms, EventKind::kJobDone, j);
      for (int32_t k : with_submit_[j]) Push(t + w_.jobs[k].anchor_offset_ms, EventKind::kJobSubmit, k);
      break;
    }
    case EventKind::kJobDone:
      ++jobs_done_;
      job_end_ms_[e.id] = t;
      last_job_end_ms_ = std::max(last_job_end_ms_, t);
      for (int32_t k : after_end_[e.id]) Push(t + w_.jobs[k].anchor_offset_ms, EventKind::kJobSubmit, k);
      break;
    case EventKind::kIdleCheck: break;  // Autoscale runs after every batch of events
  }
}

void Simulator::Dispatch(int64_t now_ms) {
  while (busy_ < capacity_ && !ready_.empty()) {
    int32_t s = *ready_.begin();
    const std::vector<int64_t>& tasks = durations_[s];
    Push(SatAdd(now_ms, tasks[next_task_[s]]), EventKind::kTaskEnd, s);
    ++next_task_[s];
    ++running_[s];
    ++busy_;
    --pending_;
    if (next_task_[s] == tasks.size()) ready_.erase(ready_.begin());
  }
}

void Simulator::Autoscale(int64_t now_ms) {
  const DynamicPlan& d = *plan_.dynamic;
  int64_t per = std::max(1, plan_.slots_per_executor);
  int64_t demand = busy_ + pending_;
  int64_t target = std::clamp<int64_t>((demand + per - 1) / per, d.min_executors, d.max_executors);
  if (target > alive_ + arriving_) {
    int64_t more = target - alive_ - arriving_;
    arriving_ += more;
    Push(now_ms + d.startup_ms, EventKind::kExecutorsArrive, 0, static_cast<int32_t>(more));
  }
  if (target >= alive_) {
    idle_since_ms_ = -1;
    return;
  }
  if (idle_since_ms_ < 0) {
    idle_since_ms_ = now_ms;
    Push(now_ms + d.idle_timeout_ms, EventKind::kIdleCheck);
    return;
  }
  if (now_ms - idle_since_ms_ < d.idle_timeout_ms) return;
  // Only idle executors go: whole executors' worth of free slots.
  int64_t idle_executors = std::max<int64_t>(0, capacity_ - busy_) / per;
  int64_t remove = std::min(alive_ - target, idle_executors);
  alive_ -= remove;
  capacity_ -= remove * per;
  idle_since_ms_ = -1;
  if (alive_ > target) {  // the rest are busy: look again later
    idle_since_ms_ = now_ms;
    Push(now_ms + d.idle_timeout_ms, EventKind::kIdleCheck);
  }
}

SimRun Simulator::Run() {
  size_t stages = w_.stages.size(), jobs = w_.jobs.size();
  next_task_.assign(stages, 0);
  job_end_ms_.assign(jobs, -1);
  stage_end_ms_.assign(stages, -1);
  running_.assign(stages, 0);
  parents_left_.resize(stages);
  for (size_t s = 0; s < stages; ++s) parents_left_[s] = static_cast<int32_t>(w_.stages[s].parents.size());
  stages_left_.resize(jobs);
  job_submitted_.assign(jobs, false);
  after_end_.assign(jobs, {});
  with_submit_.assign(jobs, {});
  for (size_t j = 0; j < jobs; ++j) {
    const SimJob& job = w_.jobs[j];
    stages_left_[j] = static_cast<int32_t>(job.stages.size());
    switch (job.anchor) {
      case JobAnchor::kAppStart: Push(w_.start_ms + job.anchor_offset_ms, EventKind::kJobSubmit, static_cast<int32_t>(j)); break;
      case JobAnchor::kAfterJobEnd: after_end_[job.anchor_job].push_back(static_cast<int32_t>(j)); break;
      case JobAnchor::kWithJobSubmit: with_submit_[job.anchor_job].push_back(static_cast<int32_t>(j)); break;
    }
  }
  last_ms_ = w_.start_ms;
  last_job_end_ms_ = w_.start_ms;
  if (plan_.dynamic) {
    const DynamicPlan& d = *plan_.dynamic;
    if (d.initial_executors > 0) {
      arriving_ = d.initial_executors;
      Push(std::max(d.first_arrival_ms, w_.start_ms), EventKind::kExecutorsArrive, 0, d.initial_executors);
    }
  } else {
    for (const PlannedExecutor& e : plan_.executors) {
      Push(std::max(e.start_ms, w_.start_ms), EventKind::kSlotsUp, 0, e.slots);
      if (e.end_ms >= 0) Push(std::max(e.end_ms, w_.start_ms), EventKind::kSlotsDown, 0, e.slots);
    }
  }
  int64_t now = w_.start_ms;
  while (!events_.empty()) {
    now = events_.top().time_ms;
    if (plan_.dynamic) Advance(now);
    while (!events_.empty() && events_.top().time_ms == now) {
      Event e = events_.top();
      events_.pop();
      Handle(e);
    }
    Dispatch(now);
    if (plan_.dynamic && (jobs_done_ < static_cast<int32_t>(jobs))) Autoscale(now);
    Dispatch(now);
    if (jobs_done_ == static_cast<int32_t>(jobs) && !plan_.dynamic) break;
    if (jobs_done_ == static_cast<int32_t>(jobs) && busy_ == 0) break;
  }
  SimRun run;
  run.job_end_ms = std::move(job_end_ms_);
  run.stage_end_ms = std::move(stage_end_ms_);
  run.finished = jobs_done_ == static_cast<int32_t>(jobs);
  int64_t end = run.finished ? last_job_end_ms_ + w_.end_tail_ms : now;
  run.wall_clock_ms = std::max<int64_t>(0, end - w_.start_ms);
  if (plan_.dynamic) {
    Advance(std::max(end, last_ms_));
    run.executor_ms = executor_ms_;
    run.core_ms = executor_ms_ * plan_.cores_per_executor;
    run.peak_executors = peak_executors_;
  } else {
    std::vector<std::pair<int64_t, int>> edges;
    for (const PlannedExecutor& e : plan_.executors) {
      int64_t from = std::max(e.start_ms, w_.start_ms);
      int64_t to = e.end_ms >= 0 ? std::min(e.end_ms, end) : end;
      if (to <= from) continue;
      run.executor_ms += static_cast<double>(to - from);
      run.core_ms += static_cast<double>(to - from) * e.cores;
      edges.emplace_back(from, 1);
      edges.emplace_back(to, -1);
    }
    std::sort(edges.begin(), edges.end());
    int32_t alive = 0;
    for (const auto& edge : edges) {
      alive += edge.second;
      run.peak_executors = std::max(run.peak_executors, alive);
    }
  }
  return run;
}

}  // namespace

SimRun RunSchedule(const SimWorkload& workload, const std::vector<std::vector<int64_t>>& durations,
                   const ExecutorPlan& plan) {
  Simulator simulator(workload, durations, plan);
  return simulator.Run();
}

}  // namespace sparkdx::simulate
