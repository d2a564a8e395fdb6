// RedactReport on documents, and --redact end to end through the Analyzer
// with a log full of identifying and hostile strings.
#include "redact/redact_report.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "sparkdx/analyzer.h"

namespace sparkdx::redact {
namespace {

using Json = nlohmann::ordered_json;

TEST(RedactReport, NewFieldsAreRedactedByDefaultAndSafeKeysKept) {
  Json report = Json::parse(R"({
    "schema_version": 1, "generator": "sparkdx 0.1.0",
    "applications": [{
      "id": "application_1_2", "name": "Payroll", "user": "alice", "tasks": 42,
      "findings": [{"rule_id": "stage.spill", "severity": "warning", "unit": "ms",
                    "explanation": "executor on 10.1.2.3 spilled /data/alice/tmp"}],
      "checks_passed": ["app.idle_cores"],
      "some_future_field": {"where": "db7.acme.internal", "list": ["s3://bucket/key", 7]},
      "spark_properties": {"spark.hadoop.fs.s3a.secret.key": "AKIA-very-secret", "spark.executor.cores": "4"},
      "pairs": [{"key": "spark.ssl.keyPassword", "value": "hunter22"}, ["spark.authenticate.secret", "s3cr3t"]],
      "alice": 3
    }],
    "issues": [{"kind": "malformed_json", "message": "x", "excerpt": "{\"User\":\"alice\""}]
  })");
  RedactionDictionary dictionary;
  dictionary.Add("application_1_2", RedactionKind::kApp);
  dictionary.Add("Payroll", RedactionKind::kAppName);
  dictionary.Add("alice", RedactionKind::kUser);
  RedactReport(&report, &dictionary);
  const Json& app = report["applications"][0];
  EXPECT_EQ(report.begin().key(), "schema_version");
  EXPECT_EQ(std::next(report.begin(), 2).key(), "redacted");
  EXPECT_EQ(report["redacted"], true);
  EXPECT_EQ(app["id"], "app-1");
  EXPECT_EQ(app["name"], "app-name-1");
  EXPECT_EQ(app["user"], "user-1");
  EXPECT_EQ(app["tasks"], 42);
  EXPECT_EQ(app["findings"][0]["rule_id"], "stage.spill");
  EXPECT_EQ(app["findings"][0]["explanation"], "executor on ip-1 spilled path-1");
  EXPECT_EQ(app["checks_passed"][0], "app.idle_cores");
  EXPECT_EQ(app["some_future_field"]["where"], "host-1");
  EXPECT_EQ(app["some_future_field"]["list"], Json::parse(R"(["path-2", 7])"));
  EXPECT_EQ(app["spark_properties"]["spark.hadoop.fs.s3a.secret.key"], "<redacted>");
  EXPECT_EQ(app["spark_properties"]["spark.executor.cores"], "4");
  EXPECT_EQ(app["pairs"][0]["value"], "<redacted>");
  EXPECT_EQ(app["pairs"][0]["key"], "spark.ssl.keyPassword");
  EXPECT_EQ(app["pairs"][1][1], "<redacted>");
  EXPECT_TRUE(app.contains("user-1"));  // an object key equal to a sensitive value
  EXPECT_TRUE(report["issues"][0]["excerpt"].is_null());
  EXPECT_EQ(report.dump().find("alice"), std::string::npos);
}

TEST(RedactReport, InputNamesAndTheirBaseNames) {
  Json report = Json::parse(R"({"generator": "g", "inputs": [{"name": "/srv/logs/acme-prod/eventlog.zip:app-77/events_1"}],
    "issues": [{"message": "/srv/logs/acme-prod/eventlog.zip:app-77/events_1: bad line; see events_1"}]})");
  RedactionDictionary dictionary;
  CollectReportNames(report, &dictionary);
  RedactReport(&report, &dictionary);
  EXPECT_EQ(report["inputs"][0]["name"], "path-1");
  EXPECT_EQ(report["issues"][0]["message"], "path-1: bad line; see path-5");
}

