// SQL events (written by Jackson: camelCase keys):
// SparkListenerSQLExecutionStart/End, SparkListenerSQLAdaptiveExecutionUpdate,
// SparkListenerSQLAdaptiveSQLMetricUpdates, SparkListenerDriverAccumUpdates.
#include "eventlog/events/handlers.h"
#include "eventlog/events/stage_info.h"
#include "eventlog/keys.h"

namespace sparkdx {
namespace {

json::Error ReadPlanMetric(json::Value& value, SqlPlanMetricEvent* out) {
  json::Object object;
  json::Error error = value.get_object().get(object);
  if (error) return error;
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    if (key == keys::kMetricName) SPARKDX_JSON_SYNTAX_CHECK(ReadScalarText(field.value(), &out->name));
    if (key == keys::kMetricAccumulatorId) SPARKDX_JSON_SYNTAX_CHECK(json::ReadInt64(field.value(), &out->accumulator_id));
    if (key == keys::kMetricType) SPARKDX_JSON_SYNTAX_CHECK(ReadScalarText(field.value(), &out->metric_type));
  }
  return json::kOk;
}

json::Error ReadPlanMetrics(json::Value& value, std::vector<SqlPlanMetricEvent>* out) {
  json::Array array;
  json::Error error = value.get_array().get(array);
  if (error) return error;
  for (auto item : array) {
    json::Value element;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(element));
    SqlPlanMetricEvent metric;
    error = ReadPlanMetric(element, &metric);
    if (error) return error;
    out->push_back(std::move(metric));
  }
  return json::kOk;
}

// Flattens a "sparkPlanInfo" tree in pre-order; returns the node's index.
json::Error ReadPlanNode(json::Value& value, SqlPlanEvent* plan, int depth, int32_t* index) {
  constexpr int kMaxDepth = 1000;  // a guard against pathological nesting
  if (depth > kMaxDepth) return simdjson::DEPTH_ERROR;
  json::Object object;
  json::Error error = value.get_object().get(object);
  if (error) return error;
  *index = static_cast<int32_t>(plan->nodes.size());
  plan->nodes.emplace_back();
  for (auto item : object) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    if (key == keys::kPlanNodeName) {
      SPARKDX_JSON_SYNTAX_CHECK(ReadScalarText(field.value(), &plan->nodes[*index].node_name));
    } else if (key == keys::kPlanSimpleString) {
      SPARKDX_JSON_SYNTAX_CHECK(ReadScalarText(field.value(), &plan->nodes[*index].simple_string));
    } else if (key == keys::kPlanMetrics) {
      std::vector<SqlPlanMetricEvent> metrics;
      SPARKDX_JSON_SYNTAX_CHECK(ReadPlanMetrics(field.value(), &metrics));
      plan->nodes[*index].metrics = std::move(metrics);
    } else if (key == keys::kPlanChildren) {
      json::Array children;
      error = field.value().get_array().get(children);
      if (error) return error;
      for (auto child : children) {
        json::Value element;
        SPARKDX_JSON_SYNTAX_CHECK(std::move(child).get(element));
        int32_t child_index = -1;
        error = ReadPlanNode(element, plan, depth + 1, &child_index);
        if (error) return error;
        plan->nodes[*index].children.push_back(child_index);
      }
    }
  }
  return json::kOk;
}

}  // namespace

json::Error HandleSqlExecutionStart(json::Object& event, EventContext& ctx) {
  SqlExecutionStartEvent parsed;
  bool has_id = false;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    json::Error error = json::kOk;
    if (key == keys::kExecutionId) {
      error = json::ReadInt64(field.value(), &parsed.execution_id);
      has_id = !error;
    } else if (key == keys::kSqlRootExecutionId) {
      error = json::ReadInt64(field.value(), &parsed.root_execution_id);
    } else if (key == keys::kSqlDescription) {
      error = ReadScalarText(field.value(), &parsed.description);
    } else if (key == keys::kSqlDetails) {
      error = ReadScalarText(field.value(), &parsed.details);
    } else if (key == keys::kSqlPhysicalPlanDescription) {
      error = ReadScalarText(field.value(), &parsed.physical_plan_description);
    } else if (key == keys::kSqlSparkPlanInfo) {
      int32_t root = -1;
      error = ReadPlanNode(field.value(), &parsed.plan, 0, &root);
    } else if (key == keys::kTime) {
      error = json::ReadInt64(field.value(), &parsed.time_ms);
    } else if (key == keys::kSqlModifiedConfigs) {
      error = ReadStringMap(field.value(), &parsed.modified_configs);
    } else if (key == keys::kSqlQueryId) {
      if (!json::IsNull(field.value())) {
        std::string text;
        error = ReadScalarText(field.value(), &text);
        if (!error) parsed.query_id = std::move(text);
      }
    }
    if (error) {
      SPARKDX_JSON_SYNTAX_CHECK(error);
      ctx.BadField(key);
    }
  }
  if (!has_id) {
    ctx.BadField(keys::kExecutionId);
    return json::kOk;
  }
  ctx.listener->OnSqlExecutionStart(std::move(parsed));
  return json::kOk;
}

