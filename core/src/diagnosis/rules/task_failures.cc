// task.failures: task attempts that failed, grouped by cause, each with the
// time it threw away and the remedy for that cause. The cause comes from
// the attempt's end reason and its failure message:
//   heap_oom        java.lang.OutOfMemoryError anywhere in the message;
//   overhead_kill   ExecutorLostFailure for exceeding the container's memory
//                   (YARN "exceeding memory limits", exit code 137, OOMKilled);
//   fetch_failed    FetchFailed: shuffle output could not be read;
//   executor_lost   any other ExecutorLostFailure;
//   user_exception  any other ExceptionFailure (the exception class named);
//   other           TaskResultLost, Resubmitted, UnknownReason...
// Killed attempts (speculation losers, cancelled stages) are not failures.
// Failures in skewed tasks are still failures: skew is reported apart.
//
// Thresholds (ANCHORS §14.7, §14.8, §14.12): every cause is reported when
// failed attempts exceed 5% of the run's finished attempts (Dr. Elephant
// branch's and the Observability Agent's low band); heap OOM and overhead
// kills are reported at any count (Dr. Elephant flags any OOM/overhead-kill
// stage). Remedies: heap OOM -> executor memory x1.5 (Dr. Elephant's
// OOM ladder step); overhead kill -> max(overhead x1.5, 15% of executor
// memory) (above Spark's 10% default factor).
#include <algorithm>
#include <cctype>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/stage_support.h"

