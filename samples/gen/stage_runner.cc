// The stage runner: one stage attempt's tasks on the executors' slots, in
// time order. A slot runs one task at a time; a free slot takes a failed
// task first, then the next task, then a speculative copy. Executors can
// die under a task (its attempt and every other one there fail), hosts can
// be lost (a fetch failure fails the attempt), a task failing
// spark.task.maxFailures times aborts the stage.
#include <algorithm>
#include <map>
#include <queue>
#include <set>

#include "sim_state.h"
#include "spark_text.h"

namespace sparkdx::samples::internal {
namespace {

enum class Fate { kSucceed, kFail, kAwaitExecutorDeath, kKilled };

struct Running {
  int32_t partition_state = -1;
  int32_t attempt = 0;
  int64_t task_id = 0;
  int64_t launch_ms = 0;
  int64_t end_ms = 0;
  int64_t deserialize_ms = 0;
  int64_t run_ms = 0;  // executor run time to completion
  bool speculative = false;
  Fate fate = Fate::kSucceed;
  std::string locality;
};

struct Slot {
  int32_t executor = 0;
  bool busy = false;
  bool dead = false;
  uint32_t generation = 0;
  Running task;
};

struct PartitionState {
  int32_t index = 0;  // in the task set
  int32_t partition = 0;
  int64_t run_ms = 0;  // before host slowness
  int32_t data_permille = 1000;
  const TaskFailureSpec* failure = nullptr;
  int32_t attempts = 0;
  int32_t failures = 0;  // counted towards spark.task.maxFailures
  bool done = false;
  bool speculate = false;
  int64_t speculate_at_ms = 0;
  int32_t original_slot = -1;
  int32_t copy_slot = -1;
};

enum class EventKind { kSlotFree, kTaskEnd, kExecutorDeath, kHostLoss };

struct Event {
  int64_t time_ms;
  int64_t seq;
  EventKind kind;
  int32_t target;  // slot or executor
  uint32_t generation;
};

struct Later {
  bool operator()(const Event& a, const Event& b) const {
    return a.time_ms != b.time_ms ? a.time_ms > b.time_ms : a.seq > b.seq;
  }
};

enum class Outcome { kSucceeded, kAborted, kFetchFailed };

std::string LossReasonText(const SimState& s, const ExecutorState& e, FailureKind kind, int64_t time_ms) {
  const ClusterSpec& c = s.scenario.cluster;
  switch (kind) {
    case FailureKind::kHeapOom:
      return HeapOomExitReason(e.container_id, e.host, time_ms);
    case FailureKind::kYarnMemoryKill:
      return YarnMemoryKillReason(c.memory_mb + c.overhead_mb);
    case FailureKind::kExecutorLost:
      return ContainerKilledReason(e.container_id, e.host, time_ms);
    case FailureKind::kUserException:
      break;
  }
  return "Executor lost";
}

class AttemptRunner {
 public:
  AttemptRunner(SimState* s, int32_t stage_index, int32_t attempt, const std::vector<int32_t>& partitions,
                JobContext* job)
      : s_(s),
        rng_(s->rng),
        stage_index_(stage_index),
        spec_(s->scenario.stages[static_cast<size_t>(stage_index)]),
        state_(s->stages[static_cast<size_t>(stage_index)]),
        attempt_(attempt),
        job_(job) {
    for (size_t i = 0; i < partitions.size(); ++i) {
      PartitionState p;
      p.index = static_cast<int32_t>(i);
      p.partition = partitions[i];
      parts_.push_back(p);
    }
  }

  Outcome Run(std::set<int32_t>* succeeded) {
    Submit();
    PlanPartitions();
    for (size_t i = 0; i < s_->executors.size(); ++i) {
      if (s_->executors[i].alive) AddSlots(static_cast<int32_t>(i), submitted_ms_ + rng_.Range(4, 35));
    }
    if (attempt_ == 0 && !spec_.lost_hosts.empty()) Push(submitted_ms_ + spec_.lost_at_ms, EventKind::kHostLoss, 0, 0);

    while (done_ < static_cast<int32_t>(parts_.size()) || AnyBusy()) {
      bool have_event = !events_.empty();
      if (!s_->pending.empty() && (!have_event || s_->pending.front().time_ms <= events_.top().time_ms)) {
        std::vector<int32_t> added;
        AddExecutorsUntil(s_, s_->pending.front().time_ms, &added);
        for (int32_t e : added) AddSlots(e, s_->executors[static_cast<size_t>(e)].added_ms + rng_.Range(700, 1500));
        continue;
      }
      if (!have_event) Fail(s_->scenario.name + ": stage " + spec_.name + " has tasks left and no executor");
      Event ev = events_.top();
      events_.pop();
      switch (ev.kind) {
        case EventKind::kSlotFree: {
          Slot& slot = slots_[static_cast<size_t>(ev.target)];
          if (slot.generation == ev.generation && !slot.busy) TryLaunch(ev.target, ev.time_ms);
          break;
        }
        case EventKind::kTaskEnd: {
          Slot& slot = slots_[static_cast<size_t>(ev.target)];
          if (slot.generation != ev.generation || !slot.busy) break;
          if (!EndTask(ev.target, ev.time_ms)) return Abort(ev.time_ms);
          break;
        }
        case EventKind::kExecutorDeath:
          if (!ExecutorDeath(ev.target, ev.time_ms)) return Abort(ev.time_ms);
          break;
        case EventKind::kHostLoss:
          HostLoss(ev.time_ms);
          *succeeded = succeeded_;
          return Outcome::kFetchFailed;
      }
    }
    // An executor that died under the last tasks is still removed.
    while (!events_.empty()) {
      Event ev = events_.top();
      events_.pop();
      if (ev.kind == EventKind::kExecutorDeath) ExecutorDeath(ev.target, ev.time_ms);
    }
    Complete();
    *succeeded = succeeded_;
    return Outcome::kSucceeded;
  }

