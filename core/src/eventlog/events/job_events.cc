// SparkListenerJobStart, SparkListenerJobEnd.
#include "eventlog/events/handlers.h"
#include "eventlog/keys.h"

namespace sparkdx {
namespace {

// "Properties" is a flat string map; only the SQL execution id and the job
// group matter here.
json::Error ReadJobProperties(json::Value& value, JobStartEvent* parsed) {
  json::Object properties;
  json::Error error = value.get_object().get(properties);
  if (error) return error;
  for (auto item : properties) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    if (key == keys::kSqlExecutionIdProperty) {
      SPARKDX_JSON_SYNTAX_CHECK(json::ReadInt64(field.value(), &parsed->sql_execution_id));
    } else if (key == keys::kJobGroupProperty) {
      SPARKDX_JSON_SYNTAX_CHECK(json::ReadString(field.value(), &parsed->job_group));
    }
  }
  return json::kOk;
}

json::Error ReadIntArray(json::Value& value, std::vector<int32_t>* out) {
  json::Array array;
  json::Error error = value.get_array().get(array);
  if (error) return error;
  for (auto item : array) {
    json::Value element;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(element));
    int64_t number = 0;
    error = json::ReadInt64(element, &number);
    if (error) return error;
    out->push_back(static_cast<int32_t>(number));
  }
  return json::kOk;
}

}  // namespace

json::Error HandleJobStart(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kJobId, keys::kSubmissionTime, keys::kStageIds, keys::kProperties};
  enum { kJob, kSubmitted, kStages, kProperties };
  JobStartEvent parsed;
  bool has_job = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case kJob:
        error = json::ReadInt64(field.value(), &parsed.job_id);
        has_job = !error;
        break;
      case kSubmitted:
        error = json::ReadInt64(field.value(), &parsed.submission_time_ms);
        break;
      case kStages:
        error = ReadIntArray(field.value(), &parsed.stage_ids);
        if (error && !json::IsSyntaxError(error)) ctx.BadField(keys::kStageIds);
        break;
      case kProperties:
        // Spark writes null when a job has no properties.
        if (!json::IsNull(field.value())) error = ReadJobProperties(field.value(), &parsed);
        break;
      default:
        break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!has_job) {
    ctx.BadField(keys::kJobId);
    return json::kOk;
  }
  ctx.app->OnJobStart(parsed);
  return json::kOk;
}

json::Error HandleJobEnd(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kJobId, keys::kCompletionTime, keys::kJobResult};
  enum { kJob, kCompleted, kResult };
  int64_t job_id = -1, completion_time_ms = -1;
  bool has_job = false, succeeded = false, has_result = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case kJob:
        error = json::ReadInt64(field.value(), &job_id);
        has_job = !error;
        break;
      case kCompleted:
        error = json::ReadInt64(field.value(), &completion_time_ms);
        break;
      case kResult: {
        json::Object result;
        error = field.value().get_object().get(result);
        if (error) break;
        for (auto result_item : result) {
          json::Field result_field;
          SPARKDX_JSON_SYNTAX_CHECK(std::move(result_item).get(result_field));
          if (json::RawKey(result_field) != keys::kResult) continue;
          std::string_view text;
          error = json::ReadString(result_field.value(), &text);
          SPARKDX_JSON_SYNTAX_CHECK(error);
          has_result = !error;
          succeeded = text == keys::kJobSucceeded;
        }
        break;
      }
      default:
        break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!has_job) {
    ctx.BadField(keys::kJobId);
    return json::kOk;
  }
  if (!has_result) ctx.BadField(keys::kJobResult);
  ctx.app->OnJobEnd(job_id, completion_time_ms, succeeded);
  return json::kOk;
}

}  // namespace sparkdx
