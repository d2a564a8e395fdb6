#include "eventlog/events/stage_info.h"

#include <string>

#include "eventlog/keys.h"

namespace sparkdx {

json::Error ReadIntArray(json::Value& value, std::vector<int32_t>* out) {
  if (json::IsNull(value)) return json::kOk;
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

json::Error ReadScalarText(json::Value& value, std::string* out) {
  simdjson::ondemand::json_type type;
  json::Error error = value.type().get(type);
  if (error) return error;
  if (type == simdjson::ondemand::json_type::string) {
    std::string_view text;
    error = value.get_string().get(text);
    if (!error) out->assign(text);
    return error;
  }
  if (type == simdjson::ondemand::json_type::null) {
    out->clear();
    return json::kOk;
  }
  // Numbers, booleans and structures as written in the log.
  std::string_view raw;
  if (type == simdjson::ondemand::json_type::object) {
    json::Object object;
    error = value.get_object().get(object);
    if (!error) error = object.raw_json().get(raw);
  } else if (type == simdjson::ondemand::json_type::array) {
    json::Array array;
    error = value.get_array().get(array);
    if (!error) error = array.raw_json().get(raw);
  } else {
    raw = value.raw_json_token();
  }
  if (error) return error;
  while (!raw.empty() && (raw.back() == ' ' || raw.back() == '\t' || raw.back() == '\r' || raw.back() == '\n')) {
    raw.remove_suffix(1);
  }
  out->assign(raw);
  return json::kOk;
}

json::Error ReadStringMap(json::Value& value, std::vector<std::pair<std::string, std::string>>* out) {
  if (json::IsNull(value)) return json::kOk;
  json::Object object;
  json::Error error = value.get_object().get(object);
  if (error) return error;
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key;
    SPARKDX_JSON_SYNTAX_CHECK(field.unescaped_key().get(key));
    std::string key_copy(key);
    std::string text;
    error = ReadScalarText(field.value(), &text);
    SPARKDX_JSON_SYNTAX_CHECK(error);
    out->emplace_back(std::move(key_copy), std::move(text));
  }
  return json::kOk;
}

json::Error ReadStorageLevel(json::Value& value, StorageLevelInfo* out) {
  static const json::KeyMatcher kKeys{keys::kUseDisk, keys::kUseMemory, keys::kUseOffHeap, keys::kDeserialized,
                                      keys::kReplication};
  json::Object object;
  json::Error error = value.get_object().get(object);
  if (error) return error;
  size_t cursor = 0;
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    switch (kKeys.Find(field, &cursor)) {
      case 0: error = json::ReadBool(field.value(), &out->use_disk); break;
      case 1: error = json::ReadBool(field.value(), &out->use_memory); break;
      case 2: error = json::ReadBool(field.value(), &out->use_off_heap); break;
      case 3: error = json::ReadBool(field.value(), &out->deserialized); break;
      case 4:
        error = json::ReadInt32(field.value(), &out->replication);
        break;
      default: error = json::kOk; break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  return json::kOk;
}

namespace {

json::Error ReadRddInfo(json::Value& value, RddInfoEvent* out) {
  static const json::KeyMatcher kKeys{keys::kRddId,       keys::kName,        keys::kScope,
                                      keys::kCallsite,    keys::kParentIds,   keys::kStorageLevel,
                                      keys::kBarrier,     keys::kNumberOfPartitions, keys::kNumberOfCachedPartitions,
                                      keys::kMemorySize,  keys::kDiskSize};
  json::Object object;
  json::Error error = value.get_object().get(object);
  if (error) return error;
  size_t cursor = 0;
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view text;
    error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case 0:
        error = json::ReadInt32(field.value(), &out->id);
        break;
      case 1:
        error = json::ReadString(field.value(), &text);
        if (!error) out->name.assign(text);
        break;
      case 2: error = ReadScalarText(field.value(), &out->scope); break;
      case 3:
        error = json::ReadString(field.value(), &text);
        if (!error) out->callsite.assign(text);
        break;
      case 4: error = ReadIntArray(field.value(), &out->parent_ids); break;
      case 5: error = ReadStorageLevel(field.value(), &out->storage_level); break;
      case 6: error = json::ReadBool(field.value(), &out->barrier); break;
      case 7:
        error = json::ReadInt32(field.value(), &out->num_partitions);
        break;
      case 8:
        error = json::ReadInt32(field.value(), &out->num_cached_partitions);
        break;
      case 9: error = json::ReadInt64(field.value(), &out->memory_size); break;
      case 10: error = json::ReadInt64(field.value(), &out->disk_size); break;
      default: break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  return json::kOk;
}

}  // namespace

json::Error ReadAccumulable(json::Value& value, AccumulableEvent* out) {
  static const json::KeyMatcher kKeys{keys::kId,       keys::kName,     keys::kUpdate,  keys::kValue,
                                      keys::kInternal, keys::kCountFailedValues, keys::kMetadata};
  json::Object object;
  json::Error error = value.get_object().get(object);
  if (error) return error;
  size_t cursor = 0;
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string text;
    error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case 0: error = json::ReadInt64(field.value(), &out->id); break;
      case 1:
        error = ReadScalarText(field.value(), &text);
        if (!error) out->name = std::move(text);
        break;
      case 2:
        error = ReadScalarText(field.value(), &text);
        if (!error) out->update = std::move(text);
        break;
      case 3:
        error = ReadScalarText(field.value(), &text);
        if (!error) out->value = std::move(text);
        break;
      case 4: error = json::ReadBool(field.value(), &out->internal); break;
      case 5: error = json::ReadBool(field.value(), &out->count_failed_values); break;
      case 6:
        error = ReadScalarText(field.value(), &text);
        if (!error) out->metadata = std::move(text);
        break;
      default: break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  return json::kOk;
}

json::Error ReadUserAccumulables(json::Value& value, std::vector<AccumulableEvent>* out) {
  if (json::IsNull(value)) return json::kOk;
  json::Array array;
  json::Error error = value.get_array().get(array);
  if (error) return error;
  for (auto item : array) {
    json::Value element;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(element));
    AccumulableEvent acc;
    error = ReadAccumulable(element, &acc);
    if (error) return error;
    bool sql = acc.metadata && *acc.metadata == keys::kSqlMetadata;
    if (!acc.internal && !sql) out->push_back(std::move(acc));
  }
  return json::kOk;
}

json::Error ReadProperties(json::Value& value, JobPropertiesEvent* out) {
  if (json::IsNull(value)) return json::kOk;
  json::Object properties;
  json::Error error = value.get_object().get(properties);
  if (error) return error;
  for (auto item : properties) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    std::string_view text;
    if (key == keys::kSqlExecutionIdProperty) {
      int64_t id = 0;
      error = json::ReadInt64(field.value(), &id);
      SPARKDX_JSON_SYNTAX_CHECK(error);
      if (!error) out->sql_execution_id = id;
      continue;
    }
    std::optional<std::string>* target = nullptr;
    if (key == keys::kJobDescriptionProperty) target = &out->description;
    if (key == keys::kJobGroupProperty) target = &out->job_group;
    if (key == keys::kSchedulerPoolProperty) target = &out->scheduler_pool;
    if (key == keys::kCallSiteShortProperty) target = &out->call_site_short;
    if (target == nullptr && key != keys::kJobTagsProperty) continue;
    error = json::ReadString(field.value(), &text);
    SPARKDX_JSON_SYNTAX_CHECK(error);
    if (error) continue;
    if (target != nullptr) {
      *target = std::string(text);
    } else {
      size_t start = 0;
      while (start <= text.size()) {
        size_t comma = text.find(',', start);
        if (comma == std::string_view::npos) comma = text.size();
        if (comma > start) out->job_tags.emplace_back(text.substr(start, comma - start));
        start = comma + 1;
      }
    }
  }
  return json::kOk;
}

