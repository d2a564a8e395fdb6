// End-to-end tests of the core through its public API: bytes in, report out.
#include "sparkdx/analyzer.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <zstd.h>

#include <string>
#include <vector>

#include "support/event_log_text.h"

namespace sparkdx {
namespace {

using Json = nlohmann::json;
using testing::SmallApplication;

struct Outcome {
  AnalysisResult result;
  Json report;
};

// Analyses `bytes` as one file named `name`, pushed in chunks of `chunk` bytes.
Outcome AnalyzeBytes(const std::string& name, const std::string& bytes, size_t chunk = 1 << 20,
                     AnalyzerOptions options = {}) {
  Analyzer analyzer(options);
  analyzer.BeginFile(name, bytes.size());
  for (size_t offset = 0; offset < bytes.size(); offset += chunk) {
    size_t n = std::min(chunk, bytes.size() - offset);
    if (!analyzer.Feed(reinterpret_cast<const uint8_t*>(bytes.data()) + offset, n)) break;
  }
  analyzer.EndFile();
  Outcome outcome;
  outcome.result = analyzer.Finish();
  outcome.report = Json::parse(outcome.result.report_json);
  return outcome;
}

std::string ZstdFrames(const std::string& text, size_t frame_bytes) {
  std::string out;
  for (size_t offset = 0; offset < text.size(); offset += frame_bytes) {
    size_t n = std::min(frame_bytes, text.size() - offset);
    std::string frame(ZSTD_compressBound(n), '\0');
    size_t written = ZSTD_compress(frame.data(), frame.size(), text.data() + offset, n, 1);
    frame.resize(written);
    out += frame;
  }
  return out;
}

TEST(AnalyzerTest, ReportsApplicationCountsAndAccounting) {
  Outcome o = AnalyzeBytes("app-1", SmallApplication("app-1", 20));
  const Json& app = o.report["applications"][0];
  EXPECT_EQ(o.report["schema_version"], kReportSchemaVersion);
  EXPECT_EQ(app["id"], "app-1");
  EXPECT_EQ(app["name"], "test app");
  EXPECT_EQ(app["spark_version"], "3.5.1");
  EXPECT_EQ(app["jobs"], 1);
  EXPECT_EQ(app["stages"], 1);
  EXPECT_EQ(app["tasks"], 20);
  EXPECT_EQ(app["executors"], 2);
  EXPECT_EQ(app["completed"], true);
  EXPECT_EQ(app["duration_ms"], 3200);
  const Json& accounting = o.report["accounting"];
  EXPECT_EQ(accounting["lines"], 9 + 40);
  EXPECT_EQ(accounting["events"], 9 + 40);
  EXPECT_EQ(accounting["events_by_type"]["SparkListenerTaskEnd"], 20);
  EXPECT_EQ(o.report["inputs"][0]["status"], "ok");
  EXPECT_EQ(o.report["inputs"][0]["codec"], "plain");
  EXPECT_TRUE(o.report["issues"].empty());
}

TEST(AnalyzerTest, ReportDoesNotDependOnHowInputIsSplit) {
  std::string log = SmallApplication("app-2", 5);
  std::string expected = AnalyzeBytes("app-2", log).result.report_json;
  for (size_t chunk = 1; chunk < log.size(); chunk = chunk * 2 + 1) {
    EXPECT_EQ(AnalyzeBytes("app-2", log, chunk).result.report_json, expected) << "chunk " << chunk;
  }
  std::string zstd = ZstdFrames(log, 300);
  std::string expected_zstd = AnalyzeBytes("app-2.zstd", zstd).result.report_json;
  for (size_t chunk = 1; chunk < zstd.size(); chunk = chunk * 3 + 1) {
    EXPECT_EQ(AnalyzeBytes("app-2.zstd", zstd, chunk).result.report_json, expected_zstd) << "chunk " << chunk;
  }
}

TEST(AnalyzerTest, MalformedAndBlankLinesAreCountedAndReportedWithPosition) {
  std::string log = SmallApplication("app-3", 2);
  size_t third = 0;
  for (int i = 0; i < 3; ++i) third = log.find('\n', third) + 1;
  log.insert(third, "{\"Event\":\"SparkListenerJobStart\",\"Job ID\":\n\n   \n[1,2]\n{\"no\":\"event\"}\n");
  Outcome o = AnalyzeBytes("app-3", log);
  const Json& accounting = o.report["accounting"];
  EXPECT_EQ(accounting["malformed_lines"], 3);
  EXPECT_EQ(accounting["blank_lines"], 2);
  EXPECT_EQ(accounting["lines"].get<int>(),
            accounting["events"].get<int>() + accounting["blank_lines"].get<int>() + 3);
  EXPECT_EQ(o.report["applications"][0]["tasks"], 2);
  EXPECT_EQ(o.report["inputs"][0]["status"], "ok");
  EXPECT_EQ(o.report["issue_counts"]["json_malformed_line"], 2);
  EXPECT_EQ(o.report["issue_counts"]["event_field_missing"], 1);
  const Json& first = o.report["issues"][0];
  EXPECT_EQ(first["kind"], "json_malformed_line");
  EXPECT_EQ(first["line"], 4);
  EXPECT_EQ(first["byte_offset"], third);
  EXPECT_EQ(first["message"], "app-3: invalid json (incomplete object or array) at line 4 (byte " +
                                   std::to_string(third) + ")");
}

TEST(AnalyzerTest, UnknownEventsAreCountedNotErrors) {
  std::string log = SmallApplication("app-4", 1);
  log += "{\"Event\":\"com.databricks.VendorEvent\",\"x\":1}\n{\"Event\":\"com.databricks.VendorEvent\"}\n";
  Outcome o = AnalyzeBytes("app-4", log);
  EXPECT_EQ(o.report["accounting"]["unknown_events"], 2);
  EXPECT_EQ(o.report["accounting"]["events_by_type"]["com.databricks.VendorEvent"], 2);
  EXPECT_EQ(o.report["accounting"]["malformed_lines"], 0);
  EXPECT_EQ(o.report["issue_counts"]["unknown_event"], 1);
  EXPECT_EQ(o.report["inputs"][0]["status"], "ok");
}

TEST(AnalyzerTest, TrailingContentAfterTheObjectIsMalformed) {
  Outcome o = AnalyzeBytes("app-5", SmallApplication("app-5", 1) + "{\"Event\":\"SparkListenerLogStart\"} extra\n" +
                                        testing::ApplicationEndLine(1) + "\n");
  EXPECT_EQ(o.report["accounting"]["malformed_lines"], 1);
}

TEST(AnalyzerTest, TornLastLineMakesTheFilePartial) {
  std::string log = SmallApplication("app-6", 3);
  std::string torn = log + "{\"Event\":\"SparkListenerJobEnd\",\"Job ID\":0,\"Completion";
  for (const std::string& bytes : {torn, torn + "\n"}) {
    Outcome o = AnalyzeBytes("app-6.inprogress", bytes);
    EXPECT_EQ(o.report["inputs"][0]["status"], "partial");
    EXPECT_EQ(o.report["issue_counts"]["truncated_last_line"], 1);
    EXPECT_EQ(o.report["applications"][0]["tasks"], 3);
  }
}

TEST(AnalyzerTest, TruncatedZstdKeepsEverythingBeforeTheTornFrame) {
  std::string log = SmallApplication("app-7", 50);
  std::string zstd = ZstdFrames(log, 1000);
  std::string cut = zstd.substr(0, zstd.size() - 40);
  Outcome o = AnalyzeBytes("app-7.zstd", cut);
  EXPECT_EQ(o.report["inputs"][0]["status"], "partial");
  EXPECT_EQ(o.report["issue_counts"]["input_truncated"], 1);
  EXPECT_GT(o.report["accounting"]["events"].get<int>(), 50);
  std::string error = o.report["inputs"][0]["error"];
  EXPECT_EQ(error.rfind("app-7.zstd: truncated zstd frame at byte ", 0), 0u) << error;
}

TEST(AnalyzerTest, NotAnEventLogIsAnError) {
  Outcome o = AnalyzeBytes("data.json", "{\"name\":\"x\"}\n{\"name\":\"y\"}\n");
  EXPECT_EQ(o.report["inputs"][0]["status"], "error");
  EXPECT_EQ(o.report["inputs"][0]["error"],
            "data.json: not a spark event log: no line is a JSON object with an \"Event\" field");
  EXPECT_EQ(o.result.files_error, 1);

  std::string many;
  for (int i = 0; i < 100; ++i) many += "plain text line " + std::to_string(i) + "\n";
  Outcome text = AnalyzeBytes("notes.txt", many);
  EXPECT_EQ(text.report["inputs"][0]["status"], "error");
  EXPECT_EQ(text.report["accounting"]["lines"], 8);  // reading stops after EventReader::kMaxLeadingNonEventLines
}

TEST(AnalyzerTest, EmptyAndBinaryInputsAreErrors) {
  Outcome empty = AnalyzeBytes("empty.zstd", "");
  EXPECT_EQ(empty.report["inputs"][0]["status"], "error");
  EXPECT_EQ(empty.report["inputs"][0]["error"], "empty.zstd: empty file (0 bytes)");
  EXPECT_EQ(empty.report["issue_counts"]["input_empty"], 1);

  Outcome binary = AnalyzeBytes("image.png", std::string("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16));
  EXPECT_EQ(binary.report["inputs"][0]["status"], "error");
  EXPECT_EQ(binary.report["inputs"][0]["error"],
            "image.png: unrecognised format (first bytes: 89 50 4e 47 0d 0a 1a 0a)");
}

TEST(AnalyzerTest, CodecNameMismatchIsReportedAndContentWins) {
  Outcome o = AnalyzeBytes("app-8.zstd", SmallApplication("app-8", 1));
  EXPECT_EQ(o.report["inputs"][0]["codec"], "plain");
  EXPECT_EQ(o.report["issue_counts"]["codec_name_mismatch"], 1);
  EXPECT_EQ(o.report["inputs"][0]["status"], "ok");
}

TEST(AnalyzerTest, DecodedLimitStopsADecompressionBomb) {
  // 64 MiB of blank lines compress to a few KiB.
  std::string blank(64u << 20, '\n');
  std::string bomb = ZstdFrames(blank, blank.size());
  AnalyzerOptions options;
  options.max_decoded_bytes = 1u << 20;
  Outcome o = AnalyzeBytes("bomb.zstd", SmallApplication("x", 1).substr(0, 0) + bomb, 1 << 16, options);
  EXPECT_EQ(o.report["issue_counts"]["decoded_limit_reached"], 1);
  EXPECT_LE(o.report["inputs"][0]["bytes_decoded"].get<uint64_t>(), (1u << 20) + (256u << 10));
  EXPECT_NE(o.report["inputs"][0]["status"], "ok");

  AnalyzerOptions ratio;
  ratio.max_expansion_ratio = 1000;
  std::string huge_blank(300u << 20, '\n');
  std::string ratio_bomb = ZstdFrames(huge_blank, huge_blank.size());
  Outcome r = AnalyzeBytes("bomb2.zstd", ratio_bomb, 1 << 16, ratio);
  EXPECT_EQ(r.report["issue_counts"]["decoded_limit_reached"], 1);
  EXPECT_LT(r.report["inputs"][0]["bytes_decoded"].get<uint64_t>(), 300u << 20);
}

TEST(AnalyzerTest, AHugeSingleLineIsParsedAndAHugeGarbageLineIsRejected) {
  // A 200 MB event line (a SQL description of that size).
  std::string big = "{\"Event\":\"org.apache.spark.sql.execution.ui.SparkListenerSQLExecutionStart\","
                    "\"executionId\":1,\"description\":\"" +
                    std::string(200u << 20, 'q') + "\",\"time\":1}\n";
  Outcome o = AnalyzeBytes("big", SmallApplication("big", 1) + big, 4u << 20);
  EXPECT_EQ(o.report["accounting"]["malformed_lines"], 0);
  // Execution 1 from the huge line, and 0, which the small application's
  // job names (Spark creates an execution a job refers to).
  EXPECT_EQ(o.report["applications"][0]["sql_executions"], 2);
  big.clear();

  // 200 MB of garbage without a newline, over a 64 MiB line limit: skipped, not buffered.
  AnalyzerOptions options;
  options.max_line_bytes = 64u << 20;
  std::string garbage(200u << 20, 'z');
  Outcome g = AnalyzeBytes("garbage", garbage, 4u << 20, options);
  EXPECT_EQ(g.report["inputs"][0]["status"], "error");
  EXPECT_EQ(g.report["issue_counts"]["line_too_long"], 1);
}

TEST(AnalyzerTest, RollingPartsFormOneApplication) {
  std::string log = SmallApplication("app-9", 10);
  size_t middle = log.find("SparkListenerTaskEnd");
  middle = log.find('\n', middle) + 1;
  InputPlan plan = PlanInputs({{"eventlog_v2_app-9/events_2_app-9", 1},
                               {"eventlog_v2_app-9/events_1_app-9", 1},
                               {"eventlog_v2_app-9/appstatus_app-9", 0}});
  ASSERT_EQ(plan.logs.size(), 1u);
  Analyzer analyzer;
  analyzer.BeginLog(plan.logs[0]);
  const std::string parts[] = {log.substr(0, middle), log.substr(middle)};
  for (size_t i = 0; i < 2; ++i) {
    analyzer.BeginFile(plan.logs[0].files[i].path, parts[i].size());
    analyzer.Feed(reinterpret_cast<const uint8_t*>(parts[i].data()), parts[i].size());
    analyzer.EndFile();
  }
  analyzer.EndLog();
  Json report = Json::parse(analyzer.Finish().report_json);
  ASSERT_EQ(report["applications"].size(), 1u);
  EXPECT_EQ(report["applications"][0]["layout"], "rolling");
  EXPECT_EQ(report["applications"][0]["tasks"], 10);
  EXPECT_EQ(report["applications"][0]["files"].size(), 2u);
  EXPECT_EQ(report["inputs"][1]["application"], 0);
}

TEST(AnalyzerTest, MissingApplicationEndIsFlaggedAndClosed) {
  std::string log = SmallApplication("app-10", 4);
  log = log.substr(0, log.rfind("{\"Event\":\"SparkListenerApplicationEnd\""));
  Outcome o = AnalyzeBytes("app-10", log);
  const Json& app = o.report["applications"][0];
  EXPECT_EQ(app["completed"], false);
  EXPECT_EQ(app["end_ms"], 1700000000000 + 2001 + 40);  // the last timestamp seen
  EXPECT_EQ(o.report["issue_counts"]["application_end_missing"], 1);
}

}  // namespace
}  // namespace sparkdx
