#include "sigv4.h"

#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <openssl/sha.h>

#include <algorithm>
#include <cctype>
#include <ctime>

namespace sparkdx::fetch {
namespace {

std::string Hex(const unsigned char* bytes, size_t size) {
  static const char kDigits[] = "0123456789abcdef";
  std::string out(size * 2, '0');
  for (size_t i = 0; i < size; ++i) {
    out[2 * i] = kDigits[bytes[i] >> 4];
    out[2 * i + 1] = kDigits[bytes[i] & 0xF];
  }
  return out;
}

bool IsUnreserved(unsigned char c) {
  return std::isalnum(c) || c == '-' || c == '_' || c == '.' || c == '~';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Undoes percent-encoding ('+' stays '+': AWS treats it as a literal).
std::string UriDecode(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && HexValue(text[i + 1]) >= 0 && HexValue(text[i + 2]) >= 0) {
      out += static_cast<char>(HexValue(text[i + 1]) * 16 + HexValue(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// Header values: surrounding blanks trimmed, inner runs of blanks one space.
std::string TrimAndCollapse(std::string_view value) {
  std::string out;
  bool pending_space = false;
  for (char c : value) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out += ' ';
    pending_space = false;
    out += c;
  }
  return out;
}

// Removes empty, "." and ".." segments (RFC 3986 §5.2.4), keeping a
// trailing slash; then encodes each segment (a second time, for non-S3).
std::string CanonicalUri(std::string_view path) {
  std::vector<std::string_view> segments;
  size_t start = 0;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    std::string_view segment = path.substr(start, end - start);
    if (segment == "..") {
      if (!segments.empty()) segments.pop_back();
    } else if (!segment.empty() && segment != ".") {
      segments.push_back(segment);
    }
    start = end + 1;
  }
  bool trailing_slash = !path.empty() && path.back() == '/' && !segments.empty();
  std::string out;
  for (std::string_view segment : segments) out += "/" + UriEncode(segment);
  if (out.empty() || trailing_slash) out += "/";
  return out;
}

// Parameters decoded, re-encoded the AWS way and sorted by key, then value.
std::string CanonicalQuery(std::string_view query) {
  std::vector<std::pair<std::string, std::string>> parameters;
  size_t start = 0;
  while (start < query.size()) {
    size_t end = query.find('&', start);
    if (end == std::string_view::npos) end = query.size();
    std::string_view parameter = query.substr(start, end - start);
    if (!parameter.empty()) {
      size_t equals = parameter.find('=');
      std::string_view key = parameter.substr(0, equals);
      std::string_view value = equals == std::string_view::npos ? std::string_view() : parameter.substr(equals + 1);
      parameters.emplace_back(UriEncode(UriDecode(key)), UriEncode(UriDecode(value)));
    }
    start = end + 1;
  }
  std::sort(parameters.begin(), parameters.end());
  std::string out;
  for (const auto& [key, value] : parameters) {
    if (!out.empty()) out += '&';
    out += key + "=" + value;
  }
  return out;
}

}  // namespace

std::string UriEncode(std::string_view text) {
  static const char kDigits[] = "0123456789ABCDEF";
  std::string out;
  out.reserve(text.size());
  for (unsigned char c : text) {
    if (IsUnreserved(c)) {
      out += static_cast<char>(c);
    } else {
      out += '%';
      out += kDigits[c >> 4];
      out += kDigits[c & 0xF];
    }
  }
  return out;
}

std::string Sha256Hex(std::string_view data) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(data.data()), data.size(), digest);
  return Hex(digest, sizeof digest);
}

std::string HmacSha256(std::string_view key, std::string_view data) {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int size = 0;
  HMAC(EVP_sha256(), key.data(), static_cast<int>(key.size()), reinterpret_cast<const unsigned char*>(data.data()),
       data.size(), digest, &size);
  return std::string(reinterpret_cast<const char*>(digest), size);
}

std::string AmzDate(int64_t time_s) {
  std::time_t t = static_cast<std::time_t>(time_s);
  std::tm utc{};
  gmtime_r(&t, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y%m%dT%H%M%SZ", &utc);
  return text;
}

SigV4Result SignV4(const SigV4Request& request, const AwsCredentials& credentials, const SigV4Scope& scope) {
  SigV4Result result;
  const std::string amz_date = AmzDate(scope.time_s);
  const std::string date = amz_date.substr(0, 8);
  result.headers_to_add.emplace_back("X-Amz-Date", amz_date);
  if (!credentials.session_token.empty()) {
    result.headers_to_add.emplace_back("X-Amz-Security-Token", credentials.session_token);
  }

  // Canonical headers: lower-case names, sorted; repeated names joined by
  // ',' in the order given.
  std::vector<std::pair<std::string, std::string>> headers;
  for (const auto& [name, value] : request.headers) headers.emplace_back(Lower(name), TrimAndCollapse(value));
  for (const auto& [name, value] : result.headers_to_add) headers.emplace_back(Lower(name), value);
  std::stable_sort(headers.begin(), headers.end(),
                   [](const auto& a, const auto& b) { return a.first < b.first; });
  std::string canonical_headers;
  std::string signed_headers;
  for (size_t i = 0; i < headers.size(); ++i) {
    if (i > 0 && headers[i].first == headers[i - 1].first) {
      canonical_headers.back() = ',';  // replaces the previous line's '\n'
      canonical_headers += headers[i].second + "\n";
      continue;
    }
    canonical_headers += headers[i].first + ":" + headers[i].second + "\n";
    if (!signed_headers.empty()) signed_headers += ';';
    signed_headers += headers[i].first;
  }

  result.canonical_request = request.method + "\n" + CanonicalUri(request.path) + "\n" +
                             CanonicalQuery(request.query) + "\n" + canonical_headers + "\n" + signed_headers +
                             "\n" + Sha256Hex(request.body);
  const std::string credential_scope = date + "/" + scope.region + "/" + scope.service + "/aws4_request";
  result.string_to_sign =
      "AWS4-HMAC-SHA256\n" + amz_date + "\n" + credential_scope + "\n" + Sha256Hex(result.canonical_request);

  std::string key = HmacSha256("AWS4" + credentials.secret_access_key, date);
  key = HmacSha256(key, scope.region);
  key = HmacSha256(key, scope.service);
  key = HmacSha256(key, "aws4_request");
  const std::string signature = HmacSha256(key, result.string_to_sign);
  result.signature = Hex(reinterpret_cast<const unsigned char*>(signature.data()), signature.size());
  result.headers_to_add.emplace_back("Authorization", "AWS4-HMAC-SHA256 Credential=" + credentials.access_key_id +
                                                          "/" + credential_scope + ", SignedHeaders=" +
                                                          signed_headers + ", Signature=" + result.signature);
  return result;
}

}  // namespace sparkdx::fetch
