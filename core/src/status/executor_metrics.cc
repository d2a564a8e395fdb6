#include "status/executor_metrics.h"

namespace sparkdx {
namespace {

constexpr std::string_view kNames[] = {
#define SPARKDX_EXECUTOR_METRIC(e, name) name,
#include "status/executor_metrics.inc"
#undef SPARKDX_EXECUTOR_METRIC
};

}  // namespace

std::string_view ExecutorMetricName(int index) { return kNames[index]; }

int ExecutorMetricIndex(std::string_view name) {
  for (int i = 0; i < kExecutorMetricCount; ++i) {
    if (kNames[i] == name) return i;
  }
  return -1;
}

}  // namespace sparkdx
