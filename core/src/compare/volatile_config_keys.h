// Spark properties that change on every run of the same job, so a
// configuration diff ignores them. One table; docs/compare.md lists it.
// To add one: a row here (exact key, prefix or substring, and why), and the
// same row in docs/compare.md's table (tests/unit/compare checks they agree).
#ifndef SPARKDX_COMPARE_VOLATILE_CONFIG_KEYS_H_
#define SPARKDX_COMPARE_VOLATILE_CONFIG_KEYS_H_

#include <string_view>

namespace sparkdx {

enum class VolatileMatch { kExact, kPrefix, kContains };

struct VolatileConfigKey {
  const char* pattern;
  VolatileMatch match;
  const char* why;
};

inline constexpr VolatileConfigKey kVolatileConfigKeys[] = {
    {"spark.app.id", VolatileMatch::kExact, "a new id per run"},
    {"spark.app.attempt.id", VolatileMatch::kExact, "a new attempt per run"},
    {"spark.app.startTime", VolatileMatch::kExact, "the start time"},
    {"spark.app.submitTime", VolatileMatch::kExact, "the submission time"},
    {"spark.app.initial.jar.urls", VolatileMatch::kExact, "served by the driver's host and port"},
    {"spark.app.initial.file.urls", VolatileMatch::kExact, "served by the driver's host and port"},
    {"spark.driver.host", VolatileMatch::kExact, "the driver's host name"},
    {"spark.driver.port", VolatileMatch::kExact, "a random port"},
    {"spark.driver.appUIAddress", VolatileMatch::kExact, "the driver's host and UI port"},
    {"spark.blockManager.port", VolatileMatch::kExact, "a random port when unset"},
    {"spark.ui.proxyBase", VolatileMatch::kExact, "holds the application id"},
    {"spark.repl.class.uri", VolatileMatch::kExact, "the driver's host and port"},
    {"spark.repl.class.outputDir", VolatileMatch::kExact, "a temporary directory"},
    {"spark.yarn.app.id", VolatileMatch::kExact, "a new id per run"},
    {"spark.yarn.app.container.log.dir", VolatileMatch::kExact, "holds the container id"},
    {"spark.kubernetes.driver.pod.name", VolatileMatch::kExact, "a new pod per run"},
    {"spark.kubernetes.executor.podNamePrefix", VolatileMatch::kExact, "a new prefix per run"},
    {"spark.databricks.clusterUsageTags.", VolatileMatch::kPrefix, "cluster ids, names and times"},
    {".amfilter.AmIpFilter.param.PROXY_", VolatileMatch::kContains, "YARN proxy hosts and URIs with the app id"},
};

bool IsVolatileConfigKey(std::string_view key);

}  // namespace sparkdx

#endif  // SPARKDX_COMPARE_VOLATILE_CONFIG_KEYS_H_
