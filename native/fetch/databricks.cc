#include "databricks.h"

#include <nlohmann/json.hpp>

#include "sigv4.h"  // UriEncode

namespace sparkdx::fetch {
namespace {

struct JsonAnswer {
  bool ok = false;
  std::string error;
  nlohmann::json body;
};

// A GET of the workspace API; Databricks errors are JSON
// ({"error_code": ..., "message": ...}) and are shown by their code.
JsonAnswer GetJson(HttpClient& client, const DatabricksSource& source, const std::string& target) {
  JsonAnswer answer;
  HttpRequest request;
  request.url = source.workspace;
  request.url.target = target;
  request.error_bodies_to_sink = true;
  std::string text;
  HttpCredentials credentials;
  credentials.bearer_token = source.token;
  HttpResponse response = client.Send(request, credentials, [&](const char* data, size_t size) {
    if (text.size() + size > (size_t{64} << 20)) return false;
    text.append(data, size);
    return true;
  });
  answer.body = nlohmann::json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!response.ok) {
    answer.error = response.error;
    if (answer.body.is_object() && answer.body.contains("error_code") && answer.body["error_code"].is_string()) {
      answer.error += ": " + answer.body["error_code"].get<std::string>();
    }
    if (response.status == 401 || response.status == 403) answer.error += " (is the access token valid and unexpired?)";
    return answer;
  }
  if (answer.body.is_discarded() || !answer.body.is_object()) {
    answer.error = DescribeRequest("GET", request.url) + ": the answer is not a JSON object";
    return answer;
  }
  answer.ok = true;
  return answer;
}

std::string StringField(const nlohmann::json& object, const char* key) {
  if (!object.is_object()) return "";
  auto it = object.find(key);
  return it != object.end() && it->is_string() ? it->get<std::string>() : "";
}

std::string DbfsPath(const std::string& destination) {
  // "dbfs:/cluster-logs" -> "/cluster-logs"
  return destination.rfind("dbfs:", 0) == 0 ? destination.substr(5) : destination;
}

std::string FileName(const std::string& path) { return path.substr(path.rfind('/') + 1); }

}  // namespace

bool DecodeBase64(const std::string& text, std::string* out) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    if (c == '+') return 62;
    if (c == '/') return 63;
    return -1;
  };
  out->clear();
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    if (c == '=') break;
    int v = value(c);
    if (v < 0) return false;
    bits = (bits << 6) | static_cast<uint32_t>(v);
    count += 6;
    if (count >= 8) {
      count -= 8;
      out->push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return true;
}

DatabricksCluster GetCluster(HttpClient& client, const DatabricksSource& source, const std::string& cluster_id) {
  DatabricksCluster cluster;
  JsonAnswer answer = GetJson(client, source, "/api/2.1/clusters/get?cluster_id=" + UriEncode(cluster_id));
  if (!answer.ok) {
    cluster.error = answer.error;
    return cluster;
  }
  cluster.cluster_id = StringField(answer.body, "cluster_id");
  cluster.name = StringField(answer.body, "cluster_name");
  cluster.state = StringField(answer.body, "state");
  auto context = answer.body.find("spark_context_id");
  if (context != answer.body.end() && context->is_number_integer()) cluster.spark_context_id = context->get<int64_t>();
  auto conf = answer.body.find("cluster_log_conf");
  if (conf != answer.body.end() && conf->is_object()) {
    for (const char* kind : {"dbfs", "volumes", "s3"}) {
      auto it = conf->find(kind);
      if (it != conf->end()) cluster.log_destination = StringField(*it, "destination");
    }
  }
  cluster.ok = true;
  return cluster;
}

