// Databricks, against a fake workspace on 127.0.0.1 whose DBFS (under
// /cluster-logs) and Unity Catalog volume (/Volumes/main/ops/logs) hold
// samples/databricks (a cluster's delivered eventlog folder: rotated gzip
// chunks and the current chunk), whose driver proxy serves that
// application's live Spark UI, and a fake data-plane host serving its
// historical Spark UI behind a cookie, with a warm-up page.
#include "databricks.h"

#include "rest_rebuild.h"

#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "fake_services.h"
#include "sparkdx/analyzer.h"
#include "support/analyze_path.h"
#include "support/rest_answer.h"

namespace sparkdx::fetch {
namespace {

constexpr char kClusterId[] = "0301-150000-abcd1234";
constexpr char kToken[] = "dapi-test-token";

std::string Base64(const std::string& bytes) {
  static const char kAlphabet[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t i = 0;
  for (; i + 2 < bytes.size(); i += 3) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8) | uint8_t(bytes[i + 2]);
    for (int shift : {18, 12, 6, 0}) out += kAlphabet[(v >> shift) & 63];
  }
  if (i + 1 == bytes.size()) {
    uint32_t v = uint8_t(bytes[i]) << 16;
    out += std::string{kAlphabet[(v >> 18) & 63], kAlphabet[(v >> 12) & 63]} + "==";
  } else if (i + 2 == bytes.size()) {
    uint32_t v = (uint8_t(bytes[i]) << 16) | (uint8_t(bytes[i + 1]) << 8);
    out += std::string{kAlphabet[(v >> 18) & 63], kAlphabet[(v >> 12) & 63], kAlphabet[(v >> 6) & 63]} + "=";
  }
  return out;
}

// The workspace API as Databricks documents it: bearer tokens, JSON errors
// with error_code, DBFS reads of at most 1 MB in base64.
constexpr char kDataPlaneCookie[] = "DATAPLANE_DOMAIN_DBAUTH=dp-session-1";

std::filesystem::path DeliveredFolder() {
  return std::filesystem::path(testing::SourceDir()) / "samples/databricks" / kClusterId;
}

class FakeWorkspace {
 public:
  explicit FakeWorkspace(std::string log_conf = R"({"dbfs":{"destination":"dbfs:/cluster-logs"}})",
                         std::string state = "TERMINATED")
      : dbfs_root_(std::filesystem::path(testing::SourceDir()) / "samples/databricks"),
        application_(testing::AnalyzePath(DeliveredFolder())),
        live_ui_(loopback_.server(), std::string("/driver-proxy-api/o/0/") + kClusterId + "/40001",
                 *application_.analyzer, [this](const httplib::Request& request, httplib::Response& response) {
                   return Authorised(request, response);
                 }),
        historical_ui_(data_plane_.server(), std::string("/sparkui/") + kClusterId + "/driver-7201234567890123456",
                       *application_.analyzer,
                       [](const httplib::Request& request, httplib::Response& response) {
                         if (request.get_header_value("Cookie").find(kDataPlaneCookie) != std::string::npos) {
                           return true;
                         }
                         response.set_redirect("/login");  // an expired cookie: the sign-in page
                         return false;
                       },
                       /*loading_pages=*/2) {
    data_plane_.server().Get("/login", [](const httplib::Request&, httplib::Response& response) {
      response.set_content("<!DOCTYPE html><html><body>Sign in to Databricks</body></html>", "text/html");
    });
    data_plane_.Start();
    httplib::Server& server = loopback_.server();
    server.Get("/api/2.1/clusters/get", [this, log_conf, state](const httplib::Request& request,
                                                                httplib::Response& response) {
      if (!Authorised(request, response)) return;
      if (request.get_param_value("cluster_id") != kClusterId) {
        Fail(response, 400, "INVALID_PARAMETER_VALUE", "Cluster does not exist");
        return;
      }
      response.set_content(R"({"cluster_id":")" + std::string(kClusterId) +
                               R"(","cluster_name":"nightly","state":")" + state +
                               R"(","spark_context_id":7201234567890123456,)"
                               R"("cluster_log_conf":)" + log_conf + "}",
                           "application/json");
    });
    server.Get("/api/2.0/dbfs/list", [this](const httplib::Request& request, httplib::Response& response) {
      if (!Authorised(request, response)) return;
      std::filesystem::path local;
      if (!Local(request.get_param_value("path"), &local) || !std::filesystem::is_directory(local)) {
        Fail(response, 404, "RESOURCE_DOES_NOT_EXIST", "No file or directory exists");
        return;
      }
      nlohmann::json files = nlohmann::json::array();
      for (const auto& entry : std::filesystem::directory_iterator(local)) {
        files.push_back({{"path", request.get_param_value("path") + "/" + entry.path().filename().string()},
                         {"is_dir", entry.is_directory()},
                         {"file_size", entry.is_directory() ? 0 : static_cast<int64_t>(entry.file_size())}});
      }
      response.set_content(nlohmann::json{{"files", files}}.dump(), "application/json");
    });
    server.Get("/api/2.0/dbfs/read", [this](const httplib::Request& request, httplib::Response& response) {
      if (!Authorised(request, response)) return;
      ++reads_;
      std::filesystem::path local;
      if (!Local(request.get_param_value("path"), &local) || !std::filesystem::is_regular_file(local)) {
        Fail(response, 404, "RESOURCE_DOES_NOT_EXIST", "No file exists");
        return;
      }
      int64_t offset = std::stoll(request.get_param_value("offset"));
      int64_t length = std::stoll(request.get_param_value("length"));
      if (length > (1 << 20)) {
        Fail(response, 400, "MAX_READ_SIZE_EXCEEDED", "Cannot read more than 1MB");
        return;
      }
      std::string bytes = fakes::ReadFile(local);
      std::string piece = offset >= static_cast<int64_t>(bytes.size()) ? "" : bytes.substr(offset, length);
      response.set_content(nlohmann::json{{"bytes_read", piece.size()}, {"data", Base64(piece)}}.dump(),
                           "application/json");
    });
    // Unity Catalog volumes (Files API): directories in pages of two.
    server.Get(R"(/api/2.0/fs/directories(/Volumes/.*))", [this](const httplib::Request& request,
                                                                 httplib::Response& response) {
      if (!Authorised(request, response)) return;
      std::filesystem::path local;
      const std::string path = request.matches[1];
      if (!VolumeLocal(path, &local) || !std::filesystem::is_directory(local)) {
        Fail(response, 404, "NOT_FOUND", "The directory being accessed is not found.");
        return;
      }
      std::vector<std::filesystem::directory_entry> entries(std::filesystem::directory_iterator(local), {});
      std::sort(entries.begin(), entries.end());
      const size_t from = request.has_param("page_token") ? std::stoul(request.get_param_value("page_token")) : 0;
      nlohmann::json contents = nlohmann::json::array();
      for (size_t i = from; i < entries.size() && i < from + 2; ++i) {
        contents.push_back({{"path", path + "/" + entries[i].path().filename().string()},
                            {"is_directory", entries[i].is_directory()},
                            {"name", entries[i].path().filename().string()}});
        if (!entries[i].is_directory()) contents.back()["file_size"] = entries[i].file_size();
      }
      nlohmann::json answer = {{"contents", contents}};
      if (from + 2 < entries.size()) answer["next_page_token"] = std::to_string(from + 2);
      ++volume_pages_;
      response.set_content(answer.dump(), "application/json");
    });
    server.Get(R"(/api/2.0/fs/files(/Volumes/.*))", [this](const httplib::Request& request,
                                                           httplib::Response& response) {
      if (!Authorised(request, response)) return;
      std::filesystem::path local;
      if (!VolumeLocal(request.matches[1], &local) || !std::filesystem::is_regular_file(local)) {
        Fail(response, 404, "NOT_FOUND", "The file being accessed is not found.");
        return;
      }
      response.set_content(fakes::ReadFile(local), "application/octet-stream");
    });
    loopback_.Start();
  }

  DatabricksSource Source(std::string token = kToken) const { return {loopback_.UrlOf(""), std::move(token)}; }
  Url DataPlane() const { return data_plane_.UrlOf(""); }
  int reads() const { return reads_; }
  int volume_pages() const { return volume_pages_; }
  int historical_requests() const { return historical_ui_.requests(); }
  const testing::AnalyzedPath& application() const { return application_; }

 private:
  bool Authorised(const httplib::Request& request, httplib::Response& response) {
    if (request.get_header_value("Authorization") == std::string("Bearer ") + kToken) return true;
    Fail(response, 403, "PERMISSION_DENIED", "Invalid access token.");
    return false;
  }
  // DBFS paths under /cluster-logs map to samples/databricks; ".." is refused.
  bool Local(const std::string& dbfs_path, std::filesystem::path* local) const {
    const std::string prefix = "/cluster-logs";
    if (dbfs_path.rfind(prefix, 0) != 0 || dbfs_path.find("..") != std::string::npos) return false;
    *local = dbfs_root_ / dbfs_path.substr(prefix.size()).substr(dbfs_path.size() > prefix.size() ? 1 : 0);
    return true;
  }
  bool VolumeLocal(const std::string& path, std::filesystem::path* local) const {
    const std::string prefix = "/Volumes/main/ops/logs";
    if (path.rfind(prefix, 0) != 0 || path.find("..") != std::string::npos) return false;
    *local = dbfs_root_ / path.substr(prefix.size()).substr(path.size() > prefix.size() ? 1 : 0);
    return true;
  }
  static void Fail(httplib::Response& response, int status, const std::string& code, const std::string& message) {
    response.status = status;
    response.set_content(nlohmann::json{{"error_code", code}, {"message", message}}.dump(), "application/json");
  }

  std::filesystem::path dbfs_root_;
  fakes::LoopbackServer loopback_;
  fakes::LoopbackServer data_plane_;
  testing::AnalyzedPath application_;
  fakes::SparkUiRoutes live_ui_;
  fakes::SparkUiRoutes historical_ui_;
  int reads_ = 0;
  int volume_pages_ = 0;
};

