// The diagnosis samples (samples/diagnosis/*.zstd) against their generator
// (samples/gen): every committed file must be exactly what the generator
// writes today, every generated log must read cleanly through the core,
// and the numbers each scenario was designed around must be what the
// core's model (report and History Server REST answers) shows.
#include <gtest/gtest.h>

#include <algorithm>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "scenarios.h"
#include "simulator.h"
#include "sparkdx/analyzer.h"
#include "support/file_bytes.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

using Json = nlohmann::json;
constexpr int64_t kGiB = int64_t{1} << 30;

// One scenario generated in memory and analysed through the public API.
class Sample {
 public:
  explicit Sample(const samples::ScenarioEntry& entry) : name_(entry.name), log_(samples::Simulate(entry.build())) {
    analyzer_ = std::make_unique<Analyzer>();
    analyzer_->BeginFile(name_ + ".json", log_.text.size());
    // An odd chunk size: lines cross chunk boundaries.
    const size_t kChunk = 65521;
    for (size_t offset = 0; offset < log_.text.size(); offset += kChunk) {
      size_t n = std::min(kChunk, log_.text.size() - offset);
      analyzer_->Feed(reinterpret_cast<const uint8_t*>(log_.text.data()) + offset, n);
    }
    analyzer_->EndFile();
    report_ = Json::parse(analyzer_->Finish().report_json);
    app_id_ = report_["applications"][0]["id"].get<std::string>();
  }

  const samples::GeneratedLog& log() const { return log_; }
  const Json& report() const { return report_; }
  const Json& app() const { return report_["applications"][0]; }

  // GET /api/v1/applications/<app>/<path>
  Json Rest(const std::string& path) const {
    RestResponse response = analyzer_->Rest("applications/" + app_id_ + "/" + path);
    EXPECT_EQ(response.http_status, 200) << path << ": " << response.error;
    return response.http_status == 200 ? Json::parse(response.body) : Json();
  }

  // A plan node's metric value as the REST answer shows it ("20,000").
  std::vector<std::string> SqlMetric(const std::string& node_prefix, const std::string& metric) const {
    std::vector<std::string> values;
    for (const Json& execution : Rest("sql")) {
      for (const Json& node : execution["nodes"]) {
        if (node["nodeName"].get<std::string>().rfind(node_prefix, 0) != 0) continue;
        for (const Json& m : node["metrics"]) {
          if (m["name"] == metric) values.push_back(m["value"].get<std::string>());
        }
      }
    }
    return values;
  }

 private:
  std::string name_;
  samples::GeneratedLog log_;
  std::unique_ptr<Analyzer> analyzer_;
  Json report_;
  std::string app_id_;
};

// The total of a per-task SQL metric's text, "total (min, med, max ...)\n6.0 MiB (...)" -> "6.0 MiB".
std::string TotalOf(const std::string& value) {
  size_t start = value.find('\n');
  start = start == std::string::npos ? 0 : start + 1;
  return value.substr(start, value.find(" (", start) - start);
}

const samples::ScenarioEntry& Entry(const std::string& name) {
  const samples::ScenarioEntry* entry = samples::FindScenario(name);
  EXPECT_NE(entry, nullptr) << name;
  return *entry;
}

class DiagnosisSampleTest : public ::testing::TestWithParam<samples::ScenarioEntry> {};

// The committed file is the generator's output, byte for byte: edit the
// scenario, then rerun scripts/make-diagnosis-samples.sh.
TEST_P(DiagnosisSampleTest, CommittedFileMatchesGenerator) {
  std::string path = testing::SourceDir() + "/samples/diagnosis/" + GetParam().name + ".zstd";
  std::string committed = testing::DecodeWithLibraries(path);
  std::string generated = samples::Simulate(GetParam().build()).text;
  ASSERT_FALSE(committed.empty()) << path << " is missing: run scripts/make-diagnosis-samples.sh";
  if (committed == generated) return;
  size_t line = 1, at = 0;
  while (at < committed.size() && at < generated.size() && committed[at] == generated[at]) {
    if (committed[at] == '\n') ++line;
    ++at;
  }
  FAIL() << path << " differs from the generator (" << committed.size() << " vs " << generated.size()
         << " bytes) from line " << line << ": run scripts/make-diagnosis-samples.sh";
}