 private:
  void Push(int64_t time_ms, EventKind kind, int32_t target, uint32_t generation) {
    events_.push(Event{time_ms, seq_++, kind, target, generation});
  }

  bool AnyBusy() const {
    for (const Slot& slot : slots_) {
      if (slot.busy) return true;
    }
    return false;
  }

  void AddSlots(int32_t executor, int64_t ready_ms) {
    ExecutorState& e = s_->executors[static_cast<size_t>(executor)];
    e.in_stage = true;
    e.ran_in_stage = false;
    for (int32_t c = 0; c < e.cores; ++c) {
      Slot slot;
      slot.executor = executor;
      slots_.push_back(slot);
      Push(ready_ms + c, EventKind::kSlotFree, static_cast<int32_t>(slots_.size()) - 1, 0);
    }
  }

  void Submit() {
    submitted_ms_ = s_->now_ms;
    info_ = StageInfo(s_, stage_index_, attempt_, static_cast<int32_t>(parts_.size()), *job_);
    info_.submission_ms = submitted_ms_;
    s_->Emit(submitted_ms_, StageSubmittedEvent(info_, job_->properties_json));
    if (s_->Written(submitted_ms_)) {
      ++s_->summary.submitted_stage_attempts;
      s_->stage_ids_seen.insert(state_.stage_id);
      s_->stage_attempts_seen.insert({state_.stage_id, attempt_});
    }
    ++state_.attempts;
    internal_first_id_ = s_->next_accumulator_id;
    s_->next_accumulator_id += kInternalAccumulatorIds;
    for (int32_t p : spec_.parents) parent_map_tasks_ += s_->scenario.stages[static_cast<size_t>(p)].num_tasks;
    for (const SqlTaskUpdate& u : spec_.sql_updates) {
      if (job_->sql < 0) Fail(s_->scenario.name + ": stage " + spec_.name + " updates SQL metrics outside SQL");
      sql_updates_.push_back({SqlMetricId(*s_, job_->sql, u.node, u.metric), &u});
    }
    std::stable_sort(sql_updates_.begin(), sql_updates_.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
  }

  void PlanPartitions() {
    const int64_t spread = std::max<int64_t>(1, spec_.spread_permille);
    for (PartitionState& p : parts_) {
      int64_t jitter = rng_.JitterPermille(spec_.spread_permille);
      p.run_ms = std::max<int64_t>(1, Rng::Scale(spec_.run_ms, 1000 + jitter, 1000));
      p.data_permille = static_cast<int32_t>(1000 + jitter * spec_.data_spread_permille / spread);
      for (const TaskOutlier& o : spec_.outliers) {
        // An outlier is a multiple of the median itself, not of a jittered task.
        if (o.index != p.partition) continue;
        p.run_ms = Rng::Scale(spec_.run_ms, o.time_x100, 100);
        p.data_permille = static_cast<int32_t>(Rng::Scale(1000, o.data_x100, 100));
      }
      if (attempt_ == 0) {
        for (const TaskFailureSpec& f : spec_.failures) {
          if (f.index == p.partition) p.failure = &f;
        }
      }
    }
    // Speculated tasks run about twice the median: long enough for Spark
    // to launch a copy, which then loses the race and is killed.
    int32_t to_speculate = static_cast<int32_t>(parts_.size()) * spec_.speculated_permille / 1000;
    std::vector<int32_t> order(parts_.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<int32_t>(i);
    for (int32_t k = 0; k < to_speculate; ++k) {
      int32_t pick = static_cast<int32_t>(rng_.Range(k, static_cast<int64_t>(order.size()) - 1));
      std::swap(order[static_cast<size_t>(k)], order[static_cast<size_t>(pick)]);
      PartitionState& p = parts_[static_cast<size_t>(order[static_cast<size_t>(k)])];
      if (p.failure != nullptr) continue;  // a copy races a task that succeeds; failing ones are retried instead
      p.speculate = true;
      p.run_ms = Rng::Scale(p.run_ms, rng_.Range(205, 240), 100);
    }
  }

  const char* Locality(bool retry) {
    if (retry) return "ANY";
    int64_t r = rng_.Range(0, 99);
    if (spec_.input_bytes > 0) return r < 85 ? "NODE_LOCAL" : r < 95 ? "RACK_LOCAL" : "ANY";
    return r < 70 ? "PROCESS_LOCAL" : "NODE_LOCAL";
  }

  int32_t NextTask(int64_t now_ms, int32_t executor, int64_t* wake_ms, bool* speculative) {
    *speculative = false;
    if (!retries_.empty()) {
      int32_t p = retries_.front();
      retries_.erase(retries_.begin());
      return p;
    }
    if (next_ < static_cast<int32_t>(parts_.size())) return next_++;
    *wake_ms = -1;
    for (PartitionState& p : parts_) {
      if (!p.speculate || p.done || p.original_slot < 0 || p.copy_slot >= 0) continue;
      if (slots_[static_cast<size_t>(p.original_slot)].executor == executor) continue;
      if (p.speculate_at_ms <= now_ms) {
        *speculative = true;
        return p.index;
      }
      if (*wake_ms < 0 || p.speculate_at_ms < *wake_ms) *wake_ms = p.speculate_at_ms;
    }
    return -1;
  }

  void TryLaunch(int32_t slot_index, int64_t now_ms) {
    Slot& slot = slots_[static_cast<size_t>(slot_index)];
    ExecutorState& e = s_->executors[static_cast<size_t>(slot.executor)];
    if (slot.dead || slot.busy || !e.alive || e.dying || stopped_) return;
    int64_t wake_ms = -1;
    bool speculative = false;
    int32_t index = NextTask(now_ms, slot.executor, &wake_ms, &speculative);
    if (index < 0) {
      if (wake_ms >= 0) Push(wake_ms, EventKind::kSlotFree, slot_index, slot.generation);
      return;
    }
    PartitionState& p = parts_[static_cast<size_t>(index)];
    Running r;
    r.partition_state = index;
    r.attempt = p.attempts++;
    r.task_id = s_->next_task_id++;
    r.launch_ms = now_ms + rng_.Range(1, 9);
    r.speculative = speculative;
    r.locality = Locality(speculative || r.attempt > 0);
    bool first_here = started_on_.insert(slot.executor).second;
    r.deserialize_ms = first_here ? rng_.Jitter(spec_.deserialize_ms * 9, 200) : rng_.Jitter(spec_.deserialize_ms, 300);
    r.run_ms = p.run_ms;
    if (!spec_.slow_host.empty() && e.host == spec_.slow_host)
      r.run_ms = Rng::Scale(r.run_ms, spec_.slow_host_x100, 100);
    int64_t overhead_ms = rng_.Range(4, 24);
    if (speculative) {
      r.fate = Fate::kKilled;  // ends when the original finishes
      p.copy_slot = slot_index;
    } else {
      p.original_slot = slot_index;
      if (p.failure != nullptr && p.failures < p.failure->failing_attempts) {
        r.fate = Fate::kFail;
        r.end_ms =
            r.launch_ms + r.deserialize_ms + Rng::Scale(r.run_ms, p.failure->progress_permille, 1000) + overhead_ms;
      } else {
        r.fate = Fate::kSucceed;
        r.end_ms = r.launch_ms + r.deserialize_ms + r.run_ms + overhead_ms;
      }
      if (p.speculate && r.attempt == 0) p.speculate_at_ms = r.launch_ms + spec_.run_ms * 13 / 10;
    }
    slot.busy = true;
    slot.task = r;
    e.ran_in_stage = true;
    TaskInfoValues info = Info(slot, r);
    s_->Emit(r.launch_ms, TaskStartEvent(state_.stage_id, attempt_, info));
    if (s_->Written(r.launch_ms)) ++s_->summary.tasks;
    if (!speculative) Push(r.end_ms, EventKind::kTaskEnd, slot_index, slot.generation);
  }

  TaskInfoValues Info(const Slot& slot, const Running& r) const {
    const ExecutorState& e = s_->executors[static_cast<size_t>(slot.executor)];
    const PartitionState& p = parts_[static_cast<size_t>(r.partition_state)];
    TaskInfoValues info;
    info.task_id = r.task_id;
    info.index = p.index;
    info.attempt = r.attempt;
    info.partition = p.partition;
    info.launch_ms = r.launch_ms;
    info.executor_id = e.id;
    info.host = e.host;
    info.locality = r.locality;
    info.speculative = r.speculative;
    return info;
  }

  // The metrics of the attempt on `slot` ending at `end_ms` (partial unless it succeeded).
  TaskMetricValues Metrics(const Slot& slot, int64_t end_ms) {
    const Running& r = slot.task;
    const PartitionState& p = parts_[static_cast<size_t>(r.partition_state)];
    int64_t ran_ms = std::max<int64_t>(1, std::min(r.run_ms, end_ms - r.launch_ms - r.deserialize_ms));
    int32_t progress =
        r.fate == Fate::kSucceed ? 1000 : static_cast<int32_t>(std::min<int64_t>(999, ran_ms * 1000 / r.run_ms));
    int32_t live = 0;
    for (const ExecutorState& e : s_->executors) live += e.alive ? 1 : 0;
    TaskMetricValues m =
        TaskMetrics(s_, spec_, ran_ms, r.deserialize_ms, p.data_permille, progress, parent_map_tasks_, live);
    s_->executors[static_cast<size_t>(slot.executor)].gc_total_ms += m.gc_ms;
    return m;
  }

  ExecutorMetricValues TaskExecutorMetrics(const Slot& slot, int64_t end_ms) {
    if (end_ms - slot.task.launch_ms < kHeartbeatMs) return ExecutorMetricValues();
    const ExecutorState& e = s_->executors[static_cast<size_t>(slot.executor)];
    ExecutorMetricValues m = ExecutorPeak(*s_, e, spec_);
    // A task sees the executor's peak only if a heartbeat caught it.
    int64_t seen = rng_.Range(930, 1000);
    m.jvm_heap_bytes = m.jvm_heap_bytes * seen / 1000;
    m.process_tree_jvm_rss_bytes = m.process_tree_jvm_rss_bytes * seen / 1000;
    m.on_heap_execution_bytes = m.on_heap_execution_bytes * seen / 1000;
    return m;
  }

  void EmitTaskEnd(const Slot& slot, int64_t end_ms, const std::string& reason, const TaskMetricValues* metrics,
                   bool failed, bool killed, std::vector<Accumulable> accumulables) {
    TaskInfoValues info = Info(slot, slot.task);
    info.finish_ms = end_ms;
    info.failed = failed;
    info.killed = killed;
    info.accumulables = std::move(accumulables);
    ExecutorMetricValues em = metrics != nullptr ? TaskExecutorMetrics(slot, end_ms) : ExecutorMetricValues();
    s_->Emit(end_ms, TaskEndEvent(state_.stage_id, attempt_, spec_.result_stage, reason, info, em, metrics));
    if (s_->Written(end_ms)) {
      if (failed) ++s_->summary.failed_tasks;
      if (killed) ++s_->summary.killed_tasks;
    }
  }

  void FreeSlot(int32_t slot_index) {
    Slot& slot = slots_[static_cast<size_t>(slot_index)];
    slot.busy = false;
    ++slot.generation;
  }

  // Returns false when the task's failure aborts the stage.
  bool Retry(PartitionState* p, const std::string& failure_text, const Slot& slot) {
    if (p->failures >= kMaxTaskFailures) {
      const ExecutorState& e = s_->executors[static_cast<size_t>(slot.executor)];
      abort_message_ = "Job aborted due to stage failure: Task " + std::to_string(p->partition) + " in stage " +
                       std::to_string(state_.stage_id) + "." + std::to_string(attempt_) + " failed " +
                       std::to_string(kMaxTaskFailures) + " times, most recent failure: Lost task " +
                       std::to_string(p->partition) + "." + std::to_string(slot.task.attempt) + " in stage " +
                       std::to_string(state_.stage_id) + "." + std::to_string(attempt_) + " (TID " +
                       std::to_string(slot.task.task_id) + ") (" + e.host + " executor " + e.id + "): " + failure_text +
                       "\nDriver stacktrace:";
      return false;
    }
    retries_.push_back(p->index);
    return true;
  }

  bool EndTask(int32_t slot_index, int64_t t) {
    Slot& slot = slots_[static_cast<size_t>(slot_index)];
    Running& r = slot.task;
    PartitionState& p = parts_[static_cast<size_t>(r.partition_state)];
    ExecutorState& e = s_->executors[static_cast<size_t>(slot.executor)];
    switch (r.fate) {
      case Fate::kSucceed: {
        TaskMetricValues m = Metrics(slot, t);
        std::vector<Accumulable> accs = SqlAccumulables(m);
        std::vector<Accumulable> internal = InternalAccumulables(internal_first_id_, m, &totals_);
        accs.insert(accs.end(), internal.begin(), internal.end());
        std::sort(accs.begin(), accs.end(), [](const Accumulable& a, const Accumulable& b) { return a.id < b.id; });
        EmitTaskEnd(slot, t, SuccessReason(), &m, false, false, std::move(accs));
        p.done = true;
        p.original_slot = -1;
        ++done_;
        succeeded_.insert(p.partition);
        last_end_ms_ = std::max(last_end_ms_, t);
        if (!spec_.result_stage) {
          state_.output_executor[static_cast<size_t>(p.partition)] = slot.executor;
          state_.output_task_id[static_cast<size_t>(p.partition)] = r.task_id;
        }
        if (p.copy_slot >= 0) {  // the speculative copy lost the race
          Slot& copy = slots_[static_cast<size_t>(p.copy_slot)];
          copy.task.end_ms = t + rng_.Range(6, 70);
          Push(copy.task.end_ms, EventKind::kTaskEnd, p.copy_slot, copy.generation);
        }
        break;
      }
      case Fate::kKilled: {
        TaskMetricValues m = Metrics(slot, t);
        InternalAccumulables(internal_first_id_, m, &totals_);
        EmitTaskEnd(slot, t,
                    TaskKilledReason("another attempt succeeded", FailedTaskAccumulatorUpdates(internal_first_id_, m)),
                    &m, false, true, {});
        p.copy_slot = -1;
        last_end_ms_ = std::max(last_end_ms_, t);
        break;
      }
      case Fate::kFail: {
        FailureKind kind = p.failure->kind;
        if (kind == FailureKind::kYarnMemoryKill || kind == FailureKind::kExecutorLost) {
          // The container dies under the task: the driver learns it from YARN.
          e.dying = true;
          death_kind_[slot.executor] = kind;
          r.fate = Fate::kAwaitExecutorDeath;
          Push(t + rng_.Range(900, 2400), EventKind::kExecutorDeath, slot.executor, 0);
          return true;
        }
        TaskMetricValues m = Metrics(slot, t);
        InternalAccumulables(internal_first_id_, m, &totals_);
        std::vector<StackFrame> frames;
        std::string class_name, description;
        if (kind == FailureKind::kHeapOom) {
          frames = HeapOomFrames();
          class_name = "java.lang.OutOfMemoryError";
          description = "Java heap space";
          e.dying = true;  // a fatal error: the executor JVM exits (code 52)
          death_kind_[slot.executor] = kind;
          Push(t + rng_.Range(2500, 4500), EventKind::kExecutorDeath, slot.executor, 0);
        } else {
          frames = UserExceptionFrames(s_->scenario.app);
          class_name = "java.lang.IllegalArgumentException";
          description = "Invalid country code 'XK' in record " + std::to_string(1000000 + p.partition * 7919);
        }
        EmitTaskEnd(slot, t,
                    ExceptionFailureReason(class_name, description, frames,
                                           FailedTaskAccumulatorUpdates(internal_first_id_, m)),
                    &m, true, false, {});
        ++p.failures;
        p.original_slot = -1;
        Slot copy_of_slot = slot;
        FreeSlot(slot_index);
        if (!Retry(&p, FullStackTrace(class_name, description, frames), copy_of_slot)) return false;
        TryLaunch(slot_index, t);
        return true;
      }
      case Fate::kAwaitExecutorDeath:
        return true;
    }
    FreeSlot(slot_index);
    TryLaunch(slot_index, t);
    return true;
  }

  std::vector<Accumulable> SqlAccumulables(const TaskMetricValues& m) {
    std::vector<Accumulable> accs;
    for (const auto& [id, update] : sql_updates_) {
      int64_t value = SqlQuantity(*update, m);
      if (value == 0) continue;  // the DAGScheduler lists only non-zero updates
      int64_t& total = s_->accumulator_totals[id];
      total += value;
      accs.push_back(Accumulable{id, update->metric, value, total, true});
    }
    return accs;
  }

  // Returns false when a failure aborts the stage.
  bool ExecutorDeath(int32_t executor, int64_t t) {
    ExecutorState& e = s_->executors[static_cast<size_t>(executor)];
    if (!e.alive) return true;  // two failures on one executor: it dies once
    std::string reason = LossReasonText(*s_, e, death_kind_[executor], t);
    RemoveExecutor(s_, executor, t, reason);
    ScheduleExecutor(s_, t + rng_.Range(7000, 12000), e.host);
    bool ok = true;
    for (size_t i = 0; i < slots_.size(); ++i) {
      Slot& slot = slots_[i];
      if (slot.executor != executor) continue;
      if (slot.busy) {
        PartitionState& p = parts_[static_cast<size_t>(slot.task.partition_state)];
        int64_t end_ms = t + rng_.Range(3, 60);
        EmitTaskEnd(slot, end_ms, ExecutorLostReason(e.id, true, reason), nullptr, true, false, {});
        if (slot.task.speculative) {
          p.copy_slot = -1;
        } else {
          ++p.failures;  // an exit caused by the application counts
          p.original_slot = -1;
          if (ok && !Retry(&p,
                           "ExecutorLostFailure (executor " + e.id +
                               " exited caused by one of the running tasks) Reason: " + reason,
                           slot)) {
            ok = false;
          }
        }
      }
      slot.busy = false;
      slot.dead = true;
      ++slot.generation;
    }
    if (ok) {
      for (size_t i = 0; i < slots_.size(); ++i) {
        if (!slots_[i].dead && !slots_[i].busy) TryLaunch(static_cast<int32_t>(i), t);
      }
    }
    return ok;
  }

  void HostLoss(int64_t t) {
    stopped_ = true;
    std::set<std::string> lost(spec_.lost_hosts.begin(), spec_.lost_hosts.end());
    // The hosts go first: their executors and whatever ran there.
    std::vector<int32_t> lost_executors;
    for (size_t i = 0; i < s_->executors.size(); ++i) {
      ExecutorState& e = s_->executors[i];
      if (!e.alive || lost.count(e.host) == 0) continue;
      std::string reason = PreemptedReason(e.container_id, e.host);
      RemoveExecutor(s_, static_cast<int32_t>(i), t, reason);
      ScheduleExecutor(s_, t + rng_.Range(25000, 40000), NewHost(s_));
      lost_executors.push_back(static_cast<int32_t>(i));
      for (Slot& slot : slots_) {
        if (slot.executor != static_cast<int32_t>(i)) continue;
        if (slot.busy) {
          EmitTaskEnd(slot, t + rng_.Range(3, 60), ExecutorLostReason(e.id, false, reason), nullptr, true, false, {});
        }
        slot.busy = false;
        slot.dead = true;
        ++slot.generation;
      }
    }
    // Map output that lived there is gone.
    std::vector<std::pair<int32_t, int32_t>> lost_outputs;  // (parent stage index, partition)
    for (int32_t parent : spec_.parents) {
      StageState& ps = s_->stages[static_cast<size_t>(parent)];
      for (size_t m = 0; m < ps.output_executor.size(); ++m) {
        int32_t owner = ps.output_executor[m];
        if (owner >= 0 && lost.count(s_->executors[static_cast<size_t>(owner)].host) > 0) {
          lost_outputs.push_back({parent, static_cast<int32_t>(m)});
        }
      }
    }
    if (lost_outputs.empty()) Fail(s_->scenario.name + ": lost hosts held no map output of " + spec_.name);
    // Every other running reducer fails to fetch from the lost hosts.
    struct Fetch {
      int64_t time_ms;
      int32_t slot;
    };
    std::vector<Fetch> fetches;
    for (size_t i = 0; i < slots_.size(); ++i) {
      if (slots_[i].busy) fetches.push_back({t + rng_.Range(300, 2600), static_cast<int32_t>(i)});
    }
    std::stable_sort(fetches.begin(), fetches.end(),
                     [](const Fetch& a, const Fetch& b) { return a.time_ms < b.time_ms; });
    bool stage_failed = false;
    for (size_t k = 0; k < fetches.size(); ++k) {
      Slot& slot = slots_[static_cast<size_t>(fetches[k].slot)];
      PartitionState& p = parts_[static_cast<size_t>(slot.task.partition_state)];
      const auto& [parent, map_partition] = lost_outputs[k % lost_outputs.size()];
      const StageState& ps = s_->stages[static_cast<size_t>(parent)];
      const ExecutorState& owner =
          s_->executors[static_cast<size_t>(ps.output_executor[static_cast<size_t>(map_partition)])];
      std::string message = FetchFailedMessage(owner.host, kShuffleServicePort);
      EmitTaskEnd(
          slot, fetches[k].time_ms,
          FetchFailedReason(owner.id, owner.host, kShuffleServicePort, ps.shuffle_id,
                            ps.output_task_id[static_cast<size_t>(map_partition)], map_partition, p.partition, message),
          nullptr, true, false, {});
      slot.busy = false;
      ++slot.generation;
      if (!stage_failed) {
        // The first fetch failure fails the stage attempt at once.
        stage_failed = true;
        int64_t done_ms = fetches[k].time_ms + rng_.Range(1, 6);
        CompleteStage(done_ms, message);
      }
    }
    if (!stage_failed)
      CompleteStage(t + rng_.Range(300, 900), FetchFailedMessage(spec_.lost_hosts[0], kShuffleServicePort));
    for (const auto& [parent, map_partition] : lost_outputs) {
      s_->stages[static_cast<size_t>(parent)].output_executor[static_cast<size_t>(map_partition)] = -1;
    }
    s_->now_ms = std::max(s_->now_ms, last_event_ms_);
    for (ExecutorState& e : s_->executors) e.in_stage = false;
  }

  Outcome Abort(int64_t t) {
    stopped_ = true;
    int64_t done_ms = t + rng_.Range(1, 6);
    CompleteStage(done_ms, abort_message_);
    job_->abort_message = abort_message_;
    // Running attempts are killed; executors report them after the job ended.
    for (Slot& slot : slots_) {
      if (!slot.busy || slot.task.fate == Fate::kAwaitExecutorDeath) continue;
      int64_t end_ms = done_ms + rng_.Range(40, 450);
      TaskMetricValues m = Metrics(slot, end_ms);
      TaskInfoValues info = Info(slot, slot.task);
      info.finish_ms = end_ms;
      info.killed = true;
      std::string reason =
          TaskKilledReason("Stage cancelled: " + abort_message_, FailedTaskAccumulatorUpdates(internal_first_id_, m));
      job_->after_job_end.push_back({end_ms, TaskEndEvent(state_.stage_id, attempt_, spec_.result_stage, reason, info,
                                                          TaskExecutorMetrics(slot, end_ms), &m)});
      slot.busy = false;
    }
    std::stable_sort(job_->after_job_end.begin(), job_->after_job_end.end(),
                     [](const auto& a, const auto& b) { return a.first < b.first; });
    for (ExecutorState& e : s_->executors) e.in_stage = false;
    return Outcome::kAborted;
  }

  // StageExecutorMetrics for the executors that were alive, then StageCompleted.
  void CompleteStage(int64_t done_ms, const std::string& failure) {
    s_->Emit(done_ms, StageExecutorMetricsEvent("driver", state_.stage_id, attempt_, DriverPeak(*s_)));
    for (const ExecutorState& e : s_->executors) {
      if (!e.in_stage) continue;
      s_->Emit(done_ms, StageExecutorMetricsEvent(e.id, state_.stage_id, attempt_, ExecutorPeak(*s_, e, spec_)));
    }
    info_.completion_ms = done_ms;
    if (!failure.empty()) info_.failure_reason = failure;
    info_.accumulables.clear();
    for (const auto& [id, update] : sql_updates_) {
      info_.accumulables.push_back(Accumulable{id, update->metric, 0, s_->accumulator_totals[id], true});
    }
    std::vector<Accumulable> internal = InternalStageAccumulables(internal_first_id_, totals_);
    info_.accumulables.insert(info_.accumulables.end(), internal.begin(), internal.end());
    s_->Emit(done_ms, StageCompletedEvent(info_));
    last_event_ms_ = std::max(last_event_ms_, done_ms);
    s_->now_ms = std::max(s_->now_ms, done_ms);
  }

  void Complete() {
    int64_t done_ms = std::max(last_end_ms_, submitted_ms_) + rng_.Range(2, 18);
    CompleteStage(done_ms, "");
    for (ExecutorState& e : s_->executors) e.in_stage = false;
  }

  SimState* s_;
  Rng& rng_;
  int32_t stage_index_;
  const StageSpec& spec_;
  StageState& state_;
  int32_t attempt_;
  JobContext* job_;
  StageInfoValues info_;
  int64_t submitted_ms_ = 0;
  int64_t internal_first_id_ = 0;
  int32_t parent_map_tasks_ = 0;
  std::vector<std::pair<int64_t, const SqlTaskUpdate*>> sql_updates_;
  std::vector<PartitionState> parts_;
  std::vector<Slot> slots_;
  std::priority_queue<Event, std::vector<Event>, Later> events_;
  int64_t seq_ = 0;
  std::vector<int32_t> retries_;
  int32_t next_ = 0;
  int32_t done_ = 0;
  bool stopped_ = false;
  std::set<int32_t> started_on_;
  std::map<int32_t, FailureKind> death_kind_;
  std::set<int32_t> succeeded_;
  TaskMetricValues totals_;
  int64_t last_end_ms_ = 0;
  int64_t last_event_ms_ = 0;
  std::string abort_message_;
};

// The RDDs a stage runs, innermost first as Spark lists them ("RDD Info"
// starts with the stage's final RDD).
std::vector<RddInfoValues> BuildRdds(SimState* s, const StageSpec& spec, const std::string& exchange_scope) {
  struct Step {
    const char* name;
    std::string scope;
  };
  std::vector<Step> steps;  // from the source to the stage's final RDD
  const std::string& shape = spec.rdd_shape;
  if (shape == "scan") {
    steps = {{"FileScanRDD", "Scan"}, {"MapPartitionsRDD", "Scan"}, {"MapPartitionsRDD", spec.scope}};
  } else if (shape == "shuffle") {
    steps = {{"ShuffledRowRDD", exchange_scope}, {"MapPartitionsRDD", spec.scope}};
  } else if (shape == "join") {
    steps = {{"ShuffledRowRDD", exchange_scope},
             {"ShuffledRowRDD", exchange_scope},
             {"ZippedPartitionsRDD2", "SortMergeJoin"},
             {"MapPartitionsRDD", spec.scope}};
  } else if (shape == "rdd_scan") {
    steps = {{"HadoopRDD", "textFile"}, {"MapPartitionsRDD", "textFile"}, {"MapPartitionsRDD", spec.scope}};
  } else if (shape == "rdd_shuffle") {
    steps = {{"ShuffledRDD", "reduceByKey"}, {"MapPartitionsRDD", spec.scope}};
  } else {
    steps = {{"ParallelCollectionRDD", "parallelize"}, {"MapPartitionsRDD", spec.scope}};
  }
  bool sql = shape == "scan" || shape == "shuffle" || shape == "join";
  if (!spec.result_stage && sql) steps.push_back({"MapPartitionsRDD", exchange_scope});
  std::vector<RddInfoValues> rdds;
  int32_t first = s->next_rdd_id;
  for (size_t i = 0; i < steps.size(); ++i) {
    RddInfoValues r;
    r.id = first + static_cast<int32_t>(i);
    r.name = steps[i].name;
    r.scope_id = std::to_string(s->next_scope_id++);
    r.scope_name = steps[i].scope;
    r.call_site = spec.name;
    if (shape == "join" && i == 2) {
      r.parent_ids = {first, first + 1};
    } else if (i > 0 && !(shape == "join" && i == 1)) {
      r.parent_ids = {r.id - 1};
    }
    r.deterministic_level =
        shape == "scan" || shape == "rdd_scan" || shape == "parallelize" ? "DETERMINATE" : "UNORDERED";
    r.partitions = spec.num_tasks;
    rdds.push_back(r);
  }
  s->next_rdd_id += static_cast<int32_t>(steps.size());
  std::reverse(rdds.begin(), rdds.end());
  return rdds;
}

}  // namespace

StageInfoValues StageInfo(SimState* s, int32_t stage_index, int32_t attempt, int32_t num_tasks, const JobContext& job) {
  const StageSpec& spec = s->scenario.stages[static_cast<size_t>(stage_index)];
  StageState& state = s->stages[static_cast<size_t>(stage_index)];
  bool sql = spec.rdd_shape == "scan" || spec.rdd_shape == "shuffle" || spec.rdd_shape == "join";
  if (state.rdds.empty()) state.rdds = BuildRdds(s, spec, sql ? "Exchange" : "map");
  StageInfoValues info;
  auto id_of = [&](int32_t index) {
    auto it = job.stage_ids.find(index);
    return it != job.stage_ids.end() ? it->second : s->stages[static_cast<size_t>(index)].stage_id;
  };
  info.stage_id = id_of(stage_index);
  info.attempt = attempt;
  info.name = spec.name;
  info.num_tasks = num_tasks;
  info.rdds = state.rdds;
  for (int32_t p : spec.parents) info.parent_ids.push_back(id_of(p));
  info.details = spec.call_site.empty() ? job.call_site : spec.call_site;
  return info;
}

bool RunStage(SimState* s, int32_t stage_index, JobContext* job) {
  StageState& state = s->stages[static_cast<size_t>(stage_index)];
  const StageSpec& spec = s->scenario.stages[static_cast<size_t>(stage_index)];
  std::vector<int32_t> all(static_cast<size_t>(spec.num_tasks));
  for (int32_t i = 0; i < spec.num_tasks; ++i) all[static_cast<size_t>(i)] = i;
  std::set<int32_t> succeeded;
  Outcome outcome = AttemptRunner(s, stage_index, state.attempts, all, job).Run(&succeeded);
  s->now_ms = std::max(s->now_ms, s->last_time_ms);
  if (outcome == Outcome::kAborted) return false;
  if (outcome == Outcome::kSucceeded) return true;
  // Fetch failure: the parents recompute the lost map output, then the stage runs again.
  for (int32_t parent : spec.parents) {
    StageState& ps = s->stages[static_cast<size_t>(parent)];
    std::vector<int32_t> lost;
    for (size_t m = 0; m < ps.output_executor.size(); ++m) {
      if (ps.output_executor[m] < 0) lost.push_back(static_cast<int32_t>(m));
    }
    if (lost.empty()) continue;
    s->now_ms += s->rng.Range(200, 900);  // DAGScheduler's resubmit delay
    std::set<int32_t> parent_done;
    if (AttemptRunner(s, parent, ps.attempts, lost, job).Run(&parent_done) != Outcome::kSucceeded) return false;
    s->now_ms = std::max(s->now_ms, s->last_time_ms);
    s->now_ms += s->rng.Range(20, 120);
  }
  std::vector<int32_t> remaining;
  for (int32_t p : all) {
    if (succeeded.count(p) == 0) remaining.push_back(p);
  }
  std::set<int32_t> retry_done;
  bool ok = AttemptRunner(s, stage_index, state.attempts, remaining, job).Run(&retry_done) == Outcome::kSucceeded;
  s->now_ms = std::max(s->now_ms, s->last_time_ms);
  return ok;
}

}  // namespace sparkdx::samples::internal
