// The EMR persistent-UI flow against a fake on 127.0.0.1 that plays both
// the EMR JSON API (verifying every SigV4 signature, as AWS does) and the
// persistent UI host (presigned URL -> redirect -> session cookie -> the
// History Server API under /shs). PROTOCOLS.md §2.2-2.3.
#include "emr.h"

#include <gtest/gtest.h>

#include <ctime>
#include <map>

#include "fake_services.h"
#include "sparkdx/analyzer.h"
#include "support/analyze_path.h"

namespace sparkdx::fetch {
namespace {

using fakes::kAppId;

constexpr char kSecret[] = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
constexpr char kClusterId[] = "j-2AXXXXXXGAPLF";
constexpr int64_t kNowS = 1440938160;

// Reads "yyyymmddThhmmssZ" as seconds since the epoch.
int64_t ParseAmzDate(const std::string& text) {
  std::tm tm{};
  if (text.size() != 16 || !strptime(text.c_str(), "%Y%m%dT%H%M%SZ", &tm)) return -1;
  return static_cast<int64_t>(timegm(&tm));
}

class FakeEmr {
 public:
  FakeEmr()
      : routes_(loopback_.server(), "/shs", [this](const httplib::Request& request, httplib::Response& response) {
          if (!session_cookie_.empty() && request.get_header_value("Cookie").find("emr_session=" + session_cookie_) !=
                                              std::string::npos) {
            return true;
          }
          response.status = 403;
          response.set_content("<html>session expired</html>", "text/html");
          return false;
        }) {
    httplib::Server& server = loopback_.server();
    server.Post("/", [this](const httplib::Request& request, httplib::Response& response) {
      std::string why;
      if (!SignatureValid(request, &why)) {
        Fail(response, 403, "InvalidSignatureException", why);
        return;
      }
      nlohmann::json body = nlohmann::json::parse(request.body, nullptr, false);
      std::string target = request.get_header_value("X-Amz-Target");
      std::string action = target.substr(target.find('.') + 1);
      ++calls_[action];
      if (action == "DescribeCluster") {
        if (body.value("ClusterId", "") != kClusterId) {
          Fail(response, 400, "com.amazonaws.emr#InvalidRequestException",
               "Cluster id '" + body.value("ClusterId", "") + "' is not valid.");
          return;
        }
        Answer(response, {{"Cluster",
                           {{"Id", kClusterId},
                            {"ClusterArn", std::string("arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/") +
                                               kClusterId}}}});
      } else if (action == "CreatePersistentAppUI") {
        Answer(response, {{"PersistentAppUIId", "p-examplepui"}, {"RuntimeRoleEnabledCluster", false}});
      } else if (action == "DescribePersistentAppUI") {
        std::string status = calls_[action] > starting_polls_ ? "ATTACHED" : "STARTING";
        Answer(response, {{"PersistentAppUI", {{"PersistentAppUIId", "p-examplepui"}, {"PersistentAppUIStatus", status}}}});
      } else if (action == "GetPersistentAppUIPresignedURL") {
        if (calls_[action] <= unready_url_polls_) {
          Answer(response, {{"PresignedURLReady", false}});
          return;
        }
        token_ = "tok" + std::to_string(calls_[action]);
        Answer(response, {{"PresignedURLReady", true},
                          {"PresignedURL", loopback_.Origin() + "/p-examplepui/?authToken=" + token_}});
      } else {
        Fail(response, 400, "UnknownOperationException", action);
      }
    });
    // The presigned URL: an opaque token, redirected to the UI with a cookie.
    server.Get("/p-examplepui/", [this](const httplib::Request& request, httplib::Response& response) {
      if (token_.empty() || request.get_param_value("authToken") != token_) {
        response.status = 403;
        return;
      }
      token_.clear();  // single use
      session_cookie_ = "s" + std::to_string(++sessions_);
      response.set_header("Set-Cookie", "emr_session=" + session_cookie_ + "; Path=/; Secure; HttpOnly");
      response.set_redirect("/shs/");
    });
    server.Get("/shs/", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("<html>Spark History Server</html>", "text/html");
    });
    loopback_.Start();
  }