TEST(Databricks, Base64RoundTrips) {
  std::string decoded;
  for (const std::string& text : std::vector<std::string>{"", "a", "ab", "abc", "abcd", std::string("\0\xff\x10 binary", 9)}) {
    ASSERT_TRUE(DecodeBase64(Base64(text), &decoded));
    EXPECT_EQ(decoded, text);
  }
  EXPECT_FALSE(DecodeBase64("ab$=", &decoded));
}

TEST(Databricks, DeliveredLogsAnalyseLikeTheFolderItself) {
  FakeWorkspace workspace;
  HttpClient client({"127.0.0.1"}, {});
  DatabricksCluster cluster = GetCluster(client, workspace.Source(), kClusterId);
  ASSERT_TRUE(cluster.ok) << cluster.error;
  EXPECT_EQ(cluster.state, "TERMINATED");
  EXPECT_EQ(cluster.log_destination, "dbfs:/cluster-logs");
  EXPECT_EQ(cluster.spark_context_id, 7201234567890123456);

  EventLogFiles logs = FindDeliveredEventLogs(client, workspace.Source(), cluster);
  ASSERT_TRUE(logs.ok) << logs.error;
  EXPECT_EQ(logs.root, std::string("/cluster-logs/") + kClusterId + "/eventlog");
  ASSERT_EQ(logs.files.size(), 3u);

  // Plan and feed the fetched files as the CLI does with a folder.
  std::vector<InputFile> files;
  std::map<std::string, std::string> contents;
  for (const StoredFile& entry : logs.files) {
    std::string bytes;
    HttpResponse read = ReadDbfsFile(client, workspace.Source(), entry.path,
                                     [&](const char* data, size_t size) {
                                       bytes.append(data, size);
                                       return true;
                                     },
                                     /*piece_bytes=*/4096);
    ASSERT_TRUE(read.ok) << read.error;
    EXPECT_EQ(static_cast<int64_t>(bytes.size()), entry.file_size);
    files.push_back({entry.path, bytes.size()});
    contents[entry.path] = bytes;
  }
  EXPECT_GT(workspace.reads(), 3);  // several pieces per file
  InputPlan plan = PlanInputs(files);
  Analyzer analyzer;
  for (const PlannedLog& log : plan.logs) {
    analyzer.BeginLog(log);
    for (const InputFile& file : log.files) {
      analyzer.BeginFile(file.path, file.size_bytes);
      const std::string& bytes = contents[file.path];
      analyzer.Feed(reinterpret_cast<const uint8_t*>(bytes.data()), bytes.size());
      analyzer.EndFile();
    }
    analyzer.EndLog();
  }
  AnalysisResult fetched = analyzer.Finish();
  AnalysisResult direct =
      testing::AnalyzePath(std::filesystem::path(testing::SourceDir()) / "samples/databricks" / kClusterId).result;
  EXPECT_EQ(fetched.applications, 1);
  EXPECT_EQ(fetched.tasks, direct.tasks);
  nlohmann::json fetched_app = nlohmann::json::parse(fetched.report_json)["applications"][0];
  nlohmann::json direct_app = nlohmann::json::parse(direct.report_json)["applications"][0];
  EXPECT_EQ(fetched_app["layout"], "databricks");
  EXPECT_EQ(fetched_app["findings"], direct_app["findings"]);
  EXPECT_EQ(fetched_app["breakdown"], direct_app["breakdown"]);
}

