// Thin helpers over simdjson On-Demand used by every event handler: raw key
// access, tolerant number reading, and the line between "this line is not
// JSON" (the line is malformed) and "this field is missing or mistyped" (the
// event is kept and the field reported).
#ifndef SPARKDX_EVENTLOG_JSON_ACCESS_H_
#define SPARKDX_EVENTLOG_JSON_ACCESS_H_

#include <simdjson.h>

#include <cstdint>
#include <cstring>
#include <initializer_list>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace sparkdx::json {

using Object = simdjson::ondemand::object;
using Value = simdjson::ondemand::value;
using Field = simdjson::ondemand::field;
using Array = simdjson::ondemand::array;
using Error = simdjson::error_code;
inline constexpr Error kOk = simdjson::SUCCESS;

// True for errors that mean the text is not well-formed JSON, as opposed to
// a well-formed value of an unexpected type or a missing field.
inline bool IsSyntaxError(Error error) {
  switch (error) {
    case simdjson::SUCCESS:
    case simdjson::INCORRECT_TYPE:
    case simdjson::NUMBER_OUT_OF_RANGE:
    case simdjson::NO_SUCH_FIELD:
    case simdjson::INDEX_OUT_OF_BOUNDS:
      return false;
    default:
      return true;
  }
}

// The key as written in the input, without unescaping. Spark's keys never
// contain escapes; a key that does yields an empty view and matches nothing.
inline std::string_view RawKey(Field& field) {
  const char* begin = field.key().raw();
  const char* p = begin;
  while (*p != '"') {
    if (*p == '\\') return {};
    ++p;
  }
  return {begin, static_cast<size_t>(p - begin)};
}

// Integers, also when written as a double (Spark 1.x) or as a numeric string
// (accumulator updates). Returns INCORRECT_TYPE for anything else. The plain
// integer, tens of times per task, is read inline; the rest out of line.
Error ReadInt64Slow(Value& value, int64_t* out);
inline Error ReadInt64(Value& value, int64_t* out) {
  // A failed attempt consumes nothing, so the slow path starts afresh.
  if (value.get_int64().get(*out) == simdjson::SUCCESS) return kOk;
  return ReadInt64Slow(value, out);
}
// ReadInt64 narrowed to the int32 Spark uses for ids, attempts and counts;
// *out is written even on error (0 then), as callers reading into a field
// expect.
inline Error ReadInt32(Value& value, int32_t* out) {
  int64_t number = 0;
  Error error = ReadInt64(value, &number);
  *out = static_cast<int32_t>(number);
  return error;
}
Error ReadBool(Value& value, bool* out);
// True when the value is JSON null (and only then).
inline bool IsNull(Value& value) {
  bool is_null = false;
  return !value.is_null().get(is_null) && is_null;
}
// The unescaped string; valid until the next line is parsed.
Error ReadString(Value& value, std::string_view* out);

// Maps the keys of one JSON object shape to small integers. Spark writes keys
// in a fixed order, so the search starts just after the previous match (the
// caller's `cursor`, 0 for a new object) and usually succeeds at once. The
// matcher itself is immutable, so one static instance serves every thread.
class KeyMatcher {
 public:
  KeyMatcher(std::initializer_list<std::string_view> keys) : KeyMatcher(std::vector<std::string_view>(keys)) {}
  explicit KeyMatcher(std::vector<std::string_view> keys) : keys_(std::move(keys)) {
    for (std::string_view key : keys_) quoted_.push_back(std::string(key) + '"');
  }
  // Index of the field's key in the list, or -1. The expected key is
  // compared in place first (no scan of the key, no unescaping); reading
  // up to its length past the key's start is safe because lines carry
  // kPaddingBytes of padding and Spark keys are shorter than that.
  int Find(Field& field, size_t* cursor) const {
    const char* raw = field.key().raw();
    if (*cursor < keys_.size() && SameBytes(raw, quoted_[*cursor])) {
      int index = static_cast<int>(*cursor);
      *cursor = *cursor + 1 == keys_.size() ? 0 : *cursor + 1;
      return index;
    }
    return Find(RawKey(field), cursor);
  }

  // Index of `key` in the list, or -1.
  int Find(std::string_view key, size_t* cursor) const {
    size_t n = keys_.size();
    for (size_t step = 0; step < n; ++step) {
      size_t i = *cursor + step;
      if (i >= n) i -= n;
      if (keys_[i] == key) {
        *cursor = i + 1 == n ? 0 : i + 1;
        return static_cast<int>(i);
      }
    }
    return -1;
  }

 private:
  // `raw` starts with `expected` (a key and its closing quote); compared
  // eight bytes at a time, inline (this runs for every field of every task).
  static bool SameBytes(const char* raw, const std::string& expected) {
    const char* want = expected.data();
    size_t n = expected.size();
    for (; n >= 8; n -= 8, raw += 8, want += 8) {
      uint64_t a, b;
      std::memcpy(&a, raw, 8);
      std::memcpy(&b, want, 8);
      if (a != b) return false;
    }
    for (; n > 0; --n) {
      if (*raw++ != *want++) return false;
    }
    return true;
  }

  std::vector<std::string_view> keys_;
  std::vector<std::string> quoted_;  // each key followed by '"'
};

}  // namespace sparkdx::json

// Propagates syntax errors (the line is malformed); other errors fall through
// to the caller's handling of a missing or mistyped field.
#define SPARKDX_JSON_SYNTAX_CHECK(expr)                              \
  do {                                                               \
    ::sparkdx::json::Error sparkdx_json_error_ = (expr);             \
    if (::sparkdx::json::IsSyntaxError(sparkdx_json_error_)) return sparkdx_json_error_; \
  } while (0)

#endif  // SPARKDX_EVENTLOG_JSON_ACCESS_H_
