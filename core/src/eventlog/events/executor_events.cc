// SparkListenerExecutorAdded, SparkListenerExecutorRemoved,
// SparkListenerBlockManagerAdded (the driver and Spark 1.x executors appear
// only through their block manager).
#include "eventlog/events/handlers.h"
#include "eventlog/keys.h"

namespace sparkdx {

json::Error HandleExecutorAdded(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kTimestamp, keys::kExecutorId, keys::kExecutorInfo};
  static const json::KeyMatcher kInfoKeys{keys::kHost, keys::kTotalCores};
  enum { kTime, kId, kInfo };
  int64_t time_ms = -1, cores = 0;
  std::string_view executor_id, host;
  bool has_id = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case kTime:
        error = json::ReadInt64(field.value(), &time_ms);
        break;
      case kId:
        error = json::ReadString(field.value(), &executor_id);
        has_id = !error;
        break;
      case kInfo: {
        json::Object info;
        error = field.value().get_object().get(info);
        if (error) break;
        size_t info_cursor = 0;
        for (auto info_item : info) {
          json::Field info_field;
          SPARKDX_JSON_SYNTAX_CHECK(std::move(info_item).get(info_field));
          json::Error info_error = json::kOk;
          switch (kInfoKeys.Find(info_field, &info_cursor)) {
            case 0: info_error = json::ReadString(info_field.value(), &host); break;
            case 1: info_error = json::ReadInt64(info_field.value(), &cores); break;
            default: break;
          }
          SPARKDX_JSON_SYNTAX_CHECK(info_error);
        }
        break;
      }
      default:
        break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!has_id) {
    ctx.BadField(keys::kExecutorId);
    return json::kOk;
  }
  ctx.app->OnExecutorAdded(executor_id, host, static_cast<int32_t>(cores), time_ms);
  return json::kOk;
}

json::Error HandleExecutorRemoved(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kTimestamp, keys::kExecutorId, keys::kRemovedReason};
  enum { kTime, kId, kReason };
  int64_t time_ms = -1;
  std::string_view executor_id, reason;
  bool has_id = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case kTime: error = json::ReadInt64(field.value(), &time_ms); break;
      case kId:
        error = json::ReadString(field.value(), &executor_id);
        has_id = !error;
        break;
      case kReason: error = json::ReadString(field.value(), &reason); break;
      default: break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!has_id) {
    ctx.BadField(keys::kExecutorId);
    return json::kOk;
  }
  ctx.app->OnExecutorRemoved(executor_id, reason, time_ms);
  return json::kOk;
}

json::Error HandleBlockManagerAdded(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kBlockManagerId, keys::kMaximumMemory, keys::kTimestamp};
  static const json::KeyMatcher kIdKeys{keys::kExecutorId, keys::kHost};
  enum { kId, kMemory, kTime };
  int64_t time_ms = -1, max_memory = -1;
  std::string_view executor_id, host;
  bool has_id = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case kId: {
        json::Object id;
        error = field.value().get_object().get(id);
        if (error) break;
        size_t id_cursor = 0;
        for (auto id_item : id) {
          json::Field id_field;
          SPARKDX_JSON_SYNTAX_CHECK(std::move(id_item).get(id_field));
          json::Error id_error = json::kOk;
          switch (kIdKeys.Find(id_field, &id_cursor)) {
            case 0:
              id_error = json::ReadString(id_field.value(), &executor_id);
              has_id = !id_error;
              break;
            case 1: id_error = json::ReadString(id_field.value(), &host); break;
            default: break;
          }
          SPARKDX_JSON_SYNTAX_CHECK(id_error);
        }
        break;
      }
      case kMemory: error = json::ReadInt64(field.value(), &max_memory); break;
      case kTime: error = json::ReadInt64(field.value(), &time_ms); break;
      default: break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!has_id) {
    ctx.BadField(keys::kBlockManagerId);
    return json::kOk;
  }
  ctx.app->OnBlockManagerAdded(executor_id, host, max_memory, time_ms);
  return json::kOk;
}

}  // namespace sparkdx
