// `sparkdx proxy` in-process against a History Server fake, both on
// 127.0.0.1: what the page may ask, and what it must be refused.
#include <gtest/gtest.h>
#include <httplib.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include <nlohmann/json.hpp>

#include "fake_services.h"
#include "proxy_config.h"
#include "proxy_server.h"

namespace sparkdx::fetch {
namespace {

using fakes::kAppId;

AwsCredentialSources Environment(std::map<std::string, std::string> variables) {
  AwsCredentialSources sources;
  sources.environment = std::move(variables);
  sources.read_file = [](const std::string&) { return std::nullopt; };
  return sources;
}

// A History Server behind basic auth, and a proxy configured for it.
class ProxyFixture : public ::testing::Test {
 protected:
  void SetUp() override {
    shs_ = std::make_unique<fakes::HistoryServerRoutes>(
        upstream_.server(), "", [](const httplib::Request& request, httplib::Response& response) {
          if (request.get_header_value("Authorization") == "Basic YWxpY2U6czNjcmV0") return true;
          response.status = 401;
          return false;
        });
    upstream_.Start();
    web_ = std::filesystem::temp_directory_path() / ("sparkdx-proxy-web-" + std::to_string(::getpid()));
    std::filesystem::create_directories(web_);
    std::ofstream(web_ / "index.html") << "<!DOCTYPE html><title>sparkdx</title>";
    std::string config_text = R"({"sources":[{"name":"prod","kind":"history-server","url":")" + upstream_.Origin() +
                              R"(","basic_auth_env":"SHS_AUTH"}],"allow_origins":["http://localhost:5173"]})";
    ProxyConfig config =
        ParseProxyConfig(config_text, "proxy.json", Environment({{"SHS_AUTH", "alice:s3cret"}}));
    ASSERT_TRUE(config.ok) << config.error;
    ProxyOptions options;
    options.port = 0;
    options.web_directory = web_.string();
    options.version = "test";
    proxy_ = std::make_unique<ProxyServer>(config, options);
    std::string error;
    ASSERT_TRUE(proxy_->Bind(&error)) << error;
    thread_ = std::thread([this] { proxy_->Serve(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", proxy_->port());
  }
  void TearDown() override {
    proxy_->Stop();
    thread_.join();
    std::filesystem::remove_all(web_);
  }

  fakes::LoopbackServer upstream_;
  std::unique_ptr<fakes::HistoryServerRoutes> shs_;
  std::filesystem::path web_;
  std::unique_ptr<ProxyServer> proxy_;
  std::thread thread_;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ProxyFixture, AnnouncesItselfAndItsSourcesWithoutSecrets) {
  auto result = client_->Get("/api/proxy");
  ASSERT_TRUE(result);
  EXPECT_EQ(result->status, 200);
  EXPECT_EQ(nlohmann::json::parse(result->body),
            (nlohmann::json{{"proxy", "sparkdx test"}, {"sources", {{{"name", "prod"}, {"kind", "history-server"}}}}}));
  EXPECT_EQ(result->body.find("s3cret"), std::string::npos);
  // The page asks for proxy.json; the built page holds a placeholder that
  // the proxy must answer before serving files.
  std::ofstream(web_ / "proxy.json") << R"({"proxy": null})";
  auto page_probe = client_->Get("/proxy.json");
  ASSERT_TRUE(page_probe);
  EXPECT_EQ(page_probe->body, result->body);
}

TEST_F(ProxyFixture, ListsAndStreamsLogsWithTheSourcesCredentials) {
  auto list = client_->Get("/api/sources/prod/applications?status=completed&limit=3");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200) << list->body;
  EXPECT_EQ(nlohmann::json::parse(list->body)["applications"][0]["id"], kAppId);
  EXPECT_EQ(shs_->last_query(), "completed|3");
  auto logs = client_->Get(std::string("/api/sources/prod/applications/") + kAppId + "/logs");
  ASSERT_TRUE(logs);
  EXPECT_EQ(logs->status, 200);
  EXPECT_EQ(logs->body, shs_->zip());
  EXPECT_EQ(logs->get_header_value("Content-Type"), "application/zip");
}

