// RestRequest: a History Server REST path with its query, split into path
// segments and decoded query parameters. Accepts "applications/...",
// "/applications/..." and "/api/v1/applications/..."; empty segments (a
// trailing slash) are ignored, as the History Server does.
#ifndef SPARKDX_REPORT_REST_REST_REQUEST_H_
#define SPARKDX_REPORT_REST_REST_REQUEST_H_

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sparkdx {

struct RestRequest {
  std::vector<std::string> segments;
  std::vector<std::pair<std::string, std::string>> params;  // in order; names may repeat

  // Every value of `name` (status=a&status=b, or status=a,b is one value).
  std::vector<std::string> All(std::string_view name) const;
  // The first value of `name`, if present.
  std::optional<std::string> First(std::string_view name) const;
};

// Splits and percent-decodes `path`. Returns false (with `error`) when a
// percent escape is malformed.
bool ParseRestRequest(std::string_view path, RestRequest* out, std::string* error);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_REST_REST_REQUEST_H_
