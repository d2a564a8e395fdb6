// `sparkdx proxy`: a small local server that lets the static web page load
// logs from authenticated places while credentials stay in this process.
//   GET /                                   the built web page (--web DIR), if any
//   GET /api/proxy, /proxy.json             {"proxy": "sparkdx <version>", "sources": [{name, kind}]}
//                                           (the page reads proxy.json; static hosts serve {"proxy": null})
//   GET /api/sources/<name>/applications    history-server, emr: the application list (status, limit)
//   GET /api/sources/<name>/applications/<id>/logs[?attempt=N]
//                                           history-server, emr: the logs zip, streamed
//   GET /api/sources/<name>/clusters/<id>/files        databricks: delivered event-log files
//   GET /api/sources/<name>/clusters/<id>/files/<i>    databricks: one of them, streamed
// Safety: binds 127.0.0.1 unless told otherwise; answers only requests whose
// Host is its own address (no DNS rebinding) and whose Origin, when sent,
// is its own or configured (no other web site can drive it); upstream hosts
// are each source's own plus an allowlist; credentials are never logged or
// returned; errors are JSON {"error": "..."} naming the upstream request
// but never echoing an upstream body; only GET is served.
#ifndef SPARKDX_NATIVE_FETCH_PROXY_SERVER_H_
#define SPARKDX_NATIVE_FETCH_PROXY_SERVER_H_

#include <memory>
#include <string>

#include "proxy_config.h"

namespace sparkdx::fetch {

struct ProxyOptions {
  std::string bind_address = "127.0.0.1";
  int port = 8417;               // 0: any free port (tests)
  std::string web_directory;     // "" serves no page
  HttpLimits upstream_limits;
  std::string version = "0";
};

class ProxyServer {
 public:
  ProxyServer(ProxyConfig config, ProxyOptions options);
  ~ProxyServer();
  ProxyServer(const ProxyServer&) = delete;
  ProxyServer& operator=(const ProxyServer&) = delete;

  // Binds; false with `error` when the address is taken or invalid.
  bool Bind(std::string* error);
  int port() const;
  // Serves until Stop() (from another thread or a signal handler's thread).
  void Serve();
  void Stop();

 private:
  class Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace sparkdx::fetch

#endif  // SPARKDX_NATIVE_FETCH_PROXY_SERVER_H_