json::Error HandleSqlExecutionEnd(json::Object& event, EventContext& ctx) {
  SqlExecutionEndEvent parsed;
  bool has_id = false;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    json::Error error = json::kOk;
    if (key == keys::kExecutionId) {
      error = json::ReadInt64(field.value(), &parsed.execution_id);
      has_id = !error;
    } else if (key == keys::kTime) {
      error = json::ReadInt64(field.value(), &parsed.time_ms);
    } else if (key == keys::kSqlErrorMessage) {
      if (json::IsNull(field.value())) continue;
      std::string text;
      error = ReadScalarText(field.value(), &text);
      if (!error) parsed.error_message = std::move(text);
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (!has_id) {
    ctx.BadField(keys::kExecutionId);
    return json::kOk;
  }
  ctx.listener->OnSqlExecutionEnd(parsed);
  return json::kOk;
}

json::Error HandleSqlAdaptiveExecutionUpdate(json::Object& event, EventContext& ctx) {
  SqlAdaptiveUpdateEvent parsed;
  bool has_id = false;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    json::Error error = json::kOk;
    if (key == keys::kExecutionId) {
      error = json::ReadInt64(field.value(), &parsed.execution_id);
      has_id = !error;
    } else if (key == keys::kSqlPhysicalPlanDescription) {
      error = ReadScalarText(field.value(), &parsed.physical_plan_description);
    } else if (key == keys::kSqlSparkPlanInfo) {
      int32_t root = -1;
      error = ReadPlanNode(field.value(), &parsed.plan, 0, &root);
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (has_id) ctx.listener->OnSqlAdaptiveUpdate(std::move(parsed));
  return json::kOk;
}

json::Error HandleSqlAdaptiveSqlMetricUpdates(json::Object& event, EventContext& ctx) {
  SqlAdaptiveMetricsEvent parsed;
  bool has_id = false;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    json::Error error = json::kOk;
    if (key == keys::kExecutionId) {
      error = json::ReadInt64(field.value(), &parsed.execution_id);
      has_id = !error;
    } else if (key == keys::kSqlPlanMetrics) {
      error = ReadPlanMetrics(field.value(), &parsed.metrics);
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (has_id) ctx.listener->OnSqlAdaptiveMetrics(parsed);
  return json::kOk;
}

json::Error HandleSqlDriverAccumUpdates(json::Object& event, EventContext& ctx) {
  SqlDriverAccumUpdatesEvent parsed;
  bool has_id = false;
  for (auto item : event) {
    json::Field field;
    SPARKDX_JSON_SYNTAX_CHECK(std::move(item).get(field));
    std::string_view key = json::RawKey(field);
    json::Error error = json::kOk;
    if (key == keys::kExecutionId) {
      error = json::ReadInt64(field.value(), &parsed.execution_id);
      has_id = !error;
    } else if (key == keys::kSqlAccumUpdates) {
      // [[accumulator id, value], ...]
      json::Array pairs;
      error = field.value().get_array().get(pairs);
      if (!error) {
        for (auto pair_item : pairs) {
          json::Value pair_value;
          SPARKDX_JSON_SYNTAX_CHECK(std::move(pair_item).get(pair_value));
          std::vector<int32_t> unused;
          json::Array pair;
          error = pair_value.get_array().get(pair);
          if (error) break;
          int64_t numbers[2] = {0, 0};
          int n = 0;
          for (auto element_item : pair) {
            json::Value element;
            SPARKDX_JSON_SYNTAX_CHECK(std::move(element_item).get(element));
            int64_t number = 0;
            error = json::ReadInt64(element, &number);
            if (error) break;
            if (n < 2) numbers[n] = number;
            ++n;
          }
          if (n == 2) parsed.updates.emplace_back(numbers[0], numbers[1]);
        }
      }
    }
    SPARKDX_JSON_SYNTAX_CHECK(error);
  }
  if (has_id) ctx.listener->OnSqlDriverAccumUpdates(parsed);
  return json::kOk;
}

}  // namespace sparkdx
