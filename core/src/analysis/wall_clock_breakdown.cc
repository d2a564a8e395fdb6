#include "analysis/wall_clock_breakdown.h"

#include <algorithm>
#include <array>
#include <cmath>

#include "base/saturating.h"

namespace sparkdx {
namespace {

constexpr const char* kPartKeys[] = {
#define SPARKDX_PART_KEY(e, key, label) key,
    SPARKDX_WALL_CLOCK_PARTS(SPARKDX_PART_KEY)
#undef SPARKDX_PART_KEY
};
constexpr const char* kPartLabels[] = {
#define SPARKDX_PART_LABEL(e, key, label) label,
    SPARKDX_WALL_CLOCK_PARTS(SPARKDX_PART_LABEL)
#undef SPARKDX_PART_LABEL
};

// Only the parts a running task's time can go to.
constexpr int kFirstTaskPart = static_cast<int>(WallClockPart::kCompute);
constexpr int kTaskPartCount = static_cast<int>(WallClockPart::kFailedAttempts) - kFirstTaskPart + 1;
using TaskShares = std::array<float, kTaskPartCount>;

int TaskPart(WallClockPart part) { return static_cast<int>(part) - kFirstTaskPart; }

TaskShares SharesOf(const TaskRecord& t) {
  TaskShares shares{};
  double duration = static_cast<double>(BoundedDurationMs(t));
  if (t.failed || t.killed) {
    shares[TaskPart(WallClockPart::kFailedAttempts)] = 1;
    return shares;
  }
  if (t.running || !t.has_metrics) {
    shares[TaskPart(WallClockPart::kCompute)] = 1;
    return shares;
  }
  double run = std::clamp(static_cast<double>(t.metric(TaskMetric::kExecutorRunTimeMs)), 0.0, duration);
  double left = run;
  auto take = [&left](double wanted) {
    double taken = std::clamp(wanted, 0.0, left);
    left -= taken;
    return taken;
  };
  double gc = take(static_cast<double>(t.metric(TaskMetric::kJvmGcTimeMs)));
  double fetch = take(static_cast<double>(t.metric(TaskMetric::kShuffleFetchWaitTimeMs)));
  double write = take(static_cast<double>(t.metric(TaskMetric::kShuffleWriteTimeNs)) / 1e6);
  double spill = take(2.0 * static_cast<double>(t.metric(TaskMetric::kDiskBytesSpilled)) / kSpillBytesPerSecond * 1000);
  shares[TaskPart(WallClockPart::kGc)] = static_cast<float>(gc / duration);
  shares[TaskPart(WallClockPart::kShuffleFetchWait)] = static_cast<float>(fetch / duration);
  shares[TaskPart(WallClockPart::kShuffleWrite)] = static_cast<float>(write / duration);
  shares[TaskPart(WallClockPart::kSpill)] = static_cast<float>(spill / duration);
  shares[TaskPart(WallClockPart::kCompute)] = static_cast<float>(left / duration);
  shares[TaskPart(WallClockPart::kSchedulingAndSerialization)] = static_cast<float>((duration - run) / duration);
  return shares;
}

enum class EdgeKind : uint8_t { kSlots, kJob, kTail, kTaskEnd, kTaskStart };

struct Edge {
  int64_t time_ms;
  EdgeKind kind;
  int32_t value;  // slots delta, job delta, stage position, or task position
};

// Milliseconds per part rounded to integers that sum to `total` (largest
// remainders first).
void RoundParts(const std::array<double, kWallClockPartCount>& exact, int64_t total, int64_t* out) {
  double sum = 0;
  for (double v : exact) sum += v;
  std::array<double, kWallClockPartCount> scaled{};
  for (int i = 0; i < kWallClockPartCount; ++i) scaled[i] = sum > 0 ? exact[i] * static_cast<double>(total) / sum : 0;
  int64_t assigned = 0;
  for (int i = 0; i < kWallClockPartCount; ++i) {
    out[i] = ClampToInt64(std::floor(scaled[i]));
    assigned += out[i];
  }
  std::array<int, kWallClockPartCount> order{};
  for (int i = 0; i < kWallClockPartCount; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](int a, int b) {
    return scaled[a] - std::floor(scaled[a]) > scaled[b] - std::floor(scaled[b]);
  });
  for (int k = 0; assigned < total && sum > 0; k = (k + 1) % kWallClockPartCount, ++assigned) ++out[order[k]];
  if (sum <= 0 && total > 0) out[static_cast<int>(WallClockPart::kDriver)] = total;
}

// When a stage attempt enters its tail (see the header), or -1 for never.
int64_t TailStart(const StageTaskStats& s) {
  if (s.succeeded == 0 || s.first_launch_ms < 0) return -1;
  int64_t usable = std::max<int64_t>(1, std::min<int64_t>(s.succeeded, s.peak_concurrency));
  int64_t waves = (s.succeeded + usable - 1) / usable;
  int64_t balanced_ms = std::max(SatMul(s.Of(TaskQuantity::kDurationMs).median, waves), s.succeeded_task_ms / usable);
  int64_t tail = std::max(SatAdd(s.first_launch_ms, balanced_ms), s.last_launch_ms);
  return tail < s.last_finish_ms ? tail : -1;
}

class Sweep {
 public:
  Sweep(const BreakdownScope& scope, WallClockBreakdown* out) : scope_(scope), out_(out) {
    if (scope.sample_count > 0 && scope.end_ms > scope.start_ms) {
      out_->samples.resize(static_cast<size_t>(scope.sample_count));
      sample_width_ = static_cast<double>(scope.end_ms - scope.start_ms) / scope.sample_count;
      for (int i = 0; i < scope.sample_count; ++i) {
        out_->samples[i].start_ms = scope.start_ms + RoundToInt64(i * sample_width_);
      }
    }
  }

