// Databricks as a source of event logs (PROTOCOLS.md §3), three ways, all
// with a personal access token:
//   delivered  the raw logs a cluster delivers (cluster log delivery,
//              `cluster_log_conf`), read through the workspace API:
//                GET /api/2.1/clusters/get   where the logs go, the state
//                DBFS: GET /api/2.0/dbfs/list, dbfs/read (base64, <= 1 MB a piece)
//                Unity Catalog volumes: GET /api/2.0/fs/directories/<dir>,
//                  /api/2.0/fs/files/<file> (raw bytes)
//              Logs sit under <destination>/<cluster-id>/eventlog/<A>/<B>/:
//              `eventlog` (the current chunk) and `eventlog-YYYY-MM-DD--HH-MM.gz`
//              (older chunks); the analyzer's input planner orders them.
//   live       a running cluster's Spark UI through the driver proxy:
//                <workspace>/driver-proxy-api/o/<org-id>/<cluster-id>/<ui-port>/api/v1/...
//   history    a terminated cluster's "historical Spark UI" on the data-plane
//              host (not a published API; PROTOCOLS.md §3.2):
//                <dp-host>/sparkui/<cluster-id>/driver-<spark_context_id>/api/v1/...
//              with the browser's DATAPLANE_DOMAIN_DBAUTH cookie; it answers
//              a "Loading historical Spark UI" page while it replays the log.
// The live and history UIs are History Server APIs (history_server.h); a
// UI without a logs zip has its log rebuilt from the API (rest_rebuild.h).
// S3 destinations are not read (the error says what to do instead).
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

// The cluster delivers logs sparkdx reads (to DBFS or a volume; not S3).
bool DeliversReadableLogs(const DatabricksCluster& cluster);

// The driver runs, so its live Spark UI answers through the driver proxy.
bool DriverRuns(const DatabricksCluster& cluster);

// The Cookie header for the historical UI from what the user copied: the
// whole "DATAPLANE_DOMAIN_DBAUTH=<value>" pair, or only the value.
std::string DataPlaneCookieHeader(const std::string& copied);

// A DBFS or volume file or directory.
struct StoredFile {
  std::string path;  // absolute: "/cluster-logs/..." (DBFS) or "/Volumes/..."
  bool is_dir = false;
  int64_t file_size = 0;
};

struct StoredListing {
  bool ok = false;
  std::string error;
  std::vector<StoredFile> entries;
};

StoredListing ListDbfs(HttpClient& client, const DatabricksSource& source, const std::string& path);

// Streams a DBFS file to `sink`, decoded, reading `piece_bytes` (<= 1 MB) at a time.
HttpResponse ReadDbfsFile(HttpClient& client, const DatabricksSource& source, const std::string& path,
                          const BodySink& sink, int64_t piece_bytes = 1 << 20);

// A Unity Catalog volume directory, every page of it.
StoredListing ListVolumeDirectory(HttpClient& client, const DatabricksSource& source, const std::string& path);

// Streams a volume file's raw bytes to `sink`.
HttpResponse ReadVolumeFile(HttpClient& client, const DatabricksSource& source, const std::string& path,
                            const BodySink& sink);

// A delivered file, from DBFS or a volume as its path says.
HttpResponse ReadDeliveredFile(HttpClient& client, const DatabricksSource& source, const std::string& path,
                               const BodySink& sink);

// The workspace's organisation id for driver-proxy paths: the number in an
// Azure host (adb-<org-id>.<n>.azuredatabricks.net), else "0" (AWS and GCP
// workspaces accept 0).
std::string OrgIdOfWorkspace(const std::string& host);

// The running cluster's Spark UI through the driver proxy.
Url DriverProxyBase(const Url& workspace, const std::string& org_id, const std::string& cluster_id, int ui_port);

// The data-plane host of a workspace host: adb-... -> adb-dp-..., dbc-... ->
// dbc-dp-...; "" when the host has neither form (then it must be given).
std::string DataPlaneHost(const std::string& workspace_host);

// The terminated cluster's historical Spark UI on the data-plane host.
Url HistoricalUiBase(const Url& dataplane, const std::string& cluster_id, int64_t spark_context_id);

struct EventLogFiles {
  bool ok = false;
  std::string error;
  std::string root;                // <destination>/<cluster-id>/eventlog, as a DBFS or volume path
  std::vector<StoredFile> files;   // eventlog* files two levels below root, in listing order
};

// The event-log files a cluster delivered (every Spark context it had).
EventLogFiles FindDeliveredEventLogs(HttpClient& client, const DatabricksSource& source,
                                     const DatabricksCluster& cluster);

// Decodes standard base64 (with padding); false on a bad character.
bool DecodeBase64(const std::string& text, std::string* out);

}  // namespace sparkdx::fetch

#endif  // SPARKDX_NATIVE_FETCH_DATABRICKS_H_