TEST_P(DiagnosisSampleTest, GeneratesTheSameBytesTwice) {
  EXPECT_EQ(samples::Simulate(GetParam().build()).text, samples::Simulate(GetParam().build()).text);
}

// Every line is a known Spark event the core reads without complaint, and
// the core counts what the generator wrote.
TEST_P(DiagnosisSampleTest, ReadsCleanlyAndCountsAgree) {
  Sample sample(GetParam());
  const Json& accounting = sample.report()["accounting"];
  EXPECT_EQ(accounting["malformed_lines"], 0);
  EXPECT_EQ(accounting["unknown_events"], 0);
  EXPECT_EQ(accounting["blank_lines"], 0);
  const samples::LogSummary& s = sample.log().summary;
  // A complete log raises no issue; an incomplete one says its end is missing.
  if (s.completed) {
    EXPECT_EQ(sample.report()["issue_counts"], Json::object());
  } else {
    EXPECT_EQ(sample.report()["issue_counts"].value("application_end_missing", 0), 1);
  }
  const Json& app = sample.app();
  EXPECT_EQ(app["spark_version"], "3.5.1");
  EXPECT_EQ(app["completed"], s.completed);
  EXPECT_EQ(app["jobs"], s.jobs);
  EXPECT_EQ(app["stages"], s.stages);
  EXPECT_EQ(app["stage_attempts"], s.stage_attempts);
  EXPECT_EQ(app["tasks"], s.tasks);
  EXPECT_EQ(app["executors"], s.executors);
  EXPECT_EQ(app["sql_executions"], s.sql_executions);
  EXPECT_EQ(app["start_ms"], s.start_ms);
  if (s.completed) EXPECT_EQ(app["end_ms"], s.end_ms);
  EXPECT_FALSE(sample.Rest("stages").empty());
}

INSTANTIATE_TEST_SUITE_P(AllScenarios, DiagnosisSampleTest, ::testing::ValuesIn(samples::AllScenarios()),
                         [](const ::testing::TestParamInfo<samples::ScenarioEntry>& info) {
                           return std::string(info.param.name);
                         });

// The counts each scenario was designed with (samples/diagnosis/README.md).
struct DesignedCounts {
  const char* name;
  int64_t tasks;           // task attempts
  int32_t executors;       // the driver included
  int32_t stage_attempts;  // (stage, attempt) pairs, skipped stages included
  int32_t jobs;
  bool completed;
};

const DesignedCounts kDesigned[] = {
    {"clean_control", 282, 11, 10, 5, true},
    {"task_skew_shuffle_key", 280, 11, 3, 2, true},
    {"task_skew_input_split", 200, 11, 3, 2, true},
    {"straggler_host", 320, 11, 6, 4, true},
    {"straggler", 160, 11, 3, 2, true},
    {"spill", 120, 11, 3, 2, true},
    {"gc_pressure", 240, 11, 6, 4, true},
    {"memory_overprovisioned", 240, 11, 6, 4, true},
    {"memory_underprovisioned", 171, 14, 3, 2, true},
    {"too_few_partitions", 168, 21, 3, 2, true},
    {"oversized_partitions", 240, 11, 3, 2, true},
    {"tiny_tasks", 680, 11, 4, 3, true},
    {"small_files_read", 128, 11, 3, 2, true},
    {"small_files_written", 200, 11, 1, 1, true},
    {"broadcast_candidate", 300, 11, 3, 1, true},
    {"broadcast_too_large", 200, 11, 4, 3, true},
    {"nested_loop_join", 102, 11, 4, 3, true},
    {"duplicate_subtree", 240, 11, 5, 3, true},
    {"idle_cores", 288, 41, 9, 6, true},
    {"driver_bound", 264, 11, 18, 12, true},
    {"cold_start", 320, 11, 6, 4, true},
    {"task_failures", 331, 15, 10, 5, true},
    {"stage_retries", 248, 17, 4, 1, true},
    {"speculation_waste", 312, 31, 3, 2, true},
    {"job_failed", 162, 11, 4, 3, true},
    {"app_incomplete", 200, 11, 4, 3, false},
    {"config_issues", 368, 51, 4, 2, true},
    {"python_udf", 120, 11, 3, 2, true},
};

