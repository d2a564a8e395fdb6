// History Server zip downloads through the whole analyzer: attempts become
// applications, rolling parts listed out of order are read in order, and
// unsafe entry names are refused with an issue while the rest is read.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "sparkdx/analyzer.h"
#include "support/event_log_text.h"
#include "support/zip_writer.h"

namespace sparkdx {
namespace {

using Json = nlohmann::json;

Json AnalyzeZip(const std::string& name, const std::string& zip, size_t chunk) {
  Analyzer analyzer;
  analyzer.BeginFile(name, zip.size());
  for (size_t offset = 0; offset < zip.size(); offset += chunk) {
    if (!analyzer.Feed(reinterpret_cast<const uint8_t*>(zip.data()) + offset, std::min(chunk, zip.size() - offset))) {
      break;
    }
  }
  analyzer.EndFile();
  return Json::parse(analyzer.Finish().report_json);
}

// Splits a log into `parts` pieces at line boundaries.
std::vector<std::string> SplitLines(const std::string& log, int parts) {
  std::vector<std::string> pieces;
  size_t start = 0;
  for (int i = 1; i <= parts; ++i) {
    size_t end = i == parts ? log.size() : log.find('\n', log.size() * i / parts) + 1;
    pieces.push_back(log.substr(start, end - start));
    start = end;
  }
  return pieces;
}

TEST(ZipInputTest, HistoryServerZipWithTwoAttemptsAndOutOfOrderParts) {
  std::string attempt1 = testing::SmallApplication("application_1_1", 30);
  std::string attempt2 = testing::SmallApplication("application_1_1", 7);
  std::vector<std::string> parts = SplitLines(attempt1, 12);
  testing::ZipWriter zip;
  testing::ZipEntryOptions streamed;
  streamed.data_descriptor = true;  // as java.util.zip.ZipOutputStream writes
  zip.AddDirectory("eventlog_v2_application_1_1_1/");
  zip.AddFile("eventlog_v2_application_1_1_1/appstatus_application_1_1_1", "", streamed);
  // The lexical order a file system listing gives: 10, 11, 12, 1, 2, ...
  for (int index : {10, 11, 12, 1, 2, 3, 4, 5, 6, 7, 8, 9}) {
    zip.AddFile("eventlog_v2_application_1_1_1/events_" + std::to_string(index) + "_application_1_1_1",
                parts[index - 1], streamed);
  }
  zip.AddFile("application_1_1_2", attempt2, streamed);
  std::string archive = zip.Finish();

  std::string expected;
  for (size_t chunk : {archive.size(), size_t{4096}, size_t{333}, size_t{7}}) {
    Json report = AnalyzeZip("eventLogs-application_1_1.zip", archive, chunk);
    ASSERT_EQ(report["applications"].size(), 2u);
    const Json& rolling = report["applications"][0];
    EXPECT_EQ(rolling["layout"], "rolling");
    EXPECT_EQ(rolling["log"], "eventLogs-application_1_1.zip:eventlog_v2_application_1_1_1");
    EXPECT_EQ(rolling["tasks"], 30);
    EXPECT_EQ(rolling["completed"], true);
    ASSERT_EQ(rolling["files"].size(), 12u);
    EXPECT_EQ(rolling["files"][0], "eventLogs-application_1_1.zip:eventlog_v2_application_1_1_1/events_1_application_1_1_1");
    EXPECT_EQ(rolling["files"][11], "eventLogs-application_1_1.zip:eventlog_v2_application_1_1_1/events_12_application_1_1_1");
    EXPECT_EQ(report["applications"][1]["tasks"], 7);
    // No event was out of order: every task found its stage, no line was malformed.
    EXPECT_EQ(report["accounting"]["malformed_lines"], 0);
    EXPECT_EQ(report["inputs"][0]["codec"], "zip");
    EXPECT_EQ(report["inputs"][0]["application"], nullptr);
    if (expected.empty()) expected = report.dump();
    EXPECT_EQ(report.dump(), expected) << "chunk " << chunk;
  }
}

TEST(ZipInputTest, UnsafeEntryNamesAreRefusedAndTheRestIsRead) {
  testing::ZipWriter zip;
  zip.AddFile("../../x", testing::SmallApplication("evil", 2));
  zip.AddFile("/etc/passwd", "root:x:0:0\n");
  zip.AddFile("app-good", testing::SmallApplication("good", 3));
  Json report = AnalyzeZip("download.zip", zip.Finish(), 1 << 20);
  ASSERT_EQ(report["applications"].size(), 1u);
  EXPECT_EQ(report["applications"][0]["id"], "good");
  EXPECT_EQ(report["issue_counts"]["zip_unsafe_entry_name"], 2);
  bool named = false;
  for (const Json& issue : report["issues"]) {
    if (issue["kind"] == "zip_unsafe_entry_name" &&
        issue["message"].get<std::string>().find("\"../../x\"") != std::string::npos) {
      named = true;
    }
  }
  EXPECT_TRUE(named) << report["issues"].dump(1);
}

TEST(ZipInputTest, CorruptEntryKeepsEarlierEntriesAndReportsTheDamage) {
  testing::ZipWriter zip;
  zip.AddFile("app-one", testing::SmallApplication("one", 4));
  testing::ZipEntryOptions bad;
  bad.wrong_crc = true;
  zip.AddFile("app-two", testing::SmallApplication("two", 5), bad);
  Json report = AnalyzeZip("two.zip", zip.Finish(), 1 << 20);
  ASSERT_EQ(report["applications"].size(), 2u);
  EXPECT_EQ(report["issue_counts"]["zip_checksum_mismatch"], 1);
  EXPECT_EQ(report["inputs"][1]["status"], "ok");
  EXPECT_EQ(report["inputs"][2]["status"], "partial");
}

TEST(ZipInputTest, TruncatedDownloadKeepsWhatArrived) {
  testing::ZipWriter zip;
  zip.AddFile("app-one", testing::SmallApplication("one", 4));
  zip.AddFile("app-two", testing::SmallApplication("two", 50));
  std::string archive = zip.Finish();
  archive.resize(zip.entries()[1].data_offset + 100);
  Json report = AnalyzeZip("cut.zip", archive, 1 << 20);
  ASSERT_GE(report["applications"].size(), 1u);
  EXPECT_EQ(report["applications"][0]["tasks"], 4);
  EXPECT_EQ(report["inputs"][0]["status"], "partial");
  EXPECT_GE(report["issue_counts"]["input_truncated"].get<int>(), 1);
}

}  // namespace
}  // namespace sparkdx
