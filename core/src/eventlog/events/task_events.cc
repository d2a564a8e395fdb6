// SparkListenerTaskStart and SparkListenerTaskEnd: the hot path. A TaskEnd is
// 2-6 KB of JSON and most of a log; it is read field by field in Spark's key
// order into a TaskRecord, and its "Accumulables" and "Task Executor Metrics"
// are skipped without being materialised.
#include <string>

#include "eventlog/events/handlers.h"
#include "eventlog/keys.h"

namespace sparkdx {
namespace {

// Key tables for "Task Metrics" and its nested groups, generated from
// model/task_metrics.inc. A slot >= 0 is a TaskMetric; a negative slot
// -(1 + group) names a nested object.
struct MetricGroupTable {
  std::vector<int> slots;
  json::KeyMatcher matcher;
};

MetricGroupTable MakeGroupTable(TaskMetricGroup group,
                                std::initializer_list<std::pair<std::string_view, TaskMetricGroup>> nested) {
  std::vector<std::string_view> keys;
  std::vector<int> slots;
  for (int i = 0; i < kTaskMetricCount; ++i) {
    const TaskMetricInfo& info = GetTaskMetricInfo(static_cast<TaskMetric>(i));
    if (info.group != group) continue;
    keys.push_back(info.json_key);
    slots.push_back(i);
  }
  for (const auto& [key, child] : nested) {
    keys.push_back(key);
    slots.push_back(-1 - static_cast<int>(child));
  }
  return MetricGroupTable{std::move(slots), json::KeyMatcher(std::move(keys))};
}

const MetricGroupTable& GroupTable(TaskMetricGroup group) {
  static const MetricGroupTable kTop =
      MakeGroupTable(TaskMetricGroup::kTop, {{keys::kShuffleReadMetrics, TaskMetricGroup::kShuffleRead},
                                             {keys::kShuffleWriteMetrics, TaskMetricGroup::kShuffleWrite},
                                             {keys::kInputMetrics, TaskMetricGroup::kInput},
                                             {keys::kOutputMetrics, TaskMetricGroup::kOutput}});
  static const MetricGroupTable kShuffleRead =
      MakeGroupTable(TaskMetricGroup::kShuffleRead, {{keys::kPushBasedShuffle, TaskMetricGroup::kPushShuffle}});
  static const MetricGroupTable kShuffleWrite = MakeGroupTable(TaskMetricGroup::kShuffleWrite, {});
  static const MetricGroupTable kInput = MakeGroupTable(TaskMetricGroup::kInput, {});
  static const MetricGroupTable kOutput = MakeGroupTable(TaskMetricGroup::kOutput, {});
  static const MetricGroupTable kPush = MakeGroupTable(TaskMetricGroup::kPushShuffle, {});
  switch (group) {
    case TaskMetricGroup::kTop: return kTop;
    case TaskMetricGroup::kShuffleRead: return kShuffleRead;
    case TaskMetricGroup::kShuffleWrite: return kShuffleWrite;
    case TaskMetricGroup::kInput: return kInput;
    case TaskMetricGroup::kOutput: return kOutput;
    case TaskMetricGroup::kPushShuffle: return kPush;
  }
  return kTop;
}

json::Error ReadMetricGroup(json::Value& value, TaskMetricGroup group, TaskRecord* record) {
  json::Object object;
  json::Error error = value.get_object().get(object);
  if (error) return error;
  const MetricGroupTable& table = GroupTable(group);
  size_t cursor = 0;
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    int index = table.matcher.Find(field, &cursor);
    if (index < 0) continue;
    int slot = table.slots[index];
    if (slot >= 0) {
      SPARKDX_JSON_SYNTAX_CHECK(json::ReadInt64(field.value(), &record->metrics[slot]));
    } else {
      SPARKDX_JSON_SYNTAX_CHECK(ReadMetricGroup(field.value(), static_cast<TaskMetricGroup>(-1 - slot), record));
    }
  }
  return json::kOk;
}

enum TaskInfoKey {
  kTaskIdKey, kIndexKey, kAttemptKey, kPartitionKey, kLaunchKey, kExecutorKey, kHostKey, kLocalityKey,
  kSpeculativeKey, kGettingResultKey, kFinishKey, kFailedKey, kKilledKey
};

json::Error ReadTaskInfo(json::Value& value, TaskEvent* event, bool* has_task_id, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kTaskId,   keys::kIndex,       keys::kAttempt,
                                      keys::kPartitionId, keys::kLaunchTime, keys::kExecutorId,
                                      keys::kHost,     keys::kLocality,    keys::kSpeculative,
                                      keys::kGettingResultTime, keys::kFinishTime, keys::kFailed,
                                      keys::kKilled};
  json::Object info;
  json::Error error = value.get_object().get(info);
  if (error) return error;
  TaskRecord& r = event->record;
  size_t cursor = 0;
  for (auto item : info) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    int64_t number = 0;
    std::string_view text;
    error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case kTaskIdKey:
        error = json::ReadInt64(field.value(), &r.task_id);
        *has_task_id = !error;
        break;
      case kIndexKey:
        error = json::ReadInt64(field.value(), &number);
        r.index = static_cast<int32_t>(number);
        break;
      case kAttemptKey:
        error = json::ReadInt64(field.value(), &number);
        r.attempt = static_cast<int32_t>(number);
        break;
      case kPartitionKey:
        error = json::ReadInt64(field.value(), &number);
        if (!error) r.partition_id = static_cast<int32_t>(number);
        break;
      case kLaunchKey: error = json::ReadInt64(field.value(), &r.launch_time_ms); break;
      case kExecutorKey: error = json::ReadString(field.value(), &event->executor_id); break;
      case kHostKey: error = json::ReadString(field.value(), &event->host); break;
      case kLocalityKey:
        error = json::ReadString(field.value(), &text);
        if (!error) r.locality = TaskLocalityFromName(text.data(), text.size());
        break;
      case kSpeculativeKey: error = json::ReadBool(field.value(), &r.speculative); break;
      case kGettingResultKey: error = json::ReadInt64(field.value(), &r.getting_result_time_ms); break;
      case kFinishKey: error = json::ReadInt64(field.value(), &r.finish_time_ms); break;
      case kFailedKey: error = json::ReadBool(field.value(), &r.failed); break;
      case kKilledKey: error = json::ReadBool(field.value(), &r.killed); break;
      default: break;
    }
    if (error) {
      SPARKDX_JSON_SYNTAX_CHECK(error);
      ctx.BadField(json::RawKey(field));
    }
  }
  return json::kOk;
}

