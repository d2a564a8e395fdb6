#include "report/rest/jackson_writer.h"

#include <cinttypes>
#include <cstdio>

#include "report/rest/java_number_text.h"

namespace sparkdx {
namespace {

using Json = nlohmann::ordered_json;

void WriteString(const std::string& text, std::string* out) {
  static const char kHex[] = "0123456789ABCDEF";
  out->push_back('"');
  for (unsigned char c : text) {
    switch (c) {
      case '"': *out += "\\\""; break;
      case '\\': *out += "\\\\"; break;
      case '\n': *out += "\\n"; break;
      case '\r': *out += "\\r"; break;
      case '\t': *out += "\\t"; break;
      case '\b': *out += "\\b"; break;
      case '\f': *out += "\\f"; break;
      default:
        if (c < 0x20) {
          *out += "\\u00";
          out->push_back(kHex[c >> 4]);
          out->push_back(kHex[c & 15]);
        } else {
          out->push_back(static_cast<char>(c));
        }
    }
  }
  out->push_back('"');
}

void Indent(int level, std::string* out) {
  out->push_back('\n');
  out->append(static_cast<size_t>(level) * 2, ' ');
}

// `level` counts enclosing objects only: Jackson's array indenter is inline.
void Write(const Json& value, int level, std::string* out) {
  switch (value.type()) {
    case Json::value_t::object: {
      if (value.empty()) {
        *out += "{ }";
        return;
      }
      out->push_back('{');
      bool first = true;
      for (auto it = value.begin(); it != value.end(); ++it) {
        if (!first) out->push_back(',');
        first = false;
        Indent(level + 1, out);
        WriteString(it.key(), out);
        *out += " : ";
        Write(it.value(), level + 1, out);
      }
      Indent(level, out);
      out->push_back('}');
      return;
    }
    case Json::value_t::array: {
      if (value.empty()) {
        *out += "[ ]";
        return;
      }
      *out += "[ ";
      bool first = true;
      for (const Json& element : value) {
        if (!first) *out += ", ";
        first = false;
        Write(element, level, out);
      }
      *out += " ]";
      return;
    }
    case Json::value_t::string: WriteString(value.get_ref<const std::string&>(), out); return;
    case Json::value_t::boolean: *out += value.get<bool>() ? "true" : "false"; return;
    case Json::value_t::number_integer: *out += std::to_string(value.get<int64_t>()); return;
    case Json::value_t::number_unsigned: *out += std::to_string(value.get<uint64_t>()); return;
    case Json::value_t::number_float: *out += JavaDoubleText(value.get<double>()); return;
    case Json::value_t::null:
    case Json::value_t::discarded:
    case Json::value_t::binary: *out += "null"; return;
  }
}

}  // namespace

std::string WriteJackson(const Json& document) {
  std::string out;
  Write(document, 0, &out);
  return out;
}


std::string RestDateText(int64_t epoch_ms) {
  // Days and milliseconds of the day, flooring for times before 1970.
  int64_t days = epoch_ms / 86400000;
  int64_t ms_of_day = epoch_ms % 86400000;
  if (ms_of_day < 0) {
    ms_of_day += 86400000;
    days -= 1;
  }
  // Civil date from days since 1970-01-01 (proleptic Gregorian).
  int64_t z = days + 719468;
  int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  int64_t doe = z - era * 146097;
  int64_t yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  int64_t year = yoe + era * 400;
  int64_t doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  int64_t mp = (5 * doy + 2) / 153;
  int64_t day = doy - (153 * mp + 2) / 5 + 1;
  int64_t month = mp < 10 ? mp + 3 : mp - 9;
  if (month <= 2) year += 1;
  char buffer[48];
  std::snprintf(buffer, sizeof buffer, "%04" PRId64 "-%02" PRId64 "-%02" PRId64 "T%02" PRId64 ":%02" PRId64
                ":%02" PRId64 ".%03" PRId64 "GMT",
                year, month, day, ms_of_day / 3600000, ms_of_day / 60000 % 60, ms_of_day / 1000 % 60,
                ms_of_day % 1000);
  return buffer;
}

}  // namespace sparkdx