TEST(DiagnosisSampleDesignTest, EveryScenarioHasDesignedCounts) {
  ASSERT_EQ(std::size(kDesigned), samples::AllScenarios().size());
  for (size_t i = 0; i < std::size(kDesigned); ++i) EXPECT_STREQ(kDesigned[i].name, samples::AllScenarios()[i].name);
}

TEST(DiagnosisSampleDesignTest, CountsAreAsDesigned) {
  for (const DesignedCounts& d : kDesigned) {
    SCOPED_TRACE(d.name);
    Sample sample(Entry(d.name));
    EXPECT_EQ(sample.app()["tasks"], d.tasks);
    EXPECT_EQ(sample.app()["executors"], d.executors);
    EXPECT_EQ(sample.app()["stage_attempts"], d.stage_attempts);
    EXPECT_EQ(sample.app()["jobs"], d.jobs);
    EXPECT_EQ(sample.app()["completed"], d.completed);
  }
}

// --- the designed pathology numbers, as the model exposes them ---

// The stage attempts that ran (not skipped), by stage id then attempt.
std::vector<Json> RanStages(const Sample& sample) {
  std::vector<Json> stages;
  for (const Json& s : sample.Rest("stages")) {
    if (s["status"] != "SKIPPED") stages.push_back(s);
  }
  std::sort(stages.begin(), stages.end(), [](const Json& a, const Json& b) {
    return a["stageId"] != b["stageId"] ? a["stageId"] < b["stageId"] : a["attemptId"] < b["attemptId"];
  });
  return stages;
}

std::map<std::string, std::string> SparkProperties(const Sample& sample) {
  std::map<std::string, std::string> properties;
  Json environment = sample.Rest("environment");
  for (const Json& p : environment["sparkProperties"]) {
    properties[p[0].get<std::string>()] = p[1].get<std::string>();
  }
  return properties;
}

Json TaskQuantiles(const Sample& sample, const Json& stage, const std::string& quantiles) {
  return sample.Rest("stages/" + stage["stageId"].dump() + "/" + stage["attemptId"].dump() +
                     "/taskSummary?quantiles=" + quantiles);
}

TEST(DiagnosisSampleDesignTest, CleanControlIsHealthy) {
  Sample sample(Entry("clean_control"));
  int64_t gc_ms = 0, run_ms = 0;
  for (const Json& stage : RanStages(sample)) {
    EXPECT_EQ(stage["memoryBytesSpilled"], 0);
    EXPECT_EQ(stage["numFailedTasks"], 0);
    gc_ms += stage["jvmGcTime"].get<int64_t>();
    run_ms += stage["executorRunTime"].get<int64_t>();
    if (stage["numTasks"] < 40) continue;
    Json q = TaskQuantiles(sample, stage, "0.5,1.0");
    EXPECT_LT(q["executorRunTime"][1].get<double>(), 1.5 * q["executorRunTime"][0].get<double>());
  }
  EXPECT_LT(gc_ms * 100, run_ms * 3);  // GC < 3% of run time
  for (const Json& e : sample.Rest("executors")) {
    if (e["id"] == "driver") continue;
    EXPECT_EQ(e["totalCores"], 4);
    int64_t heap = e["peakMemoryMetrics"]["JVMHeapMemory"].get<int64_t>();
    EXPECT_GT(heap, 8 * kGiB * 75 / 100);
    EXPECT_LT(heap, 8 * kGiB * 85 / 100);
  }
  EXPECT_EQ(sample.SqlMetric("BroadcastExchange", "data size"), std::vector<std::string>{"5.0 MiB"});
}

