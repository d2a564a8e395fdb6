#include "http_client.h"

#include <httplib.h>

#include <chrono>

namespace sparkdx::fetch {
namespace {

using Clock = std::chrono::steady_clock;

bool IsRedirect(int status) {
  return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

std::string Trim(const std::string& text) {
  size_t begin = text.find_first_not_of(" \t");
  if (begin == std::string::npos) return "";
  size_t end = text.find_last_not_of(" \t");
  return text.substr(begin, end - begin + 1);
}

}  // namespace

std::string DescribeRequest(const std::string& method, const Url& url) {
  return method + " " + url.Origin() + url.target.substr(0, url.target.find('?'));
}

HttpClient::HttpClient(std::vector<std::string> allowed_hosts, HttpLimits limits)
    : allowed_hosts_(std::move(allowed_hosts)), limits_(limits) {
  for (std::string& host : allowed_hosts_) host = Lower(host);
}

bool HttpClient::HostAllowed(const std::string& host) const {
  const std::string lower = Lower(host);
  for (const std::string& allowed : allowed_hosts_) {
    if (allowed == lower) return true;
    if (allowed.size() > 2 && allowed.compare(0, 2, "*.") == 0) {
      const std::string suffix = allowed.substr(1);  // ".example.com"
      if (lower.size() > suffix.size() && lower.compare(lower.size() - suffix.size(), suffix.size(), suffix) == 0) {
        return true;
      }
    }
  }
  return false;
}

void HttpClient::StoreCookies(const std::string& host, const std::vector<std::string>& set_cookie_values) {
  // Host-only cookies: the Domain and Path attributes are not honoured (a
  // cookie goes back only to the host that set it, which is stricter).
  for (const std::string& value : set_cookie_values) {
    std::string pair = value.substr(0, value.find(';'));
    size_t equals = pair.find('=');
    if (equals == std::string::npos) continue;
    std::string name = Trim(pair.substr(0, equals));
    if (name.empty()) continue;
    std::string attributes = Lower(value.substr(pair.size()));
    bool expired = attributes.find("max-age=0") != std::string::npos ||
                   attributes.find("expires=thu, 01 jan 1970") != std::string::npos;
    if (expired) {
      cookies_[host].erase(name);
    } else {
      cookies_[host][name] = Trim(pair.substr(equals + 1));
    }
  }
}

std::string HttpClient::CookieHeader(const std::string& host, const std::string& extra) const {
  std::string header = extra;
  auto it = cookies_.find(host);
  if (it != cookies_.end()) {
    for (const auto& [name, value] : it->second) {
      if (!header.empty()) header += "; ";
      header += name + "=" + value;
    }
  }
  return header;
}

HttpResponse HttpClient::Send(const HttpRequest& request, const HttpCredentials& credentials, const BodySink& sink) {
  HttpResponse response;
  const Clock::time_point deadline = Clock::now() + std::chrono::milliseconds(limits_.total_timeout_ms);
  const std::string credentials_origin = request.url.Origin();
  std::string method = request.method;
  Url url = request.url;
  std::string body = request.body;

  for (int hop = 0;; ++hop) {
    const std::string what = DescribeRequest(method, url);
    if (!HostAllowed(url.host)) {
      response.error = what + ": host '" + url.host + "' is not on the allowlist" +
                       (hop > 0 ? " (reached by a redirect)" : "");
      return response;
    }
    httplib::Client client(url.Origin());
    client.set_connection_timeout(std::chrono::milliseconds(limits_.connect_timeout_ms));
    client.set_read_timeout(std::chrono::milliseconds(limits_.read_timeout_ms));
    client.set_write_timeout(std::chrono::milliseconds(limits_.read_timeout_ms));
    client.set_follow_location(false);
    client.set_keep_alive(false);
    if (url.scheme == "https") client.enable_server_certificate_verification(true);

    httplib::Headers headers;
    for (const auto& [name, value] : request.headers) headers.emplace(name, value);
    const bool same_origin = url.Origin() == credentials_origin;
    if (same_origin && !credentials.bearer_token.empty()) {
      headers.emplace("Authorization", "Bearer " + credentials.bearer_token);
    } else if (same_origin && !credentials.basic_user.empty()) {
      client.set_basic_auth(credentials.basic_user, credentials.basic_password);
    }
    std::string cookie = CookieHeader(url.host, same_origin ? credentials.cookie : "");
    if (!cookie.empty()) headers.emplace("Cookie", cookie);

    int status = 0;
    std::string stop_reason;
    uint64_t received = 0;
    bool success = false;  // a 2xx answer
    bool deliver = false;  // its body goes to the sink
    // When the last bytes (or the response head) came: a read error after a
    // silence as long as the read timeout is a timeout, else a truncation.
    Clock::time_point last_progress = Clock::now();
    auto on_response = [&](const httplib::Response& head) {
      status = head.status;
      last_progress = Clock::now();
      response.headers.clear();
      for (const auto& [name, value] : head.headers) response.headers[Lower(name)] = value;
      std::vector<std::string> set_cookies;
      for (auto [it, end] = head.headers.equal_range("Set-Cookie"); it != end; ++it) set_cookies.push_back(it->second);
      StoreCookies(url.host, set_cookies);
      success = status >= 200 && status < 300;
      deliver = success || (request.error_bodies_to_sink && status >= 400);
      return true;
    };
    auto on_body = [&](const char* data, size_t size) {
      last_progress = Clock::now();
      if (last_progress > deadline) {
        stop_reason = "the total time limit (" + std::to_string(limits_.total_timeout_ms / 1000) + " s) passed";
        return false;
      }
      if (!deliver) {
        // An error or redirect body: read a little of it, never keep it.
        received += size;
        return received < 65536;
      }
      const uint64_t limit = success ? limits_.max_body_bytes : 65536;
      if (received + size > limit) {
        if (!success) return false;
        stop_reason = "the response is larger than the limit of " + std::to_string(limits_.max_body_bytes) + " bytes";
        return false;
      }
      received += size;
      if (!sink(data, size)) {
        if (success) stop_reason = "reading was stopped";
        return false;
      }
      return true;
    };

    httplib::Result result = [&]() {
      if (method == "POST") {
        httplib::Request post;
        post.method = "POST";
        post.path = url.target;
        post.headers = headers;
        post.body = body;
        if (!request.content_type.empty()) post.set_header("Content-Type", request.content_type);
        post.response_handler = on_response;
        post.content_receiver = [&](const char* data, size_t size, uint64_t, uint64_t) { return on_body(data, size); };
        return client.send(post);
      }
      return client.Get(url.target, headers, on_response, on_body);
    }();

    response.status = status;
    response.final_url = url;
    response.body_bytes = success ? received : 0;
    auto content_type = response.headers.find("content-type");
    response.content_type = content_type == response.headers.end() ? "" : content_type->second;
    if (!stop_reason.empty()) {
      response.error = what + ": " + stop_reason;
      return response;
    }
    if (!result && !(status != 0 && !success && result.error() == httplib::Error::Canceled)) {
      switch (result.error()) {
        case httplib::Error::Connection:
          response.error = what + ": could not connect";
          break;
        case httplib::Error::Read: {
          const bool timed_out =
              Clock::now() - last_progress >= std::chrono::milliseconds(limits_.read_timeout_ms) * 9 / 10;
          if (timed_out) {
            response.error = what + ": no data for " + std::to_string(limits_.read_timeout_ms) +
                             " ms (read timeout) after " + std::to_string(received) + " bytes";
          } else if (status == 0) {
            response.error = what + ": the connection closed before a response";
          } else {
            response.error = what + ": the connection closed after " + std::to_string(received) +
                             " bytes of the body (truncated response)";
          }
          break;
        }
        case httplib::Error::SSLConnection:
        case httplib::Error::SSLServerVerification:
          response.error = what + ": TLS failed (certificate or handshake)";
          break;
        default:
          response.error = what + ": " + httplib::to_string(result.error());
      }
      return response;
    }
    if (IsRedirect(status)) {
      if (hop >= limits_.max_redirects) {
        response.error = what + ": more than " + std::to_string(limits_.max_redirects) + " redirects";
        return response;
      }
      auto location = response.headers.find("location");
      if (location == response.headers.end()) {
        response.error = what + ": HTTP " + std::to_string(status) + " redirect without a Location";
        return response;
      }
      std::string error;
      std::optional<Url> next = ResolveRedirect(url, location->second, &error);
      if (!next) {
        response.error = what + ": bad redirect: " + error;
        return response;
      }
      if (url.scheme == "https" && next->scheme == "http") {
        response.error = what + ": refused a redirect from https to http";
        return response;
      }
      if (status == 301 || status == 302 || status == 303) {
        method = "GET";
        body.clear();
      }
      url = *next;
      continue;
    }
    if (!success) {
      response.error = what + ": HTTP " + std::to_string(status);
      return response;
    }
    response.ok = true;
    return response;
  }
}

}  // namespace sparkdx::fetch
