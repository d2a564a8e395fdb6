// SparkListenerTaskStart and SparkListenerTaskEnd: the hot path. A TaskEnd is
// 2-6 KB of JSON and most of a log; it is read field by field in Spark's key
// order into a TaskRecord, and its "Accumulables" and "Task Executor Metrics"
// are skipped without being materialised.
#include <string>

#include "eventlog/events/handlers.h"
#include "eventlog/events/stage_info.h"
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

// Other names logs use for a metric or a nested group, tried after the
// usual ones. The push-based shuffle metrics are "Push Based Shuffle" /
// "Merged Fetch Fallback Count" in Spark 3.3-4.1 logs; Spark's own test log
// of them (and the History Server that reads it) say "Shuffle Push Read
// Metrics" / "Merged Fallback Count".
constexpr std::string_view kShufflePushReadMetricsAlias = "Shuffle Push Read Metrics";
constexpr std::string_view kMergedFallbackCountAlias = "Merged Fallback Count";

MetricGroupTable MakeGroupTable(TaskMetricGroup group,
                                std::initializer_list<std::pair<std::string_view, TaskMetricGroup>> nested,
                                std::initializer_list<std::pair<std::string_view, TaskMetric>> aliases = {}) {
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
  for (const auto& [key, metric] : aliases) {
    keys.push_back(key);
    slots.push_back(static_cast<int>(metric));
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
      MakeGroupTable(TaskMetricGroup::kShuffleRead, {{keys::kPushBasedShuffle, TaskMetricGroup::kPushShuffle},
                                                     {kShufflePushReadMetricsAlias, TaskMetricGroup::kPushShuffle}});
  static const MetricGroupTable kShuffleWrite = MakeGroupTable(TaskMetricGroup::kShuffleWrite, {});
  static const MetricGroupTable kInput = MakeGroupTable(TaskMetricGroup::kInput, {});
  static const MetricGroupTable kOutput = MakeGroupTable(TaskMetricGroup::kOutput, {});
  static const MetricGroupTable kPush = MakeGroupTable(
      TaskMetricGroup::kPushShuffle, {}, {{kMergedFallbackCountAlias, TaskMetric::kPushMergedFetchFallbackCount}});
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
  kSpeculativeKey, kGettingResultKey, kFinishKey, kFailedKey, kKilledKey, kAccumulablesKey
};

// A scalar's text without copying: strings unescaped (into the parser's
// string buffer), numbers and booleans as written. Valid while the event is.
json::Error ReadScalarView(json::Value& value, std::string_view* out, bool* present) {
  simdjson::ondemand::json_type type;
  json::Error error = value.type().get(type);
  if (error) return error;
  *present = true;
  switch (type) {
    case simdjson::ondemand::json_type::string: return value.get_string().get(*out);
    case simdjson::ondemand::json_type::null: *present = false; return json::kOk;
    case simdjson::ondemand::json_type::number:
    case simdjson::ondemand::json_type::boolean: {
      std::string_view raw = value.raw_json_token();
      while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r' || raw.back() == '\n')) {
        raw.remove_suffix(1);
      }
      *out = raw;
      return json::kOk;
    }
    default: *present = false; return json::kOk;  // a structure: not an accumulator value sparkdx shows
  }
}

bool ParseInt64(std::string_view text, int64_t* out) {
  if (text.empty()) return false;
  bool negative = text.front() == '-';
  size_t i = negative ? 1 : 0;
  if (i == text.size()) return false;
  uint64_t value = 0;
  for (; i < text.size(); ++i) {
    char c = text[i];
    if (c < '0' || c > '9' || value > (UINT64_MAX - 9) / 10) return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  *out = negative ? -static_cast<int64_t>(value) : static_cast<int64_t>(value);
  return true;
}

// A raw token without the whitespace that may follow it.
std::string_view TrimmedToken(json::Value& value) {
  std::string_view raw = value.raw_json_token();
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r' || raw.back() == '\n')) {
    raw.remove_suffix(1);
  }
  return raw;
}