TEST(DiagnosisSampleDesignTest, TaskSkewShuffleKeyPartition17) {
  Sample sample(Entry("task_skew_shuffle_key"));
  Json reduce = RanStages(sample).back();
  ASSERT_EQ(reduce["numTasks"], 200);
  Json q = TaskQuantiles(sample, reduce, "0.5,1.0");
  double median_read = q["shuffleReadMetrics"]["readBytes"][0].get<double>();
  double max_read = q["shuffleReadMetrics"]["readBytes"][1].get<double>();
  EXPECT_NEAR(max_read / median_read, 40, 2);
  double median_run = q["executorRunTime"][0].get<double>();
  double max_run = q["executorRunTime"][1].get<double>();
  EXPECT_NEAR(max_run / median_run, 30, 1.5);
  EXPECT_GT(max_run, 5 * 60 * 1000);
}

TEST(DiagnosisSampleDesignTest, TaskSkewInputSplitReads25x) {
  Sample sample(Entry("task_skew_input_split"));
  Json scan = RanStages(sample).front();
  ASSERT_EQ(scan["numTasks"], 160);
  Json q = TaskQuantiles(sample, scan, "0.5,1.0");
  double ratio = q["inputMetrics"]["bytesRead"][1].get<double>() / q["inputMetrics"]["bytesRead"][0].get<double>();
  EXPECT_NEAR(ratio, 25, 1.5);
}

TEST(DiagnosisSampleDesignTest, StragglerHostIsFourTimesSlower) {
  Sample sample(Entry("straggler_host"));
  double slow = 0, others = 0;
  int others_count = 0;
  for (const Json& e : sample.Rest("executors")) {
    if (e["id"] == "driver") continue;
    double per_task = e["totalDuration"].get<double>() / e["totalTasks"].get<double>();
    if (e["hostPort"].get<std::string>().rfind("host-07:", 0) == 0) {
      slow = per_task;
    } else {
      others += per_task;
      ++others_count;
    }
  }
  EXPECT_NEAR(slow / (others / others_count), 4, 0.3);
}

TEST(DiagnosisSampleDesignTest, SpillIsThreeAndOneTimesTheShuffleRead) {
  Sample sample(Entry("spill"));
  Json reduce = RanStages(sample).back();
  double read = reduce["shuffleReadBytes"].get<double>();
  EXPECT_NEAR(reduce["memoryBytesSpilled"].get<double>() / read, 3, 0.1);
  EXPECT_NEAR(reduce["diskBytesSpilled"].get<double>() / read, 1, 0.05);
  EXPECT_EQ(SparkProperties(sample)["spark.executor.memory"], "2g");
}

TEST(DiagnosisSampleDesignTest, GcPressureIsAQuarterOfRunTimeEverywhere) {
  Sample sample(Entry("gc_pressure"));
  for (const Json& e : sample.Rest("executors")) {
    if (e["id"] == "driver") continue;
    double share = e["totalGCTime"].get<double>() / e["totalDuration"].get<double>();
    EXPECT_NEAR(share, 0.25, 0.03) << e["id"];
  }
}