  EmrSource Source(std::string secret = kSecret, std::string token = "") {
    EmrSource source;
    source.region = "us-east-1";
    source.endpoint = loopback_.UrlOf("/");
    source.credentials = {"AKIDEXAMPLE", std::move(secret), std::move(token)};
    source.cluster_id = kClusterId;
    source.poll_interval_ms = 10'000;
    source.max_wait_ms = 60'000;
    source.now_s = [] { return kNowS; };
    source.sleep_ms = [this](int ms) { slept_ms_ += ms; };
    return source;
  }

  void set_starting_polls(int n) { starting_polls_ = n; }
  void set_unready_url_polls(int n) { unready_url_polls_ = n; }
  void ExpireSession() { session_cookie_.clear(); }
  int calls(const std::string& action) { return calls_[action]; }
  int slept_ms() const { return slept_ms_; }
  int sessions() const { return sessions_; }
  const fakes::HistoryServerRoutes& routes() const { return routes_; }

 private:
  // Recomputes the signature from what arrived, the way AWS checks it: the
  // signed headers as received, the body, the date in X-Amz-Date.
  bool SignatureValid(const httplib::Request& request, std::string* why) {
    std::string authorization = request.get_header_value("Authorization");
    const std::string prefix = "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/";
    if (authorization.rfind(prefix, 0) != 0) {
      *why = "unknown credential";
      return false;
    }
    size_t scope_end = authorization.find(',');
    std::string scope = authorization.substr(prefix.size(), scope_end - prefix.size());
    if (scope != "20150830/us-east-1/elasticmapreduce/aws4_request") {
      *why = "credential scope " + scope;
      return false;
    }
    size_t signed_at = authorization.find("SignedHeaders=");
    size_t signature_at = authorization.find("Signature=");
    if (signed_at == std::string::npos || signature_at == std::string::npos) {
      *why = "malformed Authorization";
      return false;
    }
    std::string signed_list = authorization.substr(signed_at + 14, authorization.find(',', signed_at) - signed_at - 14);
    SigV4Request received;
    received.method = "POST";
    received.path = request.path;
    received.body = request.body;
    bool token_signed = false;
    for (size_t start = 0; start < signed_list.size();) {
      size_t end = signed_list.find(';', start);
      if (end == std::string::npos) end = signed_list.size();
      std::string name = signed_list.substr(start, end - start);
      start = end + 1;
      if (name == "x-amz-date") continue;  // the signer adds it from the time
      if (name == "x-amz-security-token") {
        token_signed = true;
        continue;
      }
      received.headers.emplace_back(name, request.get_header_value(name.c_str()));
    }
    std::string token = request.get_header_value("X-Amz-Security-Token");
    if (!token.empty() && !token_signed) {
      *why = "the security token is not signed";
      return false;
    }
    int64_t time_s = ParseAmzDate(request.get_header_value("X-Amz-Date"));
    SigV4Result expected = SignV4(received, {"AKIDEXAMPLE", kSecret, token}, {"us-east-1", "elasticmapreduce", time_s});
    if (authorization.substr(signature_at + 10) != expected.signature) {
      *why = "The request signature we calculated does not match the signature you provided.";
      return false;
    }
    return true;
  }
  static void Answer(httplib::Response& response, const nlohmann::json& body) {
    response.set_content(body.dump(), "application/x-amz-json-1.1");
  }
  static void Fail(httplib::Response& response, int status, const std::string& type, const std::string& message) {
    response.status = status;
    response.set_content(nlohmann::json{{"__type", type}, {"message", message}}.dump(), "application/x-amz-json-1.1");
  }

