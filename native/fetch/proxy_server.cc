#include "proxy_server.h"

#include <httplib.h>

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <thread>
#include <nlohmann/json.hpp>

#include "databricks.h"
#include "rest_rebuild.h"
#include "emr.h"
#include "history_server.h"

namespace sparkdx::fetch {
namespace {

void JsonError(httplib::Response& response, int status, const std::string& message) {
  response.status = status;
  response.set_content(nlohmann::json{{"error", message}}.dump(), "application/json");
}

// Carries an upstream body from the thread reading it to the response being
// written, holding at most kCapacityBytes: so the page gets the upstream's
// verdict as a real status (the handler waits for the first bytes or the
// end), and a large log streams through without being kept.
class BytePipe {
 public:
  static constexpr size_t kCapacityBytes = size_t{8} << 20;

  // Upstream side: false once the reader went away.
  bool Push(const char* data, size_t size) {
    std::unique_lock<std::mutex> lock(mutex_);
    started_ = true;
    changed_.wait(lock, [&] { return cancelled_ || held_bytes_ < kCapacityBytes; });
    if (cancelled_) return false;
    pieces_.emplace_back(data, size);
    held_bytes_ += size;
    changed_.notify_all();
    return true;
  }
  void Finish(const HttpResponse& result) {
    std::lock_guard<std::mutex> lock(mutex_);
    finished_ = true;
    result_ = result;
    changed_.notify_all();
  }
  // Response side.
  void WaitForStart() {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return started_ || finished_; });
  }
  bool FailedBeforeStart(HttpResponse* result) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (started_ || !finished_ || result_.ok) return false;
    *result = result_;
    return true;
  }
  // Next piece; empty with *end set when the upstream finished (and *ok).
  std::string Pop(bool* end, bool* ok) {
    std::unique_lock<std::mutex> lock(mutex_);
    changed_.wait(lock, [&] { return !pieces_.empty() || finished_; });
    *end = pieces_.empty();
    *ok = result_.ok;
    if (*end) return "";
    std::string piece = std::move(pieces_.front());
    pieces_.pop_front();
    held_bytes_ -= piece.size();
    changed_.notify_all();
    return piece;
  }
  void Cancel() {
    std::lock_guard<std::mutex> lock(mutex_);
    cancelled_ = true;
    changed_.notify_all();
  }

 private:
  std::mutex mutex_;
  std::condition_variable changed_;
  std::deque<std::string> pieces_;
  size_t held_bytes_ = 0;
  bool started_ = false, finished_ = false, cancelled_ = false;
  HttpResponse result_;
};

// Answers with the upstream body `fetch` produces, streamed; an upstream
// failure before any byte becomes a JSON error (404 stays 404, else 502).
void StreamFromUpstream(httplib::Response& response, const std::string& content_type,
                        std::function<HttpResponse(const BodySink&)> fetch) {
  auto pipe = std::make_shared<BytePipe>();
  std::thread([pipe, fetch = std::move(fetch)] {
    HttpResponse result = fetch([&](const char* data, size_t size) { return pipe->Push(data, size); });
    pipe->Finish(result);
  }).detach();
  pipe->WaitForStart();
  HttpResponse failed;
  if (pipe->FailedBeforeStart(&failed)) {
    JsonError(response, failed.status == 404 ? 404 : 502, failed.error);
    return;
  }
  response.set_chunked_content_provider(
      content_type,
      [pipe](size_t, httplib::DataSink& sink) {
        bool end = false, ok = false;
        std::string piece = pipe->Pop(&end, &ok);
        if (end) {
          if (!ok) return false;  // a cut stream: the page's analyzer reports a torn file
          sink.done();
          return true;
        }
        return sink.write(piece.data(), piece.size());
      },
      [pipe](bool) { pipe->Cancel(); });
}

}  // namespace

class ProxyServer::Impl {
 public:
  Impl(ProxyConfig config, ProxyOptions options) : config_(std::move(config)), options_(std::move(options)) {}

