// environment: Spark's ApplicationEnvironmentInfo, with the resource
// profiles the application declared.
//
// As the History Server answers it: the last environment update, each
// property section with a key given twice keeping its last value, values
// redacted when key or value looks secret (spark.redaction.regex at its
// default), every section sorted by key (class path entries too, not
// redacted); resource profiles by id.
#include <algorithm>
#include <cctype>

#include "report/rest/jackson_writer.h"
#include "report/rest/rest_endpoints.h"
#include "report/rest/rest_map_order.h"
#include "report/rest/spark_redaction.h"

namespace sparkdx {
namespace {

using Pairs = std::vector<std::pair<std::string, std::string>>;

// Spark reads a section into a map (a repeated key keeps its last value)
// and sorts it by key (UTF-8 byte order here: Java's unless keys mix
// characters of U+E000..U+FFFF with ones beyond U+FFFF).
Pairs SortedSection(const Pairs& pairs) {
  Pairs sorted = pairs;
  std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  Pairs kept;
  for (size_t i = 0; i < sorted.size(); ++i) {
    bool repeated_later = i + 1 < sorted.size() && sorted[i + 1].first == sorted[i].first;
    if (!repeated_later) kept.push_back(std::move(sorted[i]));
  }
  return kept;
}

RestJson SectionJson(const Pairs& pairs, bool redact) {
  RestJson json = RestJson::array();
  for (const auto& [key, value] : SortedSection(pairs)) {
    json.push_back(RestJson::array({key, redact ? SparkRedactedValue(key, value) : value}));
  }
  return json;
}

// A request map of a profile, its keys in the order Spark iterates the
// Scala Map it reads them into (a repeated name keeps its last request).
template <typename Request, typename ToJson>
RestJson RequestMapJson(const std::vector<std::pair<std::string, Request>>& requests, ToJson to_json) {
  std::vector<std::pair<std::string, const Request*>> unique;
  for (const auto& pair : requests) {
    auto known =
        std::find_if(unique.begin(), unique.end(), [&](const auto& kept) { return kept.first == pair.first; });
    if (known != unique.end()) {
      known->second = &pair.second;
    } else {
      unique.emplace_back(pair.first, &pair.second);
    }
  }
  std::vector<int32_t> hashes;
  for (const auto& [name, request] : unique) hashes.push_back(JavaStringHash(name));
  RestJson json = RestJson::object();
  for (size_t i : ScalaImmutableMapOrder(hashes)) json[unique[i].first] = to_json(*unique[i].second);
  return json;
}

RestJson ResourceProfileJson(const ResourceProfileEvent& profile) {
  RestJson executor = RequestMapJson(profile.executor_resources, [](const ExecutorResourceRequest& request) {
    return RestJson{{"resourceName", request.resource_name},
                    {"amount", request.amount},
                    {"discoveryScript", request.discovery_script},
                    {"vendor", request.vendor}};
  });
  RestJson task = RequestMapJson(profile.task_resources, [](const TaskResourceRequest& request) {
    return RestJson{{"resourceName", request.resource_name}, {"amount", request.amount}};
  });
  return RestJson{{"id", profile.id}, {"executorResources", std::move(executor)}, {"taskResources", std::move(task)}};
}

}  // namespace

RestResponse Environment(const RestCall& call) {
  const AppStatus& status = *call.attempt;
  const EnvironmentData& env = status.environment;
  if (!env.present) return RestNotFound("no environment information: the log has no SparkListenerEnvironmentUpdate");
  // Values Spark leaves null are not written.
  RestJson runtime = RestJson::object();
  if (env.java_version) runtime["javaVersion"] = *env.java_version;
  if (env.java_home) runtime["javaHome"] = *env.java_home;
  if (env.scala_version) runtime["scalaVersion"] = *env.scala_version;
  RestJson profiles = RestJson::array();
  for (const auto& [id, profile] : status.resource_profiles) profiles.push_back(ResourceProfileJson(profile));
  RestJson json = RestJson::object();
  json["runtime"] = std::move(runtime);
  json["sparkProperties"] = SectionJson(env.spark_properties, true);
  json["hadoopProperties"] = SectionJson(env.hadoop_properties, true);
  json["systemProperties"] = SectionJson(env.system_properties, true);
  json["metricsProperties"] = SectionJson(env.metrics_properties, true);
  json["classpathEntries"] = SectionJson(env.classpath_entries, false);
  json["resourceProfiles"] = std::move(profiles);
  return RestOk(json);
}

}  // namespace sparkdx
