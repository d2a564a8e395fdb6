// Synthetic structured streaming events (StreamingQueryListener's), one JSON
// line each (no newline), shaped like Spark 3.x writes them through Jackson.
#ifndef SPARKDX_TESTS_SUPPORT_STREAMING_EVENT_TEXT_H_
#define SPARKDX_TESTS_SUPPORT_STREAMING_EVENT_TEXT_H_

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace sparkdx::testing {

// A JSON number, or one of Jackson's strings for doubles that are not
// numbers: "NaN", "Infinity".
using JsonRate = std::string;

struct StreamingSourceLine {
  int64_t input_rows = 0;
  JsonRate input_rows_per_second = "0.0";
  JsonRate processed_rows_per_second = "0.0";
};

struct StreamingProgressLine {
  std::string id = "query-1";
  std::string run_id = "run-1";
  std::optional<std::string> name;
  std::string timestamp = "2024-01-01T00:00:00.000Z";
  int64_t batch_id = 0;
  int64_t batch_duration_ms = -1;  // -1: no "batchDuration" (before Spark 3.1)
  std::vector<std::pair<std::string, int64_t>> duration_ms = {{"triggerExecution", 100}};
  std::vector<StreamingSourceLine> sources = {StreamingSourceLine()};
  std::vector<int64_t> state_memory_bytes;  // one state operator per entry, numRowsTotal 10 each
  int64_t sink_output_rows = -1;
};

std::string StreamingStartedLine(const std::string& id, const std::string& run_id,
                                 const std::optional<std::string>& name, const std::string& timestamp);
std::string StreamingProgressEventLine(const StreamingProgressLine& progress);
std::string StreamingIdleLine(const std::string& id, const std::string& run_id, const std::string& timestamp);
// `exception` nullopt writes "exception":null.
std::string StreamingTerminatedLine(const std::string& id, const std::string& run_id,
                                    const std::optional<std::string>& exception);

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_STREAMING_EVENT_TEXT_H_