// "Task End Reason": the reason class and, for failures, a one-line message.
json::Error ReadEndReason(json::Value& value, TaskEvent* event, std::string* message) {
  json::Object reason;
  json::Error error = value.get_object().get(reason);
  if (error) return error;
  std::string_view class_name, detail;
  for (auto item : reason) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    std::string_view text;
    if (key == keys::kReason) {
      error = json::ReadString(field.value(), &text);
      SPARKDX_JSON_SYNTAX_CHECK(error);
      if (!error) event->record.reason = TaskEndReasonFromName(text.data(), text.size());
    } else if (key == keys::kClassName) {
      SPARKDX_JSON_SYNTAX_CHECK(json::ReadString(field.value(), &class_name));
    } else if (key == keys::kDescription || key == keys::kMessage || key == keys::kKillReason ||
               key == keys::kLossReason) {
      SPARKDX_JSON_SYNTAX_CHECK(json::ReadString(field.value(), &detail));
    }
  }
  if (event->record.reason != TaskEndReason::kSuccess) {
    message->assign(class_name);
    if (!class_name.empty() && !detail.empty()) message->append(": ");
    message->append(detail);
  }
  return json::kOk;
}

json::Error ReadTaskType(json::Value& value, TaskRecord* record) {
  std::string_view text;
  json::Error error = json::ReadString(value, &text);
  if (error) return error;
  record->type = text == keys::kResultTaskType       ? TaskType::kResultTask
                 : text == keys::kShuffleMapTaskType ? TaskType::kShuffleMapTask
                                                     : TaskType::kOther;
  return json::kOk;
}

}  // namespace

json::Error HandleTaskStart(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kStageId, keys::kStageAttemptId, keys::kTaskInfo};
  TaskEvent parsed;
  bool has_stage = false, has_task_id = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    int64_t number = 0;
    json::Error error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case 0:
        error = json::ReadInt64(field.value(), &number);
        has_stage = !error;
        parsed.stage_id = static_cast<int32_t>(number);
        break;
      case 1:
        error = json::ReadInt64(field.value(), &number);
        parsed.stage_attempt_id = static_cast<int32_t>(number);
        break;
      case 2: error = ReadTaskInfo(field.value(), &parsed, &has_task_id, ctx); break;
      default: break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!has_stage || !has_task_id) {
    ctx.BadField(!has_stage ? keys::kStageId : keys::kTaskId);
    return json::kOk;
  }
  ctx.app->OnTaskStart(parsed);
  return json::kOk;
}

json::Error HandleTaskEnd(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kStageId,  keys::kStageAttemptId, keys::kTaskType,
                                      keys::kTaskEndReason, keys::kTaskInfo, keys::kTaskMetrics};
  enum { kStage, kAttempt, kType, kReason, kInfo, kMetrics };
  TaskEvent parsed;
  std::string message;
  bool has_stage = false, has_task_id = false;
  parsed.record.has_metrics = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    int64_t number = 0;
    json::Error error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case kStage:
        error = json::ReadInt64(field.value(), &number);
        has_stage = !error;
        parsed.stage_id = static_cast<int32_t>(number);
        break;
      case kAttempt:
        error = json::ReadInt64(field.value(), &number);
        parsed.stage_attempt_id = static_cast<int32_t>(number);
        break;
      case kType: error = ReadTaskType(field.value(), &parsed.record); break;
      case kReason: error = ReadEndReason(field.value(), &parsed, &message); break;
      case kInfo: error = ReadTaskInfo(field.value(), &parsed, &has_task_id, ctx); break;
      case kMetrics:
        if (json::IsNull(field.value())) break;  // failed tasks may carry no metrics
        error = ReadMetricGroup(field.value(), TaskMetricGroup::kTop, &parsed.record);
        parsed.record.has_metrics = !error;
        break;
      default: break;
    }
    if (error) {
      SPARKDX_JSON_SYNTAX_CHECK(error);
      ctx.BadField(json::RawKey(field));
    }
  }
  if (!has_stage || !has_task_id) {
    ctx.BadField(!has_stage ? keys::kStageId : keys::kTaskId);
    return json::kOk;
  }
  parsed.message = message;
  ctx.app->OnTaskEnd(parsed);
  return json::kOk;
}

}  // namespace sparkdx
