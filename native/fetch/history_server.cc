#include "history_server.h"

#include <nlohmann/json.hpp>

#include "sigv4.h"  // UriEncode

namespace sparkdx::fetch {
namespace {

std::string StringAt(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

}  // namespace

Url HistoryServerUrl(const Url& base, const std::vector<std::string>& segments, const std::string& query) {
  Url url = base;
  std::string path = base.target.substr(0, base.target.find('?'));
  while (!path.empty() && path.back() == '/') path.pop_back();
  path += "/api/v1";
  for (const std::string& segment : segments) path += "/" + UriEncode(segment);
  url.target = query.empty() ? path : path + "?" + query;
  return url;
}

ApplicationList ListApplications(HttpClient& client, const HistoryServerSource& source,
                                 const ApplicationFilter& filter) {
  ApplicationList list;
  std::string query;
  auto add = [&](const char* name, const std::string& value) {
    if (value.empty()) return;
    query += (query.empty() ? "" : "&") + std::string(name) + "=" + UriEncode(value);
  };
  add("status", filter.status);
  add("minDate", filter.min_date);
  add("maxDate", filter.max_date);
  if (filter.limit > 0) add("limit", std::to_string(filter.limit));

  HttpRequest request;
  request.url = HistoryServerUrl(source.base, {"applications"}, query);
  request.headers.emplace_back("Accept", "application/json");
  std::string body;
  constexpr size_t kMaxListBytes = size_t{256} << 20;
  HttpResponse response = client.Send(request, source.credentials, [&](const char* data, size_t size) {
    if (body.size() + size > kMaxListBytes) return false;
    body.append(data, size);
    return true;
  });
  if (!response.ok) {
    list.error = response.error;
    return list;
  }
  nlohmann::json parsed = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  const std::string what = DescribeRequest("GET", request.url);
  if (parsed.is_discarded() || !parsed.is_array()) {
    list.error = what + ": the answer is not a JSON array of applications (is this a Spark History Server? "
                        "a login page can look like this)";
    return list;
  }
  for (const nlohmann::json& entry : parsed) {
    if (!entry.is_object()) continue;
    ApplicationInfo application;
    application.id = StringAt(entry, "id");
    application.name = StringAt(entry, "name");
    auto attempts = entry.find("attempts");
    if (attempts != entry.end() && attempts->is_array()) {
      for (const nlohmann::json& item : *attempts) {
        if (!item.is_object()) continue;
        ApplicationAttemptInfo attempt;
        attempt.attempt_id = StringAt(item, "attemptId");
        attempt.start_time = StringAt(item, "startTime");
        attempt.end_time = StringAt(item, "endTime");
        attempt.spark_user = StringAt(item, "sparkUser");
        auto duration = item.find("duration");
        if (duration != item.end() && duration->is_number_integer()) attempt.duration_ms = duration->get<int64_t>();
        auto completed = item.find("completed");
        attempt.completed = completed != item.end() && completed->is_boolean() && completed->get<bool>();
        application.attempts.push_back(std::move(attempt));
      }
    }
    if (!application.id.empty()) list.applications.push_back(std::move(application));
  }
  list.ok = true;
  return list;
}

HttpResponse FetchApplicationLogs(HttpClient& client, const HistoryServerSource& source, const std::string& app_id,
                                  const std::string& attempt_id, const BodySink& sink) {
  std::vector<std::string> segments = {"applications", app_id};
  if (!attempt_id.empty()) segments.push_back(attempt_id);
  segments.push_back("logs");
  HttpRequest request;
  request.url = HistoryServerUrl(source.base, segments);
  return client.Send(request, source.credentials, sink);
}

}  // namespace sparkdx::fetch
