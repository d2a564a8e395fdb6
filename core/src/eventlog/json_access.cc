#include "eventlog/json_access.h"

#include <cstdlib>
#include <string>

namespace sparkdx::json {

Error ReadInt64Slow(Value& value, int64_t* out) {
  simdjson::ondemand::json_type type;
  Error error = value.type().get(type);
  if (error) return error;
  switch (type) {
    case simdjson::ondemand::json_type::number: {
      int64_t integer;
      error = value.get_int64().get(integer);
      if (!error) {
        *out = integer;
        return kOk;
      }
      double real;
      error = value.get_double().get(real);
      if (error) return error;
      if (!(real >= -9.2e18 && real <= 9.2e18)) return simdjson::NUMBER_OUT_OF_RANGE;
      *out = static_cast<int64_t>(real);
      return kOk;
    }
    case simdjson::ondemand::json_type::string: {
      std::string_view text;
      error = value.get_string().get(text);
      if (error) return error;
      if (text.empty() || text.size() > 20) return simdjson::INCORRECT_TYPE;
      std::string copy(text);
      char* end = nullptr;
      long long parsed = std::strtoll(copy.c_str(), &end, 10);
      if (end != copy.c_str() + copy.size()) return simdjson::INCORRECT_TYPE;
      *out = parsed;
      return kOk;
    }
    default:
      return simdjson::INCORRECT_TYPE;
  }
}

Error ReadBool(Value& value, bool* out) { return value.get_bool().get(*out); }

Error ReadString(Value& value, std::string_view* out) { return value.get_string().get(*out); }

}  // namespace sparkdx::json
