#include "fetch_command.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <functional>
#include <string>

#include "aws_credentials.h"
#include "databricks.h"
#include "emr.h"
#include "exit_codes.h"
#include "file_reader.h"
#include "history_server.h"
#include "rest_rebuild.h"
#include "size_argument.h"

extern char** environ;

namespace sparkdx::cli {
namespace {

const char kHelp[] =
    "usage: sparkdx fetch history-server <url> --list | --app <id> [options]\n"
    "       sparkdx fetch emr <cluster-id> --list | --app <id> [options]\n"
    "       sparkdx fetch databricks <workspace-url> --cluster <id> [-o DIR] [options]\n"
    "\n"
    "Downloads an application's event logs (the History Server REST API's logs\n"
    "zip), to analyse them or keep them, from:\n"
    "  history-server <url>  a Spark History Server: the server root with any gateway\n"
    "                        prefix, e.g. http://shs:18080 or https://knox/gateway/default/sparkhistory\n"
    "  emr <cluster-id>      an AWS EMR on EC2 cluster (running or terminated, logs on HDFS),\n"
    "                        through its persistent application UI; AWS credentials and\n"
    "                        region as the AWS CLI finds them (AWS_ACCESS_KEY_ID/\n"
    "                        AWS_SECRET_ACCESS_KEY/AWS_SESSION_TOKEN, or ~/.aws/credentials\n"
    "                        and ~/.aws/config with AWS_PROFILE; AWS_REGION)\n"
    "  databricks <url>      a Databricks workspace and one of its clusters (--cluster), with the\n"
    "                        personal access token from DATABRICKS_TOKEN or --bearer-token-env,\n"
    "                        --via (default: delivered when the cluster delivers logs, else\n"
    "                        live when it runs, else history):\n"
    "                          delivered  the files cluster log delivery wrote (DBFS or a\n"
    "                                     Unity Catalog volume), under DIR as delivered\n"
    "                          live       the running cluster's Spark UI, via the driver proxy\n"
    "                          history    the terminated cluster's historical Spark UI (needs\n"
    "                                     the browser's cookie: --cookie-env)\n"
    "                        live and history have no logs download: the log is rebuilt from\n"
    "                        the UI's REST API (<app>.json; docs/fetch.md says what is kept)\n"
    "\n"
    "  sparkdx fetch history-server http://shs:18080 --list --status completed --limit 20\n"
    "  sparkdx fetch history-server http://shs:18080 --app app-1 -o - | sparkdx analyze -\n"
    "  sparkdx fetch emr j-2AXXXXXXGAPLF --region us-east-1 --app application_1_0001\n"
    "  DATABRICKS_TOKEN=dapi... sparkdx fetch databricks https://adb-1.2.azuredatabricks.net \\\n"
    "      --cluster 0301-150000-abcd1234 -o logs/ && sparkdx analyze logs/\n"
    "  sparkdx fetch databricks https://adb-1.2.azuredatabricks.net --cluster 0301-150000-abcd1234 \\\n"
    "      --via live -o - | sparkdx analyze -\n"
    "\n"
    "options:\n"
    "  --list                      list applications (id, attempt, user, completed, duration, name)\n"
    "  --status completed|running  --list: only these\n"
    "  --limit N                   --list: at most N applications\n"
    "  --app ID                    the application whose logs to download\n"
    "  --attempt N                 only this attempt (default: all attempts)\n"
    "  --cluster ID                databricks: the cluster whose logs to download\n"
    "  -o, --output FILE           where to write the zip; '-' for standard output\n"
    "                              (default: eventLogs-<id>[-<attempt>].zip, as Spark names it)\n"
    "credentials (read from environment variables, never from the command line):\n"
    "  --basic-auth-env VAR        VAR holds user:password for HTTP basic authentication\n"
    "  --bearer-token-env VAR      VAR holds a bearer token\n"
    "  --cookie-env VAR            VAR holds a Cookie header value (e.g. a gateway session)\n"
    "emr:\n"
    "  --region REGION             the cluster's region (default: AWS_REGION, then the profile's)\n"
    "  --endpoint URL              the EMR API endpoint (default https://elasticmapreduce.<region>.amazonaws.com)\n"
    "databricks:\n"
    "  --via delivered|live|history  where to read the cluster's logs (see above)\n"
    "  --org-id ID                 live: the workspace id in driver-proxy paths (default: from an\n"
    "                              Azure adb-<id> host, else 0)\n"
    "  --ui-port N                 live: the driver's Spark UI port (default 40001)\n"
    "  --dataplane-url URL         history: the data-plane host (default: the workspace host\n"
    "                              with adb-/dbc- turned into adb-dp-/dbc-dp-)\n"
    "  --warm-up SECONDS           history: how long to wait while the UI loads the log (default 300)\n"
    "limits:\n"
    "  --allow-host HOST           also accept redirects to HOST (repeatable; '*.example.com'\n"
    "                              for subdomains); by default only <url>'s host is contacted\n"
    "  --max-bytes SIZE            stop downloads larger than SIZE (default 64G)\n"
    "  --timeout SECONDS           give up on a server silent this long (default 60)\n"
    "  -h, --help                  show this help\n"
    "\n"
    "exit codes: 0 done, 2 usage error (or no AWS credentials), 4 the server could not be\n"
    "            reached or refused (the message names the request and the HTTP status)\n";

int UsageError(const std::string& message) {
  std::fprintf(stderr, "sparkdx fetch: %s\n(see sparkdx fetch --help)\n", message.c_str());
  return kExitUsage;
}

int FetchError(const std::string& message) {
  std::fprintf(stderr, "sparkdx fetch: %s\n", message.c_str());
  return kExitInputUnreadable;
}

struct FetchArguments {
  std::string source_kind;
  std::string url;
  bool list = false;
  fetch::ApplicationFilter filter;
  std::string app_id;
  std::string attempt_id;
  std::string output;
  std::vector<std::string> extra_hosts;
  std::string region;
  std::string endpoint;
  std::string cluster_id;
  std::string via;  // databricks: "delivered", "live", "history"; "" to choose
  std::string org_id;
  int ui_port = 40001;
  std::string dataplane_url;
  int warm_up_seconds = 300;
  fetch::HttpLimits limits;
  fetch::HttpCredentials credentials;
};

// Reads a credential from the environment variable an option names.
bool CredentialFromEnvironment(const std::string& option, const std::string& variable, std::string* value,
                               std::string* error) {
  const char* text = std::getenv(variable.c_str());
  if (text == nullptr || *text == '\0') {
    *error = option + " names " + variable + ", which is not set";
    return false;
  }
  *value = text;
  return true;
}

// Parses the arguments; returns -1 to go on, else the exit code.
int Parse(const std::vector<std::string>& args, FetchArguments* out) {
  std::vector<std::string> positional;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    auto value = [&](std::string* target) {
      if (i + 1 >= args.size()) return false;
      *target = args[++i];
      return true;
    };
    std::string text, error;
    if (arg == "-h" || arg == "--help") {
      std::fputs(kHelp, stdout);
      return kExitOk;
    } else if (arg == "--list") {
      out->list = true;
    } else if (arg == "--status") {
      if (!value(&out->filter.status)) return UsageError("--status needs completed or running");
      if (out->filter.status != "completed" && out->filter.status != "running") {
        return UsageError("--status must be completed or running, not '" + out->filter.status + "'");
      }
    } else if (arg == "--limit") {
      std::optional<uint64_t> count;
      if (!value(&text) || !(count = ParseCount(text)) || *count == 0 || *count > 1'000'000) {
        return UsageError("--limit needs a count from 1 to 1000000");
      }
      out->filter.limit = static_cast<int>(*count);
    } else if (arg == "--app") {
      if (!value(&out->app_id) || out->app_id.empty()) return UsageError("--app needs an application id");
    } else if (arg == "--attempt") {
      if (!value(&out->attempt_id) || out->attempt_id.empty()) return UsageError("--attempt needs an attempt id");
    } else if (arg == "-o" || arg == "--output") {
      if (!value(&out->output) || out->output.empty()) return UsageError(arg + " needs a file name or -");
    } else if (arg == "--cluster") {
      if (!value(&out->cluster_id) || out->cluster_id.empty()) return UsageError("--cluster needs a cluster id");
    } else if (arg == "--via") {
      if (!value(&out->via) || (out->via != "delivered" && out->via != "live" && out->via != "history")) {
        return UsageError("--via needs delivered, live or history");
      }
    } else if (arg == "--org-id") {
      if (!value(&out->org_id) || out->org_id.empty()) return UsageError("--org-id needs the workspace id");
    } else if (arg == "--ui-port") {
      std::optional<uint64_t> port;
      if (!value(&text) || !(port = ParseCount(text)) || *port == 0 || *port > 65535) {
        return UsageError("--ui-port needs a port from 1 to 65535");
      }
      out->ui_port = static_cast<int>(*port);
    } else if (arg == "--dataplane-url") {
      if (!value(&out->dataplane_url) || out->dataplane_url.empty()) return UsageError("--dataplane-url needs a URL");
    } else if (arg == "--warm-up") {
      std::optional<uint64_t> seconds;
      if (!value(&text) || !(seconds = ParseCount(text)) || *seconds > 3600) {
        return UsageError("--warm-up needs seconds from 0 to 3600");
      }
      out->warm_up_seconds = static_cast<int>(*seconds);
    } else if (arg == "--region") {
      if (!value(&out->region) || out->region.empty()) return UsageError("--region needs a region such as us-east-1");
    } else if (arg == "--endpoint") {
      if (!value(&out->endpoint) || out->endpoint.empty()) return UsageError("--endpoint needs a URL");
    } else if (arg == "--allow-host") {
      if (!value(&text) || text.empty()) return UsageError("--allow-host needs a host name");
      out->extra_hosts.push_back(text);
    } else if (arg == "--max-bytes") {
      std::optional<uint64_t> size;
      if (!value(&text) || !(size = ParseSize(text)) || *size == 0) {
        return UsageError("--max-bytes needs a size such as 512M or 64G");
      }
      out->limits.max_body_bytes = *size;
    } else if (arg == "--timeout") {
      std::optional<uint64_t> seconds;
      if (!value(&text) || !(seconds = ParseCount(text)) || *seconds == 0 || *seconds > 86400) {
        return UsageError("--timeout needs seconds from 1 to 86400");
      }
      out->limits.read_timeout_ms = static_cast<int>(*seconds * 1000);
      out->limits.connect_timeout_ms = std::min(out->limits.connect_timeout_ms, out->limits.read_timeout_ms);
    } else if (arg == "--basic-auth-env") {
      if (!value(&text)) return UsageError("--basic-auth-env needs a variable name");
      std::string pair;
      if (!CredentialFromEnvironment(arg, text, &pair, &error)) return UsageError(error);
      size_t colon = pair.find(':');
      if (colon == std::string::npos) return UsageError(text + " must hold user:password");
      out->credentials.basic_user = pair.substr(0, colon);
      out->credentials.basic_password = pair.substr(colon + 1);
    } else if (arg == "--bearer-token-env") {
      if (!value(&text)) return UsageError("--bearer-token-env needs a variable name");
      if (!CredentialFromEnvironment(arg, text, &out->credentials.bearer_token, &error)) return UsageError(error);
    } else if (arg == "--cookie-env") {
      if (!value(&text)) return UsageError("--cookie-env needs a variable name");
      if (!CredentialFromEnvironment(arg, text, &out->credentials.cookie, &error)) return UsageError(error);
    } else if (arg.size() > 1 && arg[0] == '-') {
      return UsageError("unknown option '" + arg + "'");
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.empty()) return UsageError("name a source: history-server <url> or emr <cluster-id>");
  out->source_kind = positional[0];
  if (out->source_kind != "history-server" && out->source_kind != "emr" && out->source_kind != "databricks") {
    return UsageError("unknown source '" + out->source_kind + "' (history-server, emr or databricks)");
  }
  if (positional.size() != 2) {
    return UsageError(out->source_kind == "emr" ? "emr needs exactly one <cluster-id>"
                                                : out->source_kind + " needs exactly one <url>");
  }
  out->url = positional[1];
  if (out->source_kind == "databricks") {
    if (out->cluster_id.empty()) return UsageError("databricks needs --cluster ID");
    if (out->via == "delivered" && (out->list || !out->app_id.empty())) {
      return UsageError("--via delivered takes the cluster's files, not --list or --app");
    }
    if (out->list && !out->app_id.empty()) return UsageError("give either --list or --app ID");
    if (out->credentials.bearer_token.empty()) {
      const char* token = std::getenv("DATABRICKS_TOKEN");
      if (token == nullptr || *token == '\0') {
        return UsageError("databricks needs a personal access token: set DATABRICKS_TOKEN or use --bearer-token-env");
      }
      out->credentials.bearer_token = token;
    }
    return -1;
  }
  if (!out->cluster_id.empty() || !out->via.empty()) return UsageError("--cluster and --via go with databricks");
  if (out->source_kind == "history-server" && (!out->region.empty() || !out->endpoint.empty())) {
    return UsageError("--region and --endpoint go with emr");
  }
  if (out->list == !out->app_id.empty()) return UsageError("give either --list or --app ID");
  if (out->list && (!out->attempt_id.empty() || !out->output.empty())) {
    return UsageError("--attempt and --output go with --app, not --list");
  }
  return -1;
}

std::string DurationText(int64_t ms) {
  char text[32];
  int64_t seconds = ms / 1000;
  std::snprintf(text, sizeof text, "%lldh%02lldm%02llds", static_cast<long long>(seconds / 3600),
                static_cast<long long>(seconds / 60 % 60), static_cast<long long>(seconds % 60));
  return text;
}

int List(fetch::HttpClient& client, const fetch::HistoryServerSource& source, const fetch::ApplicationFilter& filter) {
  fetch::ApplicationList list = fetch::ListApplications(client, source, filter);
  if (!list.ok) return FetchError(list.error);
  std::printf("%-40s %-8s %-12s %-9s %-10s %s\n", "application", "attempt", "user", "completed", "duration", "name");
  for (const fetch::ApplicationInfo& application : list.applications) {
    for (const fetch::ApplicationAttemptInfo& attempt : application.attempts) {
      std::printf("%-40s %-8s %-12s %-9s %-10s %s\n", application.id.c_str(),
                  attempt.attempt_id.empty() ? "-" : attempt.attempt_id.c_str(),
                  attempt.spark_user.empty() ? "-" : attempt.spark_user.c_str(), attempt.completed ? "yes" : "no",
                  DurationText(attempt.duration_ms).c_str(), application.name.c_str());
    }
  }
  return kExitOk;
}

// Fetches the logs zip into a sink; the source decides how.
using LogsFetcher = std::function<fetch::HttpResponse(const fetch::BodySink&)>;

// `rebuilt`, when given, is set by the fetcher when the log was rebuilt
// from a REST API rather than downloaded: the default name then ends in
// .json rather than .zip.
int Download(const LogsFetcher& fetch_logs, const FetchArguments& arguments, const bool* rebuilt = nullptr) {
  const std::string stem =
      "eventLogs-" + arguments.app_id + (arguments.attempt_id.empty() ? "" : "-" + arguments.attempt_id);
  std::string output = arguments.output.empty() ? stem + ".zip" : arguments.output;
  const bool to_stdout = output == "-";
  // A download goes to <file>.part and is renamed when complete, so a
  // failed one never looks like a whole log (and is kept for inspection).
  const std::string partial = (arguments.output.empty() ? stem : output) + ".part";
  std::FILE* file = to_stdout ? stdout : std::fopen(partial.c_str(), "wb");
  if (file == nullptr) return FetchError("cannot write " + partial);
  const bool progress = isatty(STDERR_FILENO);
  auto last_report = std::chrono::steady_clock::now();
  bool write_failed = false;
  fetch::HttpResponse response = fetch_logs([&](const char* data, size_t size) {
        if (std::fwrite(data, 1, size, file) != size) {
          write_failed = true;
          return false;
        }
        if (progress && std::chrono::steady_clock::now() - last_report > std::chrono::milliseconds(250)) {
          last_report = std::chrono::steady_clock::now();
          std::fprintf(stderr, "\rsparkdx fetch: %.1f MB", static_cast<double>(ftell(file)) / 1e6);
        }
        return true;
  });
  if (progress) std::fputs("\r\033[K", stderr);
  const bool closed = to_stdout ? std::fflush(stdout) == 0 : std::fclose(file) == 0;
  if (write_failed || !closed) return FetchError("cannot write " + (to_stdout ? std::string("standard output") : partial));
  if (!response.ok) {
    std::string kept = to_stdout || response.body_bytes == 0
                           ? ""
                           : " (the " + std::to_string(response.body_bytes) + " bytes received are in " + partial + ")";
    if (!to_stdout && response.body_bytes == 0) std::remove(partial.c_str());
    return FetchError(response.error + kept);
  }
  if (rebuilt != nullptr && *rebuilt) {
    std::fprintf(stderr, "sparkdx fetch: the server has no logs download for %s; the log was rebuilt from its REST API "
                         "(what is kept: docs/fetch.md)\n", arguments.app_id.c_str());
    if (arguments.output.empty()) output = stem + ".json";
  }
  if (!to_stdout) {
    if (std::rename(partial.c_str(), output.c_str()) != 0) return FetchError("cannot rename " + partial + " to " + output);
    std::fprintf(stderr, "sparkdx fetch: wrote %s (%llu bytes)\n", output.c_str(),
                 static_cast<unsigned long long>(response.body_bytes));
  }
  return kExitOk;
}

int FetchFromHistoryServer(const FetchArguments& arguments) {
  std::string error;
  std::optional<fetch::Url> base = fetch::ParseUrl(arguments.url, &error);
  if (!base) return UsageError("bad <url>: " + error);
  std::vector<std::string> hosts = arguments.extra_hosts;
  hosts.push_back(base->host);
  fetch::HttpClient client(hosts, arguments.limits);
  fetch::HistoryServerSource source{*base, arguments.credentials, {}};
  if (arguments.list) return List(client, source, arguments.filter);
  return Download(
      [&](const fetch::BodySink& sink) {
        return fetch::FetchApplicationLogs(client, source, arguments.app_id, arguments.attempt_id, sink);
      },
      arguments);
}

int FetchFromEmr(const FetchArguments& arguments) {
  fetch::AwsCredentialsResult aws = fetch::LoadAwsCredentials(MachineCredentialSources());
  if (!aws.ok) return UsageError(aws.error);
  fetch::EmrSource source;
  source.region = arguments.region.empty() ? aws.region : arguments.region;
  if (source.region.empty()) return UsageError("no AWS region: pass --region or set AWS_REGION");
  source.credentials = aws.credentials;
  source.cluster_id = arguments.url;
  std::string error;
  if (arguments.endpoint.empty()) {
    source.endpoint = fetch::EmrEndpoint(source.region);
  } else {
    std::optional<fetch::Url> endpoint = fetch::ParseUrl(arguments.endpoint, &error);
    if (!endpoint) return UsageError("bad --endpoint: " + error);
    source.endpoint = *endpoint;
  }
  std::vector<std::string> hosts = arguments.extra_hosts;
  hosts.push_back(source.endpoint.host);
  hosts.push_back("*.emrappui-prod." + source.region + ".amazonaws.com");
  fetch::HttpClient client(hosts, arguments.limits);
  if (isatty(STDERR_FILENO)) {
    std::fprintf(stderr, "sparkdx fetch: opening the persistent UI of %s (this can take a minute)...\n",
                 source.cluster_id.c_str());
  }
  fetch::EmrSession session = fetch::OpenPersistentUi(client, source);
  if (!session.ok) return FetchError(session.error);
  if (arguments.list) return List(client, session.history_server, arguments.filter);
  return Download(
      [&](const fetch::BodySink& sink) {
        return fetch::FetchEmrLogs(client, source, &session, arguments.app_id, arguments.attempt_id, sink);
      },
      arguments);
}

// Writes each delivered file under DIR at its path below the destination,
// so DIR/<cluster-id>/eventlog/... is the folder Databricks delivered.
int FetchDelivered(const FetchArguments& arguments, fetch::HttpClient& client, const fetch::DatabricksSource& source,
                   const fetch::DatabricksCluster& cluster) {
  fetch::EventLogFiles logs = fetch::FindDeliveredEventLogs(client, source, cluster);
  if (!logs.ok) return FetchError(logs.error);
  const std::filesystem::path directory = arguments.output.empty() ? std::filesystem::path(cluster.cluster_id)
                                                                   : std::filesystem::path(arguments.output);
  // The part of each path from <cluster-id>/eventlog on.
  const std::string from = logs.root.substr(0, logs.root.size() - ("/" + cluster.cluster_id + "/eventlog").size());
  uint64_t total_bytes = 0;
  for (const fetch::StoredFile& file : logs.files) {
    std::filesystem::path relative = file.path.substr(from.size() + 1);
    if (relative.empty() || relative.is_absolute() || file.path.find("..") != std::string::npos) {
      return FetchError("refusing the unexpected path " + file.path);
    }
    std::filesystem::path target = directory / relative;
    std::error_code made;
    std::filesystem::create_directories(target.parent_path(), made);
    const std::string partial = target.string() + ".part";
    std::FILE* out = std::fopen(partial.c_str(), "wb");
    if (out == nullptr) return FetchError("cannot write " + partial);
    bool write_failed = false;
    fetch::HttpResponse read = fetch::ReadDeliveredFile(client, source, file.path, [&](const char* data, size_t size) {
      write_failed = std::fwrite(data, 1, size, out) != size;
      return !write_failed;
    });
    if (std::fclose(out) != 0 || write_failed) return FetchError("cannot write " + partial);
    if (!read.ok) return FetchError(read.error + " (the bytes received are in " + partial + ")");
    std::filesystem::rename(partial, target, made);
    if (made) return FetchError("cannot rename " + partial);
    total_bytes += read.body_bytes;
  }
  std::fprintf(stderr, "sparkdx fetch: wrote %zu event-log files (%llu bytes) of cluster %s (%s) under %s\n",
               logs.files.size(), static_cast<unsigned long long>(total_bytes), cluster.cluster_id.c_str(),
               cluster.state.c_str(), directory.string().c_str());
  return kExitOk;
}

// A Databricks cluster's Spark UI (live or historical) as a History
// Server: list its application, or fetch its log (rebuilt from the REST API
// when the UI has no logs download, which is the usual case).
int FetchFromDatabricksUi(const FetchArguments& given, fetch::HttpClient& client, const fetch::HistoryServerSource& ui) {
  FetchArguments arguments = given;
  fetch::ApplicationFilter filter = arguments.filter;
  if (arguments.list) return List(client, ui, filter);
  if (arguments.app_id.empty()) {
    // A cluster's Spark context is one application: take it.
    fetch::ApplicationList list = fetch::ListApplications(client, ui, filter);
    if (!list.ok) return FetchError(list.error);
    if (list.applications.size() != 1) {
      std::string ids;
      for (const fetch::ApplicationInfo& app : list.applications) ids += " " + app.id;
      return FetchError("the cluster's UI lists " + std::to_string(list.applications.size()) +
                        " applications; choose one with --app:" + (ids.empty() ? " (none)" : ids));
    }
    arguments.app_id = list.applications[0].id;
  }
  bool rebuilt = false;
  const bool progress = isatty(STDERR_FILENO);
  fetch::RebuildOptions options;
  options.progress = [progress](int64_t done, int64_t total) {
    if (progress) std::fprintf(stderr, "\rsparkdx fetch: rebuilding from the REST API: %lld of %lld tasks",
                               static_cast<long long>(done), static_cast<long long>(total));
  };
  return Download(
      [&](const fetch::BodySink& sink) {
        return fetch::FetchLogsOrRebuild(client, ui, arguments.app_id, arguments.attempt_id, sink, &rebuilt, options);
      },
      arguments, &rebuilt);
}

int FetchFromDatabricks(const FetchArguments& arguments) {
  std::string error;
  std::optional<fetch::Url> workspace = fetch::ParseUrl(arguments.url, &error);
  if (!workspace) return UsageError("bad <url>: " + error);
  workspace->target = "/";
  std::optional<fetch::Url> dataplane;
  if (!arguments.dataplane_url.empty()) {
    dataplane = fetch::ParseUrl(arguments.dataplane_url, &error);
    if (!dataplane) return UsageError("bad --dataplane-url: " + error);
  } else if (!fetch::DataPlaneHost(workspace->host).empty()) {
    dataplane = *workspace;
    dataplane->host = fetch::DataPlaneHost(workspace->host);
  }
  std::vector<std::string> hosts = arguments.extra_hosts;
  hosts.push_back(workspace->host);
  if (dataplane) hosts.push_back(dataplane->host);
  fetch::HttpClient client(hosts, arguments.limits);
  fetch::DatabricksSource source{*workspace, arguments.credentials.bearer_token};
  fetch::DatabricksCluster cluster = fetch::GetCluster(client, source, arguments.cluster_id);
  if (!cluster.ok) return FetchError(cluster.error);
  std::string via = arguments.via;
  if (via.empty()) {
    const bool wants_application = arguments.list || !arguments.app_id.empty();
    via = fetch::DeliversReadableLogs(cluster) && !wants_application ? "delivered"
          : fetch::DriverRuns(cluster)                                 ? "live"
                                                                       : "history";
    std::fprintf(stderr, "sparkdx fetch: cluster %s is %s; reading its logs via %s\n", cluster.cluster_id.c_str(),
                 cluster.state.c_str(), via.c_str());
  }
  if (via == "live") {
    fetch::HistoryServerSource ui;
    ui.base = fetch::DriverProxyBase(*workspace, arguments.org_id.empty() ? fetch::OrgIdOfWorkspace(workspace->host)
                                                                          : arguments.org_id,
                                     cluster.cluster_id, arguments.ui_port);
    ui.credentials.bearer_token = arguments.credentials.bearer_token;
    return FetchFromDatabricksUi(arguments, client, ui);
  }
  if (via == "history") {
    if (arguments.credentials.cookie.empty()) {
      return UsageError("--via history needs the data-plane cookie: --cookie-env VAR, with VAR holding "
                        "DATAPLANE_DOMAIN_DBAUTH=<value> from the browser");
    }
    if (!dataplane) {
      return UsageError("the data-plane host of " + workspace->host +
                        " is not known: pass --dataplane-url (the host of the Spark UI opened in a new tab)");
    }
    if (cluster.spark_context_id < 0) return FetchError("cluster " + cluster.cluster_id + " has no spark_context_id");
    fetch::HistoryServerSource ui;
    ui.base = fetch::HistoricalUiBase(*dataplane, cluster.cluster_id, cluster.spark_context_id);
    ui.credentials.cookie = fetch::DataPlaneCookieHeader(arguments.credentials.cookie);
    ui.credentials.bearer_token = arguments.credentials.bearer_token;
    ui.warm_up.attempts = arguments.warm_up_seconds > 0 ? 10 : 0;
    ui.warm_up.wait_ms = arguments.warm_up_seconds * 100;  // ten waits
    return FetchFromDatabricksUi(arguments, client, ui);
  }
  return FetchDelivered(arguments, client, source, cluster);
}

}  // namespace

int RunFetch(const std::vector<std::string>& args) {
  FetchArguments arguments;
  int parsed = Parse(args, &arguments);
  if (parsed >= 0) return parsed;
  if (arguments.source_kind == "databricks") return FetchFromDatabricks(arguments);
  return arguments.source_kind == "emr" ? FetchFromEmr(arguments) : FetchFromHistoryServer(arguments);
}

fetch::AwsCredentialSources MachineCredentialSources() {
  fetch::AwsCredentialSources sources;
  for (char** entry = environ; entry != nullptr && *entry != nullptr; ++entry) {
    std::string pair = *entry;
    size_t equals = pair.find('=');
    if (equals != std::string::npos) sources.environment[pair.substr(0, equals)] = pair.substr(equals + 1);
  }
  sources.read_file = [](const std::string& path) -> std::optional<std::string> {
    std::string text;
    if (ReadSmallFile(path, &text) != 0) return std::nullopt;
    return text;
  };
  return sources;
}

}  // namespace sparkdx::cli
