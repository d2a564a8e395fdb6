#include <gtest/gtest.h>

#include <string>

#include "sparkdx/analyzer.h"
#include "support/event_log_text.h"

namespace sparkdx {
namespace {

TEST(FormatReportTest, NeverThrowsOnJsonThatIsNotAReport) {
  for (const char* text : {"{}", "[]", "3", "\"x\"", "null", "{\"schema_version\":1}",
                           "{\"schema_version\":1,\"applications\":[{\"completed\":1,\"files\":3}]}",
                           "{\"schema_version\":1,\"inputs\":[1,{\"bytes_read\":-4}],\"issue_counts\":[1],"
                           "\"issues\":{\"a\":1}}",
                           "not json"}) {
    EXPECT_NO_THROW({
      FormatReport(text, ReportFormat::kText);
      FormatReport(text, ReportFormat::kJson);
    }) << text;
  }
  EXPECT_EQ(FormatReport("{}", ReportFormat::kText), "sparkdx: not a sparkdx report\n");
  EXPECT_EQ(FormatReport("nope", ReportFormat::kText), "sparkdx: not a JSON document\n");
}

TEST(FormatReportTest, TextSummarisesTheReport) {
  Analyzer analyzer;
  std::string log = testing::SmallApplication("app-t", 3);
  analyzer.BeginFile("app-t", log.size());
  analyzer.Feed(reinterpret_cast<const uint8_t*>(log.data()), log.size());
  analyzer.EndFile();
  std::string text = FormatReport(analyzer.Finish().report_json, ReportFormat::kText);
  EXPECT_NE(text.find("1 application\n"), std::string::npos) << text;
  EXPECT_NE(text.find("  app-t  test app\n"), std::string::npos) << text;
  EXPECT_NE(text.find("jobs 1, stages 1 (1 attempts), tasks 3, executors 2, sql 1"), std::string::npos) << text;
  EXPECT_NE(text.find("lines 15 = events 15 + blank 0 + malformed 0; unknown events 0"), std::string::npos) << text;
}

}  // namespace
}  // namespace sparkdx

namespace sparkdx {
namespace {

TEST(FormatReportDurationTest, FormatsAnyDurationWithoutOverflow) {
  auto text = [](const std::string& duration) {
    return FormatReport("{\"schema_version\":1,\"applications\":[{\"completed\":true,\"duration_ms\":" + duration + "}]}",
                        ReportFormat::kText);
  };
  EXPECT_NE(text("12345").find("duration:       12.3 s\n"), std::string::npos);
  EXPECT_NE(text("245000").find("duration:       4 min 05 s\n"), std::string::npos);
  EXPECT_NE(text("11220000").find("duration:       3 h 07 min\n"), std::string::npos);
  EXPECT_NE(text("-5000").find("duration:       -5.0 s\n"), std::string::npos);
  EXPECT_NE(text("6268230000000").find("duration:       1741175 h 00 min\n"), std::string::npos);
  EXPECT_NE(text("-9223372036854775808").find(" h "), std::string::npos);
}

}  // namespace
}  // namespace sparkdx
