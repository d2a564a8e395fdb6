// Structured streaming events (StreamingQueryListener's, written by Jackson:
// camelCase keys): QueryStartedEvent, QueryProgressEvent, QueryIdleEvent,
// QueryTerminatedEvent.
//
// A run is named by its "runId": an event without one cannot be attributed
// and is dropped (reported as a bad field). Times are ISO-8601 strings; one
// that does not parse is reported and read as -1.
#include <limits>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "base/iso_time.h"
#include "eventlog/events/handlers.h"
#include "eventlog/keys.h"

namespace sparkdx {
namespace {

// A string, or nullopt for JSON null.
json::Error ReadOptionalString(json::Value& value, std::optional<std::string>* out) {
  if (json::IsNull(value)) {
    out->reset();
    return json::kOk;
  }
  std::string_view text;
  json::Error error = json::ReadString(value, &text);
  if (!error) *out = std::string(text);
  return error;
}

json::Error ReadRequiredString(json::Value& value, std::string* out) {
  std::string_view text;
  json::Error error = json::ReadString(value, &text);
  if (!error) out->assign(text);
  return error;
}

// An ISO-8601 time; a string that is not one is a mistyped field.
json::Error ReadIsoTime(json::Value& value, int64_t* out_ms) {
  std::string_view text;
  json::Error error = json::ReadString(value, &text);
  if (error) return error;
  return ParseIsoTimestampMs(text, out_ms) ? json::kOk : simdjson::INCORRECT_TYPE;
}

// A Java double as Jackson writes it: a number, or "NaN" / "Infinity" /
// "-Infinity" as strings.
json::Error ReadJavaDouble(json::Value& value, double* out) {
  simdjson::ondemand::json_type type;
  json::Error error = value.type().get(type);
  if (error) return error;
  if (type == simdjson::ondemand::json_type::number) return value.get_double().get(*out);
  if (type != simdjson::ondemand::json_type::string) return simdjson::INCORRECT_TYPE;
  std::string_view text;
  error = value.get_string().get(text);
  if (error) return error;
  if (text == "NaN") {
    *out = std::numeric_limits<double>::quiet_NaN();
  } else if (text == "Infinity") {
    *out = std::numeric_limits<double>::infinity();
  } else if (text == "-Infinity") {
    *out = -std::numeric_limits<double>::infinity();
  } else {
    return simdjson::INCORRECT_TYPE;
  }
  return json::kOk;
}

// Remembers the first mistyped value of a nested structure while its
// reading goes on, so one odd number does not hide the rest.
void KeepFirst(json::Error error, json::Error* first) {
  if (error && !*first) *first = error;
}

// "durationMs": {"triggerExecution": 7109, ...}
json::Error ReadDurations(json::Value& value, std::vector<std::pair<std::string, int64_t>>* out) {
  json::Object object;
  json::Error error = value.get_object().get(object);
  if (error) return error;
  json::Error mistyped = json::kOk;
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key;
    SPARKDX_JSON_SYNTAX_CHECK(field.unescaped_key().get(key));
    std::string phase(key);
    int64_t ms = 0;
    error = json::ReadInt64(field.value(), &ms);
    SPARKDX_JSON_SYNTAX_CHECK(error);
    KeepFirst(error, &mistyped);
    if (!error) out->emplace_back(std::move(phase), ms);
  }
  return mistyped;
}

// Calls `read_element(object)` for each object of an array (null: none).
template <typename ReadElement>
json::Error ForEachObject(json::Value& value, ReadElement read_element) {
  if (json::IsNull(value)) return json::kOk;
  json::Array array;
  json::Error error = value.get_array().get(array);
  if (error) return error;
  json::Error mistyped = json::kOk;
  for (auto item : array) {
    json::Value element;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(element));
    json::Object object;
    error = element.get_object().get(object);
    SPARKDX_JSON_SYNTAX_CHECK(error);
    KeepFirst(error, &mistyped);
    if (error) continue;
    error = read_element(object);
    SPARKDX_JSON_SYNTAX_CHECK(error);
    KeepFirst(error, &mistyped);
  }
  return mistyped;
}

