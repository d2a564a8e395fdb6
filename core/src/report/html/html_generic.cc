#include "report/html/html_generic.h"

#include <algorithm>
#include <vector>

#include "report/html/html_page.h"
#include "report/json_read.h"

namespace sparkdx::html {
namespace {

using Json = nlohmann::ordered_json;
using namespace report_json;

constexpr int kMaxDepth = 4;
constexpr size_t kMaxRows = 200;

bool EndsWith(const std::string& text, const char* suffix) {
  const std::string s(suffix);
  return text.size() >= s.size() && text.compare(text.size() - s.size(), s.size(), s) == 0;
}

bool IsScalar(const Json& value) { return !value.is_object() && !value.is_array(); }

std::string Render(const std::string& title, const Json& value, int depth);

std::string ObjectTable(const Json& object, int depth) {
  std::string rows, nested;
  for (const auto& [key, value] : object.items()) {
    if (IsScalar(value) || (value.is_array() && !value.empty() && value.size() <= 12 &&
                            std::all_of(value.begin(), value.end(), [](const Json& v) { return IsScalar(v); }))) {
      std::string text;
      if (value.is_array()) {
        for (const Json& item : value) text += (text.empty() ? "" : ", ") + ScalarText(key, item);
      } else {
        text = ScalarText(key, value);
      }
      rows += "<tr><th>" + Escape(key) + "</th><td>" + Escape(text) + "</td></tr>";
    } else {
      nested += Render(key, value, depth + 1);
    }
  }
  std::string out;
  if (!rows.empty()) out += "<table class=\"sdx-table sdx-kv\">" + rows + "</table>\n";
  return out + nested;
}

std::string ArrayTable(const Json& array, int depth) {
  std::vector<std::string> columns;
  bool all_objects = true;
  for (const Json& item : array) {
    if (!item.is_object()) {
      all_objects = false;
      break;
    }
    for (const auto& [key, value] : item.items()) {
      if (IsScalar(value) && std::find(columns.begin(), columns.end(), key) == columns.end()) columns.push_back(key);
    }
  }
  if (!all_objects) {
    std::string out = "<ul>";
    size_t n = 0;
    for (const Json& item : array) {
      if (++n > kMaxRows) break;
      out += IsScalar(item) ? "<li>" + Escape(ScalarText("", item)) + "</li>" : "<li>" + Render("", item, depth + 1) + "</li>";
    }
    return out + "</ul>\n" + (array.size() > kMaxRows ? "<p class=\"muted\">" + std::to_string(array.size() - kMaxRows) +
                                                             " more in the JSON report</p>\n"
                                                       : "");
  }
  std::string out = "<table class=\"sdx-table\"><thead><tr>";
  for (const std::string& column : columns) out += "<th>" + Escape(column) + "</th>";
  out += "</tr></thead><tbody>";
  size_t n = 0;
  for (const Json& item : array) {
    if (++n > kMaxRows) break;
    out += "<tr>";
    for (const std::string& column : columns) {
      const Json& value = At(item, column.c_str());
      out += std::string(value.is_number() ? "<td class=\"num\">" : "<td>") + Escape(ScalarText(column, value)) + "</td>";
    }
    out += "</tr>";
  }
  out += "</tbody></table>\n";
  if (array.size() > kMaxRows) {
    out += "<p class=\"muted\">" + std::to_string(array.size() - kMaxRows) + " more rows in the JSON report</p>\n";
  }
  return out;
}

std::string Render(const std::string& title, const Json& value, int depth) {
  if (depth > kMaxDepth) return "<p class=\"muted\">(nested further in the JSON report)</p>\n";
  std::string out;
  if (!title.empty()) {
    const char* tag = depth <= 0 ? "h3" : "h4";
    out += std::string("<") + tag + ">" + Escape(title) + "</" + tag + ">\n";
  }
  if (value.is_object()) return out + ObjectTable(value, depth);
  if (value.is_array()) return out + (value.empty() ? "<p class=\"muted\">none</p>\n" : ArrayTable(value, depth));
  return out + "<p>" + Escape(ScalarText(title, value)) + "</p>\n";
}

}  // namespace

std::string ScalarText(const std::string& key, const Json& value) {
  if (value.is_null()) return "-";
  if (value.is_number()) {
    if (value.is_number_integer() && EndsWith(key, "_ms")) return HumanDuration(value.get<int64_t>());
    if (key.find("bytes") != std::string::npos && Number(value) >= 0) {
      return HumanBytes(value.is_number_integer() ? Count(value)
                                                  : static_cast<uint64_t>(std::min(Number(value), 1.8e19)));
    }
    if (key.find("share") != std::string::npos || key.find("fraction") != std::string::npos) {
      return HumanPercent(Number(value));
    }
  }
  return Str(value);
}

std::string GenericSection(const std::string& title, const Json& value) {
  if (value.is_null()) return "";
  return "<section class=\"sdx-card sdx-generic\">\n" + Render(title, value, 0) + "</section>\n";
}

}  // namespace sparkdx::html
