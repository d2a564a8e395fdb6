// The sources `sparkdx proxy` serves, from a JSON file the user writes:
//   {"sources": [
//     {"name": "prod", "kind": "history-server", "url": "https://shs:18080",
//      "basic_auth_env": "SHS_AUTH" | "bearer_token_env": "..." | "cookie_env": "..."},
//     {"name": "emr", "kind": "emr", "cluster_id": "j-...", "region": "us-east-1"},
//     {"name": "dbx", "kind": "databricks", "url": "https://adb-....net", "token_env": "DATABRICKS_TOKEN",
//      "cookie_env": "DP_COOKIE", "dataplane_url": "https://adb-dp-....net", "org_id": "0", "ui_port": 40001}],
//   (databricks: cookie_env, dataplane_url, org_id and ui_port are optional;
//    the cookie opens terminated clusters' historical Spark UI)
//    "allow_hosts": ["*.example.com"], "allow_origins": ["http://localhost:5173"]}
// Secrets are never in the file: it names environment variables, read at
// start-up. Errors name the file, the source and the key.
#ifndef SPARKDX_NATIVE_FETCH_PROXY_CONFIG_H_
#define SPARKDX_NATIVE_FETCH_PROXY_CONFIG_H_

#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "aws_credentials.h"
#include "http_client.h"

namespace sparkdx::fetch {

struct ProxySource {
  std::string name;  // [A-Za-z0-9_-]+, used in API paths
  std::string kind;  // "history-server", "emr", "databricks"
  Url url;           // history-server, databricks
  HttpCredentials credentials;
  std::string cluster_id;  // emr
  std::string region;      // emr
  AwsCredentials aws;      // emr
  // databricks: the data-plane host (historical Spark UI; empty host when
  // neither given nor derivable), and the driver proxy's org id and port.
  Url dataplane;
  std::string org_id;
  int ui_port = 40001;
};

struct ProxyConfig {
  bool ok = false;
  std::string error;
  std::vector<ProxySource> sources;
  std::vector<std::string> allow_hosts;    // beyond each source's own host
  std::vector<std::string> allow_origins;  // cross-origin pages allowed to call the API
};

// `environment` supplies the variables the file names (and the AWS ones).
ProxyConfig ParseProxyConfig(const std::string& text, const std::string& file_name,
                             const AwsCredentialSources& environment);

}  // namespace sparkdx::fetch

#endif  // SPARKDX_NATIVE_FETCH_PROXY_CONFIG_H_
