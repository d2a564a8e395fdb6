#include "base/status.h"

namespace sparkdx {

std::string_view StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidArgument: return "invalid_argument";
    case StatusCode::kCorrupt: return "corrupt";
    case StatusCode::kTruncated: return "truncated";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kResourceExhausted: return "resource_exhausted";
    case StatusCode::kNotAnEventLog: return "not_an_event_log";
    case StatusCode::kInternal: return "internal";
  }
  return "unknown";
}

}  // namespace sparkdx