// A user accumulator, read again with its texts unescaped.
json::Error ReadUserAccumulable(json::Object& object, TaskAccumulableEvent* acc) {
  bool rewound = false;
  SPARKDX_JSON_SYNTAX_CHECK(object.reset().get(rewound));
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    if (key == keys::kName) {
      SPARKDX_JSON_SYNTAX_CHECK(json::ReadString(field.value(), &acc->name));
    } else if (key == keys::kUpdate) {
      SPARKDX_JSON_SYNTAX_CHECK(ReadScalarView(field.value(), &acc->update_text, &acc->has_update));
    } else if (key == keys::kValue) {
      SPARKDX_JSON_SYNTAX_CHECK(ReadScalarView(field.value(), &acc->value_text, &acc->has_value));
    }
  }
  return json::kOk;
}

// One entry of "Accumulables", read without copying or unescaping anything:
// - internal task metrics (the bulk, already read from "Task Metrics") are
//   dropped as soon as their name shows; the enclosing array's iteration
//   skips the rest of the entry;
// - SQL metrics (Internal, Metadata "sql") keep their id and numeric update;
// - user accumulators, rare, are read a second time for their texts.
json::Error ReadTaskAccumulable(json::Value& value, TaskEvent* event, const EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kId, keys::kName, keys::kUpdate, keys::kValue, keys::kInternal,
                                      keys::kCountFailedValues, keys::kMetadata};
  enum { kIdKey, kNameKey, kUpdateKey, kValueKey, kInternalKey, kCountFailedKey, kMetadataKey };
  json::Object object;
  json::Error error = value.get_object().get(object);
  if (error) return error;
  TaskAccumulableEvent acc;
  std::string_view update_token;
  bool internal = false;
  bool has_id = false;
  // The id is a SQL plan metric's: only the update matters. Looked up once,
  // after the name has ruled out an internal task metric (about half of all
  // entries), so those cost no set lookup.
  bool known_sql = false;
  bool looked_up = false;
  size_t cursor = 0;
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    switch (kKeys.Find(field, &cursor)) {
      case kIdKey:
        SPARKDX_JSON_SYNTAX_CHECK(json::ReadInt64(field.value(), &acc.id));
        has_id = true;
        break;
      case kNameKey: {
        std::string_view name = TrimmedToken(field.value());
        if (name.size() > keys::kInternalMetricsPrefix.size() && name[0] == '"' &&
            name.substr(1, keys::kInternalMetricsPrefix.size()) == keys::kInternalMetricsPrefix) {
          return json::kOk;
        }
        break;
      }
      case kUpdateKey:
        update_token = TrimmedToken(field.value());
        if (has_id && !looked_up) {
          looked_up = true;
          known_sql = ctx.listener->IsSqlAccumulator(acc.id);
          internal = internal || known_sql;
        }
        if (known_sql) goto done;  // the rest of the entry is skipped by the array's iteration
        break;
      case kInternalKey: SPARKDX_JSON_SYNTAX_CHECK(json::ReadBool(field.value(), &internal)); break;
      case kMetadataKey: {
        std::string_view metadata = TrimmedToken(field.value());
        if (metadata.size() == keys::kSqlMetadata.size() + 2 &&
            metadata.substr(1, keys::kSqlMetadata.size()) == keys::kSqlMetadata) {
          internal = true;
        }
        break;
      }
      default: break;
    }
  }
done:
  if (has_id && !looked_up) internal = internal || ctx.listener->IsSqlAccumulator(acc.id);
  if (internal) {
    // Spark shows neither internal nor SQL accumulators per task; SQL
    // metric updates are longs, written as strings or numbers.
    acc.sql = true;
    if (update_token.size() >= 2 && update_token.front() == '"') update_token = update_token.substr(1, update_token.size() - 2);
    acc.has_update = ParseInt64(update_token, &acc.update);
  } else {
    SPARKDX_JSON_SYNTAX_CHECK(ReadUserAccumulable(object, &acc));
  }
  event->accumulables.push_back(acc);
  return json::kOk;
}