json::Error ReadStageInfo(json::Value& value, StageInfoEvent* out, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kStageId,          keys::kStageAttemptId,      keys::kStageName,
                                      keys::kNumberOfTasks,    keys::kRddInfo,             keys::kParentIds,
                                      keys::kDetails,          keys::kSubmissionTime,      keys::kCompletionTime,
                                      keys::kFailureReason,    keys::kAccumulables,        keys::kResourceProfileId,
                                      keys::kShufflePushEnabled, keys::kShufflePushMergersCount};
  json::Object info;
  json::Error error = value.get_object().get(info);
  if (error) return error;
  bool has_id = false;
  size_t cursor = 0;
  for (auto item : info) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    int64_t number = 0;
    std::string_view text;
    error = json::kOk;
    switch (kKeys.Find(field, &cursor)) {
      case 0:
        error = json::ReadInt32(field.value(), &out->stage_id);
        has_id = !error;
        break;
      case 1:
        error = json::ReadInt64(field.value(), &number);
        if (!error) out->attempt_id = static_cast<int32_t>(number);
        break;
      case 2:
        error = json::ReadString(field.value(), &text);
        if (!error) out->name.assign(text);
        break;
      case 3:
        error = json::ReadInt64(field.value(), &number);
        if (!error) out->num_tasks = static_cast<int32_t>(number);
        break;
      case 4: {
        json::Array array;
        error = field.value().get_array().get(array);
        if (error) break;
        for (auto rdd_item : array) {
          json::Value element;
          SPARKDX_JSON_SYNTAX_CHECK(std::move(rdd_item).get(element));
          RddInfoEvent rdd;
          error = ReadRddInfo(element, &rdd);
          if (error) break;
          out->rdd_infos.push_back(std::move(rdd));
        }
        break;
      }
      case 5: error = ReadIntArray(field.value(), &out->parent_ids); break;
      case 6:
        error = json::ReadString(field.value(), &text);
        if (!error) out->details.assign(text);
        break;
      case 7: error = json::ReadInt64(field.value(), &out->submission_time_ms); break;
      case 8: error = json::ReadInt64(field.value(), &out->completion_time_ms); break;
      case 9:
        error = json::ReadString(field.value(), &text);
        if (!error) out->failure_reason = std::string(text);
        break;
      case 10: error = ReadUserAccumulables(field.value(), &out->accumulables); break;
      case 11:
        error = json::ReadInt64(field.value(), &number);
        if (!error) out->resource_profile_id = static_cast<int32_t>(number);
        break;
      case 12: error = json::ReadBool(field.value(), &out->shuffle_push_enabled); break;
      case 13:
        error = json::ReadInt64(field.value(), &number);
        if (!error) out->shuffle_push_mergers_count = static_cast<int32_t>(number);
        break;
      default: break;
    }
    if (error) {
      SPARKDX_JSON_SYNTAX_CHECK(error);
      ctx.BadField(json::RawKey(field));
    }
  }
  if (!has_id) ctx.BadField(keys::kStageId);
  return json::kOk;
}

}  // namespace sparkdx
