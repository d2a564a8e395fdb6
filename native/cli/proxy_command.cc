#include "proxy_command.h"

#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>

#include "exit_codes.h"
#include "fetch_command.h"
#include "file_reader.h"
#include "proxy_server.h"
#include "size_argument.h"
#include "sparkdx/analyzer.h"

namespace sparkdx::cli {
namespace {

const char kHelp[] =
    "usage: sparkdx proxy --config FILE [--port N] [--bind ADDRESS] [--web DIR]\n"
    "\n"
    "Serves the web page on this machine and lets it list and load event logs from\n"
    "the History Servers, EMR clusters and Databricks workspaces named in FILE,\n"
    "while the credentials stay in this process (the page never sees them).\n"
    "FILE names environment variables that hold the secrets, never the secrets:\n"
    "\n"
    "  {\"sources\": [\n"
    "    {\"name\": \"prod\", \"kind\": \"history-server\", \"url\": \"https://shs:18080\",\n"
    "     \"basic_auth_env\": \"SHS_AUTH\"},\n"
    "    {\"name\": \"emr\", \"kind\": \"emr\", \"cluster_id\": \"j-2AXXXXXXGAPLF\", \"region\": \"us-east-1\"},\n"
    "    {\"name\": \"dbx\", \"kind\": \"databricks\", \"url\": \"https://adb-1.2.azuredatabricks.net\",\n"
    "     \"token_env\": \"DATABRICKS_TOKEN\"}],\n"
    "   \"allow_hosts\": [], \"allow_origins\": []}\n"
    "\n"
    "options:\n"
    "  --config FILE       the sources (see docs/fetch.md)\n"
    "  --port N            port to listen on (default 8417)\n"
    "  --bind ADDRESS      address to listen on (default 127.0.0.1; anything else exposes\n"
    "                      your credentials' reach to the network)\n"
    "  --web DIR           the built page to serve (default: web/dist when it exists)\n"
    "  -h, --help          show this help\n"
    "\n"
    "exit codes: 0 stopped (Ctrl-C), 2 usage or configuration error\n";

fetch::ProxyServer* running_proxy = nullptr;

void StopOnSignal(int) {
  if (running_proxy != nullptr) running_proxy->Stop();
}

int UsageError(const std::string& message) {
  std::fprintf(stderr, "sparkdx proxy: %s\n(see sparkdx proxy --help)\n", message.c_str());
  return kExitUsage;
}

}  // namespace

int RunProxy(const std::vector<std::string>& args) {
  std::string config_path;
  fetch::ProxyOptions options;
  options.version = Version();
  bool web_given = false;
  for (size_t i = 0; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "-h" || arg == "--help") {
      std::fputs(kHelp, stdout);
      return kExitOk;
    } else if (arg == "--config" && has_value) {
      config_path = args[++i];
    } else if (arg == "--port" && has_value) {
      std::optional<uint64_t> port = ParseCount(args[++i]);
      if (!port || *port == 0 || *port > 65535) return UsageError("--port needs a port from 1 to 65535");
      options.port = static_cast<int>(*port);
    } else if (arg == "--bind" && has_value) {
      options.bind_address = args[++i];
    } else if (arg == "--web" && has_value) {
      options.web_directory = args[++i];
      web_given = true;
    } else if (arg == "--config" || arg == "--port" || arg == "--bind" || arg == "--web") {
      return UsageError(arg + " needs a value");
    } else {
      return UsageError("unknown argument '" + arg + "'");
    }
  }
  if (config_path.empty()) return UsageError("--config FILE is required");
  std::string config_text;
  if (int read_error = ReadSmallFile(config_path, &config_text); read_error != 0) {
    return UsageError("cannot read " + config_path + ": " + std::strerror(read_error));
  }
  fetch::AwsCredentialSources environment = MachineCredentialSources();
  fetch::ProxyConfig config = fetch::ParseProxyConfig(config_text, config_path, environment);
  if (!config.ok) return UsageError(config.error);
  if (!web_given && std::filesystem::is_directory("web/dist")) options.web_directory = "web/dist";

  fetch::ProxyServer proxy(config, options);
  std::string error;
  if (!proxy.Bind(&error)) return UsageError(error);
  running_proxy = &proxy;
  std::signal(SIGINT, StopOnSignal);
  std::signal(SIGTERM, StopOnSignal);
  std::printf("sparkdx proxy: serving %zu source(s)%s on http://%s:%d/ (Ctrl-C stops)\n", config.sources.size(),
              options.web_directory.empty() ? "" : (" and the page from " + options.web_directory).c_str(),
              options.bind_address.c_str(), proxy.port());
  std::fflush(stdout);
  proxy.Serve();
  running_proxy = nullptr;
  return kExitOk;
}

}  // namespace sparkdx::cli