json::Error ReadTaskInfo(json::Value& value, TaskEvent* event, bool* has_task_id, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kTaskId,   keys::kIndex,       keys::kAttempt,
                                      keys::kPartitionId, keys::kLaunchTime, keys::kExecutorId,
                                      keys::kHost,     keys::kLocality,    keys::kSpeculative,
                                      keys::kGettingResultTime, keys::kFinishTime, keys::kFailed,
                                      keys::kKilled,   keys::kAccumulables};
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
        error = json::ReadInt32(field.value(), &r.index);
        break;
      case kAttemptKey:
        error = json::ReadInt32(field.value(), &r.attempt);
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
      case kAccumulablesKey: {
        if (json::IsNull(field.value())) break;
        json::Array array;
        error = field.value().get_array().get(array);
        if (error) break;
        for (auto acc_item : array) {
          json::Value element;
          SPARKDX_JSON_SYNTAX_CHECK(std::move(acc_item).get(element));
          error = ReadTaskAccumulable(element, event, ctx);
          if (error) break;
        }
        break;
      }
      default: break;
    }
    if (error) {
      SPARKDX_JSON_SYNTAX_CHECK(error);
      ctx.BadField(json::RawKey(field));
    }
  }
  return json::kOk;
}

// "Task End Reason": the reason class and what Spark's toErrorString needs.
json::Error ReadEndReason(json::Value& value, TaskEvent* event) {
  json::Object reason;
  json::Error error = value.get_object().get(reason);
  if (error) return error;
  TaskEndReasonEvent& out = event->end_reason;
  for (auto item : reason) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    std::string_view text;
    int64_t number = 0;
    error = json::kOk;
    if (key == keys::kReason) {
      error = json::ReadString(field.value(), &text);
      if (!error) out.reason = TaskEndReasonFromName(text.data(), text.size());
    } else if (key == keys::kClassName) {
      error = json::ReadString(field.value(), &text);
      out.class_name.assign(text);
    } else if (key == keys::kDescription) {
      error = json::ReadString(field.value(), &text);
      out.description.assign(text);
    } else if (key == keys::kFullStackTrace) {
      error = json::ReadString(field.value(), &text);
      out.full_stack_trace.assign(text);
    } else if (key == keys::kStackTrace) {
      json::Array frames;
      error = field.value().get_array().get(frames);
      if (error) break;
      for (auto frame_item : frames) {
        json::Value frame_value;
        SPARKDX_JSON_SYNTAX_CHECK(std::move(frame_item).get(frame_value));
        json::Object frame;
        error = frame_value.get_object().get(frame);
        if (error) break;
        std::string declaring, method, file;
        int64_t line = -1;
        for (auto frame_field_item : frame) {
          json::Field frame_field;
          SPARKDX_JSON_SYNTAX_CHECK(std::move(frame_field_item).get(frame_field));
          std::string_view frame_key = json::RawKey(frame_field);
          if (frame_key == keys::kDeclaringClass) SPARKDX_JSON_SYNTAX_CHECK(ReadScalarText(frame_field.value(), &declaring));
          if (frame_key == keys::kMethodName) SPARKDX_JSON_SYNTAX_CHECK(ReadScalarText(frame_field.value(), &method));
          if (frame_key == keys::kFileName) SPARKDX_JSON_SYNTAX_CHECK(ReadScalarText(frame_field.value(), &file));
          if (frame_key == keys::kLineNumber) SPARKDX_JSON_SYNTAX_CHECK(json::ReadInt64(frame_field.value(), &line));
        }
        // java.lang.StackTraceElement.toString
        std::string rendered = declaring + "." + method + "(";
        if (line == -2) {
          rendered += "Native Method";
        } else if (file.empty()) {
          rendered += "Unknown Source";
        } else {
          rendered += file;
          if (line >= 0) rendered += ":" + std::to_string(line);
        }
        out.stack_trace.push_back(rendered + ")");
      }
    } else if (key == keys::kKillReason) {
      error = json::ReadString(field.value(), &text);
      out.kill_reason.assign(text);
    } else if (key == keys::kBlockManagerAddress) {
      // BlockManagerId.toString: BlockManagerId(executor, host, port, None)
      if (json::IsNull(field.value())) continue;
      json::Object address;
      error = field.value().get_object().get(address);
      if (error) break;
      std::string executor, host;
      int64_t port = 0;
      for (auto address_item : address) {
        json::Field address_field;
        SPARKDX_JSON_SYNTAX_CHECK(std::move(address_item).get(address_field));
        std::string_view address_key = json::RawKey(address_field);
        if (address_key == keys::kExecutorId) SPARKDX_JSON_SYNTAX_CHECK(ReadScalarText(address_field.value(), &executor));
        if (address_key == keys::kHost) SPARKDX_JSON_SYNTAX_CHECK(ReadScalarText(address_field.value(), &host));
        if (address_key == keys::kPort) SPARKDX_JSON_SYNTAX_CHECK(json::ReadInt64(address_field.value(), &port));
      }
      out.block_manager = "BlockManagerId(" + executor + ", " + host + ", " + std::to_string(port) + ", None)";
    } else if (key == keys::kShuffleId) {
      error = json::ReadInt64(field.value(), &out.shuffle_id);
    } else if (key == keys::kMapId) {
      error = json::ReadInt64(field.value(), &out.map_id);
    } else if (key == keys::kMapIndex) {
      error = json::ReadInt64(field.value(), &out.map_index);
    } else if (key == keys::kReduceId) {
      error = json::ReadInt64(field.value(), &out.reduce_id);
    } else if (key == keys::kMessage) {
      error = json::ReadString(field.value(), &text);
      out.message.assign(text);
    } else if (key == keys::kExecutorId) {
      error = json::ReadString(field.value(), &text);
      out.lost_executor_id.assign(text);
    } else if (key == keys::kExitCausedByApp) {
      error = json::ReadBool(field.value(), &out.exit_caused_by_app);
    } else if (key == keys::kLossReason) {
      error = json::ReadString(field.value(), &text);
      out.loss_reason.assign(text);
    } else if (key == keys::kJobId) {
      error = json::ReadInt64(field.value(), &out.commit_job_id);
    } else if (key == keys::kPartitionId) {
      error = json::ReadInt64(field.value(), &out.commit_partition_id);
    } else if (key == keys::kAttemptNumber) {
      error = json::ReadInt64(field.value(), &out.commit_attempt_number);
    }
    (void)number;
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  event->record.reason = out.reason;
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
  TaskEvent& parsed = ctx.FreshTaskEvent();
  bool has_stage = false, has_task_id = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case 0:
        error = json::ReadInt32(field.value(), &parsed.stage_id);
        has_stage = !error;
        break;
      case 1:
        error = json::ReadInt32(field.value(), &parsed.stage_attempt_id);
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
  ctx.listener->OnTaskStart(parsed);
  return json::kOk;
}

