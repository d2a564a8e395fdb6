#include "analysis/spark_conf.h"

#include <algorithm>
#include <cctype>
#include <cstdlib>

namespace sparkdx {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string_view Trim(std::string_view text) {
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.front()))) text.remove_prefix(1);
  while (!text.empty() && std::isspace(static_cast<unsigned char>(text.back()))) text.remove_suffix(1);
  return text;
}

}  // namespace

SparkVersion ParseSparkVersion(std::string_view text) {
  SparkVersion v;
  size_t i = 0;
  auto number = [&](int* out) {
    size_t begin = i;
    int value = 0;
    while (i < text.size() && std::isdigit(static_cast<unsigned char>(text[i])) && i - begin < 6) {
      value = value * 10 + (text[i++] - '0');
    }
    *out = value;
    return i > begin;
  };
  if (!number(&v.major)) return v;
  if (i < text.size() && text[i] == '.') {
    ++i;
    number(&v.minor);
  }
  v.known = true;
  return v;
}

std::optional<int64_t> ParseSparkBytes(std::string_view text, int64_t bare_unit_bytes) {
  std::string s = Lower(Trim(text));
  if (s.empty()) return std::nullopt;
  size_t digits = 0;
  while (digits < s.size() && std::isdigit(static_cast<unsigned char>(s[digits]))) ++digits;
  if (digits == 0 || digits > 15) return std::nullopt;
  int64_t value = std::strtoll(s.substr(0, digits).c_str(), nullptr, 10);
  std::string unit = s.substr(digits);
  int64_t multiplier = 0;
  if (unit.empty()) multiplier = bare_unit_bytes;
  else if (unit == "b") multiplier = 1;
  else if (unit == "k" || unit == "kb") multiplier = 1024;
  else if (unit == "m" || unit == "mb") multiplier = kMiB;
  else if (unit == "g" || unit == "gb") multiplier = kGiB;
  else if (unit == "t" || unit == "tb") multiplier = 1024 * kGiB;
  else if (unit == "p" || unit == "pb") multiplier = 1024 * 1024 * kGiB;
  else return std::nullopt;
  // Sizes above a pebibyte are a damaged setting; refusing them keeps every
  // computation with them in range.
  constexpr int64_t kMaxSizeBytes = int64_t{1} << 50;
  if (value > kMaxSizeBytes / multiplier) return std::nullopt;
  return value * multiplier;
}

SparkConf::SparkConf(const EnvironmentData& environment, SparkVersion version) : version_(version) {
  for (const auto& [key, value] : environment.spark_properties) properties_[key] = value;
}

std::optional<std::string> SparkConf::Get(std::string_view key) const {
  auto it = properties_.find(key);
  if (it == properties_.end()) return std::nullopt;
  return it->second;
}

bool SparkConf::BoolOr(std::string_view key, bool fallback) const {
  std::optional<std::string> value = Get(key);
  if (!value) return fallback;
  std::string v = Lower(Trim(*value));
  if (v == "true") return true;
  if (v == "false") return false;
  return fallback;
}

int64_t SparkConf::IntOr(std::string_view key, int64_t fallback) const {
  std::optional<std::string> value = Get(key);
  if (!value) return fallback;
  std::string_view v = Trim(*value);
  if (v.empty() || v.size() > 18) return fallback;
  for (char c : v) {
    if (!std::isdigit(static_cast<unsigned char>(c)) && c != '-') return fallback;
  }
  // Counts beyond int32 (cores, partitions, executors) are a damaged setting.
  int64_t parsed = std::strtoll(std::string(v).c_str(), nullptr, 10);
  return parsed > INT32_MAX || parsed < -INT32_MAX ? fallback : parsed;
}

int64_t SparkConf::BytesOr(std::string_view key, int64_t bare_unit_bytes, int64_t fallback) const {
  std::optional<std::string> value = Get(key);
  if (!value) return fallback;
  return ParseSparkBytes(*value, bare_unit_bytes).value_or(fallback);
}

int64_t SparkConf::executor_memory_bytes() const { return BytesOr("spark.executor.memory", kMiB, kGiB); }

int64_t SparkConf::executor_overhead_bytes() const {
  int64_t fallback = std::max(kSparkMinOverheadBytes,
                              static_cast<int64_t>(static_cast<double>(executor_memory_bytes()) * kSparkOverheadFactor));
  int64_t legacy = BytesOr("spark.yarn.executor.memoryOverhead", kMiB, fallback);
  return BytesOr("spark.executor.memoryOverhead", kMiB, legacy);
}

int32_t SparkConf::executor_cores() const { return static_cast<int32_t>(IntOr("spark.executor.cores", 0)); }
int32_t SparkConf::task_cpus() const { return static_cast<int32_t>(std::max<int64_t>(1, IntOr("spark.task.cpus", 1))); }
int64_t SparkConf::driver_memory_bytes() const { return BytesOr("spark.driver.memory", kMiB, kGiB); }
bool SparkConf::adaptive_enabled() const { return BoolOr("spark.sql.adaptive.enabled", version_.AtLeast(3, 2)); }
int32_t SparkConf::shuffle_partitions() const {
  return static_cast<int32_t>(IntOr("spark.sql.shuffle.partitions", 200));
}
bool SparkConf::dynamic_allocation() const { return BoolOr("spark.dynamicAllocation.enabled", false); }

double SparkConf::memory_fraction() const {
  std::optional<std::string> value = Get("spark.memory.fraction");
  if (!value) return 0.6;
  double v = std::strtod(value->c_str(), nullptr);
  return v > 0 && v <= 1 ? v : 0.6;
}

int64_t SparkConf::broadcast_threshold_bytes() const {
  std::optional<std::string> value = Get("spark.sql.autoBroadcastJoinThreshold");
  if (value && Trim(*value) == "-1") return -1;
  return BytesOr("spark.sql.autoBroadcastJoinThreshold", 1, 10 * kMiB);
}

}  // namespace sparkdx
