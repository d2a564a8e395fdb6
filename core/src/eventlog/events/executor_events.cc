// Executors, block managers, exclusion and miscellaneous processes:
// SparkListenerExecutorAdded/Removed, SparkListenerBlockManagerAdded/Removed,
// the executor/node (un)excluded and (un)blacklisted family,
// SparkListenerStageExecutorMetrics, SparkListenerMiscellaneousProcessAdded.
#include "eventlog/events/handlers.h"
#include "eventlog/events/stage_info.h"
#include "eventlog/keys.h"
#include "status/executor_metrics.h"

namespace sparkdx {

json::Error ReadExecutorMetrics(json::Value& value, ExecutorMetrics* out) {
  // Spark writes the metrics in ExecutorMetricType order; the ones a log
  // lacks read as 0 (Spark's executorMetricsFromJson), so what was read is
  // always a "set" value.
  *out = ExecutorMetrics::Zeros();
  static const json::KeyMatcher kNames = [] {
    std::vector<std::string_view> names;
    for (int i = 0; i < kExecutorMetricCount; ++i) names.push_back(ExecutorMetricName(i));
    return json::KeyMatcher(std::move(names));
  }();
  json::Object object;
  json::Error error = value.get_object().get(object);
  if (error) return error;
  size_t cursor = 0;
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    int index = kNames.Find(field, &cursor);
    if (index < 0) continue;
    SPARKDX_JSON_SYNTAX_CHECK(json::ReadInt64(field.value(), &out->values[index]));
  }
  return json::kOk;
}

namespace {

json::Error ReadResources(json::Value& value, std::vector<std::pair<std::string, ResourceInfo>>* out) {
  json::Object object;
  json::Error error = value.get_object().get(object);
  if (error) return error;
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view map_key;
    SPARKDX_JSON_SYNTAX_CHECK(field.unescaped_key().get(map_key));
    std::string resource_key(map_key);
    ResourceInfo resource;
    json::Object body;
    error = field.value().get_object().get(body);
    if (error) return error;
    for (auto body_item : body) {
      json::Field body_field;
      SPARKDX_JSON_SYNTAX_CHECK(std::move(body_item).get(body_field));
      std::string_view key = json::RawKey(body_field);
      if (key == keys::kResourceName) {
        std::string_view text;
        SPARKDX_JSON_SYNTAX_CHECK(json::ReadString(body_field.value(), &text));
        resource.name.assign(text);
      } else if (key == keys::kAddresses) {
        json::Array addresses;
        error = body_field.value().get_array().get(addresses);
        if (error) return error;
        for (auto address : addresses) {
          json::Value element;
          SPARKDX_JSON_SYNTAX_CHECK(std::move(address).get(element));
          std::string text;
          SPARKDX_JSON_SYNTAX_CHECK(ReadScalarText(element, &text));
          resource.addresses.push_back(std::move(text));
        }
      }
    }
    out->emplace_back(std::move(resource_key), std::move(resource));
  }
  return json::kOk;
}

}  // namespace

