#include "redact/collect_sensitive_values.h"

#include "redact/plan_names.h"
#include "redact/secret_keys.h"

namespace sparkdx::redact {
namespace {

bool AllDigits(std::string_view text) {
  if (text.empty()) return false;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
  }
  return true;
}

// The host of a URL (scheme://host[:port]/...), registered as kHost; the
// whole URL as kUrl.
void AddUrl(std::string_view url, RedactionDictionary* dictionary) {
  dictionary->Add(url, RedactionKind::kUrl);
  AddPathUserNames(url, dictionary);
  size_t scheme_end = url.find("://");
  if (scheme_end == std::string_view::npos) return;
  std::string_view rest = url.substr(scheme_end + 3);
  size_t end = rest.find_first_of("/?#");
  AddHostAddress(rest.substr(0, end), dictionary);
}

}  // namespace

void AddHostAddress(std::string_view address, RedactionDictionary* dictionary) {
  if (address.empty()) return;
  std::string_view host = address;
  if (host.front() == '[') {
    size_t close = host.find(']');
    if (close != std::string_view::npos) host = host.substr(1, close - 1);
  } else {
    size_t colon = host.rfind(':');
    // One colon followed by digits is a port; more colons is IPv6.
    if (colon != std::string_view::npos && host.find(':') == colon && AllDigits(host.substr(colon + 1))) {
      host = host.substr(0, colon);
    }
  }
  if (host != address) dictionary->Add(address, RedactionKind::kHost);
  dictionary->Add(host, RedactionKind::kHost);
}

void AddConfigEntry(std::string_view key, std::string_view value, RedactionDictionary* dictionary) {
  if (value.empty()) return;
  if (key == "spark.app.name") {
    dictionary->Add(value, RedactionKind::kAppName);
  } else if (key == "spark.app.id") {
    dictionary->Add(value, RedactionKind::kApp);
  } else if (IsSecretKey(key)) {
    if (!AllDigits(value)) dictionary->Add(value, RedactionKind::kSecret);
  } else if (IsHostKey(key)) {
    AddHostAddress(value, dictionary);
  } else if (IsUserKey(key)) {
    dictionary->Add(value, RedactionKind::kUser);
  }
  AddPathUserNames(value, dictionary);
}

void CollectSensitiveValues(const AppStatus& status, RedactionDictionary* dictionary) {
  if (status.app_id) dictionary->Add(*status.app_id, RedactionKind::kApp);
  dictionary->Add(status.app_name, RedactionKind::kAppName);
  dictionary->Add(status.attempt.spark_user, RedactionKind::kUser);

  for (const ExecutorStatusData& executor : status.executors) {
    AddHostAddress(executor.host_port, dictionary);
    AddHostAddress(executor.host, dictionary);
    for (const auto& [name, url] : executor.logs) AddUrl(url, dictionary);
    for (const auto& [key, value] : executor.attributes) {
      if (key == "USER") {
        dictionary->Add(value, RedactionKind::kUser);
      } else if (key == "NM_HOST" || key == "HTTP_ADDRESS" || key == "NM_HTTP_ADDRESS") {
        AddHostAddress(value, dictionary);
      } else if (key == "LOG_FILES") {
        continue;  // file names (stderr,stdout)
      } else {
        AddPathUserNames(value, dictionary);
      }
    }
  }
  for (const std::string& host : status.task_hosts) AddHostAddress(host, dictionary);
  for (const MiscProcessData& process : status.misc_processes) {
    AddHostAddress(process.host_port, dictionary);
    for (const auto& [name, url] : process.log_urls) AddUrl(url, dictionary);
  }
  for (const auto& [rdd_id, rdd] : status.rdds) {
    for (const auto& [executor_id, distribution] : rdd.distributions) {
      AddHostAddress(distribution.address, dictionary);
    }
  }

  const EnvironmentData& environment = status.environment;
  for (const auto* section : {&environment.spark_properties, &environment.hadoop_properties,
                              &environment.system_properties, &environment.metrics_properties}) {
    for (const auto& [key, value] : *section) AddConfigEntry(key, value, dictionary);
  }
  for (const auto& [path, source] : environment.classpath_entries) AddPathUserNames(path, dictionary);
  if (environment.java_home) AddPathUserNames(*environment.java_home, dictionary);

  for (const auto& [execution_id, execution] : status.sql_executions) {
    for (const auto* text : {&execution.description, &execution.details, &execution.physical_plan_description}) {
      if (!*text) continue;
      AddTableNames(**text, dictionary);
      AddPathUserNames(**text, dictionary);
    }
    for (const SqlPlanNodeData& node : execution.nodes) AddTableNames(node.simple_string, dictionary);
    for (const auto& [key, value] : execution.modified_configs) AddConfigEntry(key, value, dictionary);
  }
}

}  // namespace sparkdx::redact
