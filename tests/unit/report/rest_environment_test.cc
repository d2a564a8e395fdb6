// environment: runtime, the property sections as the History Server shows
// them (last update wins, repeated keys keep their last value, sorted by
// key, secrets redacted), class path entries and resource profiles.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "support/event_log_text.h"
#include "support/executor_event_text.h"
#include "support/rest_answer.h"
#include "support/test_paths.h"
#include "support/analyze_path.h"

namespace sparkdx {
namespace {

using nlohmann::json;
using testing::RestJson;

constexpr int64_t kT0 = 1700000000000;

std::string LogWith(const std::string& events) {
  return testing::LogStartLine() + "\n" + testing::ApplicationStartLine("app-env", kT0) + "\n" + events;
}

TEST(RestEnvironmentTest, SectionsAreSortedDeduplicatedAndRedacted) {
  std::string first = testing::EnvironmentUpdateLine(R"({"Java Version":"8"})", R"({"spark.app.name":"old"})", "{}",
                                                     "{}", "{}", "{}");
  std::string last = testing::EnvironmentUpdateLine(
      R"j({"Java Version":"17.0.9 (Eclipse Adoptium)","Java Home":"/opt/java"})j",
      R"({"spark.master":"yarn","spark.app.name":"etl","spark.hadoop.fs.s3a.secret.key":"abc",)"
      R"("spark.app.name":"etl-2","spark.ssl.keyStorePassword":"x","spark.acl":"uses a Token inside"})",
      R"({"fs.s3a.access.key":"AKIA","fs.defaultFS":"hdfs://nn"})",
      R"({"user.name":"tester","java.vendor":"Eclipse"})", R"({"*.sink.servlet.path":"/metrics/json"})",
      R"({"/opt/spark/jars/b.jar":"System Classpath","/opt/spark/conf/":"System Classpath",)"
      R"("/opt/app/secret-tool.jar":"Added By User"})");
  auto analyzer = testing::AnalyzeLogText(LogWith(first + "\n" + last + "\n"));
  json env = RestJson(*analyzer, "applications/app-env/environment");
  // Spark leaves a runtime value it lacks null: not shown.
  EXPECT_EQ(env["runtime"], json({{"javaVersion", "17.0.9 (Eclipse Adoptium)"}, {"javaHome", "/opt/java"}}));
  const std::string kRedacted = "*********(redacted)";
  EXPECT_EQ(env["sparkProperties"], json::array({json::array({"spark.acl", kRedacted}),
                                                 json::array({"spark.app.name", "etl-2"}),
                                                 json::array({"spark.hadoop.fs.s3a.secret.key", kRedacted}),
                                                 json::array({"spark.master", "yarn"}),
                                                 json::array({"spark.ssl.keyStorePassword", kRedacted})}));
  EXPECT_EQ(env["hadoopProperties"], json::array({json::array({"fs.defaultFS", "hdfs://nn"}),
                                                  json::array({"fs.s3a.access.key", kRedacted})}));
  EXPECT_EQ(env["systemProperties"], json::parse(R"([["java.vendor", "Eclipse"], ["user.name", "tester"]])"));
  EXPECT_EQ(env["metricsProperties"], json::parse(R"([["*.sink.servlet.path", "/metrics/json"]])"));
  // Class path entries are sorted but never redacted.
  EXPECT_EQ(env["classpathEntries"], json::parse(R"([["/opt/app/secret-tool.jar", "Added By User"],
      ["/opt/spark/conf/", "System Classpath"], ["/opt/spark/jars/b.jar", "System Classpath"]])"));
  EXPECT_EQ(env["resourceProfiles"], json::array());

  // Fields in ApplicationEnvironmentInfo's order.
  nlohmann::ordered_json ordered =
      nlohmann::ordered_json::parse(analyzer->Rest("applications/app-env/environment").body);
  std::vector<std::string> keys;
  for (auto it = ordered.begin(); it != ordered.end(); ++it) keys.push_back(it.key());
  EXPECT_EQ(keys, (std::vector<std::string>{"runtime", "sparkProperties", "hadoopProperties", "systemProperties",
                                            "metricsProperties", "classpathEntries", "resourceProfiles"}));
}

TEST(RestEnvironmentTest, ResourceProfilesByIdWithTheirRequests) {
  std::string events =
      testing::ResourceProfileAddedLine(
          2, 2, 6144, 2.0,
          R"(,"gpu":{"Resource Name":"gpu","Amount":2,"Discovery Script":"./getGpus","Vendor":"nvidia.com"})",
          R"(,"gpu":{"Resource Name":"gpu","Amount":0.25})") +
      "\n" + testing::ResourceProfileAddedLine(0, 4, 4096, 1.0) + "\n" +
      testing::EnvironmentUpdateLine("{}", "{}", "{}", "{}", "{}", "{}") + "\n";
  auto analyzer = testing::AnalyzeLogText(LogWith(events));
  RestResponse response = analyzer->Rest("applications/app-env/environment");
  ASSERT_EQ(response.http_status, 200) << response.error;
  json env = json::parse(response.body);
  EXPECT_EQ(env["runtime"], json::object());
  ASSERT_EQ(env["resourceProfiles"].size(), 2u);
  EXPECT_EQ(env["resourceProfiles"][0]["id"], 0);
  EXPECT_EQ(env["resourceProfiles"][1], json::parse(R"({"id": 2,
      "executorResources": {
        "cores": {"resourceName": "cores", "amount": 2, "discoveryScript": "", "vendor": ""},
        "memory": {"resourceName": "memory", "amount": 6144, "discoveryScript": "", "vendor": ""},
        "gpu": {"resourceName": "gpu", "amount": 2, "discoveryScript": "./getGpus", "vendor": "nvidia.com"}},
      "taskResources": {
        "cpus": {"resourceName": "cpus", "amount": 2.0},
        "gpu": {"resourceName": "gpu", "amount": 0.25}}})"));
  // Task amounts are doubles, executor amounts longs, as Jackson writes them.
  EXPECT_NE(response.body.find("\"amount\" : 2.0"), std::string::npos);
  EXPECT_NE(response.body.find("\"amount\" : 6144,"), std::string::npos);
}

TEST(RestEnvironmentTest, NoEnvironmentUpdateIsNotFound) {
  auto analyzer = testing::AnalyzeLogText(LogWith(""));
  RestResponse response = analyzer->Rest("applications/app-env/environment");
  EXPECT_EQ(response.http_status, 404);
  EXPECT_NE(response.error.find("SparkListenerEnvironmentUpdate"), std::string::npos) << response.error;
}

TEST(RestEnvironmentTest, CorpusEnvironmentIsSorted) {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/eventlogs not found: corpus check skipped";
  auto analyzed = testing::AnalyzePath(corpus + "/apache-spark/spark-events/app-20161116163331-0000");
  json env = RestJson(*analyzed.analyzer, "applications/app-20161116163331-0000/environment");
  EXPECT_EQ(env["runtime"]["scalaVersion"], "version 2.11.8");
  ASSERT_EQ(env["sparkProperties"].size(), 26u);
  EXPECT_EQ(env["sparkProperties"][0][0], "spark.app.id");
  for (const char* section : {"sparkProperties", "systemProperties", "classpathEntries"}) {
    const json& pairs = env[section];
    for (size_t i = 1; i < pairs.size(); ++i) {
      EXPECT_LT(pairs[i - 1][0].get<std::string>(), pairs[i][0].get<std::string>()) << section;
    }
  }
}

}  // namespace
}  // namespace sparkdx
