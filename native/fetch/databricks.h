// Databricks as a source of event logs: the raw logs a cluster delivers
// (cluster log delivery, `cluster_log_conf`) read through the workspace's
// REST API with a personal access token (PROTOCOLS.md §3.3-3.4):
//   GET /api/2.1/clusters/get            where the logs go, and the cluster's state
//   GET /api/2.0/dbfs/list, dbfs/read    the files, base64 in pieces of at most 1 MB
// Logs sit under <destination>/<cluster-id>/eventlog/<A>/<B>/: `eventlog`
// (the current chunk) and `eventlog-YYYY-MM-DD--HH-MM.gz` (older chunks);
// the analyzer's input planner orders them (samples/databricks has one).
// Destinations on S3 and in Unity Catalog volumes are not read yet (the
// error says so and what to do instead).
#ifndef SPARKDX_NATIVE_FETCH_DATABRICKS_H_
#define SPARKDX_NATIVE_FETCH_DATABRICKS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "http_client.h"

namespace sparkdx::fetch {

struct DatabricksSource {
  Url workspace;      // https://<workspace-host>
  std::string token;  // a personal access token ("dapi...")
};

struct DatabricksCluster {
  bool ok = false;
  std::string error;
  std::string cluster_id;
  std::string name;
  std::string state;             // RUNNING, TERMINATED, ...
  int64_t spark_context_id = -1;
  std::string log_destination;   // "dbfs:/cluster-logs", "/Volumes/...", "s3://..."; "" when none
};

DatabricksCluster GetCluster(HttpClient& client, const DatabricksSource& source, const std::string& cluster_id);

struct DbfsEntry {
  std::string path;  // absolute, "/cluster-logs/..."
  bool is_dir = false;
  int64_t file_size = 0;
};

struct DbfsListing {
  bool ok = false;
  std::string error;
  std::vector<DbfsEntry> entries;
};

DbfsListing ListDbfs(HttpClient& client, const DatabricksSource& source, const std::string& path);

// Streams a DBFS file to `sink`, decoded, reading `piece_bytes` (<= 1 MB) at a time.
HttpResponse ReadDbfsFile(HttpClient& client, const DatabricksSource& source, const std::string& path,
                          const BodySink& sink, int64_t piece_bytes = 1 << 20);

struct EventLogFiles {
  bool ok = false;
  std::string error;
  std::string root;                 // <destination>/<cluster-id>/eventlog, as a DBFS path
  std::vector<DbfsEntry> files;     // eventlog* files two levels below root, in listing order
};

// The event-log files a cluster delivered (every Spark context it had).
EventLogFiles FindDeliveredEventLogs(HttpClient& client, const DatabricksSource& source,
                                     const DatabricksCluster& cluster);

// Decodes standard base64 (with padding); false on a bad character.
bool DecodeBase64(const std::string& text, std::string* out);

}  // namespace sparkdx::fetch

#endif  // SPARKDX_NATIVE_FETCH_DATABRICKS_H_
