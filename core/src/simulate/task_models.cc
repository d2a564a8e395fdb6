#include "simulate/task_models.h"

#include <algorithm>
#include <cmath>

#include "analysis/spark_conf.h"
#include "analysis/wall_clock_breakdown.h"
#include "base/saturating.h"

namespace sparkdx::simulate {

int64_t ExecutionMemoryPerTaskBytes(int64_t executor_memory_bytes, double memory_fraction, int32_t slots_per_executor) {
  double usable = static_cast<double>(std::max<int64_t>(0, executor_memory_bytes - kSparkReservedMemoryBytes));
  return ClampToInt64(usable * memory_fraction / std::max(1, slots_per_executor));
}

int64_t TaskMsWithMemory(const SimTask& task, const MemoryChange& change) {
  if (!task.successful || change.observed_bytes_per_task <= 0 || change.new_bytes_per_task <= 0) return task.duration_ms;
  double ms = static_cast<double>(task.duration_ms);
  double extra = static_cast<double>(change.new_bytes_per_task - change.observed_bytes_per_task);
  if (extra > 0 && task.spill_ms > 0) {
    double covered = task.memory_spilled_bytes > 0 ? std::min(1.0, extra / static_cast<double>(task.memory_spilled_bytes)) : 1.0;
    ms -= covered * static_cast<double>(task.spill_ms);
  } else if (extra < 0 && task.peak_execution_bytes > change.new_bytes_per_task) {
    // What no longer fits is spilled: written once, read back once.
    double no_longer_fits = static_cast<double>(std::min(task.peak_execution_bytes, change.observed_bytes_per_task) -
                                                change.new_bytes_per_task);
    if (no_longer_fits > 0) ms += 2.0 * no_longer_fits / kSpillBytesPerSecond * 1000.0;
  }
  double gc_scale = std::clamp(static_cast<double>(change.observed_bytes_per_task) / static_cast<double>(change.new_bytes_per_task),
                               kMinGcScale, kMaxGcScale);
  ms += static_cast<double>(task.gc_ms) * (gc_scale - 1.0);
  return std::clamp<int64_t>(ClampToInt64(std::round(ms)), 0, kMaxTaskQuantity);
}

TaskTimeFit FitTaskTime(const std::vector<SimTask>& tasks) {
  TaskTimeFit fit;
  double n = 0, sx = 0, sy = 0, sxx = 0, sxy = 0;
  for (const SimTask& t : tasks) {
    if (!t.successful) continue;
    double x = static_cast<double>(t.shuffle_read_bytes), y = static_cast<double>(t.duration_ms);
    n += 1;
    sx += x;
    sy += y;
    sxx += x * x;
    sxy += x * y;
  }
  fit.tasks = static_cast<int64_t>(n);
  if (n == 0) return fit;
  fit.mean_ms = sy / n;
  double variance = sxx / n - (sx / n) * (sx / n);
  if (n >= 3 && variance > 0) {
    fit.ms_per_byte = (sxy / n - (sx / n) * (sy / n)) / variance;
    fit.intercept_ms = sy / n - fit.ms_per_byte * sx / n;
    fit.by_least_squares = true;
    if (fit.ms_per_byte < 0) {  // time does not grow with bytes: a constant per task
      fit.ms_per_byte = 0;
      fit.intercept_ms = sy / n;
    } else if (fit.intercept_ms < 0) {  // through the origin
      fit.intercept_ms = 0;
      fit.ms_per_byte = sxx > 0 ? sxy / sxx : 0;
    }
  } else {
    fit.ms_per_byte = sx > 0 ? sy / sx : 0;
    fit.intercept_ms = sx > 0 ? 0 : sy / n;
  }
  double squares = 0;
  for (const SimTask& t : tasks) {
    if (!t.successful) continue;
    double r = static_cast<double>(t.duration_ms) - (fit.intercept_ms + fit.ms_per_byte * static_cast<double>(t.shuffle_read_bytes));
    squares += r * r;
  }
  fit.rms_residual_ms = std::sqrt(squares / n);
  return fit;
}

std::vector<int64_t> RepartitionedTaskMs(const std::vector<SimTask>& tasks, const TaskTimeFit& fit, int32_t partitions) {
  std::vector<int64_t> out;
  if (partitions <= 0) return out;
  double bytes = 0, largest_bytes = -1;
  int64_t largest_ms = 0;
  for (const SimTask& t : tasks) {
    if (!t.successful) continue;
    bytes += static_cast<double>(t.shuffle_read_bytes);
    if (static_cast<double>(t.shuffle_read_bytes) > largest_bytes) {
      largest_bytes = static_cast<double>(t.shuffle_read_bytes);
      largest_ms = t.duration_ms;
    }
  }
  auto model_ms = [&](double b) {
    return std::clamp<int64_t>(ClampToInt64(std::round(fit.intercept_ms + fit.ms_per_byte * b)), 0, kMaxTaskQuantity);
  };
  std::vector<int64_t> sizes;
  for (const SimTask& t : tasks) {
    if (t.successful) sizes.push_back(t.shuffle_read_bytes);
  }
  int64_t median = 0;
  if (!sizes.empty()) {
    std::nth_element(sizes.begin(), sizes.begin() + static_cast<std::ptrdiff_t>((sizes.size() - 1) / 2), sizes.end());
    median = sizes[(sizes.size() - 1) / 2];
  }
  double even = bytes / partitions;
  bool skewed = largest_bytes > kSkewedPartitionFactor * static_cast<double>(median);
  out.reserve(static_cast<size_t>(partitions));
  if (partitions > 1 && skewed && largest_bytes > even) {
    out.push_back(largest_ms);
    double rest = (bytes - largest_bytes) / (partitions - 1);
    out.insert(out.end(), static_cast<size_t>(partitions - 1), model_ms(rest));
  } else {
    out.assign(static_cast<size_t>(partitions), model_ms(even));
  }
  return out;
}

}  // namespace sparkdx::simulate
