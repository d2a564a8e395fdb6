#include "history_server.h"

#include <cctype>
#include <chrono>
#include <thread>

#include <nlohmann/json.hpp>

#include "sigv4.h"  // UriEncode

namespace sparkdx::fetch {
namespace {

std::string StringAt(const nlohmann::json& object, const char* key) {
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// True when `body` is a web page rather than JSON (a login page, or a
// server's "loading" page).
bool LooksLikeHtml(const std::string& body) {
  size_t first = body.find_first_not_of(" \t\r\n");
  return first != std::string::npos && body[first] == '<';
}

bool SaysLoading(const std::string& body) {
  std::string lower = body.substr(0, 64 * 1024);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("loading") != std::string::npos || lower.find("please wait") != std::string::npos;
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

ApiAnswer GetApiJson(HttpClient& client, const HistoryServerSource& source, const std::vector<std::string>& segments,
                     const std::string& query, size_t max_bytes) {
  ApiAnswer answer;
  HttpRequest request;
  request.url = HistoryServerUrl(source.base, segments, query);
  request.headers.emplace_back("Accept", "application/json");
  const std::string what = DescribeRequest("GET", request.url);
  for (int attempt = 0;; ++attempt) {
    std::string body;
    HttpResponse response = client.Send(request, source.credentials, [&](const char* data, size_t size) {
      if (body.size() + size > max_bytes) return false;
      body.append(data, size);
      return true;
    });
    answer.status = response.status;
    if (!response.ok) {
      answer.error = response.error;
      if (body.size() >= max_bytes) answer.error += " (the answer is over " + std::to_string(max_bytes >> 20) + " MiB)";
      return answer;
    }
    if (LooksLikeHtml(body)) {
      if (SaysLoading(body) && attempt < source.warm_up.attempts) {
        std::this_thread::sleep_for(std::chrono::milliseconds(source.warm_up.wait_ms));
        continue;
      }
      answer.error = what + (SaysLoading(body)
                                 ? ": the server is still loading the application (a \"loading\" page after " +
                                       std::to_string(attempt + 1) + " tries); try again in a minute"
                                 : ": the answer is a web page, not JSON (a login page? the session or cookie may "
                                   "have expired)");
      return answer;
    }
    answer.body = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    if (answer.body.is_discarded()) {
      answer.error = what + ": the answer is not JSON";
      return answer;
    }
    answer.ok = true;
    return answer;
  }
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

  ApiAnswer answer = GetApiJson(client, source, {"applications"}, query);
  if (!answer.ok) {
    list.error = answer.error;
    return list;
  }
  const nlohmann::json& parsed = answer.body;
  if (!parsed.is_array()) {
    list.error = DescribeRequest("GET", HistoryServerUrl(source.base, {"applications"}, query)) +
                 ": the answer is not a JSON array of applications (is this a Spark History Server?)";
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