  void Run(std::vector<Edge>* edges, const std::vector<TaskShares>& shares, const std::vector<int32_t>& task_stage,
           size_t stage_count) {
    std::sort(edges->begin(), edges->end(), [](const Edge& a, const Edge& b) {
      return a.time_ms != b.time_ms ? a.time_ms < b.time_ms : a.kind < b.kind;
    });
    running_in_stage_.assign(stage_count, 0);
    stage_in_tail_.assign(stage_count, false);
    int64_t now = scope_.start_ms;
    size_t i = 0;
    while (i < edges->size() || now < scope_.end_ms) {
      int64_t next = i < edges->size() ? std::min((*edges)[i].time_ms, scope_.end_ms) : scope_.end_ms;
      if (next > now) Account(now, next);
      now = std::max(now, next);
      if (i >= edges->size()) break;
      for (; i < edges->size() && (*edges)[i].time_ms <= now; ++i) Apply((*edges)[i], shares, task_stage);
    }
    CloseGap(scope_.end_ms);
  }

  std::array<double, kWallClockPartCount> exact{};
  double idle_no_task_ = 0;
  double idle_tail_ = 0;
  double idle_unused_ = 0;

 private:
  void Apply(const Edge& edge, const std::vector<TaskShares>& shares, const std::vector<int32_t>& task_stage) {
    switch (edge.kind) {
      case EdgeKind::kSlots: slots_ += edge.value; break;
      case EdgeKind::kJob: jobs_ += edge.value; break;
      case EdgeKind::kTail:
        stage_in_tail_[edge.value] = true;
        not_in_tail_ -= running_in_stage_[edge.value];
        break;
      case EdgeKind::kTaskStart:
      case EdgeKind::kTaskEnd: {
        int sign = edge.kind == EdgeKind::kTaskStart ? 1 : -1;
        int32_t stage = task_stage[edge.value];
        running_ += sign;
        running_in_stage_[stage] += sign;
        if (!stage_in_tail_[stage]) not_in_tail_ += sign;
        const TaskShares& s = shares[edge.value];
        for (int p = 0; p < kTaskPartCount; ++p) share_sums_[p] += sign * static_cast<double>(s[p]);
        break;
      }
    }
  }

  void Account(int64_t from, int64_t to) {
    double dt = static_cast<double>(to - from);
    double slots = std::max<double>(slots_, running_);
    if (running_ <= 0) {
      bool waiting = slots_ <= 0 && (scope_.always_active || jobs_ > 0);
      exact[static_cast<int>(waiting ? WallClockPart::kWaitingForExecutors : WallClockPart::kDriver)] += dt;
      if (gap_start_ < 0) gap_start_ = from;
      if (waiting) gap_waiting_ms_ += dt;
      idle_no_task_ += dt * slots;
    } else {
      CloseGap(from);
      for (int p = 0; p < kTaskPartCount; ++p) exact[kFirstTaskPart + p] += dt / slots * std::max(0.0, share_sums_[p]);
      double idle = dt * (slots - running_) / slots;
      exact[static_cast<int>(not_in_tail_ <= 0 ? WallClockPart::kSkewTail : WallClockPart::kIdleSlots)] += idle;
      (not_in_tail_ <= 0 ? idle_tail_ : idle_unused_) += dt * (slots - running_);
      out_->busy_slot_ms = SatAdd(out_->busy_slot_ms, ClampToInt64(dt * static_cast<double>(running_)));
    }
    out_->alive_slot_ms = SatAdd(out_->alive_slot_ms, ClampToInt64(dt * slots));
    Sample(from, to, slots, running_);
  }

