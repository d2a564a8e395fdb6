#include "support/streaming_event_text.h"

#include <nlohmann/json.hpp>

namespace sparkdx::testing {
namespace {

using Json = nlohmann::ordered_json;

constexpr char kPrefix[] = "org.apache.spark.sql.streaming.StreamingQueryListener$";

Json OptionalText(const std::optional<std::string>& text) { return text ? Json(*text) : Json(nullptr); }

// A number written as given, or a Jackson string for NaN and infinities.
Json Rate(const JsonRate& rate) {
  if (rate == "NaN" || rate == "Infinity" || rate == "-Infinity") return Json(rate);
  return Json::parse(rate);
}

}  // namespace

std::string StreamingStartedLine(const std::string& id, const std::string& run_id,
                                 const std::optional<std::string>& name, const std::string& timestamp) {
  return Json{{"Event", std::string(kPrefix) + "QueryStartedEvent"},
              {"id", id},
              {"runId", run_id},
              {"name", OptionalText(name)},
              {"timestamp", timestamp}}
      .dump();
}

std::string StreamingProgressEventLine(const StreamingProgressLine& p) {
  Json durations = Json::object();
  for (const auto& [phase, ms] : p.duration_ms) durations[phase] = ms;
  Json state = Json::array();
  for (int64_t bytes : p.state_memory_bytes) {
    state.push_back({{"numRowsTotal", 10}, {"numRowsUpdated", 1}, {"memoryUsedBytes", bytes},
                     {"customMetrics", Json::object()}});
  }
  Json sources = Json::array();
  for (const StreamingSourceLine& source : p.sources) {
    sources.push_back({{"description", "KafkaV2[Subscribe[topic]]"},
                       {"startOffset", nullptr},
                       {"endOffset", "{\"topic\":{\"0\":1}}"},
                       {"numInputRows", source.input_rows},
                       {"inputRowsPerSecond", Rate(source.input_rows_per_second)},
                       {"processedRowsPerSecond", Rate(source.processed_rows_per_second)}});
  }
  Json progress{{"id", p.id}, {"runId", p.run_id}, {"name", OptionalText(p.name)}, {"timestamp", p.timestamp},
                {"batchId", p.batch_id}};
  if (p.batch_duration_ms >= 0) progress["batchDuration"] = p.batch_duration_ms;
  progress["durationMs"] = durations;
  progress["eventTime"] = Json::object();
  progress["stateOperators"] = state;
  progress["sources"] = sources;
  progress["sink"] = {{"description", "ConsoleTable"}, {"numOutputRows", p.sink_output_rows}};
  progress["observedMetrics"] = Json::object();
  return Json{{"Event", std::string(kPrefix) + "QueryProgressEvent"}, {"progress", progress}}.dump();
}

std::string StreamingIdleLine(const std::string& id, const std::string& run_id, const std::string& timestamp) {
  return Json{{"Event", std::string(kPrefix) + "QueryIdleEvent"}, {"id", id}, {"runId", run_id},
              {"timestamp", timestamp}}
      .dump();
}

std::string StreamingTerminatedLine(const std::string& id, const std::string& run_id,
                                    const std::optional<std::string>& exception) {
  return Json{{"Event", std::string(kPrefix) + "QueryTerminatedEvent"},
              {"id", id},
              {"runId", run_id},
              {"exception", OptionalText(exception)}}
      .dump();
}

}  // namespace sparkdx::testing
