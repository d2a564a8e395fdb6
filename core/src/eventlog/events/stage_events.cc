// SparkListenerStageSubmitted, SparkListenerStageCompleted.
#include "eventlog/events/handlers.h"
#include "eventlog/keys.h"

namespace sparkdx {
namespace {

json::Error ReadStageInfo(json::Value& value, StageEvent* parsed, bool* has_stage_id) {
  static const json::KeyMatcher kKeys{keys::kStageId,        keys::kStageAttemptId, keys::kStageName,
                                      keys::kNumberOfTasks,  keys::kSubmissionTime, keys::kCompletionTime,
                                      keys::kFailureReason};
  enum { kId, kAttempt, kName, kTasks, kSubmitted, kCompleted, kFailure };
  json::Object info;
  json::Error error = value.get_object().get(info);
  if (error) return error;
  size_t cursor = 0;
  for (auto item : info) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    int64_t number = 0;
    error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case kId:
        error = json::ReadInt64(field.value(), &number);
        *has_stage_id = !error;
        parsed->stage_id = static_cast<int32_t>(number);
        break;
      case kAttempt:
        // Spark 1.x logs call it "Stage Attempt ID" too; absent means 0.
        error = json::ReadInt64(field.value(), &number);
        if (!error) parsed->attempt_id = static_cast<int32_t>(number);
        break;
      case kName:
        error = json::ReadString(field.value(), &parsed->name);
        break;
      case kTasks:
        error = json::ReadInt64(field.value(), &number);
        if (!error) parsed->num_tasks = static_cast<int32_t>(number);
        break;
      case kSubmitted:
        error = json::ReadInt64(field.value(), &parsed->submission_time_ms);
        break;
      case kCompleted:
        error = json::ReadInt64(field.value(), &parsed->completion_time_ms);
        break;
      case kFailure:
        error = json::ReadString(field.value(), &parsed->failure_reason);
        parsed->has_failure_reason = !error;
        break;
      default:
        break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  return json::kOk;
}

json::Error ReadStageEvent(json::Object& event, EventContext& ctx, StageEvent* parsed, bool* ok) {
  bool has_info = false, has_stage_id = false;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    if (json::RawKey(field) != keys::kStageInfo) continue;
    json::Error error = ReadStageInfo(field.value(), parsed, &has_stage_id);
    SPARKDX_JSON_SYNTAX_CHECK(error);
    has_info = !error;
  }
  *ok = has_info && has_stage_id;
  if (!has_info) {
    ctx.BadField(keys::kStageInfo);
  } else if (!has_stage_id) {
    ctx.BadField(keys::kStageId);
  }
  return json::kOk;
}

}  // namespace

json::Error HandleStageSubmitted(json::Object& event, EventContext& ctx) {
  StageEvent parsed;
  bool ok = false;
  json::Error error = ReadStageEvent(event, ctx, &parsed, &ok);
  if (error) return error;
  if (ok) ctx.app->OnStageSubmitted(parsed);
  return json::kOk;
}

json::Error HandleStageCompleted(json::Object& event, EventContext& ctx) {
  StageEvent parsed;
  bool ok = false;
  json::Error error = ReadStageEvent(event, ctx, &parsed, &ok);
  if (error) return error;
  if (ok) ctx.app->OnStageCompleted(parsed);
  return json::kOk;
}

}  // namespace sparkdx
