// Tolerant readers of the JSON report for the renderers: a missing key or
// an unexpected type reads as null (or 0, "-"), so no input can make a
// renderer throw.
#ifndef SPARKDX_REPORT_JSON_READ_H_
#define SPARKDX_REPORT_JSON_READ_H_

#include <nlohmann/json.hpp>

#include <cstdint>
#include <string>

#include "base/format.h"

namespace sparkdx::report_json {

using Json = nlohmann::ordered_json;

inline const Json& At(const Json& object, const char* key) {
  static const Json kNull;
  if (!object.is_object()) return kNull;
  auto it = object.find(key);
  return it == object.end() ? kNull : *it;
}

inline const Json& Items(const Json& array) {
  static const Json kEmpty = Json::array();
  return array.is_array() ? array : kEmpty;
}

inline std::string Str(const Json& value, const char* fallback = "-") {
  if (value.is_null()) return fallback;
  if (value.is_string()) return value.get<std::string>();
  return value.dump(-1, ' ', false, Json::error_handler_t::replace);
}

inline uint64_t Count(const Json& value) {
  if (value.is_number_unsigned()) return value.get<uint64_t>();
  if (value.is_number_integer() && value.get<int64_t>() > 0) return static_cast<uint64_t>(value.get<int64_t>());
  return 0;
}

inline bool Flag(const Json& value) { return value.is_boolean() && value.get<bool>(); }

inline std::string Duration(const Json& value) {
  return value.is_number_integer() ? HumanDuration(value.get<int64_t>()) : "-";
}

inline double Number(const Json& value) { return value.is_number() ? value.get<double>() : 0; }

}  // namespace sparkdx::report_json

#endif  // SPARKDX_REPORT_JSON_READ_H_
