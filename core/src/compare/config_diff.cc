// The configuration diff: Spark properties added, removed or changed
// between the runs, leaving out keys that differ on every run of the same
// job (ids, times, ports, hosts). kVolatileConfigKeys is the one table of
// them; docs/compare.md lists it (a test keeps the two equal).
#include "compare/comparison.h"
#include "compare/volatile_config_keys.h"

namespace sparkdx {

bool IsVolatileConfigKey(std::string_view key) {
  for (const VolatileConfigKey& row : kVolatileConfigKeys) {
    std::string_view pattern = row.pattern;
    bool hit = row.match == VolatileMatch::kExact    ? key == pattern
               : row.match == VolatileMatch::kPrefix ? key.substr(0, pattern.size()) == pattern
                                                      : key.find(pattern) != std::string_view::npos;
    if (hit) return true;
  }
  return false;
}

ConfigDiff DiffConfig(const RunView& baseline, const RunView& candidate) {
  ConfigDiff diff;
  diff.available = baseline.has_spark_properties && candidate.has_spark_properties;
  if (!diff.available) return diff;
  const auto& b = baseline.spark_properties;
  const auto& c = candidate.spark_properties;
  for (const auto& [key, value] : b) {
    auto other = c.find(key);
    if (other != c.end() && other->second == value) continue;
    if (IsVolatileConfigKey(key)) {
      ++diff.ignored;
    } else if (other == c.end()) {
      diff.removed.push_back({key, value, std::nullopt});
    } else {
      diff.changed.push_back({key, value, other->second});
    }
  }
  for (const auto& [key, value] : c) {
    if (b.count(key) > 0) continue;
    if (IsVolatileConfigKey(key)) ++diff.ignored;
    else diff.added.push_back({key, std::nullopt, value});
  }
  return diff;
}

}  // namespace sparkdx
