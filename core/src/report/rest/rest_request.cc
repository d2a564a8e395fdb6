#include "report/rest/rest_request.h"

namespace sparkdx {
namespace {

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

// Percent-decoding; in the query, '+' is a space as browsers send it.
bool Decode(std::string_view text, bool query, std::string* out, std::string* error) {
  out->clear();
  for (size_t i = 0; i < text.size(); ++i) {
    char c = text[i];
    if (c == '%') {
      int high = i + 2 < text.size() ? HexValue(text[i + 1]) : -1;
      int low = i + 2 < text.size() ? HexValue(text[i + 2]) : -1;
      if (high < 0 || low < 0) {
        *error = "malformed percent escape at position " + std::to_string(i) + " of \"" + std::string(text) + "\"";
        return false;
      }
      out->push_back(static_cast<char>(high * 16 + low));
      i += 2;
    } else if (c == '+' && query) {
      out->push_back(' ');
    } else {
      out->push_back(c);
    }
  }
  return true;
}

}  // namespace

std::vector<std::string> RestRequest::All(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : params) {
    if (key == name) values.push_back(value);
  }
  return values;
}

std::optional<std::string> RestRequest::First(std::string_view name) const {
  for (const auto& [key, value] : params) {
    if (key == name) return value;
  }
  return std::nullopt;
}

bool ParseRestRequest(std::string_view path, RestRequest* out, std::string* error) {
  *out = RestRequest();
  std::string_view query;
  size_t question = path.find('?');
  if (question != std::string_view::npos) {
    query = path.substr(question + 1);
    path = path.substr(0, question);
  }
  std::string decoded;
  size_t start = 0;
  while (start <= path.size()) {
    size_t slash = path.find('/', start);
    if (slash == std::string_view::npos) slash = path.size();
    std::string_view segment = path.substr(start, slash - start);
    if (!segment.empty()) {
      if (!Decode(segment, false, &decoded, error)) return false;
      out->segments.push_back(decoded);
    }
    start = slash + 1;
  }
  // "/api/v1/..." as in a History Server URL.
  if (out->segments.size() >= 2 && out->segments[0] == "api" && out->segments[1] == "v1") {
    out->segments.erase(out->segments.begin(), out->segments.begin() + 2);
  }
  start = 0;
  while (start < query.size()) {
    size_t amp = query.find('&', start);
    if (amp == std::string_view::npos) amp = query.size();
    std::string_view pair = query.substr(start, amp - start);
    if (!pair.empty()) {
      size_t equals = pair.find('=');
      std::string key, value;
      if (!Decode(pair.substr(0, equals), true, &key, error)) return false;
      if (equals != std::string_view::npos && !Decode(pair.substr(equals + 1), true, &value, error)) return false;
      out->params.emplace_back(std::move(key), std::move(value));
    }
    start = amp + 1;
  }
  return true;
}

}  // namespace sparkdx
