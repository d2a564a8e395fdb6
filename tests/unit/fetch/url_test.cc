#include "url.h"

#include <gtest/gtest.h>

namespace sparkdx::fetch {
namespace {

TEST(Url, ParsesHostPortAndTarget) {
  std::string error;
  auto url = ParseUrl("HTTPS://Shs.Example.com:18480/api/v1/applications?status=completed#x", &error);
  ASSERT_TRUE(url) << error;
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "shs.example.com");
  EXPECT_EQ(url->port, 18480);
  EXPECT_EQ(url->target, "/api/v1/applications?status=completed");
  EXPECT_EQ(url->Origin(), "https://shs.example.com:18480");
  auto plain = ParseUrl("http://127.0.0.1", &error);
  ASSERT_TRUE(plain);
  EXPECT_EQ(plain->port, 80);
  EXPECT_EQ(plain->target, "/");
  EXPECT_EQ(plain->Origin(), "http://127.0.0.1");
  auto v6 = ParseUrl("http://[::1]:8080?x=1", &error);
  ASSERT_TRUE(v6) << error;
  EXPECT_EQ(v6->host, "::1");
  EXPECT_EQ(v6->target, "/?x=1");
  EXPECT_EQ(v6->Origin(), "http://[::1]:8080");
}

TEST(Url, RefusesWhatItShould) {
  std::string error;
  EXPECT_FALSE(ParseUrl("ftp://host/x", &error));
  EXPECT_EQ(error, "unsupported URL scheme 'ftp' (http or https)");
  EXPECT_FALSE(ParseUrl("host/x", &error));
  EXPECT_FALSE(ParseUrl("https://user:secret@host/", &error));
  EXPECT_EQ(error.find("secret"), std::string::npos);
  EXPECT_FALSE(ParseUrl("http://host:99999/", &error));
  EXPECT_FALSE(ParseUrl("http://host:0/", &error));
  EXPECT_FALSE(ParseUrl("http://ho st/", &error));
  EXPECT_FALSE(ParseUrl("http://[::1/", &error));
}

TEST(Url, ResolvesRedirects) {
  std::string error;
  Url base = *ParseUrl("https://a.example.com/shs/api/v1/applications?x=1", &error);
  EXPECT_EQ(ResolveRedirect(base, "https://b.example.com/p", &error)->ToString(), "https://b.example.com/p");
  EXPECT_EQ(ResolveRedirect(base, "//c.example.com/q", &error)->ToString(), "https://c.example.com/q");
  EXPECT_EQ(ResolveRedirect(base, "/login?next=1", &error)->ToString(), "https://a.example.com/login?next=1");
  EXPECT_EQ(ResolveRedirect(base, "app-1", &error)->ToString(), "https://a.example.com/shs/api/v1/app-1");
  EXPECT_FALSE(ResolveRedirect(base, "gopher://x/", &error));
}

}  // namespace
}  // namespace sparkdx::fetch
