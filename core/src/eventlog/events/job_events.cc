// SparkListenerJobStart, SparkListenerJobEnd.
#include "eventlog/events/handlers.h"
#include "eventlog/events/stage_info.h"
#include "eventlog/keys.h"

namespace sparkdx {

json::Error HandleJobStart(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kJobId, keys::kSubmissionTime, keys::kStageInfos, keys::kStageIds,
                                      keys::kProperties};
  enum { kJob, kSubmitted, kInfos, kStages, kProperties };
  JobStartEvent parsed;
  bool has_job = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case kJob:
        error = json::ReadInt32(field.value(), &parsed.job_id);
        has_job = !error;
        break;
      case kSubmitted: error = json::ReadInt64(field.value(), &parsed.submission_time_ms); break;
      case kInfos: {
        json::Array array;
        error = field.value().get_array().get(array);
        if (error) break;
        for (auto info_item : array) {
          json::Value element;
          SPARKDX_JSON_SYNTAX_CHECK(std::move(info_item).get(element));
          StageInfoEvent info;
          error = ReadStageInfo(element, &info, ctx);
          if (error) break;
          parsed.stage_infos.push_back(std::move(info));
        }
        break;
      }
      case kStages: error = ReadIntArray(field.value(), &parsed.stage_ids); break;
      case kProperties: error = ReadProperties(field.value(), &parsed.properties); break;
      default: break;
    }
    if (error) {
      SPARKDX_JSON_SYNTAX_CHECK(error);
      ctx.BadField(json::RawKey(field));
    }
  }
  if (!has_job) {
    ctx.BadField(keys::kJobId);
    return json::kOk;
  }
  // Spark 1.x logs have no "Stage Infos": the stage ids stand alone.
  ctx.listener->OnJobStart(parsed);
  return json::kOk;
}

json::Error HandleJobEnd(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kJobId, keys::kCompletionTime, keys::kJobResult};
  enum { kJob, kCompleted, kResult };
  JobEndEvent parsed;
  bool has_job = false, has_result = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case kJob:
        error = json::ReadInt32(field.value(), &parsed.job_id);
        has_job = !error;
        break;
      case kCompleted: error = json::ReadInt64(field.value(), &parsed.completion_time_ms); break;
      case kResult: {
        json::Object result;
        error = field.value().get_object().get(result);
        if (error) break;
        for (auto result_item : result) {
          json::Field result_field;
          SPARKDX_JSON_SYNTAX_CHECK(std::move(result_item).get(result_field));
          std::string_view key = json::RawKey(result_field);
          if (key == keys::kResult) {
            std::string_view text;
            error = json::ReadString(result_field.value(), &text);
            SPARKDX_JSON_SYNTAX_CHECK(error);
            has_result = !error;
            parsed.succeeded = text == keys::kJobSucceeded;
          } else if (key == "Exception") {
            std::string text;
            SPARKDX_JSON_SYNTAX_CHECK(ReadScalarText(result_field.value(), &text));
            parsed.exception = std::move(text);
          }
        }
        break;
      }
      default: break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!has_job) {
    ctx.BadField(keys::kJobId);
    return json::kOk;
  }
  if (!has_result) ctx.BadField(keys::kJobResult);
  ctx.listener->OnJobEnd(parsed);
  return json::kOk;
}

}  // namespace sparkdx
