// The HTTP client against real servers on 127.0.0.1: cpp-httplib servers for
// well-behaved upstreams, a raw socket for broken ones (truncated, stalled).
#include "http_client.h"

#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <httplib.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <string>
#include <thread>

#include "fake_services.h"

namespace sparkdx::fetch {
namespace {

using fakes::LoopbackServer;

// Accepts one connection, reads the request head, writes `reply`, waits
// `hold` and closes: for upstreams that misbehave below HTTP.
class RawServer {
 public:
  RawServer(std::string reply, std::chrono::milliseconds hold) {
    listener_ = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    bind(listener_, reinterpret_cast<sockaddr*>(&address), sizeof address);
    socklen_t size = sizeof address;
    getsockname(listener_, reinterpret_cast<sockaddr*>(&address), &size);
    port_ = ntohs(address.sin_port);
    listen(listener_, 1);
    thread_ = std::thread([this, reply, hold] {
      int connection = accept(listener_, nullptr, nullptr);
      if (connection < 0) return;
      char buffer[4096];
      std::string head;
      while (head.find("\r\n\r\n") == std::string::npos) {
        ssize_t n = read(connection, buffer, sizeof buffer);
        if (n <= 0) break;
        head.append(buffer, static_cast<size_t>(n));
      }
      ssize_t written = write(connection, reply.data(), reply.size());
      (void)written;
      std::this_thread::sleep_for(hold);
      close(connection);
    });
  }
  ~RawServer() {
    thread_.join();
    close(listener_);
  }
  std::string Origin() const { return "http://127.0.0.1:" + std::to_string(port_); }