  bool Bind(std::string* error) {
    server_.set_payload_max_length(16 * 1024);
    server_.set_pre_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
      if (!Guard(request, response)) return httplib::Server::HandlerResponse::Handled;
      // The page looks for a proxy at proxy.json next to itself; a static
      // host serves the built placeholder ({"proxy": null}), this answers
      // first (files are served before routes).
      if (request.method == "GET" && request.path == "/proxy.json") {
        Announce(response);
        return httplib::Server::HandlerResponse::Handled;
      }
      return httplib::Server::HandlerResponse::Unhandled;
    });
    server_.set_post_routing_handler([this](const httplib::Request& request, httplib::Response& response) {
      std::string origin = request.get_header_value("Origin");
      if (!origin.empty() && OriginAllowed(origin)) {
        response.set_header("Access-Control-Allow-Origin", origin);
        response.set_header("Vary", "Origin");
      }
      response.set_header("X-Content-Type-Options", "nosniff");
      response.set_header("Cache-Control", "no-store");
    });
    server_.Get("/api/proxy", [this](const httplib::Request&, httplib::Response& response) { Announce(response); });
    server_.Get(R"(/api/sources/([^/]+)/applications)", [this](const httplib::Request& request,
                                                               httplib::Response& response) {
      ListApplicationsRoute(request, response);
    });
    server_.Get(R"(/api/sources/([^/]+)/applications/([^/]+)/logs)",
                [this](const httplib::Request& request, httplib::Response& response) { LogsRoute(request, response); });
    server_.Get(R"(/api/sources/([^/]+)/clusters/([^/]+)/files)",
                [this](const httplib::Request& request, httplib::Response& response) {
                  DatabricksFilesRoute(request, response, -1);
                });
    server_.Get(R"(/api/sources/([^/]+)/clusters/([^/]+)/files/(\d{1,6}))",
                [this](const httplib::Request& request, httplib::Response& response) {
                  DatabricksFilesRoute(request, response, std::stoi(request.matches[3]));
                });
    server_.Get(R"(/api/sources/([^/]+)/clusters/([^/]+)/log)",
                [this](const httplib::Request& request, httplib::Response& response) {
                  DatabricksUiLogRoute(request, response);
                });
    // Everything else under /api is unknown; other methods are refused.
    server_.Get(R"(/api/.*)", [](const httplib::Request&, httplib::Response& response) {
      JsonError(response, 404, "no such API route");
    });
    auto only_get = [](const httplib::Request&, httplib::Response& response) {
      JsonError(response, 405, "only GET is served");
    };
    server_.Post(R"(/.*)", only_get);
    server_.Put(R"(/.*)", only_get);
    server_.Delete(R"(/.*)", only_get);
    server_.Patch(R"(/.*)", only_get);
    if (!options_.web_directory.empty() && !server_.set_mount_point("/", options_.web_directory)) {
      *error = "cannot serve the web page from " + options_.web_directory + " (not a directory)";
      return false;
    }
    server_.set_file_extension_and_mimetype_mapping("mjs", "text/javascript");
    server_.set_file_extension_and_mimetype_mapping("wasm", "application/wasm");
    if (options_.port == 0) {
      port_ = server_.bind_to_any_port(options_.bind_address);
    } else {
      port_ = server_.bind_to_port(options_.bind_address, options_.port) ? options_.port : -1;
    }
    if (port_ <= 0) {
      *error = "cannot listen on " + options_.bind_address + ":" + std::to_string(options_.port) +
               " (in use, or not an address of this machine)";
      return false;
    }
    return true;
  }

  int port() const { return port_; }
  void Serve() { server_.listen_after_bind(); }

  void Announce(httplib::Response& response) const {
    nlohmann::json sources = nlohmann::json::array();
    for (const ProxySource& source : config_.sources) sources.push_back({{"name", source.name}, {"kind", source.kind}});
    response.set_content(nlohmann::json{{"proxy", "sparkdx " + options_.version}, {"sources", sources}}.dump(),
                         "application/json");
  }
  void Stop() { server_.stop(); }

 private:
  // DNS rebinding: a page on evil.example that resolves to 127.0.0.1 sends
  // Host: evil.example; only our own address is answered. Cross-site use:
  // a browser sends Origin; only our own origin and configured ones pass.
  bool Guard(const httplib::Request& request, httplib::Response& response) {
    const std::string host = request.get_header_value("Host");
    const std::string port = ":" + std::to_string(port_);
    const bool own_host = host == options_.bind_address + port || host == "127.0.0.1" + port ||
                          host == "localhost" + port || host == "[::1]" + port;
    if (!own_host) {
      JsonError(response, 403, "this proxy answers only requests addressed to " + options_.bind_address + port);
      return false;
    }
    const std::string origin = request.get_header_value("Origin");
    if (!origin.empty() && !OriginAllowed(origin)) {
      JsonError(response, 403, "requests from " + origin + " are not allowed (allow_origins in the proxy's config)");
      return false;
    }
    return true;
  }

  bool OriginAllowed(const std::string& origin) const {
    const std::string port = ":" + std::to_string(port_);
    if (origin == "http://127.0.0.1" + port || origin == "http://localhost" + port ||
        origin == "http://" + options_.bind_address + port) {
      return true;
    }
    for (const std::string& allowed : config_.allow_origins) {
      if (allowed == origin) return true;
    }
    return false;
  }

  const ProxySource* FindSource(const std::string& name, const char* kind_a, const char* kind_b,
                                httplib::Response& response) {
    for (const ProxySource& source : config_.sources) {
      if (source.name != name) continue;
      if (source.kind != kind_a && source.kind != kind_b) {
        JsonError(response, 404, "source " + name + " is a " + source.kind + " source: this route does not apply");
        return nullptr;
      }
      return &source;
    }
    JsonError(response, 404, "no source named " + name);
    return nullptr;
  }

  HttpClient ClientFor(const ProxySource& source) const {
    std::vector<std::string> hosts = config_.allow_hosts;
    if (!source.url.host.empty()) hosts.push_back(source.url.host);
    if (!source.dataplane.host.empty()) hosts.push_back(source.dataplane.host);
    if (source.kind == "emr") {
      hosts.push_back("elasticmapreduce." + source.region + ".amazonaws.com");
      hosts.push_back("*.emrappui-prod." + source.region + ".amazonaws.com");
    }
    return HttpClient(hosts, options_.upstream_limits);
  }

  EmrSource EmrSourceOf(const ProxySource& source) const {
    EmrSource emr;
    emr.region = source.region;
    emr.endpoint = source.url.host.empty() ? EmrEndpoint(source.region) : source.url;
    emr.credentials = source.aws;
    emr.cluster_id = source.cluster_id;
    return emr;
  }

  // The History Server behind a source; for EMR, a session opened once and
  // kept (its cookies live in the session's client).
  struct Upstream {
    std::shared_ptr<HttpClient> client;
    HistoryServerSource history_server;
    std::shared_ptr<EmrSession> emr_session;
  };
  bool OpenUpstream(const ProxySource& source, Upstream* upstream, std::string* error) {
    if (source.kind == "history-server") {
      upstream->client = std::make_shared<HttpClient>(ClientFor(source));
      upstream->history_server = {source.url, source.credentials, {}};
      return true;
    }
    std::lock_guard<std::mutex> lock(emr_mutex_);
    auto it = emr_sessions_.find(source.name);
    if (it == emr_sessions_.end() || !it->second.emr_session->ok) {
      Upstream opened;
      opened.client = std::make_shared<HttpClient>(ClientFor(source));
      opened.emr_session = std::make_shared<EmrSession>(OpenPersistentUi(*opened.client, EmrSourceOf(source)));
      if (!opened.emr_session->ok) {
        *error = opened.emr_session->error;
        return false;
      }
      opened.history_server = opened.emr_session->history_server;
      it = emr_sessions_.insert_or_assign(source.name, opened).first;
    }
    *upstream = it->second;
    return true;
  }

  void ListApplicationsRoute(const httplib::Request& request, httplib::Response& response) {
    const ProxySource* source = FindSource(request.matches[1], "history-server", "emr", response);
    if (source == nullptr) return;
    ApplicationFilter filter;
    filter.status = request.get_param_value("status");
    if (!filter.status.empty() && filter.status != "completed" && filter.status != "running") {
      JsonError(response, 400, "status must be completed or running");
      return;
    }
    std::string limit = request.get_param_value("limit");
    if (!limit.empty()) {
      if (limit.size() > 6 || limit.find_first_not_of("0123456789") != std::string::npos) {
        JsonError(response, 400, "limit must be a count");
        return;
      }
      filter.limit = std::stoi(limit);
    }
    Upstream upstream;
    std::string error;
    if (!OpenUpstream(*source, &upstream, &error)) {
      JsonError(response, 502, error);
      return;
    }
    ApplicationList list = ListApplications(*upstream.client, upstream.history_server, filter);
    if (!list.ok) {
      JsonError(response, 502, list.error);
      return;
    }
    nlohmann::json applications = nlohmann::json::array();
    for (const ApplicationInfo& application : list.applications) {
      nlohmann::json attempts = nlohmann::json::array();
      for (const ApplicationAttemptInfo& attempt : application.attempts) {
        attempts.push_back({{"attempt_id", attempt.attempt_id.empty() ? nlohmann::json() : nlohmann::json(attempt.attempt_id)},
                            {"start_time", attempt.start_time},
                            {"end_time", attempt.end_time},
                            {"duration_ms", attempt.duration_ms},
                            {"spark_user", attempt.spark_user},
                            {"completed", attempt.completed}});
      }
      applications.push_back({{"id", application.id}, {"name", application.name}, {"attempts", attempts}});
    }
    response.set_content(nlohmann::json{{"applications", applications}}.dump(), "application/json");
  }

  // Streams the upstream zip to the page as it arrives. The upstream is
  // read on the server's worker thread, inside the content provider, so
  // nothing is buffered beyond one piece.
  void LogsRoute(const httplib::Request& request, httplib::Response& response) {
    const ProxySource* source = FindSource(request.matches[1], "history-server", "emr", response);
    if (source == nullptr) return;
    const std::string app_id = request.matches[2];
    const std::string attempt = request.get_param_value("attempt");
    Upstream upstream;
    std::string error;
    if (!OpenUpstream(*source, &upstream, &error)) {
      JsonError(response, 502, error);
      return;
    }
    const ProxySource copy = *source;
    const EmrSource emr = copy.kind == "emr" ? EmrSourceOf(copy) : EmrSource{};
    response.set_header("Content-Disposition", "attachment; filename=\"eventLogs-" + app_id + ".zip\"");
    StreamFromUpstream(response, "application/zip", [copy, emr, upstream, app_id, attempt](const BodySink& sink) {
      return copy.kind == "emr"
                 ? FetchEmrLogs(*upstream.client, emr, upstream.emr_session.get(), app_id, attempt, sink)
                 : FetchApplicationLogs(*upstream.client, upstream.history_server, app_id, attempt, sink);
    });
  }

  void DatabricksFilesRoute(const httplib::Request& request, httplib::Response& response, int index) {
    const ProxySource* source = FindSource(request.matches[1], "databricks", "databricks", response);
    if (source == nullptr) return;
    HttpClient client = ClientFor(*source);
    DatabricksSource workspace{source->url, source->credentials.bearer_token};
    workspace.workspace.target = "/";
    DatabricksCluster cluster = GetCluster(client, workspace, request.matches[2]);
    if (!cluster.ok) {
      JsonError(response, 502, cluster.error);
      return;
    }
    if (!DeliversReadableLogs(cluster)) {
      // Nothing delivered that the proxy can read: the page asks .../log,
      // the cluster's Spark UI, next.
      JsonError(response, 409, "cluster " + cluster.cluster_id + " has no log delivery sparkdx can read");
      return;
    }
    EventLogFiles logs = FindDeliveredEventLogs(client, workspace, cluster);
    if (!logs.ok) {
      JsonError(response, 502, logs.error);
      return;
    }
    const std::string prefix = logs.root.substr(0, logs.root.size() - ("/" + cluster.cluster_id + "/eventlog").size());
    if (index < 0) {
      nlohmann::json files = nlohmann::json::array();
      for (const StoredFile& file : logs.files) {
        files.push_back({{"path", file.path.substr(prefix.size() + 1)}, {"size_bytes", file.file_size}});
      }
      response.set_content(nlohmann::json{{"cluster_id", cluster.cluster_id}, {"state", cluster.state}, {"files", files}}
                               .dump(),
                           "application/json");
      return;
    }
    if (index >= static_cast<int>(logs.files.size())) {
      JsonError(response, 404, "no file " + std::to_string(index));
      return;
    }
    const std::string path = logs.files[static_cast<size_t>(index)].path;
    auto stream_client = std::make_shared<HttpClient>(ClientFor(*source));
    StreamFromUpstream(response, "application/octet-stream", [stream_client, workspace, path](const BodySink& sink) {
      return ReadDeliveredFile(*stream_client, workspace, path, sink);
    });
  }

  // The log of a cluster's application from its Spark UI: the driver proxy
  // while it runs, the historical UI (with the source's data-plane cookie)
  // once terminated; rebuilt from the REST API when the UI has no logs zip.
  // The body is a zip or JSON lines; the page tells them apart by their
  // first bytes.
  void DatabricksUiLogRoute(const httplib::Request& request, httplib::Response& response) {
    const ProxySource* source = FindSource(request.matches[1], "databricks", "databricks", response);
    if (source == nullptr) return;
    auto client = std::make_shared<HttpClient>(ClientFor(*source));
    DatabricksSource workspace{source->url, source->credentials.bearer_token};
    workspace.workspace.target = "/";
    DatabricksCluster cluster = GetCluster(*client, workspace, request.matches[2]);
    if (!cluster.ok) {
      JsonError(response, 502, cluster.error);
      return;
    }
    HistoryServerSource ui;
    ui.credentials.bearer_token = source->credentials.bearer_token;
    if (DriverRuns(cluster)) {
      ui.base = DriverProxyBase(workspace.workspace, source->org_id, cluster.cluster_id, source->ui_port);
    } else if (source->credentials.cookie.empty() || source->dataplane.host.empty()) {
      JsonError(response, 409, "cluster " + cluster.cluster_id + " is " + cluster.state +
                                   " and delivers no logs: its historical Spark UI needs \"cookie_env\" (and "
                                   "\"dataplane_url\" unless derivable) in the proxy's configuration");
      return;
    } else {
      ui.base = HistoricalUiBase(source->dataplane, cluster.cluster_id, cluster.spark_context_id);
      ui.credentials.cookie = DataPlaneCookieHeader(source->credentials.cookie);
      ui.warm_up = {10, 30'000};
    }
    ApplicationList list = ListApplications(*client, ui, {});
    if (!list.ok || list.applications.empty()) {
      JsonError(response, 502, list.ok ? "the cluster's Spark UI lists no application" : list.error);
      return;
    }
    const std::string app_id = list.applications[0].id;
    response.set_header("Content-Disposition", "attachment; filename=\"eventLogs-" + app_id + "\"");
    StreamFromUpstream(response, "application/octet-stream", [client, ui, app_id](const BodySink& sink) {
      bool rebuilt = false;
      return FetchLogsOrRebuild(*client, ui, app_id, "", sink, &rebuilt);
    });
  }

  ProxyConfig config_;
  ProxyOptions options_;
  httplib::Server server_;
  int port_ = -1;
  std::mutex emr_mutex_;
  std::map<std::string, Upstream> emr_sessions_;
};

ProxyServer::ProxyServer(ProxyConfig config, ProxyOptions options)
    : impl_(std::make_unique<Impl>(std::move(config), std::move(options))) {}
ProxyServer::~ProxyServer() = default;
bool ProxyServer::Bind(std::string* error) { return impl_->Bind(error); }
int ProxyServer::port() const { return impl_->port(); }
void ProxyServer::Serve() { impl_->Serve(); }
void ProxyServer::Stop() { impl_->Stop(); }

}  // namespace sparkdx::fetch