  void CloseGap(int64_t at) {
    if (gap_start_ < 0) return;
    if (scope_.gap_min_ms >= 0 && at - gap_start_ >= scope_.gap_min_ms) {
      out_->gaps.push_back({gap_start_, at, gap_waiting_ms_ * 2 > static_cast<double>(at - gap_start_)});
    }
    gap_start_ = -1;
    gap_waiting_ms_ = 0;
  }

  void Sample(int64_t from, int64_t to, double alive, double busy) {
    if (out_->samples.empty()) return;
    double begin = static_cast<double>(from - scope_.start_ms);
    double end = static_cast<double>(to - scope_.start_ms);
    int n = static_cast<int>(out_->samples.size());
    for (int b = std::min(n - 1, static_cast<int>(begin / sample_width_)); b < n; ++b) {
      double lo = std::max(begin, b * sample_width_);
      double hi = std::min(end, (b + 1) * sample_width_);
      if (hi <= lo) {
        if (b * sample_width_ >= end) break;
        continue;
      }
      out_->samples[b].alive_slots += alive * (hi - lo) / sample_width_;
      out_->samples[b].busy_slots += busy * (hi - lo) / sample_width_;
    }
  }

  const BreakdownScope& scope_;
  WallClockBreakdown* out_;
  int64_t slots_ = 0;
  int64_t jobs_ = 0;
  int64_t running_ = 0;
  int64_t not_in_tail_ = 0;
  std::array<double, kTaskPartCount> share_sums_{};
  std::vector<int32_t> running_in_stage_;
  std::vector<bool> stage_in_tail_;
  int64_t gap_start_ = -1;
  double gap_waiting_ms_ = 0;
  double sample_width_ = 1;
};

}  // namespace

const char* WallClockPartKey(WallClockPart part) { return kPartKeys[static_cast<int>(part)]; }
const char* WallClockPartLabel(WallClockPart part) { return kPartLabels[static_cast<int>(part)]; }

WallClockBreakdown ComputeBreakdown(const AppStatus& status, const std::vector<StageTaskStats>& stages,
                                    const ExecutorSlotsSummary& slots, const BreakdownScope& scope) {
  WallClockBreakdown out;
  out.start_ms = scope.start_ms;
  out.end_ms = std::max(scope.start_ms, scope.end_ms);
  auto clip = [&](int64_t t) { return std::clamp(t, out.start_ms, out.end_ms); };

  std::vector<Edge> edges;
  for (const ExecutorSlots& e : slots.executors) {
    int64_t start = clip(e.start_ms), end = clip(e.end_ms);
    if (end <= start) continue;
    edges.push_back({start, EdgeKind::kSlots, e.slots});
    edges.push_back({end, EdgeKind::kSlots, -e.slots});
  }
  if (!scope.always_active) {
    for (const auto& [id, job] : status.jobs) {
      if (job.submission_time_ms < 0) continue;
      int64_t end = job.completion_time_ms >= 0 ? job.completion_time_ms : out.end_ms;
      int64_t s = clip(job.submission_time_ms), e = clip(end);
      if (e <= s) continue;
      edges.push_back({s, EdgeKind::kJob, 1});
      edges.push_back({e, EdgeKind::kJob, -1});
    }
  }
  std::vector<TaskShares> shares;
  std::vector<int32_t> task_stage;
  for (size_t k = 0; k < stages.size(); ++k) {
    const StageTaskStats& stage = stages[k];
    if (scope.includes && !scope.includes(stage)) continue;
    int64_t tail = TailStart(stage);
    if (tail >= out.start_ms && tail < out.end_ms) edges.push_back({tail, EdgeKind::kTail, static_cast<int32_t>(k)});
    stage.stage->tasks.ForEach([&](const TaskRecord& t) {
      if (!t.started) return;
      int64_t start = clip(t.launch_time_ms), end = clip(t.finish_time_ms);
      if (end <= start) return;
      int32_t position = static_cast<int32_t>(shares.size());
      shares.push_back(SharesOf(t));
      task_stage.push_back(static_cast<int32_t>(k));
      edges.push_back({start, EdgeKind::kTaskStart, position});
      edges.push_back({end, EdgeKind::kTaskEnd, position});
    });
  }
  Sweep sweep(scope, &out);
  sweep.Run(&edges, shares, task_stage, stages.size());
  RoundParts(sweep.exact, out.duration_ms(), out.part_ms);
  out.idle_slot_ms_no_task = RoundToInt64(sweep.idle_no_task_);
  out.idle_slot_ms_skew_tail = RoundToInt64(sweep.idle_tail_);
  out.idle_slot_ms_unused = RoundToInt64(sweep.idle_unused_);
  return out;
}

}  // namespace sparkdx
