// URLs as `sparkdx fetch` and `sparkdx proxy` need them: absolute http(s)
// URLs split into parts, and redirect targets resolved against them.
#ifndef SPARKDX_NATIVE_FETCH_URL_H_
#define SPARKDX_NATIVE_FETCH_URL_H_

#include <optional>
#include <string>
#include <string_view>

namespace sparkdx::fetch {

struct Url {
  std::string scheme;  // "http" or "https"
  std::string host;    // lower-cased; IPv6 literals without brackets
  int port = 0;        // explicit, or the scheme's default
  std::string target;  // path and query as sent, starting with '/'

  // "https://host:port" (brackets around IPv6), what HTTP clients connect to.
  std::string Origin() const;
  std::string ToString() const { return Origin() + target; }
};

// Parses an absolute http:// or https:// URL. User info ("user:pass@") is
// refused, so credentials never travel inside URLs; fragments are dropped.
// On failure returns nullopt and sets `error` (naming the problem, not
// repeating the URL, which may hold a token).
std::optional<Url> ParseUrl(std::string_view text, std::string* error);

// Resolves a Location header against the URL that answered with it:
// absolute URLs, scheme-relative ("//host/x"), absolute paths and relative
// paths.
std::optional<Url> ResolveRedirect(const Url& base, std::string_view location, std::string* error);

}  // namespace sparkdx::fetch

#endif  // SPARKDX_NATIVE_FETCH_URL_H_