// A log whose every identifying string should disappear from every format.
std::string HostileLog() {
  const std::vector<std::string> lines = {
      R"({"Event":"SparkListenerLogStart","Spark Version":"3.5.1"})",
      R"({"Event":"SparkListenerEnvironmentUpdate","JVM Information":{"Java Home":"/opt/jdk-17"},)"
      R"("Spark Properties":{"spark.app.name":"<script>alert('payroll')</script> Payroll-ETL","spark.driver.host":"drv-node.acme.internal",)"
      R"("spark.hadoop.fs.s3a.secret.key":"wJalrXUtnFEMIK7MDENG","spark.executor.memory":"4g"},)"
      R"("Hadoop Properties":{"fs.defaultFS":"hdfs://namenode-a.acme.internal:8020"},)"
      R"("System Properties":{"user.name":"svc_payroll","java.io.tmpdir":"/home/carol.w/tmp"},)"
      R"("Metrics Properties":{},"Classpath Entries":{}})",
      R"({"Event":"SparkListenerApplicationStart","App Name":"<script>alert('payroll')</script> Payroll-ETL",)"
      R"("App ID":"application_1700000000000_4242","Timestamp":1700000000000,"User":"alice.smith"})",
      R"({"Event":"SparkListenerBlockManagerAdded","Block Manager ID":{"Executor ID":"driver","Host":"drv-node.acme.internal","Port":40001},)"
      R"("Maximum Memory":1000,"Timestamp":1700000000001})",
      R"({"Event":"SparkListenerExecutorAdded","Timestamp":1700000000100,"Executor ID":"1",)"
      R"("Executor Info":{"Host":"wrk-0042.acme.internal","Total Cores":4,"Log Urls":{"stdout":"http://wrk-0042.acme.internal:8042/node/containerlogs/c_1/alice.smith/stdout"},)"
      R"("Attributes":{},"Resources":{},"Resource Profile Id":0}})",
      R"({"Event":"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart","executionId":0,)"
      R"("description":"select * from hr.salaries where name = 'Mallory'","details":"x",)"
      R"("physicalPlanDescription":"== Physical Plan ==\n*(1) FileScan parquet hr.salaries[name#1] Location: InMemoryFileIndex[s3a://acme-hr-bucket/salaries], PushedFilters: [EqualTo(name,'Mallory')]",)"
      R"("sparkPlanInfo":{"nodeName":"FileScan parquet hr.salaries","simpleString":"FileScan parquet hr.salaries[name#1]","children":[],"metadata":{},"metrics":[]},)"
      R"("time":1700000000200,"modifiedConfigs":{}})",
      R"({"Event":"SparkListenerJobStart","Job ID":0,"Submission Time":1700000000300,"Stage Infos":[{"Stage ID":0,"Stage Attempt ID":0,)"
      R"("Stage Name":"collect at /home/alice.smith/etl/payroll.py:42","Number of Tasks":1,"RDD Info":[],"Parent IDs":[],"Details":"","Accumulables":[]}],)"
      R"("Stage IDs":[0],"Properties":{"spark.sql.execution.id":"0"}})",
      R"({"Event":"SparkListenerStageSubmitted","Stage Info":{"Stage ID":0,"Stage Attempt ID":0,"Stage Name":"collect at /home/alice.smith/etl/payroll.py:42",)"
      R"("Number of Tasks":1,"RDD Info":[],"Parent IDs":[],"Details":"","Submission Time":1700000000300,"Accumulables":[]},"Properties":{}})",
      R"({"Event":"SparkListenerTaskStart","Stage ID":0,"Stage Attempt ID":0,"Task Info":{"Task ID":0,"Index":0,"Attempt":0,)"
      R"("Launch Time":1700000000400,"Executor ID":"1","Host":"wrk-0042.acme.internal","Locality":"PROCESS_LOCAL","Speculative":false,)"
      R"("Getting Result Time":0,"Finish Time":0,"Failed":false,"Killed":false,"Accumulables":[]}})",
      R"({"Event":"SparkListenerTaskEnd","Stage ID":0,"Stage Attempt ID":0,"Task Type":"ResultTask",)"
      R"("Task End Reason":{"Reason":"ExceptionFailure","Class Name":"java.io.IOException","Description":"cannot open s3a://acme-hr-bucket/salaries/part-1 for alice.smith@acme.com from 10.20.30.40","Stack Trace":[],"Accumulator Updates":[]},)"
      R"("Task Info":{"Task ID":0,"Index":0,"Attempt":0,"Launch Time":1700000000400,"Executor ID":"1","Host":"wrk-0042.acme.internal",)"
      R"("Locality":"PROCESS_LOCAL","Speculative":false,"Getting Result Time":0,"Finish Time":1700000005400,"Failed":true,"Killed":false,"Accumulables":[]},)"
      R"("Task Metrics":{"Executor Run Time":5000,"Executor CPU Time":1000,"JVM GC Time":10}})",
      R"({"Event":"SparkListenerStageCompleted","Stage Info":{"Stage ID":0,"Stage Attempt ID":0,"Stage Name":"collect at /home/alice.smith/etl/payroll.py:42",)"
      R"("Number of Tasks":1,"RDD Info":[],"Parent IDs":[],"Details":"","Submission Time":1700000000300,"Completion Time":1700000005500,)"
      R"("Failure Reason":"Job aborted due to failure on wrk-0042.acme.internal","Accumulables":[]}})",
      R"({"Event":"SparkListenerJobEnd","Job ID":0,"Completion Time":1700000005600,"Job Result":{"Result":"JobFailed"}})",
      R"({"Event":"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionEnd","executionId":0,"time":1700000005700})",
      R"({"Event":"SparkListenerApplicationEnd","Timestamp":1700000006000})",
      R"(not json from 10.9.8.7 alice.smith)",
  };
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  return text;
}

std::string AnalyzeHostile(bool redact) {
  AnalyzerOptions options;
  options.redact = redact;
  Analyzer analyzer(options);
  const std::string log = HostileLog();
  analyzer.BeginFile("/home/alice.smith/logs/application_1700000000000_4242", log.size());
  analyzer.Feed(reinterpret_cast<const uint8_t*>(log.data()), log.size());
  analyzer.EndFile();
  return analyzer.Finish().report_json;
}

const char* const kSensitive[] = {
    "Payroll-ETL", "<script>", "alert(", "drv-node.acme.internal", "drv-node", "wJalrXUtnFEMIK7MDENG",
    "namenode-a.acme.internal", "svc_payroll", "carol.w", "application_1700000000000_4242", "1700000000000_4242",
    "alice.smith", "alice", "wrk-0042", "acme", "hr.salaries", "Mallory", "10.20.30.40", "10.9.8.7", "payroll.py",
};

TEST(RedactAnalyzer, NothingIdentifyingInAnyFormat) {
  const std::string plain = AnalyzeHostile(false);
  // The log really carries these into the plain report, so the check below means something.
  for (const char* value : {"alice.smith", "wrk-0042.acme.internal", "application_1700000000000_4242", "Payroll-ETL"}) {
    EXPECT_NE(plain.find(value), std::string::npos) << value;
  }
  const std::string redacted = AnalyzeHostile(true);
  for (ReportFormat format :
       {ReportFormat::kJson, ReportFormat::kText, ReportFormat::kMarkdown, ReportFormat::kHtml}) {
    const std::string out = FormatReport(redacted, format, FormatOptions{});
    for (const char* value : kSensitive) {
      EXPECT_EQ(out.find(value), std::string::npos) << value << " in format " << static_cast<int>(format) << ":\n"
                                                    << out;
    }
  }
}

TEST(RedactAnalyzer, NumbersAndStructureStay) {
  const Json plain = Json::parse(AnalyzeHostile(false));
  const Json redacted = Json::parse(AnalyzeHostile(true));
  EXPECT_EQ(redacted["redacted"], true);
  EXPECT_FALSE(plain.contains("redacted"));
  EXPECT_EQ(redacted["accounting"], plain["accounting"]);
  const Json& a = plain["applications"][0];
  const Json& b = redacted["applications"][0];
  for (const char* key : {"jobs", "stages", "tasks", "executors", "duration_ms", "totals", "checks_passed", "spark_version"}) {
    EXPECT_EQ(a[key], b[key]) << key;
  }
  ASSERT_EQ(a["findings"].size(), b["findings"].size());
  for (size_t i = 0; i < a["findings"].size(); ++i) {
    EXPECT_EQ(a["findings"][i]["rule_id"], b["findings"][i]["rule_id"]);
    EXPECT_EQ(a["findings"][i]["evidence"], b["findings"][i]["evidence"]);
  }
  EXPECT_EQ(b["id"], "app-1");
  EXPECT_EQ(b["user"], "user-1");
  EXPECT_EQ(b["log"], "path-1");
}

}  // namespace
}  // namespace sparkdx::redact
