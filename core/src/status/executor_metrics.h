// ExecutorMetrics: Spark's executor-level metric values (memory pools, process
// tree sizes, GC counts and times), one slot per row of executor_metrics.inc.
// Used for peak values per executor, per stage and per executor within a
// stage, as Spark's status listener keeps them, and for the values events
// carry.
#ifndef SPARKDX_STATUS_EXECUTOR_METRICS_H_
#define SPARKDX_STATUS_EXECUTOR_METRICS_H_

#include <array>
#include <cstdint>
#include <string_view>

namespace sparkdx {

enum class ExecutorMetric : uint8_t {
#define SPARKDX_EXECUTOR_METRIC(e, name) e,
#include "status/executor_metrics.inc"
#undef SPARKDX_EXECUTOR_METRIC
  kCount
};
inline constexpr int kExecutorMetricCount = static_cast<int>(ExecutorMetric::kCount);

std::string_view ExecutorMetricName(int index);
// -1 when `name` is not a known metric.
int ExecutorMetricIndex(std::string_view name);

// Metric values as Spark's ExecutorMetrics holds them. A fresh one has
// recorded nothing, which Spark marks with -1 in the first slot (isSet()
// tests exactly that); metrics read from an event are always "set", absent
// names reading as 0 (JsonProtocol.executorMetricsFromJson).
struct ExecutorMetrics {
  std::array<int64_t, kExecutorMetricCount> values = UnsetValues();

  // What an event carries: every metric 0 until read.
  static ExecutorMetrics Zeros() {
    ExecutorMetrics zeros;
    zeros.values.fill(0);
    return zeros;
  }
  // Spark's ExecutorMetrics.isSet: some value has been recorded.
  bool IsSet() const { return values[0] > -1; }
  // Raises every value below the corresponding one in `other`; returns
  // whether anything changed (Spark's compareAndUpdatePeakValues).
  bool UpdatePeaks(const ExecutorMetrics& other) {
    bool changed = false;
    for (int i = 0; i < kExecutorMetricCount; ++i) {
      if (other.values[i] > values[i]) {
        values[i] = other.values[i];
        changed = true;
      }
    }
    return changed;
  }
  int64_t operator[](ExecutorMetric m) const { return values[static_cast<int>(m)]; }

 private:
  static constexpr std::array<int64_t, kExecutorMetricCount> UnsetValues() {
    std::array<int64_t, kExecutorMetricCount> unset{};
    unset[0] = -1;
    return unset;
  }
};

}  // namespace sparkdx

#endif  // SPARKDX_STATUS_EXECUTOR_METRICS_H_
