// A Spark History Server as a source of event logs (PROTOCOLS.md §1):
// list its applications and download an application's logs as the zip its
// REST API serves (GET <base>/api/v1/applications/<id>[/<attempt>]/logs),
// streamed to the caller, who feeds them to the analyzer (which unpacks zips
// as they stream). `base` is the server root, with any prefix a gateway
// adds: http://shs:18080, https://emr-host/shs, https://knox/gateway/t/sparkhistory.
#ifndef SPARKDX_NATIVE_FETCH_HISTORY_SERVER_H_
#define SPARKDX_NATIVE_FETCH_HISTORY_SERVER_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "http_client.h"

namespace sparkdx::fetch {

// Some servers answer an HTML "loading" page while they replay a log
// (Databricks' historical Spark UI says "Loading historical Spark UI"):
// API reads retry it `attempts` times, `wait_ms` apart. 0 attempts: an
// HTML answer is an error at once (usually a login page).
struct WarmUpPolicy {
  int attempts = 0;
  int wait_ms = 30'000;
};

struct HistoryServerSource {
  Url base;
  HttpCredentials credentials;
  WarmUpPolicy warm_up;
};

// Filters the History Server applies itself (its own parameter names).
struct ApplicationFilter {
  std::string status;    // "completed" or "running"; "" for both
  std::string min_date;  // yyyy-MM-dd or yyyy-MM-dd'T'HH:mm:ss.SSSz, "" for none
  std::string max_date;
  int limit = 0;         // 0: no limit
};

struct ApplicationAttemptInfo {
  std::string attempt_id;  // "" when the application has a single, unnamed attempt
  std::string start_time, end_time;  // as the server prints them
  int64_t duration_ms = 0;
  std::string spark_user;
  bool completed = false;
};

struct ApplicationInfo {
  std::string id;
  std::string name;
  std::vector<ApplicationAttemptInfo> attempts;
};

struct ApplicationList {
  bool ok = false;
  std::string error;
  std::vector<ApplicationInfo> applications;
};

ApplicationList ListApplications(HttpClient& client, const HistoryServerSource& source,
                                 const ApplicationFilter& filter);

// The logs zip of one application (all attempts when `attempt_id` is empty),
// streamed to `sink`. The response's status and error say how it went.
HttpResponse FetchApplicationLogs(HttpClient& client, const HistoryServerSource& source, const std::string& app_id,
                                  const std::string& attempt_id, const BodySink& sink);

struct ApiAnswer {
  bool ok = false;
  std::string error;   // names the request; says so when the answer was a web page
  int status = 0;
  nlohmann::json body;
};

// GET <base>/api/v1/<segments>[?query] as JSON, at most `max_bytes`,
// waiting out a warm-up page as the source's policy says.
ApiAnswer GetApiJson(HttpClient& client, const HistoryServerSource& source, const std::vector<std::string>& segments,
                     const std::string& query = "", size_t max_bytes = size_t{256} << 20);

// The URL of a History Server API path under `base` ("applications" ->
// <base>/api/v1/applications), path segments encoded.
Url HistoryServerUrl(const Url& base, const std::vector<std::string>& segments, const std::string& query = "");

}  // namespace sparkdx::fetch

#endif  // SPARKDX_NATIVE_FETCH_HISTORY_SERVER_H_
