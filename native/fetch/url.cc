#include "url.h"

#include <cctype>

namespace sparkdx::fetch {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

bool ValidHost(std::string_view host) {
  if (host.empty() || host.size() > 253) return false;
  for (char c : host) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' || c == ':' || c == '_')) return false;
  }
  return true;
}

}  // namespace

std::string Url::Origin() const {
  std::string out = scheme + "://";
  out += host.find(':') != std::string::npos ? "[" + host + "]" : host;
  const int default_port = scheme == "https" ? 443 : 80;
  if (port != default_port) out += ":" + std::to_string(port);
  return out;
}

std::optional<Url> ParseUrl(std::string_view text, std::string* error) {
  Url url;
  size_t scheme_end = text.find("://");
  if (scheme_end == std::string_view::npos) {
    *error = "not an absolute URL (it needs http:// or https://)";
    return std::nullopt;
  }
  url.scheme = Lower(text.substr(0, scheme_end));
  if (url.scheme != "http" && url.scheme != "https") {
    *error = "unsupported URL scheme '" + url.scheme + "' (http or https)";
    return std::nullopt;
  }
  std::string_view rest = text.substr(scheme_end + 3);
  size_t fragment = rest.find('#');
  if (fragment != std::string_view::npos) rest = rest.substr(0, fragment);
  size_t authority_end = rest.find_first_of("/?");
  std::string_view authority = rest.substr(0, authority_end);
  url.target = authority_end == std::string_view::npos ? "/" : std::string(rest.substr(authority_end));
  if (url.target[0] == '?') url.target = "/" + url.target;
  if (authority.find('@') != std::string_view::npos) {
    *error = "URLs with user info (user:password@) are refused; give credentials as options";
    return std::nullopt;
  }
  std::string_view host = authority;
  std::string_view port_text;
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    if (close == std::string_view::npos) {
      *error = "unterminated IPv6 address in URL";
      return std::nullopt;
    }
    host = authority.substr(1, close - 1);
    std::string_view after = authority.substr(close + 1);
    if (!after.empty()) {
      if (after[0] != ':') {
        *error = "unexpected text after an IPv6 address in URL";
        return std::nullopt;
      }
      port_text = after.substr(1);
    }
  } else {
    size_t colon = authority.rfind(':');
    if (colon != std::string_view::npos) {
      host = authority.substr(0, colon);
      port_text = authority.substr(colon + 1);
    }
  }
  url.host = Lower(host);
  if (!ValidHost(url.host)) {
    *error = "invalid host in URL";
    return std::nullopt;
  }
  url.port = url.scheme == "https" ? 443 : 80;
  if (!port_text.empty()) {
    int port = 0;
    for (char c : port_text) {
      if (!std::isdigit(static_cast<unsigned char>(c)) || port > 65535) {
        *error = "invalid port in URL";
        return std::nullopt;
      }
      port = port * 10 + (c - '0');
    }
    if (port == 0 || port > 65535) {
      *error = "invalid port in URL";
      return std::nullopt;
    }
    url.port = port;
  }
  return url;
}

std::optional<Url> ResolveRedirect(const Url& base, std::string_view location, std::string* error) {
  if (location.find("://") != std::string_view::npos) return ParseUrl(location, error);
  if (location.substr(0, 2) == "//") return ParseUrl(base.scheme + ":" + std::string(location), error);
  Url url = base;
  if (!location.empty() && location[0] == '/') {
    url.target = std::string(location);
  } else {
    std::string path = base.target.substr(0, base.target.find('?'));
    url.target = path.substr(0, path.rfind('/') + 1) + std::string(location);
  }
  size_t fragment = url.target.find('#');
  if (fragment != std::string::npos) url.target.resize(fragment);
  if (url.target.empty()) url.target = "/";
  return url;
}

}  // namespace sparkdx::fetch
