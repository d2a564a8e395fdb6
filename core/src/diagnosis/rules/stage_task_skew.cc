// stage.task_skew: a stage's slowest tasks ran far longer than its median
// task, and the log shows why: they read far more data (a hot shuffle key,
// an oversized input split), spent far more time in GC, or all ran on one
// host. Time skew with no visible cause is stage.straggler's; failed and
// killed attempts are excluded (retries are not skew).
//
// Thresholds (ANCHORS §14.1, §14.12): max / median task time above 3 with
// the longest task at least 30 s and at least half the stage's span; data
// counts as the cause when the longest task read at least 3x the median
// task's bytes and at least 64 MiB more than it.
#include <algorithm>
#include <cmath>
#include <map>

#include "diagnosis/rule_support.h"
#include "diagnosis/stage_support.h"
#include "diagnosis/rules.h"

namespace sparkdx {
namespace {

constexpr int32_t kSkewMinTasks = 4;
constexpr double kSkewMinTimeRatio = 3.0;
constexpr int64_t kSkewMinLongestTaskMs = 30'000;
constexpr double kSkewMinShareOfSpan = 0.5;
constexpr double kDataSkewMinRatio = 3.0;
constexpr int64_t kDataSkewMinExcessBytes = 64 * kMiB;
constexpr double kGcSkewMinShare = 0.25;       // the longest task's GC share of its run time
constexpr double kGcSkewMinShareRatio = 3.0;   // ... versus the median task's
constexpr double kHostSkewMinShare = 0.8;      // of the slow tasks on one host

enum class SkewCause { kNone, kShuffleKey, kInputSplit, kGc, kHost };

// The host that ran at least kHostSkewMinShare of the stage's slow tasks
// (those above kSkewMinTimeRatio x median), or "".
std::string SlowTaskHost(const AppAnalysis& analysis, const StageTaskStats& s, int* slow_tasks) {
  int64_t slow_ms = static_cast<int64_t>(kSkewMinTimeRatio * static_cast<double>(s.Of(TaskQuantity::kDurationMs).median));
  std::map<std::string, int> by_host;
  int slow = 0;
  s.stage->tasks.ForEach([&](const TaskRecord& t) {
    if (!t.successful() || !t.started || BoundedDurationMs(t) < slow_ms) return;
    ++slow;
    ++by_host[TaskHost(*analysis.status, t)];
  });
  *slow_tasks = slow;
  if (slow < 2 || by_host.size() > 1 + static_cast<size_t>(slow / 5)) return "";
  for (const auto& [host, n] : by_host) {
    if (!host.empty() && n >= kHostSkewMinShare * slow) return host;
  }
  return "";
}

}  // namespace

void CheckStageTaskSkew(const AppAnalysis& analysis, RuleOutput* out) {
  bool any_stage = false;
  for (const StageTaskStats& s : analysis.stages) {
    if (s.succeeded < kSkewMinTasks || !s.has_longest) continue;
    any_stage = true;
    const Distribution& duration = s.Of(TaskQuantity::kDurationMs);
    double time_ratio = duration.MaxOverMedian();
    if (time_ratio < kSkewMinTimeRatio || duration.max < kSkewMinLongestTaskMs ||
        duration.max < kSkewMinShareOfSpan * static_cast<double>(s.span_ms())) {
      continue;
    }
    const TaskRecord& longest = s.longest;
    int64_t longest_shuffle = TaskQuantityValue(longest, TaskQuantity::kShuffleReadBytes);
    int64_t longest_input = TaskQuantityValue(longest, TaskQuantity::kInputBytes);
    int64_t median_shuffle = s.Of(TaskQuantity::kShuffleReadBytes).median;
    int64_t median_input = s.Of(TaskQuantity::kInputBytes).median;
    auto data_skewed = [](int64_t longest_bytes, int64_t median_bytes) {
      return longest_bytes - median_bytes >= kDataSkewMinExcessBytes &&
             static_cast<double>(longest_bytes) >= kDataSkewMinRatio * static_cast<double>(std::max<int64_t>(1, median_bytes));
    };
    double longest_gc_share = SafeRatio(static_cast<double>(TaskQuantityValue(longest, TaskQuantity::kGcTimeMs)),
                                        static_cast<double>(TaskQuantityValue(longest, TaskQuantity::kRunTimeMs)));
    double median_gc_share = SafeRatio(static_cast<double>(s.Of(TaskQuantity::kGcTimeMs).median),
                                       static_cast<double>(s.Of(TaskQuantity::kRunTimeMs).median));
    int slow_tasks = 0;
    std::string host;
    SkewCause cause = SkewCause::kNone;
    if (data_skewed(longest_shuffle, median_shuffle) && longest_shuffle >= longest_input) {
      cause = SkewCause::kShuffleKey;
    } else if (data_skewed(longest_input, median_input)) {
      cause = SkewCause::kInputSplit;
    } else if (longest_gc_share >= kGcSkewMinShare && longest_gc_share >= kGcSkewMinShareRatio * median_gc_share) {
      cause = SkewCause::kGc;
    } else if (!(host = SlowTaskHost(analysis, s, &slow_tasks)).empty()) {
      cause = SkewCause::kHost;
    }
    if (cause == SkewCause::kNone) continue;  // stage.straggler's case

    int64_t balanced_ms = BalancedSpanMs(s);
    int64_t saving_ms = std::max<int64_t>(0, s.span_ms() - balanced_ms);
    Finding f;
    f.entity = StageEntity(s);
    f.evidence = {Count("tasks", s.succeeded),
                  Ms("median_task", duration.median),
                  Ms("max_task", duration.max),
                  Ratio("max_over_median_task_time", time_ratio),
                  Ms("stage_span", s.span_ms()),
                  Ms("balanced_span", balanced_ms),
                  Bytes("longest_task_shuffle_read", longest_shuffle),
                  Bytes("median_task_shuffle_read", median_shuffle),
                  Bytes("longest_task_input", longest_input),
                  Bytes("median_task_input", median_input)};
    std::string head = StageLabel(s) + " ran " + std::to_string(s.succeeded) + " tasks with a median of " +
                       HumanDuration(duration.median) + ", but its longest task (index " +
                       std::to_string(longest.index) + ") ran " + HumanDuration(duration.max) + ", " +
                       HumanRatio(time_ratio) + " the median; the stage took " + HumanDuration(s.span_ms()) +
                       " where balanced tasks would need about " + HumanDuration(balanced_ms) + ". ";
    switch (cause) {
      case SkewCause::kShuffleKey:
        f.explanation = head + "That task read " + HumanBytes(longest_shuffle) + " of shuffle data against a median of " +
                        HumanBytes(median_shuffle) + " (" +
                        HumanRatio(SafeRatio(longest_shuffle, std::max<int64_t>(1, median_shuffle))) +
                        "): a few keys hold most of the rows of one shuffle partition.";
        if (!analysis.conf.adaptive_enabled()) {
          f.recommendations.push_back({"Turn on adaptive query execution so Spark splits skewed join partitions.",
                                       "spark.sql.adaptive.enabled", "true"});
        }
        if (analysis.conf.version().AtLeast(3, 0) && analysis.conf.adaptive_enabled() &&
            !analysis.conf.BoolOr("spark.sql.adaptive.skewJoin.enabled", true)) {
          f.recommendations.push_back({"Let AQE split skewed sort-merge-join partitions (joins only).",
                                       "spark.sql.adaptive.skewJoin.enabled", "true"});
        }
        f.recommendations.push_back(
            {std::string(analysis.conf.adaptive_enabled()
                             ? "AQE was on and did not split this partition (it splits only sort-merge-join inputs "
                               "above its skew thresholds): "
                             : "") +
                 "salt the hot key: add a random suffix 0..N-1 to it, aggregate (or join against the other side "
                 "replicated N times), then combine; or filter the hot key out and handle it separately.",
             "", ""});
        f.confidence = Confidence::kHigh;
        break;
      case SkewCause::kInputSplit:
        f.explanation = head + "That task read " + HumanBytes(longest_input) + " of input against a median of " +
                        HumanBytes(median_input) + " (" +
                        HumanRatio(SafeRatio(longest_input, std::max<int64_t>(1, median_input))) +
                        "): input files of unequal size, or files that cannot be split (gzip, a single large "
                        "file), give some tasks far more to read.";
        f.recommendations.push_back(
            {"Store the input as splittable files of similar size (Parquet/ORC, or zstd/bzip2 instead of gzip), or "
             "repartition right after reading so later stages are balanced.",
             "", ""});
        if (analysis.conf.BytesOr("spark.sql.files.maxPartitionBytes", 1, 128 * kMiB) > 128 * kMiB) {
          f.recommendations.push_back({"Cap how much one task reads from splittable files (Spark's default).",
                                       "spark.sql.files.maxPartitionBytes", "128m"});
        }
        f.confidence = Confidence::kHigh;
        break;
      case SkewCause::kGc:
        f.explanation = head + "Its data was not larger, but it spent " + HumanPercent(longest_gc_share) +
                        " of its run time in garbage collection against " + HumanPercent(median_gc_share) +
                        " for the median task: it built far larger objects in memory (a large group, a wide row, "
                        "a big collect_list).";
        f.recommendations.push_back(
            {"Find the key or record that builds the large in-memory structure (group sizes, collect_list, wide "
             "rows) and split it; more memory per task only hides it.",
             "", ""});
        f.confidence = Confidence::kMedium;
        break;
      case SkewCause::kHost:
        f.explanation = head + "Its data was balanced, but " + std::to_string(slow_tasks) +
                        " slow tasks ran on host " + host +
                        ": the host, not the data, was slow (see host.slow_executor).";
        f.recommendations.push_back(
            {"Check host " + host + " (disk, network, noisy neighbours); enable speculation so slow copies are "
             "re-run elsewhere.",
             "spark.speculation", "true"});
        f.confidence = Confidence::kMedium;
        break;
      case SkewCause::kNone: break;
    }
    f.cause = cause == SkewCause::kShuffleKey   ? "shuffle_key"
              : cause == SkewCause::kInputSplit ? "input_split"
              : cause == SkewCause::kGc         ? "gc"
                                                : "host";
    f.saving_ms = saving_ms;
    f.impact = "Up to " + HumanDuration(saving_ms) + " (" + ShareOfRun(saving_ms, analysis) +
               "): the stage's span minus what balanced tasks would need (max of median task x waves and total "
               "task time / slots used), if the stage is on the run's critical path.";
    out->findings.push_back(std::move(f));
  }
  if (!any_stage) out->NotRun("no stage has " + std::to_string(kSkewMinTasks) + " or more successful tasks");
}

}  // namespace sparkdx