TEST(DiagnosisSampleDesignTest, MemoryPeaksAgainstExecutorMemory) {
  Sample over(Entry("memory_overprovisioned"));
  for (const Json& e : over.Rest("allexecutors")) {
    if (e["id"] == "driver") continue;
    EXPECT_LT(e["peakMemoryMetrics"]["JVMHeapMemory"].get<int64_t>(), 32 * kGiB / 5);
  }
  Sample under(Entry("memory_underprovisioned"));
  int64_t peak = 0;
  for (const Json& e : under.Rest("allexecutors")) {
    if (e["id"] != "driver") peak = std::max(peak, e["peakMemoryMetrics"]["JVMHeapMemory"].get<int64_t>());
  }
  EXPECT_GT(peak, 8 * kGiB * 97 / 100);
  EXPECT_NE(under.log().text.find("\"Class Name\":\"java.lang.OutOfMemoryError\",\"Description\":\"Java heap space\""),
            std::string::npos);
}

TEST(DiagnosisSampleDesignTest, PartitionSizes) {
  Sample few(Entry("too_few_partitions"));
  Json write = RanStages(few).back();
  EXPECT_EQ(write["numTasks"], 8);
  EXPECT_GE(write["shuffleReadBytes"].get<int64_t>(), 200 * kGiB);
  Sample oversized(Entry("oversized_partitions"));
  Json q = TaskQuantiles(oversized, RanStages(oversized).back(), "0.5");
  EXPECT_NEAR(q["shuffleReadMetrics"]["readBytes"][0].get<double>() / kGiB, 2.5, 0.1);
  Sample tiny(Entry("tiny_tasks"));
  Json tiny_stage = RanStages(tiny).back();
  EXPECT_EQ(tiny_stage["numTasks"], 600);
  EXPECT_NEAR(TaskQuantiles(tiny, tiny_stage, "0.5")["executorRunTime"][0].get<double>(), 40, 3);
}

TEST(DiagnosisSampleDesignTest, SmallFiles) {
  Sample read(Entry("small_files_read"));
  EXPECT_EQ(read.SqlMetric("Scan parquet", "number of files read"), std::vector<std::string>{"20,000"});
  EXPECT_EQ(read.SqlMetric("Scan parquet", "size of files read"), std::vector<std::string>{"9.8 GiB"});
  Sample written(Entry("small_files_written"));
  EXPECT_EQ(written.SqlMetric("Execute InsertIntoHadoopFsRelationCommand", "number of written files"),
            std::vector<std::string>{"4,000"});
  EXPECT_EQ(written.SqlMetric("Execute InsertIntoHadoopFsRelationCommand", "written output"),
            std::vector<std::string>{"1200.0 MiB"});
}

TEST(DiagnosisSampleDesignTest, JoinPlans) {
  Sample candidate(Entry("broadcast_candidate"));
  EXPECT_EQ(candidate.SqlMetric("SortMergeJoin", "number of output rows").size(), 1u);
  std::vector<std::string> sizes = candidate.SqlMetric("Exchange", "data size");
  ASSERT_EQ(sizes.size(), 2u);
  EXPECT_EQ(TotalOf(sizes[0]), "6.0 MiB");
  EXPECT_NEAR(std::stod(TotalOf(sizes[1])), 200, 2);
  EXPECT_NE(TotalOf(sizes[1]).find("GiB"), std::string::npos);
  Sample too_large(Entry("broadcast_too_large"));
  EXPECT_EQ(too_large.SqlMetric("BroadcastExchange", "data size"), std::vector<std::string>{"2.5 GiB"});
  Sample nested(Entry("nested_loop_join"));
  EXPECT_EQ(nested.SqlMetric("BroadcastNestedLoopJoin", "number of output rows"),
            std::vector<std::string>{"10,000,000,000"});
  Sample duplicate(Entry("duplicate_subtree"));
  EXPECT_EQ(duplicate.SqlMetric("Scan parquet spark_catalog.sales.orders", "number of files read").size(), 2u);
  EXPECT_EQ(duplicate.log().text.find("ReusedExchange"), std::string::npos);
  Sample python(Entry("python_udf"));
  EXPECT_EQ(python.SqlMetric("BatchEvalPython", "data sent to Python workers").size(), 1u);
}

