// SparkConf: the application's effective Spark configuration as the
// diagnosis rules need it: the properties the log recorded, falling back to
// the defaults of the application's Spark version. Size and time values
// are parsed the way Spark parses them ("4g", "512m", "300s").
#ifndef SPARKDX_ANALYSIS_SPARK_CONF_H_
#define SPARKDX_ANALYSIS_SPARK_CONF_H_

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "status/app_status.h"

namespace sparkdx {

struct SparkVersion {
  int major = 0;
  int minor = 0;
  bool known = false;
  bool AtLeast(int want_major, int want_minor) const {
    return known && (major > want_major || (major == want_major && minor >= want_minor));
  }
};
// "3.5.1", "3.1.1.119", "2.4.0-SNAPSHOT"; unknown when it does not start with digits.
SparkVersion ParseSparkVersion(std::string_view text);

// Spark's byte strings: a number with an optional unit b, k/kb, m/mb, g/gb,
// t/tb, p/pb (binary multiples); a bare number is in `bare_unit_bytes`.
std::optional<int64_t> ParseSparkBytes(std::string_view text, int64_t bare_unit_bytes);

class SparkConf {
 public:
  SparkConf(const EnvironmentData& environment, SparkVersion version);

  // The recorded value, if any.
  std::optional<std::string> Get(std::string_view key) const;
  bool Has(std::string_view key) const { return Get(key).has_value(); }
  // The recorded value parsed, else `fallback` (also when unparsable).
  bool BoolOr(std::string_view key, bool fallback) const;
  int64_t IntOr(std::string_view key, int64_t fallback) const;
  int64_t BytesOr(std::string_view key, int64_t bare_unit_bytes, int64_t fallback) const;

  const SparkVersion& version() const { return version_; }

  // Effective values with Spark's defaults for this version.
  int64_t executor_memory_bytes() const;    // spark.executor.memory, default 1g
  int64_t executor_overhead_bytes() const;  // spark.executor.memoryOverhead, default max(10%, 384m)
  int32_t executor_cores() const;           // spark.executor.cores, 0 when unset (cluster-manager default)
  int32_t task_cpus() const;                // spark.task.cpus, default 1
  int64_t driver_memory_bytes() const;      // spark.driver.memory, default 1g
  bool adaptive_enabled() const;            // spark.sql.adaptive.enabled: default on from 3.2
  int32_t shuffle_partitions() const;       // spark.sql.shuffle.partitions, default 200
  bool dynamic_allocation() const;          // spark.dynamicAllocation.enabled
  double memory_fraction() const;           // spark.memory.fraction, default 0.6
  int64_t broadcast_threshold_bytes() const;  // spark.sql.autoBroadcastJoinThreshold, default 10m

 private:
  std::map<std::string, std::string, std::less<>> properties_;
  SparkVersion version_;
};

inline constexpr int64_t kMiB = 1024 * 1024;
inline constexpr int64_t kGiB = 1024 * kMiB;
// Spark's reserved system memory and minimum overhead (YARN, Kubernetes).
inline constexpr int64_t kSparkReservedMemoryBytes = 300 * kMiB;
inline constexpr int64_t kSparkMinOverheadBytes = 384 * kMiB;
inline constexpr double kSparkOverheadFactor = 0.10;

}  // namespace sparkdx

#endif  // SPARKDX_ANALYSIS_SPARK_CONF_H_
