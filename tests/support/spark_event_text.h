// Spark-like event-log text for codec and container tests, written for tests.
//
// The lines follow the shape of real Spark 3.x/4.x event logs (one JSON event
// per line, '\n'-terminated, UTF-8): LogStart, ResourceProfileAdded,
// EnvironmentUpdate (the big line), ApplicationStart, executors, SQL
// executions, jobs, stages, tasks with full metrics, ApplicationEnd. Numbers
// come from a seeded generator, so the text compresses like a real log (not
// like a repeated string) and is identical on every run.
#ifndef SPARKDX_TESTS_SUPPORT_SPARK_EVENT_TEXT_H_
#define SPARKDX_TESTS_SUPPORT_SPARK_EVENT_TEXT_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace sparkdx::testing {

struct SparkEventTextOptions {
  std::string app_id = "application_1713000000000_0042";
  std::string attempt_id;  // empty: no "App Attempt ID" field
  std::string app_name = "nightly-etl";
  std::string spark_version = "3.5.1";
  // The text grows by whole jobs until it reaches at least this many bytes.
  size_t target_bytes = 300 * 1024;
  uint32_t seed = 1;
  bool application_end = true;
};

// A complete event log as text; every line ends with '\n'.
std::string MakeSparkEventText(const SparkEventTextOptions& options = {});

// MakeSparkEventText() with default options, computed once per process.
const std::string& DefaultSparkEventText();

// The lines of `text` without their '\n' (a last line without one is kept).
std::vector<std::string_view> SplitLines(std::string_view text);

// Number of '\n'-terminated lines, plus one for an unterminated tail.
size_t CountLines(std::string_view text);

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_SPARK_EVENT_TEXT_H_
