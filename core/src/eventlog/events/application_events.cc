// SparkListenerLogStart, SparkListenerApplicationStart,
// SparkListenerApplicationEnd, SparkListenerEnvironmentUpdate,
// SparkListenerResourceProfileAdded.
#include "eventlog/events/handlers.h"
#include "eventlog/events/stage_info.h"
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
    ctx.listener->OnLogStart(version);
  } else {
    ctx.BadField(keys::kSparkVersion);
  }
  return json::kOk;
}

json::Error HandleApplicationStart(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kAppName, keys::kAppId, keys::kTimestamp, keys::kUser,
                                      keys::kAppAttemptId, "Driver Logs", "Driver Attributes"};
  enum { kName, kId, kTime, kUser, kAttempt, kDriverLogs, kDriverAttributes };
  ApplicationStartEvent parsed;
  bool has_name = false, has_time = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    std::string_view text;
    switch (kKeys.Find(field, &cursor)) {
      case kName:
        error = json::ReadString(field.value(), &text);
        has_name = !error;
        parsed.app_name.assign(text);
        break;
      case kId:
        error = json::ReadString(field.value(), &text);
        if (!error) parsed.app_id = std::string(text);
        break;
      case kTime:
        error = json::ReadInt64(field.value(), &parsed.time_ms);
        has_time = !error;
        break;
      case kUser:
        error = json::ReadString(field.value(), &text);
        parsed.user.assign(text);
        break;
      case kAttempt:
        error = json::ReadString(field.value(), &text);
        if (!error) parsed.attempt_id = std::string(text);
        break;
      case kDriverLogs: {
        if (json::IsNull(field.value())) break;
        std::vector<std::pair<std::string, std::string>> logs;
        error = ReadStringMap(field.value(), &logs);
        if (!error) parsed.driver_logs = std::move(logs);
        break;
      }
      case kDriverAttributes: error = ReadStringMap(field.value(), &parsed.driver_attributes); break;
      default: break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!has_name) ctx.BadField(keys::kAppName);
  if (!has_time) ctx.BadField(keys::kTimestamp);
  ctx.listener->OnApplicationStart(parsed);
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
  ctx.listener->OnApplicationEnd(timestamp_ms);
  return json::kOk;
}

json::Error HandleEnvironmentUpdate(json::Object& event, EventContext& ctx) {
  EnvironmentUpdateEvent parsed;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    std::vector<std::pair<std::string, std::string>>* target = nullptr;
    if (key == "JVM Information") target = &parsed.jvm_information;
    if (key == "Spark Properties") target = &parsed.spark_properties;
    if (key == "Hadoop Properties") target = &parsed.hadoop_properties;
    if (key == "System Properties") target = &parsed.system_properties;
    if (key == "Metrics Properties") target = &parsed.metrics_properties;
    if (key == "Classpath Entries") target = &parsed.classpath_entries;
    if (target == nullptr) continue;
    json::Error error = ReadStringMap(field.value(), target);
    if (error) {
      SPARKDX_JSON_SYNTAX_CHECK(error);
      ctx.BadField(key);
    }
  }
  ctx.listener->OnEnvironmentUpdate(std::move(parsed));
  return json::kOk;
}

json::Error HandleResourceProfileAdded(json::Object& event, EventContext& ctx) {
  ResourceProfileEvent parsed;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    json::Error error = json::kOk;
    if (key == "Resource Profile Id") {
      int64_t id = 0;
      error = json::ReadInt64(field.value(), &id);
      parsed.id = static_cast<int32_t>(id);
    } else if (key == "Executor Resource Requests" || key == "Task Resource Requests") {
      bool executor = key == "Executor Resource Requests";
      json::Object requests;
      error = field.value().get_object().get(requests);
      if (!error) {
        for (auto request_item : requests) {
          json::Field request;
          SPARKDX_JSON_SYNTAX_CHECK(std::move(request_item).get(request));
          std::string_view name;
          SPARKDX_JSON_SYNTAX_CHECK(request.unescaped_key().get(name));
          std::string resource_name(name);
          json::Object body;
          error = request.value().get_object().get(body);
          if (error) break;
          ExecutorResourceRequest executor_request;
          TaskResourceRequest task_request;
          for (auto body_item : body) {
            json::Field body_field;
            SPARKDX_JSON_SYNTAX_CHECK(std::move(body_item).get(body_field));
            std::string_view body_key = json::RawKey(body_field);
            std::string_view text;
            if (body_key == "Resource Name") {
              SPARKDX_JSON_SYNTAX_CHECK(json::ReadString(body_field.value(), &text));
              executor_request.resource_name.assign(text);
              task_request.resource_name.assign(text);
            } else if (body_key == "Amount") {
              double amount = 0;
              SPARKDX_JSON_SYNTAX_CHECK(body_field.value().get_double().get(amount));
              executor_request.amount = static_cast<int64_t>(amount);
              task_request.amount = amount;
            } else if (body_key == "Discovery Script") {
              SPARKDX_JSON_SYNTAX_CHECK(json::ReadString(body_field.value(), &text));
              executor_request.discovery_script.assign(text);
            } else if (body_key == "Vendor") {
              SPARKDX_JSON_SYNTAX_CHECK(json::ReadString(body_field.value(), &text));
              executor_request.vendor.assign(text);
            }
          }
          if (executor) {
            parsed.executor_resources.emplace_back(resource_name, executor_request);
          } else {
            parsed.task_resources.emplace_back(resource_name, task_request);
          }
        }
      }
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  ctx.listener->OnResourceProfileAdded(std::move(parsed));
  return json::kOk;
}

}  // namespace sparkdx