TEST(DiagnosisSampleDesignTest, SchedulingShapes) {
  Sample idle(Entry("idle_cores"));
  int32_t executors = 0;
  for (const Json& e : idle.Rest("executors")) {
    if (e["id"] == "driver") continue;
    EXPECT_EQ(e["totalCores"], 8);
    ++executors;
  }
  EXPECT_EQ(executors, 40);
  Sample cold(Entry("cold_start"));
  // The first TaskStart's launch time, from the log itself.
  size_t at = cold.log().text.find("\"Launch Time\":");
  ASSERT_NE(at, std::string::npos);
  int64_t first_task_ms = std::stoll(cold.log().text.substr(at + 14, 13));
  EXPECT_GE(first_task_ms - cold.app()["start_ms"].get<int64_t>(), 180000);
  EXPECT_NEAR(static_cast<double>(cold.app()["duration_ms"].get<int64_t>()) / 60000, 10, 0.7);
}

TEST(DiagnosisSampleDesignTest, FailuresAndRetries) {
  Sample retries(Entry("stage_retries"));
  std::vector<Json> stages = RanStages(retries);
  ASSERT_EQ(stages.size(), 4u);
  EXPECT_EQ(stages[0]["numTasks"], 80);
  EXPECT_EQ(stages[1]["attemptId"], 1);
  EXPECT_EQ(stages[1]["numTasks"], 48);  // 60% of the map stage reruns
  EXPECT_EQ(stages[2]["status"], "FAILED");
  EXPECT_EQ(stages[3]["attemptId"], 1);
  Sample speculation(Entry("speculation_waste"));
  for (const Json& stage : RanStages(speculation)) EXPECT_EQ(stage["numKilledTasks"], 36);  // 30% of 120
  Sample failed(Entry("job_failed"));
  int failed_jobs = 0;
  for (const Json& job : failed.Rest("jobs")) failed_jobs += job["status"] == "FAILED" ? 1 : 0;
  EXPECT_EQ(failed_jobs, 1);
  Sample incomplete(Entry("app_incomplete"));
  EXPECT_EQ(incomplete.app()["completed"], false);
  EXPECT_FALSE(incomplete.Rest("stages?status=active").empty());
  Sample mix(Entry("task_failures"));
  const std::string& text = mix.log().text;
  for (const char* needle : {"java.lang.IllegalArgumentException", "java.lang.OutOfMemoryError",
                             "Container killed by YARN for exceeding memory limits.  5.5 GB of 5.5 GB",
                             "Exit status: 137", "\"Reason\":\"FetchFailed\""}) {
    EXPECT_NE(text.find(needle), std::string::npos) << needle;
  }
}

TEST(DiagnosisSampleDesignTest, ConfigIssues) {
  Sample sample(Entry("config_issues"));
  std::map<std::string, std::string> properties = SparkProperties(sample);
  EXPECT_EQ(properties["spark.sql.adaptive.enabled"], "false");
  EXPECT_EQ(properties["spark.serializer"], "org.apache.spark.serializer.JavaSerializer");
  EXPECT_EQ(properties["spark.dynamicAllocation.enabled"], "true");
  EXPECT_EQ(properties.count("spark.shuffle.service.enabled"), 0u);
  EXPECT_EQ(properties.count("spark.dynamicAllocation.maxExecutors"), 0u);
  EXPECT_EQ(properties["spark.executor.memoryOverhead"], "200m");
  EXPECT_EQ(properties.count("spark.sql.shuffle.partitions"), 0u);
  Json reduce = RanStages(sample).back();
  EXPECT_EQ(reduce["numTasks"], 200);
  EXPECT_NEAR(reduce["shuffleReadBytes"].get<double>() / kGiB, 600, 6);
}

}  // namespace
}  // namespace sparkdx
