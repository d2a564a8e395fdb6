// SparkListenerSQLExecutionStart and SparkListenerSQLExecutionEnd (written by
// Jackson: camelCase keys).
#include "eventlog/events/handlers.h"
#include "eventlog/keys.h"

namespace sparkdx {

json::Error HandleSqlExecutionStart(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kExecutionId, keys::kSqlDescription, keys::kTime};
  enum { kId, kDescription, kTime };
  int64_t execution_id = -1, time_ms = -1;
  std::string_view description;
  bool has_id = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case kId:
        error = json::ReadInt64(field.value(), &execution_id);
        has_id = !error;
        break;
      case kDescription: error = json::ReadString(field.value(), &description); break;
      case kTime: error = json::ReadInt64(field.value(), &time_ms); break;
      default: break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!has_id) {
    ctx.BadField(keys::kExecutionId);
    return json::kOk;
  }
  ctx.app->OnSqlExecutionStart(execution_id, description, time_ms);
  return json::kOk;
}

json::Error HandleSqlExecutionEnd(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kExecutionId, keys::kTime};
  int64_t execution_id = -1, time_ms = -1;
  bool has_id = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case 0:
        error = json::ReadInt64(field.value(), &execution_id);
        has_id = !error;
        break;
      case 1: error = json::ReadInt64(field.value(), &time_ms); break;
      default: break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!has_id) {
    ctx.BadField(keys::kExecutionId);
    return json::kOk;
  }
  ctx.app->OnSqlExecutionEnd(execution_id, time_ms);
  return json::kOk;
}

}  // namespace sparkdx
