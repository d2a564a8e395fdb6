#include "emr.h"

#include <chrono>
#include <ctime>
#include <thread>

namespace sparkdx::fetch {
namespace {

int64_t SystemNowS() { return static_cast<int64_t>(std::time(nullptr)); }
void SystemSleepMs(int ms) { std::this_thread::sleep_for(std::chrono::milliseconds(ms)); }

std::string StringField(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

// Polls `attempt` until it returns true, an error, or the time runs out.
bool Poll(const EmrSource& source, const std::function<bool(std::string*)>& attempt, const std::string& waiting_for,
          std::string* error) {
  const auto sleep = source.sleep_ms ? source.sleep_ms : SystemSleepMs;
  for (int waited_ms = 0;; waited_ms += source.poll_interval_ms) {
    error->clear();
    if (attempt(error)) return true;
    if (!error->empty()) return false;
    if (waited_ms + source.poll_interval_ms > source.max_wait_ms) {
      *error = "EMR: gave up after " + std::to_string(source.max_wait_ms / 1000) + " s waiting for " + waiting_for;
      return false;
    }
    sleep(source.poll_interval_ms);
  }
}

}  // namespace

Url EmrEndpoint(const std::string& region) {
  std::string error;
  return *ParseUrl("https://elasticmapreduce." + region + ".amazonaws.com/", &error);
}

EmrCallResult CallEmr(HttpClient& client, const EmrSource& source, const std::string& action,
                      const nlohmann::json& request) {
  EmrCallResult result;
  HttpRequest http;
  http.method = "POST";
  http.url = source.endpoint;
  http.url.target = "/";
  http.body = request.dump();
  http.content_type = "application/x-amz-json-1.1";
  http.error_bodies_to_sink = true;
  SigV4Request to_sign;
  to_sign.method = "POST";
  to_sign.path = "/";
  std::string host = http.url.Origin().substr(http.url.Origin().find("://") + 3);
  to_sign.headers = {{"Host", host},
                     {"Content-Type", http.content_type},
                     {"X-Amz-Target", "ElasticMapReduce." + action}};
  to_sign.body = http.body;
  const int64_t now_s = source.now_s ? source.now_s() : SystemNowS();
  SigV4Result signature = SignV4(to_sign, source.credentials, {source.region, "elasticmapreduce", now_s});
  http.headers.emplace_back("X-Amz-Target", "ElasticMapReduce." + action);
  for (const auto& header : signature.headers_to_add) http.headers.push_back(header);

  // Error bodies carry the reason (__type, message): read them too, small.
  std::string body;
  HttpResponse response = client.Send(http, {}, [&](const char* data, size_t size) {
    if (body.size() + size > (size_t{16} << 20)) return false;
    body.append(data, size);
    return true;
  });
  if (!response.ok) {
    result.error = "EMR " + action + ": " + response.error;
    // AWS errors are structured: {"__type": "[namespace#]Type", "message": "..."}.
    nlohmann::json error = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
    std::string type = StringField(error, "__type");
    type = type.substr(type.find('#') == std::string::npos ? 0 : type.find('#') + 1);
    std::string message = StringField(error, "message");
    if (message.empty()) message = StringField(error, "Message");
    if (message.size() > 300) message = message.substr(0, 300) + "...";
    if (!type.empty()) result.error += ": " + type + (message.empty() ? "" : ": " + message);
    return result;
  }
  result.response = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (result.response.is_discarded() || !result.response.is_object()) {
    result.error = "EMR " + action + ": the answer is not a JSON object";
    return result;
  }
  result.ok = true;
  return result;
}

bool RefreshSession(HttpClient& client, const EmrSource& source, EmrSession* session) {
  std::string url_text;
  std::string error;
  bool ready = Poll(
      source,
      [&](std::string* poll_error) {
        EmrCallResult call = CallEmr(client, source, "GetPersistentAppUIPresignedURL",
                                     {{"PersistentAppUIId", session->persistent_ui_id}, {"PersistentAppUIType", "SHS"}});
        if (!call.ok) {
          *poll_error = call.error;
          return false;
        }
        auto ready_field = call.response.find("PresignedURLReady");
        if (ready_field == call.response.end() || !ready_field->is_boolean() || !ready_field->get<bool>()) return false;
        url_text = StringField(call.response, "PresignedURL");
        if (url_text.empty()) *poll_error = "EMR GetPersistentAppUIPresignedURL: ready, but no PresignedURL";
        return !url_text.empty();
      },
      "the presigned URL", &error);
  if (!ready) {
    session->ok = false;
    session->error = error;
    return false;
  }
  std::optional<Url> presigned = ParseUrl(url_text, &error);
  if (!presigned) {
    session->ok = false;
    session->error = "EMR: the presigned URL is not usable: " + error;
    return false;
  }
  // Opening it sets the session cookies (in the client's jar) along its redirects.
  HttpRequest open;
  open.url = *presigned;
  open.headers.emplace_back("Accept", "text/html,application/xhtml+xml");
  HttpResponse opened = client.Send(open, {}, [](const char*, size_t) { return true; });
  if (!opened.ok) {
    session->ok = false;
    session->error = "EMR: opening the persistent UI failed: " + opened.error;
    return false;
  }
  Url base = opened.final_url;
  base.target = "/shs";
  session->history_server = {base, {}, {}};
  session->ok = true;
  session->error.clear();
  return true;
}

EmrSession OpenPersistentUi(HttpClient& client, const EmrSource& source) {
  EmrSession session;
  EmrCallResult cluster = CallEmr(client, source, "DescribeCluster", {{"ClusterId", source.cluster_id}});
  if (!cluster.ok) {
    session.error = cluster.error;
    return session;
  }
  session.cluster_arn = StringField(cluster.response.value("Cluster", nlohmann::json::object()), "ClusterArn");
  if (session.cluster_arn.empty()) {
    session.error = "EMR DescribeCluster: no ClusterArn for " + source.cluster_id;
    return session;
  }
  EmrCallResult created = CallEmr(client, source, "CreatePersistentAppUI", {{"TargetResourceArn", session.cluster_arn}});
  if (!created.ok) {
    session.error = created.error;
    return session;
  }
  session.persistent_ui_id = StringField(created.response, "PersistentAppUIId");
  if (session.persistent_ui_id.empty()) {
    session.error = "EMR CreatePersistentAppUI: no PersistentAppUIId";
    return session;
  }
  std::string error;
  bool attached = Poll(
      source,
      [&](std::string* poll_error) {
        EmrCallResult described =
            CallEmr(client, source, "DescribePersistentAppUI", {{"PersistentAppUIId", session.persistent_ui_id}});
        if (!described.ok) {
          *poll_error = described.error;
          return false;
        }
        std::string status = StringField(described.response.value("PersistentAppUI", nlohmann::json::object()),
                                         "PersistentAppUIStatus");
        if (status == "ATTACHED") return true;
        if (status != "STARTING" && status != "CREATING" && !status.empty()) {
          *poll_error = "EMR: the persistent UI is " + status + ", not ATTACHED";
        }
        return false;
      },
      "the persistent UI to attach", &error);
  if (!attached) {
    session.error = error;
    return session;
  }
  RefreshSession(client, source, &session);
  return session;
}

HttpResponse FetchEmrLogs(HttpClient& client, const EmrSource& source, EmrSession* session, const std::string& app_id,
                          const std::string& attempt_id, const BodySink& sink) {
  HttpResponse response = FetchApplicationLogs(client, session->history_server, app_id, attempt_id, sink);
  if ((response.status == 401 || response.status == 403) && response.body_bytes == 0) {
    if (!RefreshSession(client, source, session)) {
      response.error += "; renewing the EMR session failed: " + session->error;
      return response;
    }
    response = FetchApplicationLogs(client, session->history_server, app_id, attempt_id, sink);
  }
  return response;
}

}  // namespace sparkdx::fetch