json::Error HandleTaskGettingResult(json::Object& event, EventContext& ctx) {
  TaskEvent& parsed = ctx.FreshTaskEvent();
  bool has_task_id = false;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    if (json::RawKey(field) != keys::kTaskInfo) continue;
    SPARKDX_JSON_SYNTAX_CHECK(ReadTaskInfo(field.value(), &parsed, &has_task_id, ctx));
  }
  if (!has_task_id) {
    ctx.BadField(keys::kTaskId);
    return json::kOk;
  }
  ctx.listener->OnTaskGettingResult(parsed);
  return json::kOk;
}

json::Error HandleTaskEnd(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kStageId,      keys::kStageAttemptId, keys::kTaskType,
                                      keys::kTaskEndReason, keys::kTaskInfo,       keys::kTaskExecutorMetrics,
                                      keys::kTaskMetrics};
  enum { kStage, kAttempt, kType, kReason, kInfo, kExecutorMetrics, kMetrics };
  TaskEvent& parsed = ctx.FreshTaskEvent();
  parsed.finished = true;
  bool has_stage = false, has_task_id = false;
  parsed.record.has_metrics = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case kStage:
        error = json::ReadInt32(field.value(), &parsed.stage_id);
        has_stage = !error;
        break;
      case kAttempt:
        error = json::ReadInt32(field.value(), &parsed.stage_attempt_id);
        break;
      case kType: error = ReadTaskType(field.value(), &parsed.record); break;
      case kReason: error = ReadEndReason(field.value(), &parsed); break;
      case kInfo: error = ReadTaskInfo(field.value(), &parsed, &has_task_id, ctx); break;
      case kExecutorMetrics:
        if (json::IsNull(field.value())) break;
        error = ReadExecutorMetrics(field.value(), &parsed.executor_metrics);
        parsed.has_executor_metrics = !error;
        break;
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
  ctx.listener->OnTaskEnd(parsed);
  return json::kOk;
}

}  // namespace sparkdx
