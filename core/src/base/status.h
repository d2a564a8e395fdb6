// Status and StatusOr: errors as values for the whole core.
//
// The core never throws, prints or exits. Every fallible operation returns a
// Status (or StatusOr<T>) whose message is lower-case, specific and already
// names the input and position where that is known, e.g.
//   "app.zstd: truncated zstd frame at byte 1048576".
// Shells decide how to present it.
#ifndef SPARKDX_BASE_STATUS_H_
#define SPARKDX_BASE_STATUS_H_

#include <string>
#include <string_view>
#include <utility>

#include "base/check.h"

namespace sparkdx {

enum class StatusCode {
  kOk = 0,
  kInvalidArgument,    // the caller passed something unusable (options, names)
  kCorrupt,            // input bytes violate their format (bad checksum, bad header)
  kTruncated,          // input ended inside a frame, block or record
  kUnsupported,        // a format we recognise but do not decode
  kResourceExhausted,  // a configured limit was reached (decompression bomb cap)
  kNotAnEventLog,      // decodable, but not a Spark event log
  kInternal,           // a broken invariant that slipped past a check
};

std::string_view StatusCodeName(StatusCode code);

class Status {
 public:
  Status() = default;
  Status(StatusCode code, std::string message) : code_(code), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  const std::string& message() const { return message_; }

 private:
  StatusCode code_ = StatusCode::kOk;
  std::string message_;
};

inline Status CorruptError(std::string message) { return Status(StatusCode::kCorrupt, std::move(message)); }
inline Status TruncatedError(std::string message) { return Status(StatusCode::kTruncated, std::move(message)); }
inline Status UnsupportedError(std::string message) {
  return Status(StatusCode::kUnsupported, std::move(message));
}
inline Status InvalidArgumentError(std::string message) {
  return Status(StatusCode::kInvalidArgument, std::move(message));
}
inline Status ResourceExhaustedError(std::string message) {
  return Status(StatusCode::kResourceExhausted, std::move(message));
}

// A value or the Status explaining why there is none.
template <typename T>
class StatusOr {
 public:
  StatusOr(T value) : value_(std::move(value)), has_value_(true) {}  // NOLINT: implicit by design
  StatusOr(Status status) : status_(std::move(status)) {                // NOLINT: implicit by design
    SPARKDX_CHECK(!status_.ok());
  }

  bool ok() const { return has_value_; }
  const Status& status() const { return status_; }
  const T& value() const& {
    SPARKDX_CHECK(has_value_);
    return value_;
  }
  T& value() & {
    SPARKDX_CHECK(has_value_);
    return value_;
  }
  T&& value() && {
    SPARKDX_CHECK(has_value_);
    return std::move(value_);
  }

 private:
  Status status_;
  T value_{};
  bool has_value_ = false;
};

#define SPARKDX_RETURN_IF_ERROR(expr)          \
  do {                                         \
    ::sparkdx::Status sparkdx_status_ = (expr); \
    if (!sparkdx_status_.ok()) return sparkdx_status_; \
  } while (0)

}  // namespace sparkdx

#endif  // SPARKDX_BASE_STATUS_H_