 private:
  int listener_ = -1;
  int port_ = 0;
  std::thread thread_;
};

Url MakeUrl(const std::string& text) {
  std::string error;
  auto url = ParseUrl(text, &error);
  EXPECT_TRUE(url) << error;
  return url ? *url : Url{};
}

HttpResponse Get(HttpClient& client, const std::string& url, std::string* body,
                 const HttpCredentials& credentials = {}) {
  HttpRequest request;
  request.url = MakeUrl(url);
  return client.Send(request, credentials, [body](const char* data, size_t size) {
    body->append(data, size);
    return true;
  });
}

TEST(HttpClient, StreamsABody) {
  LoopbackServer upstream;
  std::string payload(300000, 'x');
  upstream.server().Get("/logs", [&](const httplib::Request&, httplib::Response& response) {
    response.set_content(payload, "application/octet-stream");
  });
  upstream.Start();
  HttpClient client({"127.0.0.1"}, {});
  std::string body;
  HttpResponse response = Get(client, upstream.Origin() + "/logs", &body);
  ASSERT_TRUE(response.ok) << response.error;
  EXPECT_EQ(response.status, 200);
  EXPECT_EQ(response.content_type, "application/octet-stream");
  EXPECT_EQ(body, payload);
  EXPECT_EQ(response.body_bytes, payload.size());
}

TEST(HttpClient, SendsBasicAndBearerCredentials) {
  LoopbackServer upstream;
  upstream.server().Get("/basic", [](const httplib::Request& request, httplib::Response& response) {
    // "alice:s3cret" in base64.
    if (request.get_header_value("Authorization") != "Basic YWxpY2U6czNjcmV0") {
      response.status = 401;
      return;
    }
    response.set_content("ok", "text/plain");
  });
  upstream.server().Get("/bearer", [](const httplib::Request& request, httplib::Response& response) {
    response.status = request.get_header_value("Authorization") == "Bearer dapi123" ? 200 : 401;
  });
  upstream.Start();
  HttpClient client({"127.0.0.1"}, {});
  std::string body;
  EXPECT_EQ(Get(client, upstream.Origin() + "/basic", &body).status, 401);
  HttpCredentials basic;
  basic.basic_user = "alice";
  basic.basic_password = "s3cret";
  HttpResponse response = Get(client, upstream.Origin() + "/basic", &body, basic);
  EXPECT_TRUE(response.ok) << response.error;
  HttpCredentials bearer;
  bearer.bearer_token = "dapi123";
  EXPECT_TRUE(Get(client, upstream.Origin() + "/bearer", &body, bearer).ok);
}

TEST(HttpClient, ErrorsNameTheRequestButNeverTheQueryOrTheBody) {
  LoopbackServer upstream;
  upstream.server().Get("/down", [](const httplib::Request&, httplib::Response& response) {
    response.status = 503;
    response.set_content("upstream-secret-body", "text/plain");
  });
  upstream.Start();
  HttpClient client({"127.0.0.1"}, {});
  std::string body;
  HttpResponse response = Get(client, upstream.Origin() + "/down?token=abc", &body);
  EXPECT_FALSE(response.ok);
  EXPECT_EQ(response.status, 503);
  EXPECT_EQ(response.error, "GET " + upstream.Origin() + "/down: HTTP 503");
  EXPECT_EQ(body, "");
  EXPECT_EQ(Get(client, upstream.Origin() + "/missing", &body).error,
            "GET " + upstream.Origin() + "/missing: HTTP 404");
}

TEST(HttpClient, RefusesHostsOffTheAllowlistEvenThroughRedirects) {
  LoopbackServer upstream;
  std::atomic<int> reached{0};
  upstream.server().Get("/elsewhere", [&](const httplib::Request&, httplib::Response& response) {
    response.set_redirect("http://localhost:" + std::to_string(upstream.port()) + "/target");
  });
  upstream.server().Get("/target", [&](const httplib::Request&, httplib::Response& response) {
    ++reached;
    response.set_content("internal", "text/plain");
  });
  upstream.Start();
  HttpClient client({"127.0.0.1"}, {});
  std::string body;
  HttpResponse response = Get(client, upstream.Origin() + "/elsewhere", &body);
  EXPECT_FALSE(response.ok);
  EXPECT_EQ(response.error, "GET http://localhost:" + std::to_string(upstream.port()) +
                                "/target: host 'localhost' is not on the allowlist (reached by a redirect)");
  EXPECT_EQ(reached.load(), 0);
  HttpClient strict({"example.com"}, {});
  EXPECT_NE(Get(strict, upstream.Origin() + "/target", &body).error.find("is not on the allowlist"), std::string::npos);
  EXPECT_EQ(reached.load(), 0);
}

TEST(HttpClient, FollowsRedirectsWithCookiesButKeepsCredentialsAtTheOrigin) {
  LoopbackServer first, second;
  std::string seen_authorization = "unset", seen_cookie = "unset";
  first.server().Get("/start", [&](const httplib::Request&, httplib::Response& response) {
    response.set_header("Set-Cookie", "session=abc; Path=/; HttpOnly");
    response.set_redirect("/landing");
  });
  first.server().Get("/landing", [&](const httplib::Request& request, httplib::Response& response) {
    if (request.get_header_value("Cookie") != "session=abc") {
      response.status = 403;
      return;
    }
    response.set_redirect(second.Origin() + "/data");
  });
  second.server().Get("/data", [&](const httplib::Request& request, httplib::Response& response) {
    seen_authorization = request.get_header_value("Authorization");
    seen_cookie = request.get_header_value("Cookie");
    response.set_content("data", "text/plain");
  });
  first.Start();
  second.Start();
  HttpClient client({"127.0.0.1"}, {});
  HttpCredentials bearer;
  bearer.bearer_token = "token-for-first";
  std::string body;
  HttpResponse response = Get(client, first.Origin() + "/start", &body, bearer);
  ASSERT_TRUE(response.ok) << response.error;
  EXPECT_EQ(body, "data");
  EXPECT_EQ(response.final_url.ToString(), second.Origin() + "/data");
  EXPECT_EQ(seen_authorization, "");  // another origin: no credentials
  // Cookies belong to the host; both servers are 127.0.0.1 (ports do not separate cookies).
  EXPECT_EQ(seen_cookie, "session=abc");
}

TEST(HttpClient, StopsRedirectLoops) {
  LoopbackServer upstream;
  upstream.server().Get("/loop", [](const httplib::Request&, httplib::Response& response) {
    response.set_redirect("/loop");
  });
  HttpLimits limits;
  limits.max_redirects = 3;
  upstream.Start();
  HttpClient client({"127.0.0.1"}, limits);
  std::string body;
  EXPECT_EQ(Get(client, upstream.Origin() + "/loop", &body).error,
            "GET " + upstream.Origin() + "/loop: more than 3 redirects");
}

TEST(HttpClient, StopsAtTheSizeLimit) {
  LoopbackServer upstream;
  upstream.server().Get("/big", [](const httplib::Request&, httplib::Response& response) {
    response.set_content(std::string(50000, 'y'), "application/octet-stream");
  });
  HttpLimits limits;
  limits.max_body_bytes = 1000;
  upstream.Start();
  HttpClient client({"127.0.0.1"}, limits);
  std::string body;
  HttpResponse response = Get(client, upstream.Origin() + "/big", &body);
  EXPECT_FALSE(response.ok);
  EXPECT_EQ(response.error, "GET " + upstream.Origin() + "/big: the response is larger than the limit of 1000 bytes");
  EXPECT_LE(body.size(), 1000u);
}

TEST(HttpClient, ReportsATruncatedBody) {
  RawServer upstream("HTTP/1.1 200 OK\r\nContent-Length: 10000\r\nContent-Type: application/zip\r\n\r\n" +
                         std::string(100, 'z'),
                     std::chrono::milliseconds(0));
  HttpClient client({"127.0.0.1"}, {});
  std::string body;
  HttpResponse response = Get(client, upstream.Origin() + "/logs", &body);
  EXPECT_FALSE(response.ok);
  EXPECT_EQ(response.error, "GET " + upstream.Origin() + "/logs: the connection closed after 100 bytes of the body "
                            "(truncated response)");
  EXPECT_EQ(body.size(), response.body_bytes);
}

TEST(HttpClient, GivesUpOnAStalledUpstream) {
  RawServer upstream("HTTP/1.1 200 OK\r\nContent-Length: 10\r\n\r\nabc", std::chrono::milliseconds(1500));
  HttpLimits limits;
  limits.read_timeout_ms = 200;
  HttpClient client({"127.0.0.1"}, limits);
  std::string body;
  HttpResponse response = Get(client, upstream.Origin() + "/slow", &body);
  EXPECT_FALSE(response.ok);
  EXPECT_EQ(response.error, "GET " + upstream.Origin() + "/slow: no data for 200 ms (read timeout) after 3 bytes");
}

TEST(HttpClient, ReportsARefusedConnection) {
  int port;
  {
    LoopbackServer closed;
    closed.Start();
    port = closed.port();
  }
  HttpClient client({"127.0.0.1"}, {});
  std::string body;
  EXPECT_EQ(Get(client, "http://127.0.0.1:" + std::to_string(port) + "/x", &body).error,
            "GET http://127.0.0.1:" + std::to_string(port) + "/x: could not connect");
}

}  // namespace
}  // namespace sparkdx::fetch
