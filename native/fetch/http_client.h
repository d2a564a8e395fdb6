// The one HTTP client of `sparkdx fetch` and `sparkdx proxy` (cpp-httplib,
// Debian's build with OpenSSL). It enforces what the tool promises about
// untrusted upstreams:
//   - only hosts on the allowlist are contacted, redirects included (no
//     SSRF through a redirect), and https never downgrades to http;
//   - credentials (basic, bearer) go only to the origin the caller named,
//     never to a host a redirect leads to; cookies stay with the host that
//     set them;
//   - bodies stream to the caller and stop at a size limit; a stalled or
//     slow upstream stops at a read timeout and a total deadline;
//   - errors name the method, origin and path (never the query, which can
//     hold a presigned token) and never echo an upstream body.
#ifndef SPARKDX_NATIVE_FETCH_HTTP_CLIENT_H_
#define SPARKDX_NATIVE_FETCH_HTTP_CLIENT_H_

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "url.h"

namespace sparkdx::fetch {

struct HttpLimits {
  uint64_t max_body_bytes = uint64_t{64} << 30;  // 64 GiB: event logs are large
  int connect_timeout_ms = 10'000;
  int read_timeout_ms = 60'000;     // longest silence between two reads
  int total_timeout_ms = 3'600'000; // the whole exchange, redirects included
  int max_redirects = 10;
};

// Credentials for the origin the caller names (see HttpClient::Send).
struct HttpCredentials {
  std::string basic_user, basic_password;  // HTTP basic when basic_user is set
  std::string bearer_token;                // Authorization: Bearer
  std::string cookie;                      // a Cookie header value, e.g. "DATAPLANE_DOMAIN_DBAUTH=..."
};

struct HttpRequest {
  std::string method = "GET";  // GET or POST
  Url url;
  std::vector<std::pair<std::string, std::string>> headers;  // extra headers, e.g. SigV4's
  std::string body;                                          // POST only
  std::string content_type;                                  // POST only
  // Also pass the body of a 4xx/5xx answer to the sink (up to 64 KiB), for
  // APIs whose errors are structured (the EMR JSON API's __type); the
  // caller decides what of it to show.
  bool error_bodies_to_sink = false;
};

struct HttpResponse {
  bool ok = false;       // transport worked and status is 2xx
  int status = 0;        // the final status, 0 when no response came
  std::string error;     // when !ok
  std::string content_type;
  std::map<std::string, std::string> headers;  // the final response's, names lower-cased
  uint64_t body_bytes = 0;                     // bytes passed to the sink
  Url final_url;                               // after redirects
};

// Receives the body of a 2xx response in pieces; returns false to stop
// (the response then ends with an error saying the caller stopped).
using BodySink = std::function<bool(const char* data, size_t size)>;

class HttpClient {
 public:
  // `allowed_hosts`: exact host names or addresses, or "*.example.com" for
  // any subdomain of example.com.
  HttpClient(std::vector<std::string> allowed_hosts, HttpLimits limits);

  bool HostAllowed(const std::string& host) const;

  // Sends the request, following redirects (GET after 301/302/303, same
  // method after 307/308). `credentials` are sent to request.url's origin only.
  HttpResponse Send(const HttpRequest& request, const HttpCredentials& credentials, const BodySink& sink);

  // Cookies set by responses so far: host -> (name -> value).
  const std::map<std::string, std::map<std::string, std::string>>& cookies() const { return cookies_; }

 private:
  void StoreCookies(const std::string& host, const std::vector<std::string>& set_cookie_values);
  std::string CookieHeader(const std::string& host, const std::string& extra) const;

  std::vector<std::string> allowed_hosts_;
  HttpLimits limits_;
  std::map<std::string, std::map<std::string, std::string>> cookies_;
};

// "GET https://host:port/path" with the query left out, for messages.
std::string DescribeRequest(const std::string& method, const Url& url);

}  // namespace sparkdx::fetch

#endif  // SPARKDX_NATIVE_FETCH_HTTP_CLIENT_H_