DbfsListing ListDbfs(HttpClient& client, const DatabricksSource& source, const std::string& path) {
  DbfsListing listing;
  JsonAnswer answer = GetJson(client, source, "/api/2.0/dbfs/list?path=" + UriEncode(path));
  if (!answer.ok) {
    listing.error = answer.error;
    return listing;
  }
  auto files = answer.body.find("files");
  if (files != answer.body.end() && files->is_array()) {
    for (const nlohmann::json& file : *files) {
      DbfsEntry entry;
      entry.path = StringField(file, "path");
      entry.is_dir = file.value("is_dir", false);
      auto size = file.find("file_size");
      if (size != file.end() && size->is_number_integer()) entry.file_size = size->get<int64_t>();
      if (!entry.path.empty()) listing.entries.push_back(entry);
    }
  }
  listing.ok = true;
  return listing;
}

HttpResponse ReadDbfsFile(HttpClient& client, const DatabricksSource& source, const std::string& path,
                          const BodySink& sink, int64_t piece_bytes) {
  HttpResponse total;
  total.ok = true;
  std::string decoded;
  for (int64_t offset = 0;;) {
    JsonAnswer answer = GetJson(client, source,
                                "/api/2.0/dbfs/read?path=" + UriEncode(path) + "&offset=" + std::to_string(offset) +
                                    "&length=" + std::to_string(piece_bytes));
    if (!answer.ok) {
      total.ok = false;
      total.error = answer.error;
      return total;
    }
    auto bytes_read = answer.body.find("bytes_read");
    if (bytes_read == answer.body.end() || !bytes_read->is_number_integer() ||
        !DecodeBase64(StringField(answer.body, "data"), &decoded) ||
        static_cast<int64_t>(decoded.size()) != bytes_read->get<int64_t>()) {
      total.ok = false;
      total.error = "DBFS read of " + path + " at offset " + std::to_string(offset) +
                    ": the answer's data does not decode to bytes_read bytes";
      return total;
    }
    if (!decoded.empty() && !sink(decoded.data(), decoded.size())) {
      total.ok = false;
      total.error = "DBFS read of " + path + ": reading was stopped";
      return total;
    }
    offset += static_cast<int64_t>(decoded.size());
    total.body_bytes += decoded.size();
    if (static_cast<int64_t>(decoded.size()) < piece_bytes) return total;
  }
}

EventLogFiles FindDeliveredEventLogs(HttpClient& client, const DatabricksSource& source,
                                     const DatabricksCluster& cluster) {
  EventLogFiles found;
  if (cluster.log_destination.empty()) {
    found.error = "cluster " + cluster.cluster_id +
                  " has no cluster log delivery (cluster_log_conf): its event logs were not kept; set a DBFS or "
                  "volume destination in the cluster's logging settings";
    return found;
  }
  if (cluster.log_destination.rfind("s3:", 0) == 0 || cluster.log_destination.rfind("/Volumes", 0) == 0) {
    found.error = "cluster " + cluster.cluster_id + " delivers logs to " + cluster.log_destination +
                  ": only DBFS destinations are read so far; copy the eventlog folder and run sparkdx analyze on it";
    return found;
  }
  found.root = DbfsPath(cluster.log_destination);
  while (!found.root.empty() && found.root.back() == '/') found.root.pop_back();
  found.root += "/" + cluster.cluster_id + "/eventlog";
  DbfsListing level_a = ListDbfs(client, source, found.root);
  if (!level_a.ok) {
    found.error = level_a.error;
    return found;
  }
  for (const DbfsEntry& a : level_a.entries) {
    if (!a.is_dir) continue;
    DbfsListing level_b = ListDbfs(client, source, a.path);
    if (!level_b.ok) {
      found.error = level_b.error;
      return found;
    }
    for (const DbfsEntry& b : level_b.entries) {
      if (!b.is_dir) continue;
      DbfsListing files = ListDbfs(client, source, b.path);
      if (!files.ok) {
        found.error = files.error;
        return found;
      }
      for (const DbfsEntry& file : files.entries) {
        if (!file.is_dir && FileName(file.path).rfind("eventlog", 0) == 0) found.files.push_back(file);
      }
    }
  }
  if (found.files.empty()) {
    found.error = "no event-log files under dbfs:" + found.root + " (logs are delivered about every 5 minutes)";
    return found;
  }
  found.ok = true;
  return found;
}

}  // namespace sparkdx::fetch