namespace sparkdx {
namespace {

constexpr double kFailureMinRate = 0.05;
constexpr double kOomMemoryGrowth = 1.5;
constexpr double kOverheadGrowth = 1.5;
constexpr double kOverheadMinShareOfMemory = 0.15;
constexpr int64_t kFetchMaxRetries = 10;  // Spark's default is 3, 5 s apart
constexpr size_t kMessageExcerptBytes = 200;

enum class FailureCause { kHeapOom, kOverheadKill, kFetchFailed, kExecutorLost, kUserException, kOther, kCount };
constexpr int kCauseCount = static_cast<int>(FailureCause::kCount);
const char* const kCauseKeys[kCauseCount] = {"heap_oom",      "overhead_kill",  "fetch_failed",
                                             "executor_lost", "user_exception", "other"};

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ContainsAny(const std::string& lower_text, std::initializer_list<const char*> needles) {
  for (const char* needle : needles) {
    if (lower_text.find(needle) != std::string::npos) return true;
  }
  return false;
}

FailureCause Classify(TaskEndReason reason, const std::string& message) {
  std::string lower = Lower(message);
  if (lower.find("outofmemoryerror") != std::string::npos) return FailureCause::kHeapOom;
  switch (reason) {
    case TaskEndReason::kExecutorLostFailure:
      if (ContainsAny(lower, {"exceeding memory limits", "exceeding physical memory", "exit code 137",
                              "exit code is 137", "exit status 137", "oomkilled", "memoryoverhead",
                              "container killed by yarn for exceeding"})) {
        return FailureCause::kOverheadKill;
      }
      return FailureCause::kExecutorLost;
    case TaskEndReason::kFetchFailed: return FailureCause::kFetchFailed;
    case TaskEndReason::kExceptionFailure: return FailureCause::kUserException;
    default: return FailureCause::kOther;
  }
}

// "java.lang.ArithmeticException" from "java.lang.ArithmeticException: / by zero\n\tat ...".
std::string ExceptionClass(const std::string& message) {
  size_t end = message.find_first_of(":\n \t");
  std::string name = message.substr(0, end);
  return name.empty() ? "unknown exception" : name;
}

struct Group {
  int32_t attempts = 0;
  int64_t task_ms = 0;
  std::set<std::pair<int32_t, int32_t>> stages;
  std::set<uint32_t> executors;
  std::map<std::string, int32_t> labels;  // exception class or end reason -> attempts
  std::string first_message;
};

std::string MostCommon(const std::map<std::string, int32_t>& counts) {
  std::string best;
  int32_t most = 0;
  for (const auto& [label, n] : counts) {
    if (n > most) best = label, most = n;
  }
  return best;
}

}  // namespace

void CheckTaskFailures(const AppAnalysis& analysis, RuleOutput* out) {
  const AppStatus& status = *analysis.status;
  Group groups[kCauseCount];
  int64_t attempts = 0, failed = 0, lost_task_ms = 0;
  for (const StageTaskStats& s : analysis.stages) {
    attempts += s.succeeded + s.failed + s.killed;
    failed += s.failed;
    lost_task_ms += s.failed_task_ms + s.killed_task_ms;
    if (s.failed == 0) continue;
    s.stage->tasks.ForEach([&](const TaskRecord& t) {
      if (!t.failed || t.running || !t.started) return;
      const std::string empty;
      const std::string& message = t.message_id >= 0 && static_cast<size_t>(t.message_id) < status.task_messages.size()
                                       ? status.task_messages[t.message_id]
                                       : empty;
      FailureCause cause = Classify(t.reason, message);
      Group& g = groups[static_cast<int>(cause)];
      ++g.attempts;
      g.task_ms += std::max<int64_t>(0, BoundedDurationMs(t));
      g.stages.insert({s.stage_id, s.attempt_id});
      g.executors.insert(t.executor);
      ++g.labels[cause == FailureCause::kUserException ? ExceptionClass(message) : TaskEndReasonName(t.reason)];
      if (g.first_message.empty()) g.first_message = message;
    });
  }
  if (attempts == 0) {
    out->NotRun("the log has no finished task attempt");
    return;
  }
  double rate = SafeRatio(static_cast<double>(failed), static_cast<double>(attempts));
  // The wall clock the breakdown gave to failed and killed attempts, shared by task time.
  int64_t lost_wall_ms = analysis.breakdown.Of(WallClockPart::kFailedAttempts);

  const SparkConf& conf = analysis.conf;
  for (int c = 0; c < kCauseCount; ++c) {
    const Group& g = groups[c];
    FailureCause cause = static_cast<FailureCause>(c);
    if (g.attempts == 0) continue;
    bool memory_kill = cause == FailureCause::kHeapOom || cause == FailureCause::kOverheadKill;
    if (!memory_kill && rate <= kFailureMinRate) continue;

    Finding f;
    f.cause = kCauseKeys[c];
    if (g.stages.size() == 1) {
      const StageTaskStats* only = analysis.FindStage(g.stages.begin()->first, g.stages.begin()->second);
      f.entity = only != nullptr ? StageEntity(*only) : ApplicationEntity(analysis);
    } else {
      f.entity = ApplicationEntity(analysis);
    }
    std::string where = f.entity.kind == EntityKind::kStage ? "in stage " + f.entity.id
                                                            : "in " + std::to_string(g.stages.size()) + " stage attempts";
    int64_t wall_ms = static_cast<int64_t>(static_cast<double>(lost_wall_ms) *
                                           SafeRatio(static_cast<double>(g.task_ms), static_cast<double>(lost_task_ms)));
    f.evidence = {Count("failed_attempts", g.attempts),
                  Count("all_failed_attempts", failed),
                  Count("finished_attempts", attempts),
                  Fraction("failure_rate", rate),
                  Ms("wasted_task_time", g.task_ms),
                  Ms("wasted_wall_clock", wall_ms),
                  Count("stage_attempts", static_cast<int64_t>(g.stages.size())),
                  Count("executors", static_cast<int64_t>(g.executors.size()))};
    std::string head = std::to_string(g.attempts) + " task attempt(s) " + where + " failed";
    std::string tail = ", throwing away " + HumanDuration(g.task_ms) + " of task time (" +
                       std::to_string(failed) + " of " + std::to_string(attempts) + " attempts failed in the run, " +
                       HumanPercent(rate) + ").";
    std::string excerpt = Excerpt(MessageWithoutStackFrames(g.first_message), kMessageExcerptBytes);
    int64_t memory = conf.executor_memory_bytes();
    switch (cause) {
      case FailureCause::kHeapOom: {
        f.explanation = head + " with java.lang.OutOfMemoryError on " + std::to_string(g.executors.size()) +
                        " executor(s)" + tail + " The executors had " + HumanBytes(memory) +
                        " of heap for " + std::to_string(EffectiveExecutorCores(analysis)) +
                        " concurrent tasks. First message: " + excerpt;
        int64_t grown = static_cast<int64_t>(static_cast<double>(memory) * kOomMemoryGrowth);
        f.recommendations.push_back({"Raise executor heap by half, from " + HumanBytes(memory) + ".",
                                     "spark.executor.memory", SparkSizeString(grown)});
        int32_t cores = EffectiveExecutorCores(analysis);
        if (cores >= 2) {
          f.recommendations.push_back({"Or run half as many tasks per executor so each gets twice the memory.",
                                       "spark.executor.cores", std::to_string(cores / 2)});
        }
        f.confidence = Confidence::kHigh;
        break;
      }
      case FailureCause::kOverheadKill: {
        int64_t overhead = conf.executor_overhead_bytes();
        int64_t grown = std::max(static_cast<int64_t>(static_cast<double>(overhead) * kOverheadGrowth),
                                 static_cast<int64_t>(static_cast<double>(memory) * kOverheadMinShareOfMemory));
        f.explanation = head + " because the cluster manager killed their container for using more memory than "
                        "granted (heap " + HumanBytes(memory) + " + overhead " + HumanBytes(overhead) + ")" + tail +
                        " Off-heap use (Python workers, native buffers, Netty, thread stacks) outgrew the overhead. "
                        "First message: " + excerpt;
        f.recommendations.push_back({"Raise the off-heap allowance from " + HumanBytes(overhead) + " to " +
                                         HumanBytes(grown) + " (1.5x, at least 15% of the heap).",
                                     "spark.executor.memoryOverhead", SparkSizeString(grown)});
        f.confidence = Confidence::kHigh;
        break;
      }
      case FailureCause::kFetchFailed: {
        int64_t retries = conf.IntOr("spark.shuffle.io.maxRetries", 3);
        f.explanation = head + " with FetchFailed: the shuffle output they needed was gone, usually because the "
                        "executor holding it was lost or overloaded" + tail + " Each fetch failure makes Spark "
                        "re-run the map stage (see stage.retries). First message: " + excerpt;
        if (!conf.BoolOr("spark.shuffle.service.enabled", false)) {
          f.recommendations.push_back({"Serve shuffle files from the external shuffle service so they outlive the "
                                       "executor that wrote them.",
                                       "spark.shuffle.service.enabled", "true"});
        }
        if (retries < kFetchMaxRetries) {
          f.recommendations.push_back({"Retry fetches longer before declaring the output lost (it was " +
                                           std::to_string(retries) + " retries).",
                                       "spark.shuffle.io.maxRetries", std::to_string(kFetchMaxRetries)});
        }
        f.recommendations.push_back({"Find why executors were lost (their logs, the cluster manager's events); "
                                     "fetch failures are the symptom.",
                                     "", ""});
        f.confidence = Confidence::kMedium;
        break;
      }
      case FailureCause::kExecutorLost:
        f.explanation = head + " because their executor was lost (" + std::to_string(g.executors.size()) +
                        " executor(s))" + tail + " First message: " + excerpt;
        f.recommendations.push_back({"Read the lost executors' logs and the cluster manager's events for why they "
                                     "exited (preemption, node failure, a native crash).",
                                     "", ""});
        if (conf.version().AtLeast(3, 1) && !conf.BoolOr("spark.decommission.enabled", false)) {
          f.recommendations.push_back({"If executors are removed on purpose (spot instances, preemption, scale-down), "
                                       "let Spark migrate their blocks first.",
                                       "spark.decommission.enabled", "true"});
        }
        f.confidence = Confidence::kLow;
        break;
      case FailureCause::kUserException: {
        std::string cls = MostCommon(g.labels);
        f.explanation = head + " with exceptions thrown by the job's code, most often " + cls + " (" +
                        std::to_string(g.labels.at(cls)) + " attempts)" + tail + " First message: " + excerpt;
        f.recommendations.push_back({"Fix the code or data that throws " + cls +
                                         " (guard the bad records, or validate the input before the stage).",
                                     "", ""});
        f.confidence = Confidence::kHigh;
        break;
      }
      case FailureCause::kOther:
      case FailureCause::kCount: {
        std::string reason = MostCommon(g.labels);
        f.explanation = head + ", most often with " + reason + tail + " First message: " + excerpt;
        f.recommendations.push_back({"Look at the " + reason + " attempts in the stage's task list for the "
                                     "executor and time they failed.",
                                     "", ""});
        f.confidence = Confidence::kLow;
        break;
      }
    }
    f.saving_core_ms = g.task_ms;
    f.saving_ms = wall_ms;
    f.impact = "About " + HumanDuration(wall_ms) + " of wall clock (" + ShareOfRun(wall_ms, analysis) +
               "): this cause's share (" + HumanDuration(g.task_ms) + ") of the " + HumanDuration(lost_task_ms) +
               " of failed and killed task time, applied to the " + HumanDuration(lost_wall_ms) +
               " the wall-clock breakdown attributes to them; and " + CoreTime(g.task_ms) + ".";
    out->findings.push_back(std::move(f));
  }
}

}  // namespace sparkdx
