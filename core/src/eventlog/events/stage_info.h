// Parsers for JSON shapes shared by several events: "Stage Info" (also the
// elements of JobStart's "Stage Infos"), "RDD Info", "Storage Level",
// "Accumulables" and job/stage "Properties".
#ifndef SPARKDX_EVENTLOG_EVENTS_STAGE_INFO_H_
#define SPARKDX_EVENTLOG_EVENTS_STAGE_INFO_H_

#include <vector>

#include "eventlog/events/handlers.h"
#include "status/events.h"

namespace sparkdx {

json::Error ReadStageInfo(json::Value& value, StageInfoEvent* out, EventContext& ctx);
json::Error ReadStorageLevel(json::Value& value, StorageLevelInfo* out);
json::Error ReadAccumulable(json::Value& value, AccumulableEvent* out);
// Stage accumulables as the REST API keeps them: user accumulators only
// (internal task metrics and SQL metrics are shown elsewhere).
json::Error ReadUserAccumulables(json::Value& value, std::vector<AccumulableEvent>* out);
json::Error ReadProperties(json::Value& value, JobPropertiesEvent* out);
json::Error ReadIntArray(json::Value& value, std::vector<int32_t>* out);
// A JSON object of string values, in order ("Log Urls", "Attributes", ...).
json::Error ReadStringMap(json::Value& value, std::vector<std::pair<std::string, std::string>>* out);
// "Task Executor Metrics" / "Executor Metrics": name -> value objects.
json::Error ReadExecutorMetrics(json::Value& value, ExecutorMetrics* out);
// Any scalar as the text the REST API shows (strings unquoted, numbers as written).
json::Error ReadScalarText(json::Value& value, std::string* out);

}  // namespace sparkdx

#endif  // SPARKDX_EVENTLOG_EVENTS_STAGE_INFO_H_
