// How a scenario changes task times (docs/simulation.md). Both models are
// estimates from the stage's own tasks, stated with their assumptions.
//
// Memory model (executor shape). Spark's unified memory gives a task about
// (heap - 300 MiB) x spark.memory.fraction / slots per executor of
// execution memory. With more per task, a task that spilled loses the
// share of its estimated spill time that the extra memory covers (extra /
// bytes it spilled from memory, at most all of it); with less, a task
// whose peak execution memory no longer fits spills the difference
// (written and read back at kSpillBytesPerSecond). GC time scales with the
// inverse of memory per task, bounded to [kMinGcScale, kMaxGcScale].
//
// Partition model (spark.sql.shuffle.partitions). A stage reading shuffle
// data is re-cut into N tasks sharing its shuffle bytes evenly, each taking
// intercept + bytes x slope, fitted by least squares on the stage's own
// successful tasks. A skewed partition (more than kSkewedPartitionFactor
// times the median bytes: a hot key, which cannot be split) keeps its
// bytes and observed time when it exceeds the even share.
#ifndef SPARKDX_SIMULATE_TASK_MODELS_H_
#define SPARKDX_SIMULATE_TASK_MODELS_H_

#include <cstdint>
#include <vector>

#include "simulate/workload.h"

namespace sparkdx::simulate {

inline constexpr double kMinGcScale = 0.5;
inline constexpr double kMaxGcScale = 2.0;
// A partition this many times the stage's median bytes is a hot key: well
// past the spread hashing gives evenly distributed keys.
inline constexpr double kSkewedPartitionFactor = 5.0;

// Execution memory per task slot before and after the change, bytes.
struct MemoryChange {
  int64_t observed_bytes_per_task = 0;
  int64_t new_bytes_per_task = 0;
};

// The task's time under the change (successful attempts only; others keep
// their time). Never negative.
int64_t TaskMsWithMemory(const SimTask& task, const MemoryChange& change);

// Spark's unified execution memory per task slot.
int64_t ExecutionMemoryPerTaskBytes(int64_t executor_memory_bytes, double memory_fraction, int32_t slots_per_executor);

struct TaskTimeFit {
  double intercept_ms = 0;
  double ms_per_byte = 0;
  double rms_residual_ms = 0;
  double mean_ms = 0;
  int64_t tasks = 0;
  bool by_least_squares = false;  // else proportional (too few tasks or no spread in bytes)
};

// Fitted on the successful tasks; intercept and slope are kept >= 0.
TaskTimeFit FitTaskTime(const std::vector<SimTask>& tasks);

// Task times of the stage re-cut into `partitions` tasks (successful work
// only; the caller keeps failed attempts as they were).
std::vector<int64_t> RepartitionedTaskMs(const std::vector<SimTask>& tasks, const TaskTimeFit& fit, int32_t partitions);

}  // namespace sparkdx::simulate

#endif  // SPARKDX_SIMULATE_TASK_MODELS_H_
