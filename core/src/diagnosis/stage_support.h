// Helpers shared by the stage, task and host rules (rules/stage_*.cc,
// rules/task_*.cc, rules/host_*.cc): how long a stage would take if its work
// were spread differently, how many slots it had, how much data it moved,
// the effective speculation settings, and Spark configuration values as a
// recommendation writes them. Pure functions of the analysis; none prints.
#ifndef SPARKDX_DIAGNOSIS_STAGE_SUPPORT_H_
#define SPARKDX_DIAGNOSIS_STAGE_SUPPORT_H_

#include <cstdint>
#include <string>

#include "analysis/app_analysis.h"

namespace sparkdx {

// The partition size the partitioning rules aim for: Spark's default
// spark.sql.files.maxPartitionBytes and AQE's advisory size in
// spark-rapids-tools (ANCHORS §14.4), the low end of its 128-256 MB band.
inline constexpr int64_t kTargetPartitionBytes = 128 * kMiB;

// How long the stage would have taken with its tasks balanced: the larger of
// the median task times the waves and the total task time over the slots it
// used (the formula stage.task_skew uses, so the two rules agree).
int64_t BalancedSpanMs(const StageTaskStats& stage);

// Executor slots alive on average over [start_ms, end_ms) (at start_ms when
// the interval is empty); 0 when no executor had slots then.
double SlotsAliveDuring(const AppAnalysis& analysis, int64_t start_ms, int64_t end_ms);
// The same over the stage attempt's span, at least 1.
int32_t StageSlots(const AppAnalysis& analysis, const StageTaskStats& stage);

// The host a task attempt ran on ("" when unknown).
std::string TaskHost(const AppStatus& status, const TaskRecord& task);

// Bytes the stage's successful tasks moved, per kind.
struct StageBytes {
  int64_t input = 0;
  int64_t shuffle_read = 0;
  int64_t shuffle_write = 0;
  int64_t output = 0;
  // Dr. Elephant's spill denominator: the largest of the four.
  int64_t Largest() const;
  // What the stage's tasks read (input + shuffle read).
  int64_t Read() const { return input + shuffle_read; }
};
StageBytes StageDataBytes(const StageTaskStats& stage);

// spark.speculation and its tuning, with the version's defaults
// (multiplier 1.5 / quantile 0.75 before Spark 4.0, 3 / 0.9 from it;
// ANCHORS §14.1).
struct SpeculationConf {
  bool enabled = false;
  double multiplier = 1.5;
  double quantile = 0.75;
};
SpeculationConf EffectiveSpeculation(const SparkConf& conf);

// A recorded floating-point property, else `fallback`.
double ConfDoubleOr(const SparkConf& conf, const char* key, double fallback);

// Partitions so that `bytes` split into pieces of about `target_bytes`, at least 1.
int64_t PartitionsFor(int64_t bytes, int64_t target_bytes);

// Bytes as a Spark size string: whole gibibytes when exact ("6g"), else
// mebibytes rounded up ("1536m").
std::string SparkSizeString(int64_t bytes);

// A decimal for a config value: "3", "1.5", "0.9".
std::string ConfNumber(double value);

// A failure message without its stack frames ("\tat ..." lines), on one
// line: what an explanation can quote.
std::string MessageWithoutStackFrames(const std::string& message);

// Core time as text: core-hours from 0.1 core-hour ("2.5 core-hours"),
// else a duration ("42.0 s of core time"), so small savings do not read 0.0.
std::string CoreTime(int64_t slot_ms);

// Estimated time to write `disk_spilled_bytes` and read them back at
// kSpillBytesPerSecond (as the wall-clock breakdown estimates spill).
int64_t EstimatedSpillMs(int64_t disk_spilled_bytes);

// Executor cores as configured, else the median slots of the executors the
// log shows (cluster-manager default), at least 1.
int32_t EffectiveExecutorCores(const AppAnalysis& analysis);

}  // namespace sparkdx

#endif  // SPARKDX_DIAGNOSIS_STAGE_SUPPORT_H_
