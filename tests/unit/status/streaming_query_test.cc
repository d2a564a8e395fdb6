// Structured streaming query runs in the report (applications[].streaming_queries):
// start -> progress x N -> terminated with and without an exception, NaN
// and infinite rates, runs without a start event, several runs of one
// query, idle events, logs before Spark 3.1, and unattributable events.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "sparkdx/analyzer.h"
#include "support/event_log_text.h"
#include "support/streaming_event_text.h"

namespace sparkdx {
namespace {

using Json = nlohmann::json;
using testing::StreamingProgressEventLine;
using testing::StreamingProgressLine;
using testing::StreamingStartedLine;
using testing::StreamingTerminatedLine;

constexpr int64_t kT0 = 1704067200000;  // 2024-01-01T00:00:00.000Z

// The report of `lines` (joined with '\n'), fed in pieces of `chunk` bytes.
Json Report(const std::vector<std::string>& lines, size_t chunk = 1 << 20) {
  std::string text;
  for (const std::string& line : lines) text += line + "\n";
  Analyzer analyzer;
  analyzer.BeginFile("eventlog", text.size());
  for (size_t offset = 0; offset < text.size(); offset += chunk) {
    size_t n = std::min(chunk, text.size() - offset);
    analyzer.Feed(reinterpret_cast<const uint8_t*>(text.data()) + offset, n);
  }
  analyzer.EndFile();
  return Json::parse(analyzer.Finish().report_json);
}

const Json& Queries(const Json& report) { return report["applications"][0]["streaming_queries"]; }

std::vector<std::string> AppStart() {
  return {testing::LogStartLine("3.5.1"), testing::ApplicationStartLine("app-1", kT0)};
}

StreamingProgressLine Progress(int64_t batch_id, const std::string& timestamp, int64_t duration_ms,
                               int64_t input_rows) {
  StreamingProgressLine p;
  p.batch_id = batch_id;
  p.timestamp = timestamp;
  p.batch_duration_ms = duration_ms;
  p.duration_ms = {{"triggerExecution", duration_ms - 1}, {"addBatch", duration_ms / 2}, {"walCommit", 5}};
  p.sources = {{input_rows, "10.0", "20.0"}};
  return p;
}

// start -> three batches -> a Spark job -> terminated (exception as given).
std::vector<std::string> OneRun(const std::optional<std::string>& exception) {
  std::vector<std::string> lines = AppStart();
  lines.push_back(StreamingStartedLine("query-1", "run-1", std::string("counts"), "2024-01-01T00:00:01.000Z"));
  StreamingProgressLine first = Progress(0, "2024-01-01T00:00:01.500Z", 700, 3);
  first.state_memory_bytes = {100, 200};
  first.sink_output_rows = 1;
  StreamingProgressLine second = Progress(1, "2024-01-01T00:00:02.500Z", 100, 40);
  second.state_memory_bytes = {500};
  second.sink_output_rows = 2;
  StreamingProgressLine third = Progress(2, "2024-01-01T00:00:03.500Z", 300, 0);
  lines.push_back(StreamingProgressEventLine(first));
  lines.push_back(StreamingProgressEventLine(second));
  lines.push_back(StreamingProgressEventLine(third));
  lines.push_back(testing::JobStartLine(0, 0, kT0 + 4000));
  lines.push_back(testing::JobEndLine(0, kT0 + 5000));
  lines.push_back(StreamingTerminatedLine("query-1", "run-1", exception));
  lines.push_back(testing::ApplicationEndLine(kT0 + 6000));
  return lines;
}

TEST(StreamingQueryTest, NoStreamingEventsGiveAnEmptyList) {
  std::vector<std::string> lines = AppStart();
  lines.push_back(testing::ApplicationEndLine(kT0 + 10));
  Json report = Report(lines);
  ASSERT_TRUE(Queries(report).is_array());
  EXPECT_TRUE(Queries(report).empty());
}

TEST(StreamingQueryTest, RunAggregatesItsBatchesAndEndsAtTheLatestTimeSeen) {
  Json report = Report(OneRun(std::nullopt));
  ASSERT_EQ(Queries(report).size(), 1u);
  const Json& q = Queries(report)[0];
  EXPECT_EQ(q["id"], "query-1");
  EXPECT_EQ(q["run_id"], "run-1");
  EXPECT_EQ(q["name"], "counts");
  EXPECT_EQ(q["start_seen"], true);
  EXPECT_EQ(q["start_ms"], kT0 + 1000);
  // Terminated has no time: the latest time seen before it (the JobEnd).
  EXPECT_EQ(q["end_ms"], kT0 + 5000);
  EXPECT_EQ(q["status"], "terminated");
  EXPECT_TRUE(q["exception"].is_null());
  EXPECT_EQ(q["batches"], 3);
  EXPECT_EQ(q["first_batch_id"], 0);
  EXPECT_EQ(q["last_batch_id"], 2);
  EXPECT_EQ(q["last_progress_ms"], kT0 + 3500);
  EXPECT_EQ(q["idle_events"], 0);
  EXPECT_EQ(q["input_rows"], 43);
  EXPECT_EQ(q["output_rows"], 3);
  EXPECT_EQ(q["sink"], "ConsoleTable");
  EXPECT_EQ(q["batch_duration_ms_total"], 1100);
  EXPECT_EQ(q["batch_duration_ms_median"], 300);
  EXPECT_EQ(q["batch_duration_ms_max"], 700);
  EXPECT_EQ(q["duration_ms_by_phase"], Json::parse(R"({"triggerExecution":1097,"addBatch":550,"walCommit":15})"));
  // Per batch, summed over its state operators; the maximum over batches.
  EXPECT_EQ(q["state_memory_bytes_max"], 500);
  EXPECT_EQ(q["state_rows_max"], 20);
  EXPECT_EQ(report["issue_counts"], Json::object());
}

TEST(StreamingQueryTest, ExceptionMakesTheRunFailedAndIsCut) {
  std::string exception = "org.apache.spark.sql.streaming.StreamingQueryException: boom\n=== Streaming Query ===";
  Json report = Report(OneRun(exception));
  const Json& q = Queries(report)[0];
  EXPECT_EQ(q["status"], "failed");
  EXPECT_EQ(q["exception"], exception);  // line breaks kept
  EXPECT_EQ(q["end_ms"], kT0 + 5000);

  std::string trace = "java.lang.IllegalStateException: state store lost\n";
  while (trace.size() < 10000) trace += "\tat org.apache.spark.sql.execution.streaming.Some.method(Some.scala:1)\n";
  Json cut_report = Report(OneRun(trace));
  const Json& cut = Queries(cut_report)[0];
  std::string kept = cut["exception"];
  EXPECT_LE(kept.size(), 2000u + 3);
  EXPECT_EQ(kept.substr(kept.size() - 3), "...");
  EXPECT_EQ(kept.substr(0, 50), trace.substr(0, 50));
}

TEST(StreamingQueryTest, NaNAndInfiniteRatesAreReadWithoutComplaint) {
  std::vector<std::string> lines = AppStart();
  lines.push_back(StreamingStartedLine("query-1", "run-1", std::nullopt, "2024-01-01T00:00:00.100Z"));
  StreamingProgressLine p = Progress(0, "2024-01-01T00:00:00.200Z", 50, 7);
  p.sources = {{7, "NaN", "Infinity"}, {5, "-Infinity", "NaN"}};
  lines.push_back(StreamingProgressEventLine(p));
  Json report = Report(lines);
  EXPECT_EQ(report["issue_counts"].count("event_bad_field"), 0u) << report["issues"].dump();
  const Json& q = Queries(report)[0];
  EXPECT_TRUE(q["name"].is_null());
  EXPECT_EQ(q["input_rows"], 12);
  EXPECT_EQ(q["batches"], 1);
  // Still running at the end of the log.
  EXPECT_EQ(q["status"], "active");
  EXPECT_TRUE(q["end_ms"].is_null());
}

TEST(StreamingQueryTest, RunWithoutStartEventIsKeptAndMarked) {
  std::vector<std::string> lines = AppStart();
  StreamingProgressLine p = Progress(41, "2024-01-01T00:00:05.000Z", 80, 2);
  p.id = "query-9";
  p.run_id = "run-9";
  p.name = "named-in-progress";
  lines.push_back(StreamingProgressEventLine(p));
  p.batch_id = 42;
  p.timestamp = "2024-01-01T00:00:06.000Z";
  lines.push_back(StreamingProgressEventLine(p));
  Json report = Report(lines);
  ASSERT_EQ(Queries(report).size(), 1u);
  const Json& q = Queries(report)[0];
  EXPECT_EQ(q["id"], "query-9");
  EXPECT_EQ(q["start_seen"], false);
  EXPECT_TRUE(q["start_ms"].is_null());
  EXPECT_EQ(q["name"], "named-in-progress");
  EXPECT_EQ(q["first_batch_id"], 41);
  EXPECT_EQ(q["last_batch_id"], 42);
  EXPECT_EQ(q["batches"], 2);
  EXPECT_EQ(q["status"], "active");
}

TEST(StreamingQueryTest, RestartsOfOneQueryAreSeparateRuns) {
  std::vector<std::string> lines = AppStart();
  lines.push_back(StreamingStartedLine("query-1", "run-a", std::nullopt, "2024-01-01T00:00:01.000Z"));
  StreamingProgressLine p = Progress(0, "2024-01-01T00:00:02.000Z", 100, 10);
  p.run_id = "run-a";
  lines.push_back(StreamingProgressEventLine(p));
  lines.push_back(StreamingTerminatedLine("query-1", "run-a", std::string("boom")));
  // The restart resumes from the checkpoint: same id, new run id, next batch.
  lines.push_back(StreamingStartedLine("query-1", "run-b", std::nullopt, "2024-01-01T00:01:00.000Z"));
  p.run_id = "run-b";
  p.batch_id = 1;
  p.timestamp = "2024-01-01T00:01:01.000Z";
  p.sources = {{5, "1.0", "2.0"}};
  lines.push_back(StreamingProgressEventLine(p));
  p.batch_id = 2;
  p.timestamp = "2024-01-01T00:01:02.000Z";
  lines.push_back(StreamingProgressEventLine(p));
  Json report = Report(lines);
  ASSERT_EQ(Queries(report).size(), 2u);
  const Json& a = Queries(report)[0];
  const Json& b = Queries(report)[1];
  EXPECT_EQ(a["id"], "query-1");
  EXPECT_EQ(b["id"], "query-1");
  EXPECT_EQ(a["run_id"], "run-a");
  EXPECT_EQ(b["run_id"], "run-b");
  EXPECT_EQ(a["status"], "failed");
  EXPECT_EQ(a["batches"], 1);
  EXPECT_EQ(a["input_rows"], 10);
  // No Spark event carries a time after the start: the run's own last progress.
  EXPECT_EQ(a["end_ms"], kT0 + 2000);
  EXPECT_EQ(b["status"], "active");
  EXPECT_EQ(b["start_ms"], kT0 + 60000);
  EXPECT_EQ(b["batches"], 2);
  EXPECT_EQ(b["first_batch_id"], 1);
  EXPECT_EQ(b["input_rows"], 10);
}

TEST(StreamingQueryTest, IdleEventsAreCountedAndBoundTheEnd) {
  std::vector<std::string> lines = AppStart();
  lines.push_back(StreamingStartedLine("query-1", "run-1", std::nullopt, "2024-01-01T00:00:01.000Z"));
  lines.push_back(StreamingProgressEventLine(Progress(0, "2024-01-01T00:00:02.000Z", 100, 1)));
  lines.push_back(testing::StreamingIdleLine("query-1", "run-1", "2024-01-01T00:00:12.000Z"));
  lines.push_back(testing::StreamingIdleLine("query-1", "run-1", "2024-01-01T00:00:22.000Z"));
  lines.push_back(StreamingTerminatedLine("query-1", "run-1", std::nullopt));
  Json report = Report(lines);
  const Json& q = Queries(report)[0];
  EXPECT_EQ(q["idle_events"], 2);
  EXPECT_EQ(q["end_ms"], kT0 + 22000);
  EXPECT_EQ(q["status"], "terminated");
}

TEST(StreamingQueryTest, BeforeSpark31TheTriggerTimeIsTheBatchDuration) {
  std::vector<std::string> lines = AppStart();
  lines.push_back(StreamingStartedLine("query-1", "run-1", std::nullopt, "2024-01-01T00:00:01.000Z"));
  StreamingProgressLine p = Progress(0, "2024-01-01T00:00:02.000Z", 100, 1);
  p.batch_duration_ms = -1;  // no "batchDuration"
  p.duration_ms = {{"triggerExecution", 250}, {"getBatch", 3}};
  lines.push_back(StreamingProgressEventLine(p));
  p.duration_ms = {{"getBatch", 4}};  // neither: the batch counts, its duration does not
  lines.push_back(StreamingProgressEventLine(p));
  Json report = Report(lines);
  const Json& q = Queries(report)[0];
  EXPECT_EQ(q["batches"], 2);
  EXPECT_EQ(q["batch_duration_ms_total"], 250);
  EXPECT_EQ(q["batch_duration_ms_max"], 250);
  EXPECT_EQ(q["batch_duration_ms_median"], 250);
  EXPECT_EQ(q["duration_ms_by_phase"], Json::parse(R"({"triggerExecution":250,"getBatch":7})"));
  EXPECT_TRUE(q["state_memory_bytes_max"].is_null());
  EXPECT_TRUE(q["output_rows"].is_null());
}

TEST(StreamingQueryTest, EventsWithoutRunIdOrWithBadTimesAreReported) {
  std::vector<std::string> lines = AppStart();
  lines.push_back(R"({"Event":"org.apache.spark.sql.streaming.StreamingQueryListener$QueryStartedEvent",)"
                  R"("id":"q","name":null,"timestamp":"2024-01-01T00:00:01.000Z"})");
  lines.push_back(R"({"Event":"org.apache.spark.sql.streaming.StreamingQueryListener$QueryProgressEvent",)"
                  R"("progress":null})");
  lines.push_back(StreamingStartedLine("query-1", "run-1", std::nullopt, "yesterday"));
  Json report = Report(lines);
  EXPECT_EQ(report["issue_counts"]["event_bad_field"], 3);
  ASSERT_EQ(Queries(report).size(), 1u);  // only the run with a run id
  EXPECT_TRUE(Queries(report)[0]["start_ms"].is_null());
  EXPECT_EQ(report["accounting"]["malformed_lines"], 0);
}

TEST(StreamingQueryTest, MistypedNestedValuesAreReportedAndTheRestKept) {
  std::vector<std::string> lines = AppStart();
  lines.push_back(R"({"Event":"org.apache.spark.sql.streaming.StreamingQueryListener$QueryProgressEvent",)"
                  R"("progress":{"id":"q","runId":"r","name":null,"timestamp":"2024-01-01T00:00:01.000Z",)"
                  R"("batchId":3,"batchDuration":90,"durationMs":{"triggerExecution":"slow","addBatch":60},)"
                  R"("stateOperators":[5,{"numRowsTotal":2,"memoryUsedBytes":"lots"},{"memoryUsedBytes":64}],)"
                  R"("sources":[{"numInputRows":4,"inputRowsPerSecond":"fast"},[1,2],{"numInputRows":6}],)"
                  R"("sink":{"description":"s","numOutputRows":1}}})");
  Json report = Report(lines);
  // durationMs, stateOperators and sources each reported once; the line is kept.
  EXPECT_EQ(report["issue_counts"]["event_bad_field"], 3) << report["issues"].dump();
  EXPECT_EQ(report["accounting"]["malformed_lines"], 0);
  ASSERT_EQ(Queries(report).size(), 1u);
  const Json& q = Queries(report)[0];
  EXPECT_EQ(q["batches"], 1);
  EXPECT_EQ(q["input_rows"], 10);
  EXPECT_EQ(q["duration_ms_by_phase"], Json::parse(R"({"addBatch":60})"));
  EXPECT_EQ(q["state_memory_bytes_max"], 64);
  EXPECT_EQ(q["state_rows_max"], 2);
  EXPECT_EQ(q["batch_duration_ms_total"], 90);
  EXPECT_EQ(q["output_rows"], 1);
}

TEST(StreamingQueryTest, ReportDoesNotDependOnHowInputIsSplit) {
  std::vector<std::string> lines = OneRun(std::string("boom"));
  Json whole = Report(lines);
  for (size_t chunk : {1, 7, 64, 333}) EXPECT_EQ(Report(lines, chunk), whole) << chunk;
}

}  // namespace
}  // namespace sparkdx