TEST(Databricks, ErrorsCarryDatabricksCodes) {
  FakeWorkspace workspace;
  HttpClient client({"127.0.0.1"}, {});
  DatabricksCluster expired = GetCluster(client, workspace.Source("dapi-expired"), kClusterId);
  EXPECT_FALSE(expired.ok);
  EXPECT_NE(expired.error.find("HTTP 403: PERMISSION_DENIED (is the access token valid and unexpired?)"),
            std::string::npos)
      << expired.error;
  EXPECT_EQ(expired.error.find("dapi-expired"), std::string::npos);
  DatabricksCluster missing = GetCluster(client, workspace.Source(), "0000-000000-nope");
  EXPECT_NE(missing.error.find("HTTP 400: INVALID_PARAMETER_VALUE"), std::string::npos) << missing.error;
  std::string ignored;
  HttpResponse read = ReadDbfsFile(client, workspace.Source(), "/cluster-logs/none", [&](const char* d, size_t n) {
    ignored.append(d, n);
    return true;
  });
  EXPECT_NE(read.error.find("HTTP 404: RESOURCE_DOES_NOT_EXIST"), std::string::npos) << read.error;
  EXPECT_EQ(ignored, "");
}

TEST(Databricks, UnreadableDestinationsSaySo) {
  HttpClient client({"127.0.0.1"}, {});
  FakeWorkspace none("{}");
  DatabricksCluster cluster = GetCluster(client, none.Source(), kClusterId);
  ASSERT_TRUE(cluster.ok);
  EventLogFiles logs = FindDeliveredEventLogs(client, none.Source(), cluster);
  EXPECT_NE(logs.error.find("has no cluster log delivery"), std::string::npos) << logs.error;
  FakeWorkspace s3(R"({"s3":{"destination":"s3://bucket/logs","region":"us-east-1"}})");
  cluster = GetCluster(client, s3.Source(), kClusterId);
  logs = FindDeliveredEventLogs(client, s3.Source(), cluster);
  EXPECT_NE(logs.error.find("S3 destinations are not read by sparkdx"), std::string::npos) << logs.error;
}

TEST(Databricks, VolumeDeliveryReadsThroughTheFilesApi) {
  FakeWorkspace workspace(R"({"volumes":{"destination":"/Volumes/main/ops/logs"}})");
  HttpClient client({"127.0.0.1"}, {});
  DatabricksCluster cluster = GetCluster(client, workspace.Source(), kClusterId);
  ASSERT_TRUE(cluster.ok) << cluster.error;
  EventLogFiles logs = FindDeliveredEventLogs(client, workspace.Source(), cluster);
  ASSERT_TRUE(logs.ok) << logs.error;
  EXPECT_EQ(logs.root, std::string("/Volumes/main/ops/logs/") + kClusterId + "/eventlog");
  ASSERT_EQ(logs.files.size(), 3u);  // three files, listed in two pages
  EXPECT_GE(workspace.volume_pages(), 4);
  for (const StoredFile& entry : logs.files) {
    std::string bytes;
    HttpResponse read = ReadDeliveredFile(client, workspace.Source(), entry.path, [&](const char* data, size_t size) {
      bytes.append(data, size);
      return true;
    });
    ASSERT_TRUE(read.ok) << read.error;
    const std::string relative = entry.path.substr(std::string("/Volumes/main/ops/logs/").size());
    EXPECT_EQ(bytes, fakes::ReadFile(std::filesystem::path(testing::SourceDir()) / "samples/databricks" / relative));
  }
  std::string ignored;
  HttpResponse missing = ReadVolumeFile(client, workspace.Source(), "/Volumes/main/ops/logs/none",
                                        [&](const char* d, size_t n) {
                                          ignored.append(d, n);
                                          return true;
                                        });
  EXPECT_FALSE(missing.ok);
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(ignored, "");
}

// The application's log from a UI, as fetch and the proxy take it; "" and
// a test failure when the fetch fails.
std::string FetchLog(HttpClient& client, const HistoryServerSource& ui, const std::string& app_id, bool* rebuilt) {
  std::string log;
  HttpResponse response = FetchLogsOrRebuild(client, ui, app_id, "", [&](const char* data, size_t n) {
    log.append(data, n);
    return true;
  }, rebuilt);
  EXPECT_TRUE(response.ok) << response.error;
  return response.ok ? log : "";
}

TEST(Databricks, LiveClusterThroughTheDriverProxyIsRebuiltFromItsUi) {
  FakeWorkspace workspace("{}", "RUNNING");
  HttpClient client({"127.0.0.1"}, {});
  HistoryServerSource ui{DriverProxyBase(workspace.Source().workspace, "0", kClusterId, 40001), {}, {}};
  ui.credentials.bearer_token = kToken;
  ApplicationList list = ListApplications(client, ui, {});
  ASSERT_TRUE(list.ok) << list.error;
  ASSERT_EQ(list.applications.size(), 1u);
  bool rebuilt = false;
  const std::string log = FetchLog(client, ui, list.applications[0].id, &rebuilt);
  EXPECT_TRUE(rebuilt);  // the live UI's logs zip is empty
  std::unique_ptr<Analyzer> analyzer = testing::AnalyzeLogText(log, "rebuilt.json");
  const std::string jobs = "applications/" + list.applications[0].id + "/jobs";
  EXPECT_EQ(testing::RestJson(*analyzer, jobs), testing::RestJson(*workspace.application().analyzer, jobs));

  HistoryServerSource wrong_token = ui;
  wrong_token.credentials.bearer_token = "dapi-expired";
  ApplicationList refused = ListApplications(client, wrong_token, {});
  EXPECT_FALSE(refused.ok);
  EXPECT_NE(refused.error.find("HTTP 403"), std::string::npos) << refused.error;
}

TEST(Databricks, HistoricalUiWaitsForItsWarmUpAndNeedsTheCookie) {
  FakeWorkspace workspace("{}", "TERMINATED");
  HttpClient client({"127.0.0.1"}, {});
  DatabricksCluster cluster = GetCluster(client, workspace.Source(), kClusterId);
  ASSERT_TRUE(cluster.ok) << cluster.error;
  HistoryServerSource ui{HistoricalUiBase(workspace.DataPlane(), kClusterId, cluster.spark_context_id), {}, {5, 1}};
  ui.credentials.cookie = "DATAPLANE_DOMAIN_DBAUTH=expired";
  ApplicationList expired = ListApplications(client, ui, {});
  EXPECT_FALSE(expired.ok);
  EXPECT_NE(expired.error.find("web page, not JSON"), std::string::npos) << expired.error;

  ui.credentials.cookie = kDataPlaneCookie;
  ApplicationList list = ListApplications(client, ui, {});
  ASSERT_TRUE(list.ok) << list.error;
  EXPECT_EQ(workspace.historical_requests(), 3);  // two loading pages, then the answer
  ASSERT_EQ(list.applications.size(), 1u);
  bool rebuilt = false;
  const std::string log = FetchLog(client, ui, list.applications[0].id, &rebuilt);
  EXPECT_TRUE(rebuilt);
  // A task start and end per task, and more.
  EXPECT_GT(static_cast<uint64_t>(std::count(log.begin(), log.end(), '\n')), 2 * workspace.application().result.tasks);
}

TEST(Databricks, NamesTheDriverProxyAndDataPlane) {
  EXPECT_EQ(OrgIdOfWorkspace("adb-1234567890123456.7.azuredatabricks.net"), "1234567890123456");
  EXPECT_EQ(OrgIdOfWorkspace("dbc-a1b2c3d4-e5f6.cloud.databricks.com"), "0");
  EXPECT_EQ(OrgIdOfWorkspace("adb-x.7.azuredatabricks.net"), "0");
  EXPECT_EQ(DataPlaneHost("adb-1234567890123456.7.azuredatabricks.net"), "adb-dp-1234567890123456.7.azuredatabricks.net");
  EXPECT_EQ(DataPlaneHost("dbc-a1b2c3d4-e5f6.cloud.databricks.com"), "dbc-dp-a1b2c3d4-e5f6.cloud.databricks.com");
  EXPECT_EQ(DataPlaneHost("adb-dp-1.7.azuredatabricks.net"), "");
  EXPECT_EQ(DataPlaneHost("mycompany.cloud.databricks.com"), "");
  std::string error;
  Url workspace = *ParseUrl("https://adb-1.7.azuredatabricks.net", &error);
  EXPECT_EQ(DriverProxyBase(workspace, "1", "0301-150000-abcd1234", 40001).target,
            "/driver-proxy-api/o/1/0301-150000-abcd1234/40001");
  EXPECT_EQ(HistoricalUiBase(workspace, "0301-150000-abcd1234", 42).target, "/sparkui/0301-150000-abcd1234/driver-42");
}

}  // namespace
}  // namespace sparkdx::fetch
