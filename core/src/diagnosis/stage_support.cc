#include "diagnosis/stage_support.h"

#include "base/saturating.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "diagnosis/rule_support.h"

namespace sparkdx {

int64_t BalancedSpanMs(const StageTaskStats& s) {
  int64_t usable = std::max<int64_t>(1, std::min<int64_t>(s.succeeded, s.peak_concurrency));
  int64_t waves = (s.succeeded + usable - 1) / usable;
  return std::max(SatMul(s.Of(TaskQuantity::kDurationMs).median, waves), s.succeeded_task_ms / usable);
}

double SlotsAliveDuring(const AppAnalysis& analysis, int64_t start_ms, int64_t end_ms) {
  if (end_ms <= start_ms) {
    int64_t slots = 0;
    for (const ExecutorSlots& e : analysis.slots.executors) {
      if (e.start_ms <= start_ms && start_ms < e.end_ms) slots += e.slots;
    }
    return static_cast<double>(slots);
  }
  double slot_ms = 0;
  for (const ExecutorSlots& e : analysis.slots.executors) {
    int64_t from = std::max(start_ms, e.start_ms);
    int64_t to = std::min(end_ms, e.end_ms);
    if (to > from) slot_ms += static_cast<double>(to - from) * e.slots;
  }
  return slot_ms / static_cast<double>(end_ms - start_ms);
}

int32_t StageSlots(const AppAnalysis& analysis, const StageTaskStats& stage) {
  double alive = SlotsAliveDuring(analysis, stage.first_launch_ms, stage.last_finish_ms);
  // Tasks may run on slots the log does not show (executor cores missing).
  return std::max<int32_t>({1, static_cast<int32_t>(std::lround(alive)), stage.peak_concurrency});
}

std::string TaskHost(const AppStatus& status, const TaskRecord& task) {
  if (task.host_id >= 0 && static_cast<size_t>(task.host_id) < status.task_hosts.size()) {
    return status.task_hosts[task.host_id];
  }
  if (task.executor < status.executor_task_hosts.size()) {
    int32_t usual = status.executor_task_hosts[task.executor];
    if (usual >= 0 && static_cast<size_t>(usual) < status.task_hosts.size()) return status.task_hosts[usual];
  }
  return task.executor < status.executors.size() ? status.executors[task.executor].host : "";
}

int64_t StageBytes::Largest() const { return std::max({input, shuffle_read, shuffle_write, output}); }

StageBytes StageDataBytes(const StageTaskStats& s) {
  StageBytes b;
  b.input = s.Of(TaskQuantity::kInputBytes).sum;
  b.shuffle_read = s.Of(TaskQuantity::kShuffleReadBytes).sum;
  b.shuffle_write = s.Of(TaskQuantity::kShuffleWriteBytes).sum;
  b.output = s.Of(TaskQuantity::kOutputBytes).sum;
  return b;
}

double ConfDoubleOr(const SparkConf& conf, const char* key, double fallback) {
  std::optional<std::string> value = conf.Get(key);
  if (!value) return fallback;
  char* end = nullptr;
  double v = std::strtod(value->c_str(), &end);
  if (end == value->c_str() || !std::isfinite(v)) return fallback;
  return v;
}

SpeculationConf EffectiveSpeculation(const SparkConf& conf) {
  SpeculationConf s;
  bool spark4 = conf.version().AtLeast(4, 0);
  s.enabled = conf.BoolOr("spark.speculation", false);
  s.multiplier = ConfDoubleOr(conf, "spark.speculation.multiplier", spark4 ? 3.0 : 1.5);
  s.quantile = ConfDoubleOr(conf, "spark.speculation.quantile", spark4 ? 0.9 : 0.75);
  return s;
}

int64_t PartitionsFor(int64_t bytes, int64_t target_bytes) {
  if (bytes <= 0 || target_bytes <= 0) return 1;
  return std::max<int64_t>(1, (bytes + target_bytes - 1) / target_bytes);
}

std::string SparkSizeString(int64_t bytes) {
  if (bytes >= kGiB && bytes % kGiB == 0) return std::to_string(bytes / kGiB) + "g";
  return std::to_string(std::max<int64_t>(1, (bytes + kMiB - 1) / kMiB)) + "m";
}

std::string ConfNumber(double value) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", value);
  std::string text = buffer;
  while (!text.empty() && text.back() == '0') text.pop_back();
  if (!text.empty() && text.back() == '.') text.pop_back();
  return text;
}

std::string MessageWithoutStackFrames(const std::string& message) {
  std::string out;
  size_t start = 0;
  while (start <= message.size()) {
    size_t end = message.find('\n', start);
    if (end == std::string::npos) end = message.size();
    std::string_view line(message.data() + start, end - start);
    size_t first = line.find_first_not_of(" \t\r");
    bool frame = first != std::string_view::npos && line.substr(first).rfind("at ", 0) == 0;
    if (!frame && first != std::string_view::npos) {
      if (!out.empty()) out += ' ';
      out += line.substr(first);
    }
    start = end + 1;
  }
  return out;
}

std::string CoreTime(int64_t slot_ms) {
  constexpr int64_t kTenthCoreHourMs = 360'000;
  if (slot_ms >= kTenthCoreHourMs) return CoreHours(slot_ms);
  return HumanDuration(slot_ms) + " of core time";
}

int64_t EstimatedSpillMs(int64_t disk_spilled_bytes) {
  return static_cast<int64_t>(std::llround(2.0 * static_cast<double>(disk_spilled_bytes) / kSpillBytesPerSecond * 1000));
}

int32_t EffectiveExecutorCores(const AppAnalysis& analysis) {
  int32_t configured = analysis.conf.executor_cores();
  if (configured > 0) return configured;
  std::vector<int32_t> slots;
  for (const ExecutorSlots& e : analysis.slots.executors) slots.push_back(e.slots);
  if (slots.empty()) return 1;
  std::sort(slots.begin(), slots.end());
  return std::max(1, slots[slots.size() / 2] * analysis.conf.task_cpus());
}

}  // namespace sparkdx