  fakes::LoopbackServer loopback_;
  fakes::HistoryServerRoutes routes_;
  std::map<std::string, int> calls_;
  int starting_polls_ = 2;
  int unready_url_polls_ = 1;
  std::string token_;
  std::string session_cookie_;
  int sessions_ = 0;
  int slept_ms_ = 0;
};

HttpResponse Download(HttpClient& client, const EmrSource& source, EmrSession* session, Analyzer* analyzer) {
  analyzer->BeginFile(std::string("eventLogs-") + kAppId + ".zip", 0);
  HttpResponse response = FetchEmrLogs(client, source, session, kAppId, "", [&](const char* data, size_t size) {
    return analyzer->Feed(reinterpret_cast<const uint8_t*>(data), size);
  });
  analyzer->EndFile();
  return response;
}

TEST(Emr, OpensThePersistentUiAndFetchesLogs) {
  FakeEmr emr;
  HttpClient client({"127.0.0.1"}, {});
  EmrSource source = emr.Source();
  EmrSession session = OpenPersistentUi(client, source);
  ASSERT_TRUE(session.ok) << session.error;
  EXPECT_EQ(session.cluster_arn, std::string("arn:aws:elasticmapreduce:us-east-1:123456789012:cluster/") + kClusterId);
  EXPECT_EQ(session.persistent_ui_id, "p-examplepui");
  EXPECT_EQ(emr.calls("DescribePersistentAppUI"), 3);         // STARTING twice, then ATTACHED
  EXPECT_EQ(emr.calls("GetPersistentAppUIPresignedURL"), 2);  // not ready once
  EXPECT_EQ(emr.slept_ms(), 3 * 10'000);
  EXPECT_EQ(session.history_server.base.target, "/shs");

  ApplicationList list = ListApplications(client, session.history_server, {});
  ASSERT_TRUE(list.ok) << list.error;
  EXPECT_EQ(list.applications.at(0).id, kAppId);

  Analyzer analyzer;
  HttpResponse response = Download(client, source, &session, &analyzer);
  ASSERT_TRUE(response.ok) << response.error;
  AnalysisResult fetched = analyzer.Finish();
  EXPECT_EQ(fetched.tasks, testing::AnalyzePath(fakes::DemoLogPath()).result.tasks);
}

TEST(Emr, RenewsAnExpiredSessionOnce) {
  FakeEmr emr;
  HttpClient client({"127.0.0.1"}, {});
  EmrSource source = emr.Source();
  EmrSession session = OpenPersistentUi(client, source);
  ASSERT_TRUE(session.ok) << session.error;
  emr.ExpireSession();
  Analyzer analyzer;
  HttpResponse response = Download(client, source, &session, &analyzer);
  ASSERT_TRUE(response.ok) << response.error;
  EXPECT_EQ(emr.sessions(), 2);
  EXPECT_EQ(emr.routes().downloads(), 1);
  EXPECT_EQ(analyzer.Finish().applications, 1);
}

TEST(Emr, SessionTokensAreSignedAndAccepted) {
  FakeEmr emr;
  HttpClient client({"127.0.0.1"}, {});
  EmrSession session = OpenPersistentUi(client, emr.Source(kSecret, "EXAMPLESESSIONTOKEN"));
  EXPECT_TRUE(session.ok) << session.error;
}

TEST(Emr, AWrongSecretIsRefusedWithAwsReason) {
  FakeEmr emr;
  HttpClient client({"127.0.0.1"}, {});
  EmrSession session = OpenPersistentUi(client, emr.Source("not-the-secret"));
  EXPECT_FALSE(session.ok);
  EXPECT_EQ(session.error, "EMR DescribeCluster: POST " + emr.Source().endpoint.Origin() +
                               "/: HTTP 403: InvalidSignatureException: The request signature we calculated does not "
                               "match the signature you provided.");
}

TEST(Emr, AnUnknownClusterNamesAwsError) {
  FakeEmr emr;
  HttpClient client({"127.0.0.1"}, {});
  EmrSource source = emr.Source();
  source.cluster_id = "j-NOPE";
  EmrSession session = OpenPersistentUi(client, source);
  EXPECT_FALSE(session.ok);
  EXPECT_NE(session.error.find("HTTP 400: InvalidRequestException: Cluster id 'j-NOPE' is not valid."),
            std::string::npos)
      << session.error;
}

TEST(Emr, GivesUpWhenTheUiNeverAttaches) {
  FakeEmr emr;
  emr.set_starting_polls(1000);
  HttpClient client({"127.0.0.1"}, {});
  EmrSession session = OpenPersistentUi(client, emr.Source());
  EXPECT_FALSE(session.ok);
  EXPECT_EQ(session.error, "EMR: gave up after 60 s waiting for the persistent UI to attach");
  EXPECT_EQ(emr.calls("DescribePersistentAppUI"), 7);  // at 0, 10, ... 60 s
  EXPECT_EQ(emr.slept_ms(), 60'000);
}

}  // namespace
}  // namespace sparkdx::fetch
