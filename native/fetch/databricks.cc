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

// "/Volumes/a b/c" -> "/Volumes/a%20b/c": each segment encoded.
std::string EncodePath(const std::string& path) {
  std::string encoded;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string::npos) slash = path.size();
    encoded += UriEncode(std::string_view(path).substr(start, slash - start));
    if (slash < path.size()) encoded += "/";
    start = slash + 1;
  }
  return encoded;
}

bool IsVolumePath(const std::string& path) { return path.rfind("/Volumes/", 0) == 0; }

// The entries of a DBFS or Files API directory answer: both list objects
// with "path" and "file_size", under their own array and directory keys.
void AppendStoredFiles(const nlohmann::json& body, const char* array_key, const char* dir_key, StoredListing* listing) {
  auto items = body.find(array_key);
  if (items == body.end() || !items->is_array()) return;
  for (const nlohmann::json& item : *items) {
    StoredFile entry;
    entry.path = StringField(item, "path");
    entry.is_dir = item.value(dir_key, false);
    auto size = item.find("file_size");
    if (size != item.end() && size->is_number_integer()) entry.file_size = size->get<int64_t>();
    if (!entry.path.empty()) listing->entries.push_back(entry);
  }
}

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

bool DeliversReadableLogs(const DatabricksCluster& cluster) {
  return !cluster.log_destination.empty() && cluster.log_destination.rfind("s3:", 0) != 0;
}

bool DriverRuns(const DatabricksCluster& cluster) {
  return cluster.state == "RUNNING" || cluster.state == "RESIZING";
}

std::string DataPlaneCookieHeader(const std::string& copied) {
  return copied.find('=') == std::string::npos ? "DATAPLANE_DOMAIN_DBAUTH=" + copied : copied;
}

StoredListing ListDbfs(HttpClient& client, const DatabricksSource& source, const std::string& path) {
  StoredListing listing;
  JsonAnswer answer = GetJson(client, source, "/api/2.0/dbfs/list?path=" + UriEncode(path));
  if (!answer.ok) {
    listing.error = answer.error;
    return listing;
  }
  AppendStoredFiles(answer.body, "files", "is_dir", &listing);
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
  if (cluster.log_destination.rfind("s3:", 0) == 0) {
    found.error = "cluster " + cluster.cluster_id + " delivers logs to " + cluster.log_destination +
                  ": S3 destinations are not read by sparkdx; copy the eventlog folder (aws s3 cp --recursive) "
                  "and run sparkdx analyze on it, or use --via live (running) or --via history (terminated)";
    return found;
  }
  found.root = DbfsPath(cluster.log_destination);
  auto list = [&](const std::string& path) {
    return IsVolumePath(found.root) ? ListVolumeDirectory(client, source, path) : ListDbfs(client, source, path);
  };
  while (!found.root.empty() && found.root.back() == '/') found.root.pop_back();
  found.root += "/" + cluster.cluster_id + "/eventlog";
  StoredListing level_a = list(found.root);
  if (!level_a.ok) {
    found.error = level_a.error;
    return found;
  }
  for (const StoredFile& a : level_a.entries) {
    if (!a.is_dir) continue;
    StoredListing level_b = list(a.path);
    if (!level_b.ok) {
      found.error = level_b.error;
      return found;
    }
    for (const StoredFile& b : level_b.entries) {
      if (!b.is_dir) continue;
      StoredListing files = list(b.path);
      if (!files.ok) {
        found.error = files.error;
        return found;
      }
      for (const StoredFile& file : files.entries) {
        if (!file.is_dir && FileName(file.path).rfind("eventlog", 0) == 0) found.files.push_back(file);
      }
    }
  }
  if (found.files.empty()) {
    found.error = "no event-log files under " + std::string(IsVolumePath(found.root) ? "" : "dbfs:") + found.root +
                  " (logs are delivered about every 5 minutes)";
    return found;
  }
  found.ok = true;
  return found;
}

StoredListing ListVolumeDirectory(HttpClient& client, const DatabricksSource& source, const std::string& path) {
  StoredListing listing;
  std::string page_token;
  for (int page = 0; page < 10'000; ++page) {
    std::string target = "/api/2.0/fs/directories" + EncodePath(path) + "?page_size=1000";
    if (!page_token.empty()) target += "&page_token=" + UriEncode(page_token);
    JsonAnswer answer = GetJson(client, source, target);
    if (!answer.ok) {
      listing.error = answer.error;
      return listing;
    }
    AppendStoredFiles(answer.body, "contents", "is_directory", &listing);
    page_token = StringField(answer.body, "next_page_token");
    if (page_token.empty()) {
      listing.ok = true;
      return listing;
    }
  }
  listing.error = "listing " + path + ": more than 10000 pages";
  return listing;
}

HttpResponse ReadVolumeFile(HttpClient& client, const DatabricksSource& source, const std::string& path,
                            const BodySink& sink) {
  HttpRequest request;
  request.url = source.workspace;
  request.url.target = "/api/2.0/fs/files" + EncodePath(path);
  HttpCredentials credentials;
  credentials.bearer_token = source.token;
  HttpResponse response = client.Send(request, credentials, sink);
  if (!response.ok && (response.status == 401 || response.status == 403)) {
    response.error += " (is the access token valid, with READ VOLUME on the volume?)";
  }
  return response;
}

HttpResponse ReadDeliveredFile(HttpClient& client, const DatabricksSource& source, const std::string& path,
                               const BodySink& sink) {
  return IsVolumePath(path) ? ReadVolumeFile(client, source, path, sink) : ReadDbfsFile(client, source, path, sink);
}

std::string OrgIdOfWorkspace(const std::string& host) {
  // adb-1234567890123456.7.azuredatabricks.net
  if (host.rfind("adb-", 0) != 0) return "0";
  size_t end = host.find('.', 4);
  std::string digits = host.substr(4, end == std::string::npos ? std::string::npos : end - 4);
  if (digits.empty() || digits.find_first_not_of("0123456789") != std::string::npos) return "0";
  return digits;
}

Url DriverProxyBase(const Url& workspace, const std::string& org_id, const std::string& cluster_id, int ui_port) {
  Url base = workspace;
  base.target = "/driver-proxy-api/o/" + UriEncode(org_id) + "/" + UriEncode(cluster_id) + "/" +
                std::to_string(ui_port);
  return base;
}

std::string DataPlaneHost(const std::string& workspace_host) {
  for (const char* prefix : {"adb-", "dbc-"}) {
    const std::string p = prefix;
    if (workspace_host.rfind(p, 0) == 0 && workspace_host.rfind(p + "dp-", 0) != 0) {
      return p + "dp-" + workspace_host.substr(p.size());
    }
  }
  return "";
}

Url HistoricalUiBase(const Url& dataplane, const std::string& cluster_id, int64_t spark_context_id) {
  Url base = dataplane;
  base.target = "/sparkui/" + UriEncode(cluster_id) + "/driver-" + std::to_string(spark_context_id);
  return base;
}

}  // namespace sparkdx::fetch
