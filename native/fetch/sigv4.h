// AWS Signature Version 4 for the requests `sparkdx fetch` makes to AWS
// (the EMR JSON API): a pure function of the request, the credentials and
// the time, so it is tested against AWS's published vectors and against
// botocore, the reference signer.
//
//   SigV4Result signed = SignV4(request, credentials, {"us-east-1", "elasticmapreduce", now_s});
//   for (auto& [name, value] : signed.headers_to_add) add the header;
//
// Protocol: AWS IAM User Guide, "Create a signed AWS API request"; notes in
// PROTOCOLS.md §2.6. Non-S3 rules: the path is normalised and each segment
// encoded again; the payload is hashed but no x-amz-content-sha256 header is
// added (EMR does not want one).
#ifndef SPARKDX_NATIVE_FETCH_SIGV4_H_
#define SPARKDX_NATIVE_FETCH_SIGV4_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sparkdx::fetch {

struct AwsCredentials {
  std::string access_key_id;
  std::string secret_access_key;
  std::string session_token;  // empty for long-term keys
};

// A request as it will be sent. `path` and `query` are as they appear on the
// wire (already percent-encoded); header names in any case. The Host header
// must be among `headers`.
struct SigV4Request {
  std::string method;  // "GET", "POST"
  std::string path = "/";
  std::string query;   // without '?', e.g. "Param2=value2&Param1=value1"
  std::vector<std::pair<std::string, std::string>> headers;
  std::string body;
};

struct SigV4Scope {
  std::string region;   // "us-east-1"
  std::string service;  // "elasticmapreduce"
  int64_t time_s = 0;   // seconds since the epoch (UTC)
};

struct SigV4Result {
  // X-Amz-Date, X-Amz-Security-Token (with a session token) and
  // Authorization, in that order: add them to the request as they are.
  std::vector<std::pair<std::string, std::string>> headers_to_add;
  // The intermediate texts, for tests and for debugging a rejected request.
  std::string canonical_request;
  std::string string_to_sign;
  std::string signature;  // lower-case hex
};

SigV4Result SignV4(const SigV4Request& request, const AwsCredentials& credentials, const SigV4Scope& scope);

// Helpers, exposed for tests.
std::string Sha256Hex(std::string_view data);
std::string HmacSha256(std::string_view key, std::string_view data);  // raw 32 bytes
std::string AmzDate(int64_t time_s);                                   // "20150830T123600Z"
// RFC 3986 percent-encoding of everything but unreserved characters.
std::string UriEncode(std::string_view text);

}  // namespace sparkdx::fetch

#endif  // SPARKDX_NATIVE_FETCH_SIGV4_H_