json::Error HandleExecutorAdded(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kTimestamp, keys::kExecutorId, keys::kExecutorInfo};
  static const json::KeyMatcher kInfoKeys{keys::kHost,       keys::kTotalCores, keys::kLogUrls,
                                          keys::kAttributes, keys::kResources,  keys::kResourceProfileId,
                                          keys::kRegistrationTime};
  ExecutorAddedEvent parsed;
  bool has_id = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    std::string_view text;
    switch (kKeys.Find(field, &cursor)) {
      case 0: error = json::ReadInt64(field.value(), &parsed.time_ms); break;
      case 1:
        error = json::ReadString(field.value(), &text);
        has_id = !error;
        parsed.executor_id.assign(text);
        break;
      case 2: {
        json::Object info;
        error = field.value().get_object().get(info);
        if (error) break;
        size_t info_cursor = 0;
        for (auto info_item : info) {
          json::Field info_field;
          SPARKDX_JSON_SYNTAX_CHECK(std::move(info_item).get(info_field));
          json::Error info_error = json::kOk;
          int64_t number = 0;
          switch (kInfoKeys.Find(info_field, &info_cursor)) {
            case 0:
              info_error = json::ReadString(info_field.value(), &text);
              parsed.host.assign(text);
              break;
            case 1:
              info_error = json::ReadInt64(info_field.value(), &number);
              parsed.total_cores = static_cast<int32_t>(number);
              break;
            case 2: info_error = ReadStringMap(info_field.value(), &parsed.log_urls); break;
            case 3: info_error = ReadStringMap(info_field.value(), &parsed.attributes); break;
            case 4: info_error = ReadResources(info_field.value(), &parsed.resources); break;
            case 5:
              info_error = json::ReadInt64(info_field.value(), &number);
              parsed.resource_profile_id = static_cast<int32_t>(number);
              break;
            case 6: info_error = json::ReadInt64(info_field.value(), &parsed.registration_time_ms); break;
            default: break;
          }
          SPARKDX_JSON_SYNTAX_CHECK(info_error);
        }
        break;
      }
      default: break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!has_id) {
    ctx.BadField(keys::kExecutorId);
    return json::kOk;
  }
  ctx.listener->OnExecutorAdded(parsed);
  return json::kOk;
}

json::Error HandleExecutorRemoved(json::Object& event, EventContext& ctx) {
  static const json::KeyMatcher kKeys{keys::kTimestamp, keys::kExecutorId, keys::kRemovedReason};
  ExecutorRemovedEvent parsed;
  bool has_id = false;
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    std::string_view text;
    switch (kKeys.Find(field, &cursor)) {
      case 0: error = json::ReadInt64(field.value(), &parsed.time_ms); break;
      case 1:
        error = json::ReadString(field.value(), &text);
        has_id = !error;
        parsed.executor_id.assign(text);
        break;
      case 2:
        error = json::ReadString(field.value(), &text);
        parsed.reason.assign(text);
        break;
      default: break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!has_id) {
    ctx.BadField(keys::kExecutorId);
    return json::kOk;
  }
  ctx.listener->OnExecutorRemoved(parsed);
  return json::kOk;
}

namespace {

json::Error ReadBlockManagerEvent(json::Object& event, EventContext& ctx, BlockManagerEvent* parsed, bool* has_id) {
  static const json::KeyMatcher kKeys{keys::kBlockManagerId, keys::kMaximumMemory, keys::kTimestamp,
                                      keys::kMaximumOnheapMemory, keys::kMaximumOffheapMemory};
  static const json::KeyMatcher kIdKeys{keys::kExecutorId, keys::kHost, keys::kPort};
  size_t cursor = 0;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    json::Error error = json::kOk;
    int64_t number = 0;
    switch (kKeys.Find(field, &cursor)) {
      case 0: {
        json::Object id;
        error = field.value().get_object().get(id);
        if (error) break;
        size_t id_cursor = 0;
        for (auto id_item : id) {
          json::Field id_field;
          SPARKDX_JSON_SYNTAX_CHECK(std::move(id_item).get(id_field));
          json::Error id_error = json::kOk;
          std::string_view text;
          switch (kIdKeys.Find(id_field, &id_cursor)) {
            case 0:
              id_error = json::ReadString(id_field.value(), &text);
              *has_id = !id_error;
              parsed->executor_id.assign(text);
              break;
            case 1:
              id_error = json::ReadString(id_field.value(), &text);
              parsed->host.assign(text);
              break;
            case 2:
              id_error = json::ReadInt64(id_field.value(), &number);
              parsed->port = static_cast<int32_t>(number);
              break;
            default: break;
          }
          SPARKDX_JSON_SYNTAX_CHECK(id_error);
        }
        break;
      }
      case 1: error = json::ReadInt64(field.value(), &parsed->max_memory); break;
      case 2: error = json::ReadInt64(field.value(), &parsed->time_ms); break;
      case 3:
        error = json::ReadInt64(field.value(), &number);
        if (!error) parsed->max_on_heap_memory = number;
        break;
      case 4:
        error = json::ReadInt64(field.value(), &number);
        if (!error) parsed->max_off_heap_memory = number;
        break;
      default: break;
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!*has_id) ctx.BadField(keys::kBlockManagerId);
  return json::kOk;
}

}  // namespace

