// Fakes of the services `sparkdx fetch` talks to, on 127.0.0.1, for the
// fetch tests: a server on an ephemeral port, and the Spark History Server
// API routes (application list, logs zip) mountable under any prefix and
// behind any gate (basic auth, an EMR session cookie...).
#ifndef SPARKDX_TESTS_UNIT_FETCH_FAKE_SERVICES_H_
#define SPARKDX_TESTS_UNIT_FETCH_FAKE_SERVICES_H_

#include <httplib.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>
#include <thread>

#include "sparkdx/analyzer.h"
#include "support/file_bytes.h"
#include "support/test_paths.h"
#include "support/zip_writer.h"
#include "url.h"

namespace sparkdx::fetch::fakes {

inline constexpr char kAppId[] = "app-20250301120000-0007";

inline std::filesystem::path DemoLogPath() {
  return std::filesystem::path(testing::SourceDir()) / "samples/demo" / (std::string(kAppId) + ".zstd");
}

inline std::string ReadFile(const std::filesystem::path& path) { return testing::ReadFileBytes(path); }

// An httplib server on an ephemeral loopback port; add routes to server()
// before Start(); stopped on destruction.
class LoopbackServer {
 public:
  ~LoopbackServer() {
    if (thread_.joinable()) {
      server_.stop();
      thread_.join();
    }
  }
  httplib::Server& server() { return server_; }
  void Start() {
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    // stop() only works once the accept loop runs.
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  int port() const { return port_; }
  std::string Origin() const { return "http://127.0.0.1:" + std::to_string(port_); }
  Url UrlOf(const std::string& target) const {
    std::string error;
    return *ParseUrl(Origin() + target, &error);
  }

 private:
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

// The History Server routes the fetch code uses, serving the demo sample as
// its one application's logs: a zip with data descriptors (as
// java.util.zip.ZipOutputStream writes it), streamed without a length.
class HistoryServerRoutes {
 public:
  // Returns false after answering the request itself (401, 403, a redirect).
  using Gate = std::function<bool(const httplib::Request&, httplib::Response&)>;

  HistoryServerRoutes(httplib::Server& server, const std::string& prefix, Gate gate) : gate_(std::move(gate)) {
    testing::ZipWriter zip;
    testing::ZipEntryOptions java;
    java.data_descriptor = true;
    zip.AddFile(std::string(kAppId) + ".zstd", ReadFile(DemoLogPath()), java);
    zip_ = zip.Finish();

    server.Get(prefix + "/api/v1/applications", [this](const httplib::Request& request, httplib::Response& response) {
      if (!gate_(request, response)) return;
      last_query_ = request.get_param_value("status") + "|" + request.get_param_value("limit");
      response.set_content(
          R"([{"id":")" + std::string(kAppId) +
              R"(","name":"demo","attempts":[{"startTime":"2025-03-01T12:00:00.000GMT",)"
              R"("endTime":"2025-03-01T12:20:00.000GMT","duration":1200000,"sparkUser":"etl","completed":true}]},)"
              R"({"id":"application_1_2","name":"yarn app","attempts":[{"attemptId":"2","completed":false},)"
              R"({"attemptId":"1","completed":true}]}])",
          "application/json");
    });
    server.Get(prefix + R"(/api/v1/applications/([^/]+)/logs)",
               [this](const httplib::Request& request, httplib::Response& response) {
                 if (!gate_(request, response)) return;
                 if (request.matches[1] != kAppId) {
                   response.status = 404;
                   response.set_content("no such app: " + std::string(request.matches[1]), "text/plain");
                   return;
                 }
                 ++downloads_;
                 response.set_header("Content-Disposition",
                                     "attachment; filename=eventLogs-" + std::string(kAppId) + ".zip");
                 response.set_chunked_content_provider(
                     "application/octet-stream", [this](size_t offset, httplib::DataSink& sink) {
                       if (offset >= zip_.size()) {
                         sink.done();
                         return true;
                       }
                       return sink.write(zip_.data() + offset, std::min<size_t>(7000, zip_.size() - offset));
                     });
               });
  }

  const std::string& zip() const { return zip_; }
  const std::string& last_query() const { return last_query_; }
  int downloads() const { return downloads_; }

 private:
  Gate gate_;
  std::string zip_;
  std::string last_query_;
  int downloads_ = 0;
};

// A Spark UI's REST API under `prefix`, answered by a finished analyzer
// (so the fake says what a History Server would say of that log), behind
// `gate`. Like a live application's UI, its logs route answers 200 with an
// empty zip. The first `loading_pages` answers are an HTML "loading" page,
// as Databricks' historical Spark UI sends while it replays a log.
class SparkUiRoutes {
 public:
  using Gate = HistoryServerRoutes::Gate;

  SparkUiRoutes(httplib::Server& server, const std::string& prefix, const Analyzer& analyzer, Gate gate,
                int loading_pages = 0)
      : analyzer_(analyzer), gate_(std::move(gate)), loading_pages_(loading_pages) {
    server.Get(prefix + R"(/api/v1/(.*))", [this, prefix](const httplib::Request& request, httplib::Response& response) {
      if (!gate_(request, response)) return;
      ++requests_;
      if (loading_pages_ > 0) {
        --loading_pages_;
        response.set_content("<html><title>Loading</title><body>Loading historical Spark UI...</body></html>",
                             "text/html");
        return;
      }
      std::string path = request.matches[1];
      if (path.size() > 5 && path.compare(path.size() - 5, 5, "/logs") == 0) {
        response.set_content(std::string("PK\x05\x06", 4) + std::string(18, '\0'), "application/octet-stream");
        return;
      }
      const size_t query = request.target.find('?');
      if (query != std::string::npos) path += request.target.substr(query);
      RestResponse answer = analyzer_.Rest(path);
      response.status = answer.http_status;
      response.set_content(answer.http_status == 200 ? answer.body : answer.error,
                           answer.http_status == 200 ? "application/json" : "text/plain");
    });
  }

  int requests() const { return requests_; }

 private:
  const Analyzer& analyzer_;
  Gate gate_;
  int loading_pages_;
  int requests_ = 0;
};

}  // namespace sparkdx::fetch::fakes

#endif  // SPARKDX_TESTS_UNIT_FETCH_FAKE_SERVICES_H_
