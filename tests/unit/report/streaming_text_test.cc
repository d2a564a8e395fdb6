// The text report's one line per structured streaming query run.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>

#include "sparkdx/analyzer.h"

namespace sparkdx {
namespace {

using Json = nlohmann::json;

std::string Text(const Json& queries) {
  Json report = {{"schema_version", 1},
                 {"generator", "sparkdx test"},
                 {"applications", Json::array({{{"id", "app-1"}, {"streaming_queries", queries}}})}};
  return FormatReport(report.dump(), ReportFormat::kText);
}

TEST(StreamingTextTest, OneLinePerRunWithTheExceptionsFirstLine) {
  Json failed = {{"id", "query-1"}, {"name", "counts"}, {"status", "failed"}, {"batches", 8},
                 {"input_rows", 641}, {"batch_duration_ms_median", 415}, {"batch_duration_ms_max", 7110},
                 {"exception", "StreamingQueryException: boom\n\tat Some.method(Some.scala:1)"}};
  Json untimed = {{"id", "query-2"}, {"name", nullptr}, {"status", "active"}, {"batches", 1},
                  {"input_rows", 0}, {"batch_duration_ms_median", nullptr}, {"exception", nullptr}};
  std::string text = Text(Json::array({failed, untimed}));
  EXPECT_NE(text.find("    streaming query counts: failed, 8 batches, 641 input rows, batch median 0.4 s (max 7.1 s)\n"
                      "      StreamingQueryException: boom\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("    streaming query query-2: active, 1 batch, 0 input rows\n"), std::string::npos) << text;
}

TEST(StreamingTextTest, NoQueriesNoLine) {
  EXPECT_EQ(Text(Json::array()).find("streaming query"), std::string::npos);
}

}  // namespace
}  // namespace sparkdx
