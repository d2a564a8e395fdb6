// Databricks cluster log delivery through the workspace API, against a fake
// workspace on 127.0.0.1 whose DBFS holds samples/databricks (a cluster's
// delivered eventlog folder: rotated gzip chunks and the current chunk).
#include "databricks.h"

#include <gtest/gtest.h>

#include <filesystem>

#include <nlohmann/json.hpp>

#include "fake_services.h"
#include "sparkdx/analyzer.h"
#include "support/analyze_path.h"

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
class FakeWorkspace {
 public:
  explicit FakeWorkspace(std::string log_conf = R"({"dbfs":{"destination":"dbfs:/cluster-logs"}})")
      : dbfs_root_(std::filesystem::path(testing::SourceDir()) / "samples/databricks") {
    httplib::Server& server = loopback_.server();
    server.Get("/api/2.1/clusters/get", [this, log_conf](const httplib::Request& request, httplib::Response& response) {
      if (!Authorised(request, response)) return;
      if (request.get_param_value("cluster_id") != kClusterId) {
        Fail(response, 400, "INVALID_PARAMETER_VALUE", "Cluster does not exist");
        return;
      }
      response.set_content(R"({"cluster_id":")" + std::string(kClusterId) +
                               R"(","cluster_name":"nightly","state":"TERMINATED","spark_context_id":7201234567890123456,)"
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
    loopback_.Start();
  }

  DatabricksSource Source(std::string token = kToken) const { return {loopback_.UrlOf(""), std::move(token)}; }
  int reads() const { return reads_; }

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
  static void Fail(httplib::Response& response, int status, const std::string& code, const std::string& message) {
    response.status = status;
    response.set_content(nlohmann::json{{"error_code", code}, {"message", message}}.dump(), "application/json");
  }

  std::filesystem::path dbfs_root_;
  fakes::LoopbackServer loopback_;
  int reads_ = 0;
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
  for (const DbfsEntry& entry : logs.files) {
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
  EXPECT_NE(logs.error.find("only DBFS destinations are read so far"), std::string::npos) << logs.error;
}

}  // namespace
}  // namespace sparkdx::fetch
