// Fetching from a History Server fake on 127.0.0.1 that answers as Spark's
// does (PROTOCOLS.md §1): the application list, and logs as a zip written
// the way java.util.zip.ZipOutputStream writes it (data descriptors).
#include "history_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <fstream>
#include <sstream>
#include <thread>

#include "sparkdx/analyzer.h"
#include "support/analyze_path.h"
#include "support/test_paths.h"
#include "support/zip_writer.h"

namespace sparkdx::fetch {
namespace {

constexpr char kAppId[] = "app-20250301120000-0007";

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class FakeHistoryServer {
 public:
  explicit FakeHistoryServer(std::string prefix = "") : prefix_(std::move(prefix)) {
    std::filesystem::path log = std::filesystem::path(testing::SourceDir()) / "samples/demo" / kAppId;
    log += ".zstd";
    testing::ZipWriter zip;
    testing::ZipEntryOptions java;
    java.data_descriptor = true;
    zip.AddFile(std::string(kAppId) + ".zstd", ReadFile(log), java);
    zip_ = zip.Finish();

    server_.Get(prefix_ + "/api/v1/applications", [this](const httplib::Request& request, httplib::Response& response) {
      if (!Authorised(request, response)) return;
      last_query_ = request.params.size() ? request.get_param_value("status") + "|" + request.get_param_value("limit")
                                          : "";
      response.set_content(
          R"([{"id":")" + std::string(kAppId) + R"(","name":"demo","attempts":[{"startTime":"2025-03-01T12:00:00.000GMT",)"
          R"("endTime":"2025-03-01T12:20:00.000GMT","duration":1200000,"sparkUser":"etl","completed":true}]},)"
          R"({"id":"application_1_2","name":"yarn app","attempts":[{"attemptId":"2","completed":false},{"attemptId":"1","completed":true}]}])",
          "application/json");
    });
    server_.Get(prefix_ + R"(/api/v1/applications/([^/]+)/logs)",
                [this](const httplib::Request& request, httplib::Response& response) {
                  if (!Authorised(request, response)) return;
                  if (request.matches[1] != kAppId) {
                    response.status = 404;
                    response.set_content("no such app: " + std::string(request.matches[1]), "text/plain");
                    return;
                  }
                  response.set_header("Content-Disposition",
                                      "attachment; filename=eventLogs-" + std::string(kAppId) + ".zip");
                  // Streamed without a length, as Spark does.
                  response.set_chunked_content_provider(
                      "application/octet-stream", [this](size_t offset, httplib::DataSink& sink) {
                        if (offset >= zip_.size()) {
                          sink.done();
                          return true;
                        }
                        size_t n = std::min<size_t>(7000, zip_.size() - offset);
                        return sink.write(zip_.data() + offset, n);
                      });
                });
    port_ = server_.bind_to_any_port("127.0.0.1");
    thread_ = std::thread([this] { server_.listen_after_bind(); });
    while (!server_.is_running()) std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  ~FakeHistoryServer() {
    server_.stop();
    thread_.join();
  }

  void RequireBasic(std::string header) { required_authorization_ = std::move(header); }
  Url Base() const {
    std::string error;
    return *ParseUrl("http://127.0.0.1:" + std::to_string(port_) + prefix_, &error);
  }
  const std::string& zip() const { return zip_; }
  const std::string& last_query() const { return last_query_; }

 private:
  bool Authorised(const httplib::Request& request, httplib::Response& response) {
    if (required_authorization_.empty() || request.get_header_value("Authorization") == required_authorization_) {
      return true;
    }
    response.status = 401;
    response.set_header("WWW-Authenticate", "Basic realm=\"shs\"");
    return false;
  }

  std::string prefix_;
  std::string zip_;
  std::string required_authorization_;
  std::string last_query_;
  httplib::Server server_;
  int port_ = 0;
  std::thread thread_;
};

TEST(HistoryServer, ListsApplicationsWithFilters) {
  FakeHistoryServer shs("/shs");
  HttpClient client({"127.0.0.1"}, {});
  ApplicationFilter filter;
  filter.status = "completed";
  filter.limit = 5;
  ApplicationList list = ListApplications(client, {shs.Base(), {}}, filter);
  ASSERT_TRUE(list.ok) << list.error;
  EXPECT_EQ(shs.last_query(), "completed|5");
  ASSERT_EQ(list.applications.size(), 2u);
  EXPECT_EQ(list.applications[0].id, kAppId);
  ASSERT_EQ(list.applications[0].attempts.size(), 1u);
  EXPECT_EQ(list.applications[0].attempts[0].spark_user, "etl");
  EXPECT_EQ(list.applications[0].attempts[0].duration_ms, 1200000);
  EXPECT_TRUE(list.applications[0].attempts[0].completed);
  ASSERT_EQ(list.applications[1].attempts.size(), 2u);
  EXPECT_EQ(list.applications[1].attempts[0].attempt_id, "2");
  EXPECT_FALSE(list.applications[1].attempts[0].completed);
}

TEST(HistoryServer, FetchedLogsAnalyseLikeTheFileItself) {
  FakeHistoryServer shs;
  shs.RequireBasic("Basic YWxpY2U6czNjcmV0");  // alice:s3cret
  HttpClient client({"127.0.0.1"}, {});
  HttpCredentials credentials;
  credentials.basic_user = "alice";
  credentials.basic_password = "s3cret";

  Analyzer analyzer;
  analyzer.BeginFile(std::string("eventLogs-") + kAppId + ".zip", 0);
  HttpResponse response = FetchApplicationLogs(client, {shs.Base(), credentials}, kAppId, "",
                                               [&](const char* data, size_t size) {
                                                 return analyzer.Feed(reinterpret_cast<const uint8_t*>(data), size);
                                               });
  analyzer.EndFile();
  ASSERT_TRUE(response.ok) << response.error;
  EXPECT_EQ(response.body_bytes, shs.zip().size());
  AnalysisResult fetched = analyzer.Finish();

  std::filesystem::path log = std::filesystem::path(testing::SourceDir()) / "samples/demo" / kAppId;
  log += ".zstd";
  AnalysisResult direct = testing::AnalyzePath(log).result;
  EXPECT_EQ(fetched.applications, 1);
  EXPECT_EQ(fetched.tasks, direct.tasks);
  EXPECT_EQ(fetched.files_ok, 2);  // the archive and its entry
  // The same application, findings and numbers; only input names differ.
  auto application = [](const std::string& report) {
    nlohmann::json app = nlohmann::json::parse(report).at("applications").at(0);
    app.erase("log");
    app.erase("files");
    return app;
  };
  EXPECT_EQ(application(fetched.report_json), application(direct.report_json));
}

TEST(HistoryServer, ErrorsSayWhatFailed) {
  FakeHistoryServer shs;
  HttpClient client({"127.0.0.1"}, {});
  std::string ignored;
  auto keep = [&](const char* data, size_t size) {
    ignored.append(data, size);
    return true;
  };
  HttpResponse missing = FetchApplicationLogs(client, {shs.Base(), {}}, "app-unknown", "", keep);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.error, "GET " + shs.Base().Origin() + "/api/v1/applications/app-unknown/logs: HTTP 404");
  EXPECT_EQ(ignored, "");

  shs.RequireBasic("Basic YWxpY2U6czNjcmV0");
  ApplicationList unauthorised = ListApplications(client, {shs.Base(), {}}, {});
  EXPECT_FALSE(unauthorised.ok);
  EXPECT_EQ(unauthorised.error, "GET " + shs.Base().Origin() + "/api/v1/applications: HTTP 401");
}

TEST(HistoryServer, ApiUrlsKeepGatewayPrefixesAndEncodeIds) {
  std::string error;
  Url base = *ParseUrl("https://knox.example.com/gateway/default/sparkhistory/", &error);
  EXPECT_EQ(HistoryServerUrl(base, {"applications", "app 1", "logs"}).ToString(),
            "https://knox.example.com/gateway/default/sparkhistory/api/v1/applications/app%201/logs");
  EXPECT_EQ(HistoryServerUrl(base, {"applications"}, "status=completed").target,
            "/gateway/default/sparkhistory/api/v1/applications?status=completed");
}

}  // namespace
}  // namespace sparkdx::fetch