// One of "stateOperators": its rows and memory are added to the progress.
json::Error ReadStateOperator(json::Object& object, StreamingQueryProgressEvent* out) {
  json::Error mistyped = json::kOk;
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    int64_t number = 0;
    json::Error error = json::kOk;
    if (key == keys::kStreamNumRowsTotal) {
      error = json::ReadInt64(field.value(), &number);
      if (!error) out->state_rows_total += number;
    } else if (key == keys::kStreamMemoryUsedBytes) {
      error = json::ReadInt64(field.value(), &number);
      if (!error) out->state_memory_bytes += number;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
    KeepFirst(error, &mistyped);
  }
  out->has_state = true;
  return mistyped;
}

// One of "sources": its input rows and rates are added to the progress.
json::Error ReadSource(json::Object& object, StreamingQueryProgressEvent* out) {
  json::Error mistyped = json::kOk;
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    json::Error error = json::kOk;
    if (key == keys::kStreamNumInputRows) {
      int64_t rows = 0;
      error = json::ReadInt64(field.value(), &rows);
      if (!error) out->num_input_rows += rows;
    } else if (key == keys::kStreamInputRowsPerSecond || key == keys::kStreamProcessedRowsPerSecond) {
      double rate = 0;
      error = ReadJavaDouble(field.value(), &rate);
      if (!error) {
        (key == keys::kStreamInputRowsPerSecond ? out->input_rows_per_second : out->processed_rows_per_second) +=
            rate;
      }
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
    KeepFirst(error, &mistyped);
  }
  return mistyped;
}

// "sink": {"description": ..., "numOutputRows": ...}
json::Error ReadSink(json::Value& value, StreamingQueryProgressEvent* out) {
  if (json::IsNull(value)) return json::kOk;
  json::Object object;
  json::Error error = value.get_object().get(object);
  if (error) return error;
  json::Error mistyped = json::kOk;
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    error = json::kOk;
    if (key == keys::kStreamDescription) {
      error = ReadOptionalString(field.value(), &out->sink_description);
    } else if (key == keys::kStreamNumOutputRows) {
      error = json::ReadInt64(field.value(), &out->sink_output_rows);
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
    KeepFirst(error, &mistyped);
  }
  return mistyped;
}

// The "progress" object. Fields that cannot be read are reported and the
// rest is kept; `*has_run_id` says whether the run is known.
json::Error ReadProgress(json::Value& value, EventContext& ctx, StreamingQueryProgressEvent* out, bool* has_run_id) {
  json::Object object;
  json::Error error = value.get_object().get(object);
  if (error) return error;
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    error = json::kOk;
    if (key == keys::kStreamId) {
      error = ReadRequiredString(field.value(), &out->id);
    } else if (key == keys::kStreamRunId) {
      error = ReadRequiredString(field.value(), &out->run_id);
      *has_run_id = !error;
    } else if (key == keys::kStreamName) {
      error = ReadOptionalString(field.value(), &out->name);
    } else if (key == keys::kStreamTimestamp) {
      error = ReadIsoTime(field.value(), &out->time_ms);
    } else if (key == keys::kStreamBatchId) {
      error = json::ReadInt64(field.value(), &out->batch_id);
    } else if (key == keys::kStreamBatchDuration) {
      error = json::ReadInt64(field.value(), &out->batch_duration_ms);
    } else if (key == keys::kStreamDurationMs) {
      error = ReadDurations(field.value(), &out->duration_ms);
    } else if (key == keys::kStreamStateOperators) {
      error = ForEachObject(field.value(), [out](json::Object& op) { return ReadStateOperator(op, out); });
    } else if (key == keys::kStreamSources) {
      error = ForEachObject(field.value(), [out](json::Object& source) { return ReadSource(source, out); });
    } else if (key == keys::kStreamSink) {
      error = ReadSink(field.value(), out);
    }
    if (error) {
      SPARKDX_JSON_SYNTAX_CHECK(error);
      if (key != keys::kStreamRunId) ctx.BadField(key);  // a missing run is reported once, below
    }
  }
  return json::kOk;
}

}  // namespace

