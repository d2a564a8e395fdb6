// Fetching from a History Server fake on 127.0.0.1 that answers as Spark's
// does (PROTOCOLS.md §1; fake_services.h).
#include "history_server.h"

#include <gtest/gtest.h>
#include <httplib.h>

#include <nlohmann/json.hpp>

#include "fake_services.h"
#include "sparkdx/analyzer.h"
#include "support/analyze_path.h"

namespace sparkdx::fetch {
namespace {

using fakes::kAppId;

// A History Server at the root or under a gateway prefix, optionally behind
// HTTP basic authentication.
class FakeHistoryServer {
 public:
  explicit FakeHistoryServer(std::string prefix = "")
      : prefix_(prefix), routes_(loopback_.server(), prefix, [this](const httplib::Request& request,
                                                                     httplib::Response& response) {
          if (required_authorization_.empty() ||
              request.get_header_value("Authorization") == required_authorization_) {
            return true;
          }
          response.status = 401;
          response.set_header("WWW-Authenticate", "Basic realm=\"shs\"");
          return false;
        }) {
    loopback_.Start();
  }
  void RequireBasic(std::string header) { required_authorization_ = std::move(header); }
  Url Base() const { return loopback_.UrlOf(prefix_); }
  const std::string& zip() const { return routes_.zip(); }
  const std::string& last_query() const { return routes_.last_query(); }

 private:
  std::string prefix_;
  std::string required_authorization_;
  fakes::LoopbackServer loopback_;
  fakes::HistoryServerRoutes routes_;
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

  AnalysisResult direct = testing::AnalyzePath(fakes::DemoLogPath()).result;
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
