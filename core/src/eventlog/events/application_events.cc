// SparkListenerLogStart, SparkListenerApplicationStart, SparkListenerApplicationEnd.
#include "eventlog/events/handlers.h"
#include "eventlog/keys.h"

namespace sparkdx {

json::Error HandleLogStart(json::Object& event, EventContext& ctx) {
  std::string_view version;
  bool found = false;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    if (json::RawKey(field) != keys::kSparkVersion) continue;
    json::Error error = json::ReadString(field.value(), &version);
    SPARKDX_JSON_SYNTAX_CHECK(error);
    found = !error;
  }
  if (found) {
    ctx.app->OnLogStart(version);
  } else {
    ctx.BadField(keys::kSparkVersion);
  }
  return json::kOk;
}

json::Error HandleApplicationStart(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kAppName, keys::kAppId, keys::kTimestamp, keys::kUser,
                                      keys::kAppAttemptId};
  enum { kName, kId, kTime, kUser, kAttempt };
  ApplicationStartEvent parsed;
  bool has_name = false, has_time = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case kName:
        error = json::ReadString(field.value(), &parsed.app_name);
        has_name = !error;
        break;
      case kId:
        error = json::ReadString(field.value(), &parsed.app_id);
        parsed.has_app_id = !error;
        break;
      case kTime:
        error = json::ReadInt64(field.value(), &parsed.timestamp_ms);
        has_time = !error;
        break;
      case kUser:
        error = json::ReadString(field.value(), &parsed.user);
        break;
      case kAttempt:
        error = json::ReadString(field.value(), &parsed.attempt_id);
        parsed.has_attempt_id = !error;
        break;
      default:
        break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!has_name) ctx.BadField(keys::kAppName);
  if (!has_time) ctx.BadField(keys::kTimestamp);
  ctx.app->OnApplicationStart(parsed);
  return json::kOk;
}

json::Error HandleApplicationEnd(json::Object& event, EventContext& ctx) {
  int64_t timestamp_ms = -1;
  bool found = false;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    if (json::RawKey(field) != keys::kTimestamp) continue;
    json::Error error = json::ReadInt64(field.value(), &timestamp_ms);
    SPARKDX_JSON_SYNTAX_CHECK(error);
    found = !error;
  }
  if (!found) ctx.BadField(keys::kTimestamp);
  ctx.app->OnApplicationEnd(timestamp_ms);
  return json::kOk;
}

}  // namespace sparkdx