json::Error HandleStreamingQueryStarted(json::Object& event, EventContext& ctx) {
  StreamingQueryStartedEvent parsed;
  bool has_run_id = false;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    json::Error error = json::kOk;
    if (key == keys::kStreamId) {
      error = ReadRequiredString(field.value(), &parsed.id);
    } else if (key == keys::kStreamRunId) {
      error = ReadRequiredString(field.value(), &parsed.run_id);
      has_run_id = !error;
    } else if (key == keys::kStreamName) {
      error = ReadOptionalString(field.value(), &parsed.name);
    } else if (key == keys::kStreamTimestamp) {
      error = ReadIsoTime(field.value(), &parsed.time_ms);
    }
    if (error) {
      SPARKDX_JSON_SYNTAX_CHECK(error);
      if (key != keys::kStreamRunId) ctx.BadField(key);  // a missing run is reported once, below
    }
  }
  if (!has_run_id) {
    ctx.BadField(keys::kStreamRunId);
    return json::kOk;
  }
  ctx.listener->OnStreamingQueryStarted(parsed);
  return json::kOk;
}

json::Error HandleStreamingQueryProgress(json::Object& event, EventContext& ctx) {
  StreamingQueryProgressEvent parsed;
  bool has_progress = false;
  bool has_run_id = false;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    if (json::RawKey(field) != keys::kStreamProgress) continue;
    json::Error error = ReadProgress(field.value(), ctx, &parsed, &has_run_id);
    SPARKDX_JSON_SYNTAX_CHECK(error);
    has_progress = !error;
  }
  if (!has_progress) {
    ctx.BadField(keys::kStreamProgress);
    return json::kOk;
  }
  if (!has_run_id) {
    ctx.BadField(keys::kStreamRunId);
    return json::kOk;
  }
  ctx.listener->OnStreamingQueryProgress(parsed);
  return json::kOk;
}

// The fields the idle and terminated events share ("id", "runId"), plus
// those `read_other(key, value)` reads; a field of the wrong type is
// reported, a missing run id once (*has_run_id false: the event cannot be
// applied). Returns only syntax errors.
template <typename Event, typename ReadOther>
json::Error ReadRunEvent(json::Object& event, EventContext& ctx, Event* parsed, ReadOther read_other,
                         bool* has_run_id) {
  *has_run_id = false;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    json::Error error = json::kOk;
    if (key == keys::kStreamId) {
      error = ReadRequiredString(field.value(), &parsed->id);
    } else if (key == keys::kStreamRunId) {
      error = ReadRequiredString(field.value(), &parsed->run_id);
      *has_run_id = !error;
    } else {
      error = read_other(key, field.value());
    }
    if (error) {
      SPARKDX_JSON_SYNTAX_CHECK(error);
      if (key != keys::kStreamRunId) ctx.BadField(key);  // a missing run is reported once, by the caller
    }
  }
  if (!*has_run_id) ctx.BadField(keys::kStreamRunId);
  return json::kOk;
}

json::Error HandleStreamingQueryIdle(json::Object& event, EventContext& ctx) {
  StreamingQueryIdleEvent parsed;
  bool has_run_id = false;
  json::Error error = ReadRunEvent(
      event, ctx, &parsed,
      [&parsed](std::string_view key, json::Value value) {
        return key == keys::kStreamTimestamp ? ReadIsoTime(value, &parsed.time_ms) : json::kOk;
      },
      &has_run_id);
  if (error || !has_run_id) return error;
  ctx.listener->OnStreamingQueryIdle(parsed);
  return json::kOk;
}

json::Error HandleStreamingQueryTerminated(json::Object& event, EventContext& ctx) {
  StreamingQueryTerminatedEvent parsed;
  bool has_run_id = false;
  json::Error error = ReadRunEvent(
      event, ctx, &parsed,
      [&parsed](std::string_view key, json::Value value) {
        return key == keys::kStreamException ? ReadOptionalString(value, &parsed.exception) : json::kOk;
      },
      &has_run_id);
  if (error || !has_run_id) return error;
  ctx.listener->OnStreamingQueryTerminated(parsed);
  return json::kOk;
}

}  // namespace sparkdx