json::Error HandleBlockManagerAdded(json::Object& event, EventContext& ctx) {
  BlockManagerEvent parsed;
  bool has_id = false;
  json::Error error = ReadBlockManagerEvent(event, ctx, &parsed, &has_id);
  if (error) return error;
  if (has_id) ctx.listener->OnBlockManagerAdded(parsed);
  return json::kOk;
}

json::Error HandleBlockManagerRemoved(json::Object& event, EventContext& ctx) {
  BlockManagerEvent parsed;
  bool has_id = false;
  json::Error error = ReadBlockManagerEvent(event, ctx, &parsed, &has_id);
  if (error) return error;
  if (has_id) ctx.listener->OnBlockManagerRemoved(parsed);
  return json::kOk;
}

// The exclusion family is written by Jackson: camelCase keys.
json::Error HandleExclusionEvent(json::Object& event, EventContext& ctx, ExclusionEvent::Target target, bool excluded,
                                 bool for_stage) {
  ExclusionEvent parsed;
  parsed.target = target;
  parsed.excluded = excluded;
  parsed.for_stage = for_stage;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    std::string_view text;
    json::Error error = json::kOk;
    if (key == keys::kTime) {
      error = json::ReadInt64(field.value(), &parsed.time_ms);
    } else if (key == keys::kJacksonExecutorId) {
      error = json::ReadString(field.value(), &text);
      parsed.executor_id.assign(text);
    } else if (key == keys::kJacksonHostId) {
      error = json::ReadString(field.value(), &text);
      parsed.host.assign(text);
    } else if (key == keys::kJacksonStageId) {
      error = json::ReadInt32(field.value(), &parsed.stage_id);
    } else if (key == keys::kJacksonStageAttemptId) {
      error = json::ReadInt32(field.value(), &parsed.stage_attempt_id);
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  ctx.listener->OnExclusion(parsed);
  return json::kOk;
}

#define SPARKDX_EXCLUSION_HANDLER(name, target, excluded, for_stage)                          \
  json::Error name(json::Object& event, EventContext& ctx) {                                   \
    return HandleExclusionEvent(event, ctx, ExclusionEvent::Target::target, excluded, for_stage); \
  }
SPARKDX_EXCLUSION_HANDLER(HandleExecutorExcluded, kExecutor, true, false)
SPARKDX_EXCLUSION_HANDLER(HandleExecutorUnexcluded, kExecutor, false, false)
SPARKDX_EXCLUSION_HANDLER(HandleExecutorExcludedForStage, kExecutor, true, true)
SPARKDX_EXCLUSION_HANDLER(HandleNodeExcluded, kNode, true, false)
SPARKDX_EXCLUSION_HANDLER(HandleNodeUnexcluded, kNode, false, false)
SPARKDX_EXCLUSION_HANDLER(HandleNodeExcludedForStage, kNode, true, true)
#undef SPARKDX_EXCLUSION_HANDLER

json::Error HandleStageExecutorMetrics(json::Object& event, EventContext& ctx) {
  StageExecutorMetricsEvent parsed;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    std::string_view text;
    json::Error error = json::kOk;
    if (key == keys::kExecutorId) {
      error = json::ReadString(field.value(), &text);
      parsed.executor_id.assign(text);
    } else if (key == keys::kStageId) {
      error = json::ReadInt32(field.value(), &parsed.stage_id);
    } else if (key == keys::kStageAttemptId) {
      error = json::ReadInt32(field.value(), &parsed.stage_attempt_id);
    } else if (key == keys::kExecutorMetrics) {
      error = ReadExecutorMetrics(field.value(), &parsed.metrics);
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  ctx.listener->OnStageExecutorMetrics(parsed);
  return json::kOk;
}

json::Error HandleMiscellaneousProcessAdded(json::Object& event, EventContext& ctx) {
  MiscProcessEvent parsed;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    std::string_view text;
    json::Error error = json::kOk;
    if (key == keys::kTime) {
      error = json::ReadInt64(field.value(), &parsed.time_ms);
    } else if (key == keys::kJacksonProcessId) {
      error = json::ReadString(field.value(), &text);
      parsed.process_id.assign(text);
    } else if (key == keys::kJacksonInfo) {
      json::Object info;
      error = field.value().get_object().get(info);
      if (!error) {
        for (auto info_item : info) {
          json::Field info_field;
          SPARKDX_JSON_SYNTAX_CHECK(std::move(info_item).get(info_field));
          std::string_view info_key = json::RawKey(info_field);
          json::Error info_error = json::kOk;
          if (info_key == keys::kJacksonHostPort) {
            info_error = json::ReadString(info_field.value(), &text);
            parsed.host_port.assign(text);
          } else if (info_key == keys::kJacksonCores) {
            int64_t cores = 0;
            info_error = json::ReadInt64(info_field.value(), &cores);
            parsed.cores = static_cast<int32_t>(cores);
          } else if (info_key == keys::kJacksonLogUrlInfo) {
            info_error = ReadStringMap(info_field.value(), &parsed.log_urls);
          }
          SPARKDX_JSON_SYNTAX_CHECK(info_error);
        }
      }
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  ctx.listener->OnMiscProcessAdded(parsed);
  return json::kOk;
}

json::Error HandleUnpersistRdd(json::Object& event, EventContext& ctx) {
  int64_t rdd_id = -1;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    if (json::RawKey(field) == keys::kRddId) SPARKDX_JSON_SYNTAX_CHECK(json::ReadInt64(field.value(), &rdd_id));
  }
  if (rdd_id < 0) {
    ctx.BadField(keys::kRddId);
    return json::kOk;
  }
  ctx.listener->OnUnpersistRdd(static_cast<int32_t>(rdd_id));
  return json::kOk;
}

json::Error HandleBlockUpdated(json::Object& event, EventContext& ctx) {
  BlockUpdatedEvent parsed;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    if (json::RawKey(field) != keys::kBlockUpdatedInfo) continue;
    json::Object info;
    json::Error error = field.value().get_object().get(info);
    if (error) {
      SPARKDX_JSON_SYNTAX_CHECK(error);
      continue;
    }
    for (auto info_item : info) {
      json::Field info_field;
      SPARKDX_JSON_SYNTAX_CHECK(std::move(info_item).get(info_field));
      std::string_view key = json::RawKey(info_field);
      std::string_view text;
      json::Error info_error = json::kOk;
      if (key == keys::kBlockManagerId) {
        json::Object id;
        info_error = info_field.value().get_object().get(id);
        if (!info_error) {
          for (auto id_item : id) {
            json::Field id_field;
            SPARKDX_JSON_SYNTAX_CHECK(std::move(id_item).get(id_field));
            std::string_view id_key = json::RawKey(id_field);
            if (id_key == keys::kExecutorId) {
              SPARKDX_JSON_SYNTAX_CHECK(json::ReadString(id_field.value(), &text));
              parsed.executor_id.assign(text);
            } else if (id_key == keys::kHost) {
              SPARKDX_JSON_SYNTAX_CHECK(json::ReadString(id_field.value(), &text));
              parsed.host.assign(text);
            } else if (id_key == keys::kPort) {
              int64_t port = 0;
              SPARKDX_JSON_SYNTAX_CHECK(json::ReadInt64(id_field.value(), &port));
              parsed.port = static_cast<int32_t>(port);
            }
          }
        }
      } else if (key == keys::kBlockId) {
        info_error = json::ReadString(info_field.value(), &text);
        parsed.block_id.assign(text);
      } else if (key == keys::kStorageLevel) {
        info_error = ReadStorageLevel(info_field.value(), &parsed.storage_level);
      } else if (key == keys::kMemorySize) {
        info_error = json::ReadInt64(info_field.value(), &parsed.memory_size);
      } else if (key == keys::kDiskSize) {
        info_error = json::ReadInt64(info_field.value(), &parsed.disk_size);
      }
      SPARKDX_JSON_SYNTAX_CHECK(info_error);
    }
  }
  ctx.listener->OnBlockUpdated(parsed);
  return json::kOk;
}

}  // namespace sparkdx
