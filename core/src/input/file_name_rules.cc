#include "input/file_name_rules.h"

#include <cctype>
#include <cstdlib>

namespace sparkdx {
namespace {

constexpr std::string_view kInProgressSuffix = ".inprogress";
constexpr std::string_view kCompactSuffix = ".compact";
constexpr std::string_view kRollingDirPrefix = "eventlog_v2_";
constexpr std::string_view kRollingEventsPrefix = "events_";
constexpr std::string_view kRollingStatusPrefix = "appstatus_";
constexpr std::string_view kDatabricksName = "eventlog";
constexpr std::string_view kLegacyEventsPrefix = "EVENT_LOG_";
constexpr std::string_view kLegacyVersionPrefix = "SPARK_VERSION_";
constexpr std::string_view kLegacyCodecPrefix = "COMPRESSION_CODEC_";
constexpr std::string_view kLegacyComplete = "APPLICATION_COMPLETE";

bool StartsWith(std::string_view s, std::string_view prefix) { return s.substr(0, prefix.size()) == prefix; }
bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

bool AllDigits(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return true;
}

int64_t ParseDigits(std::string_view s) {
  int64_t value = 0;
  for (char c : s) value = value * 10 + (c - '0');
  return value;
}

// Days since 1970-01-01 of a proleptic Gregorian date.
int64_t DaysFromCivil(int64_t y, int64_t m, int64_t d) {
  y -= m <= 2;
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return era * 146097 + doe - 719468;
}

// "eventlog-2021-06-15--15-00" -> minutes since the epoch, or -1.
int64_t DatabricksChunkMinutes(std::string_view stem) {
  // eventlog-YYYY-MM-DD--HH-MM
  constexpr size_t kLength = 26;
  if (stem.size() != kLength || !StartsWith(stem, "eventlog-")) return -1;
  std::string_view d = stem.substr(9);  // YYYY-MM-DD--HH-MM
  if (d[4] != '-' || d[7] != '-' || d[10] != '-' || d[11] != '-' || d[14] != '-') return -1;
  std::string_view year = d.substr(0, 4), month = d.substr(5, 2), day = d.substr(8, 2), hour = d.substr(12, 2),
                   minute = d.substr(15, 2);
  if (!AllDigits(year) || !AllDigits(month) || !AllDigits(day) || !AllDigits(hour) || !AllDigits(minute)) return -1;
  int64_t days = DaysFromCivil(ParseDigits(year), ParseDigits(month), ParseDigits(day));
  return (days * 24 + ParseDigits(hour)) * 60 + ParseDigits(minute);
}

std::string DatabricksLogKey(std::string_view parent) {
  return parent.empty() ? std::string(kDatabricksName) : std::string(parent) + "/" + std::string(kDatabricksName);
}

}  // namespace

std::string_view BaseName(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? path : path.substr(slash + 1);
}

std::string_view ParentPath(std::string_view path) {
  while (!path.empty() && path.back() == '/') path.remove_suffix(1);
  size_t slash = path.rfind('/');
  return slash == std::string_view::npos ? std::string_view() : path.substr(0, slash);
}

FileNameInfo ClassifyFileName(std::string_view path) {
  FileNameInfo info;
  std::string_view base = BaseName(path);
  std::string_view parent = ParentPath(path);
  std::string_view stem = base;
  if (EndsWith(stem, kCompactSuffix)) {
    info.compact = true;
    stem.remove_suffix(kCompactSuffix.size());
  }
  if (EndsWith(stem, kInProgressSuffix)) {
    info.in_progress = true;
    stem.remove_suffix(kInProgressSuffix.size());
  }
  size_t dot = stem.rfind('.');
  std::string_view without_extension = stem;
  if (dot != std::string_view::npos) {
    info.extension = std::string(stem.substr(dot + 1));
    without_extension = stem.substr(0, dot);
  }

  if (base.empty() || base.front() == '.') {
    info.role = FileRole::kIgnored;
    info.ignore_reason = "hidden file";
    return info;
  }

  std::string_view parent_base = BaseName(parent);
  if (StartsWith(parent_base, kRollingDirPrefix)) {
    info.log_key = std::string(parent);
    if (StartsWith(base, kRollingEventsPrefix)) {
      std::string_view rest = base.substr(kRollingEventsPrefix.size());
      size_t underscore = rest.find('_');
      std::string_view digits = rest.substr(0, underscore);
      if (AllDigits(digits)) {
        info.role = FileRole::kRollingEvents;
        info.order = ParseDigits(digits);
        return info;
      }
    }
    if (StartsWith(base, kRollingStatusPrefix)) {
      info.role = FileRole::kRollingStatus;
      return info;
    }
    info.role = FileRole::kIgnored;
    info.ignore_reason = "not an events_ or appstatus_ file of a rolling log directory";
    return info;
  }

  if (without_extension == kDatabricksName || stem == kDatabricksName) {
    info.role = FileRole::kDatabricksPart;
    info.log_key = DatabricksLogKey(parent);
    info.order = INT64_MAX;  // the live file comes after every rotated chunk
    return info;
  }
  int64_t minutes = DatabricksChunkMinutes(without_extension);
  if (minutes < 0) minutes = DatabricksChunkMinutes(stem);
  if (minutes >= 0) {
    info.role = FileRole::kDatabricksPart;
    info.log_key = DatabricksLogKey(parent);
    info.order = minutes;
    return info;
  }

  if (StartsWith(base, kLegacyEventsPrefix) && AllDigits(base.substr(kLegacyEventsPrefix.size()))) {
    info.role = FileRole::kLegacyEvents;
    info.log_key = std::string(parent.empty() ? "." : parent);
    info.order = ParseDigits(base.substr(kLegacyEventsPrefix.size()));
    info.extension.clear();
    return info;
  }
  if (StartsWith(base, kLegacyVersionPrefix) || StartsWith(base, kLegacyCodecPrefix) || base == kLegacyComplete) {
    info.role = FileRole::kLegacyMarker;
    info.log_key = std::string(parent.empty() ? "." : parent);
    if (StartsWith(base, kLegacyVersionPrefix)) info.marker_value = std::string(base.substr(kLegacyVersionPrefix.size()));
    if (StartsWith(base, kLegacyCodecPrefix)) info.marker_value = std::string(base.substr(kLegacyCodecPrefix.size()));
    info.extension.clear();
    return info;
  }

  if (info.extension == "crc") {
    info.role = FileRole::kIgnored;
    info.ignore_reason = "checksum file";
    return info;
  }
  info.role = FileRole::kEventLog;
  info.log_key = std::string(path);
  return info;
}

}  // namespace sparkdx
