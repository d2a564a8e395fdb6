// SparkListenerStageSubmitted, SparkListenerStageCompleted.
#include "eventlog/events/handlers.h"
#include "eventlog/events/stage_info.h"
#include "eventlog/keys.h"

namespace sparkdx {
namespace {

json::Error ReadStageEvent(json::Object& event, EventContext& ctx, StageInfoEvent* info,
                           JobPropertiesEvent* properties, bool* ok) {
  bool has_info = false;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    json::Error error = json::kOk;
    if (key == keys::kStageInfo) {
      error = ReadStageInfo(field.value(), info, ctx);
      has_info = !error;
    } else if (key == keys::kProperties && properties != nullptr) {
      error = ReadProperties(field.value(), properties);
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  *ok = has_info && info->stage_id >= 0;
  if (!has_info) ctx.BadField(keys::kStageInfo);
  return json::kOk;
}

}  // namespace

json::Error HandleStageSubmitted(json::Object& event, EventContext& ctx) {
  StageSubmittedEvent parsed;
  bool ok = false;
  json::Error error = ReadStageEvent(event, ctx, &parsed.stage, &parsed.properties, &ok);
  if (error) return error;
  if (ok) ctx.listener->OnStageSubmitted(parsed);
  return json::kOk;
}

json::Error HandleStageCompleted(json::Object& event, EventContext& ctx) {
  StageInfoEvent info;
  bool ok = false;
  json::Error error = ReadStageEvent(event, ctx, &info, nullptr, &ok);
  if (error) return error;
  if (ok) ctx.listener->OnStageCompleted(info);
  return json::kOk;
}

}  // namespace sparkdx