TEST_F(ProxyFixture, ServesThePageAndNoFileOutsideIt) {
  auto page = client_->Get("/index.html");
  ASSERT_TRUE(page);
  EXPECT_EQ(page->status, 200);
  EXPECT_NE(page->body.find("<title>sparkdx</title>"), std::string::npos);
  for (const char* traversal : {"/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd", "/..%2f..%2fetc/passwd"}) {
    auto escaped = client_->Get(traversal);
    ASSERT_TRUE(escaped);
    EXPECT_NE(escaped->status, 200) << traversal;
    EXPECT_EQ(escaped->body.find("root:"), std::string::npos) << traversal;
  }
}

TEST_F(ProxyFixture, RefusesOtherSitesRebindingAndOtherMethods) {
  auto evil = client_->Get("/api/proxy", {{"Origin", "https://evil.example"}});
  ASSERT_TRUE(evil);
  EXPECT_EQ(evil->status, 403);
  EXPECT_EQ(evil->get_header_value("Access-Control-Allow-Origin"), "");
  auto dev = client_->Get("/api/proxy", {{"Origin", "http://localhost:5173"}});
  ASSERT_TRUE(dev);
  EXPECT_EQ(dev->status, 200);
  EXPECT_EQ(dev->get_header_value("Access-Control-Allow-Origin"), "http://localhost:5173");

  httplib::Client rebound("127.0.0.1", proxy_->port());
  rebound.set_default_headers({{"Host", "attacker.example:" + std::to_string(proxy_->port())}});
  auto rebinding = rebound.Get("/api/proxy");
  ASSERT_TRUE(rebinding);
  EXPECT_EQ(rebinding->status, 403);

  auto post = client_->Post("/api/proxy", "x", "text/plain");
  ASSERT_TRUE(post);
  EXPECT_EQ(post->status, 405);
}

TEST_F(ProxyFixture, UpstreamFailuresAreJsonErrorsWithoutUpstreamBodies) {
  auto missing = client_->Get("/api/sources/prod/applications/app-nope/logs");
  ASSERT_TRUE(missing);
  EXPECT_EQ(missing->status, 404);
  EXPECT_EQ(nlohmann::json::parse(missing->body)["error"],
            "GET " + upstream_.Origin() + "/api/v1/applications/app-nope/logs: HTTP 404");
  EXPECT_EQ(missing->body.find("no such app"), std::string::npos);  // the upstream's body stays there
  auto unknown = client_->Get("/api/sources/nope/applications");
  ASSERT_TRUE(unknown);
  EXPECT_EQ(unknown->status, 404);
  EXPECT_EQ(nlohmann::json::parse(unknown->body)["error"], "no source named nope");
  auto bad = client_->Get("/api/sources/prod/applications?status=everything");
  ASSERT_TRUE(bad);
  EXPECT_EQ(bad->status, 400);
}

TEST(ProxyConfig, NamesTheFileSourceAndKeyInErrors) {
  auto environment = Environment({});
  EXPECT_EQ(ParseProxyConfig("{", "p.json", environment).error, "p.json: not valid JSON (byte 2)");
  EXPECT_EQ(ParseProxyConfig(R"({"sources":{}})", "p.json", environment).error,
            "p.json: expected an object with a \"sources\" array");
  EXPECT_EQ(ParseProxyConfig(R"({"sources":[{"name":"a b","kind":"history-server"}]})", "p.json", environment).error,
            "p.json: sources[0]: \"name\" must be 1-64 letters, digits, '-' or '_'");
  EXPECT_EQ(ParseProxyConfig(R"({"sources":[{"name":"x","kind":"history-server","url":"http://h","cookie_env":"C"}]})",
                             "p.json", environment)
                .error,
            "p.json: sources[0] (x): \"cookie_env\" names C, which is not set");
  EXPECT_EQ(ParseProxyConfig(R"({"sources":[{"name":"x","kind":"ftp"}]})", "p.json", environment).error,
            "p.json: sources[0]: \"kind\" must be history-server, emr or databricks");
  EXPECT_EQ(ParseProxyConfig(R"({"sources":[{"name":"x","kind":"emr","cluster_id":"j-1"}]})", "p.json", environment)
                .error.rfind("p.json: sources[0] (x): no AWS credentials", 0),
            0u);
  ProxyConfig ok = ParseProxyConfig(
      R"({"sources":[{"name":"x","kind":"databricks","url":"https://adb-1.azuredatabricks.net","token_env":"T"}]})",
      "p.json", Environment({{"T", "dapi1"}}));
  ASSERT_TRUE(ok.ok) << ok.error;
  EXPECT_EQ(ok.sources[0].credentials.bearer_token, "dapi1");
}

}  // namespace
}  // namespace sparkdx::fetch
