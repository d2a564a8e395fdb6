// What a file's path says about its place in an event log, following Spark's
// own naming (EventLogFileWriters / EventLogFileReaders) and the Databricks
// cluster-log-delivery layout:
//   single file   <appId>[_<attempt>][.<codec>][.inprogress]
//   rolling       eventlog_v2_<appId>[_<attempt>]/events_<N>_<appId>[_<attempt>][.<codec>][.compact]
//                 eventlog_v2_<...>/appstatus_<appId>[_<attempt>][.inprogress]   (0 bytes)
//   Databricks    <dir>/eventlog-YYYY-MM-DD--HH-MM[.gz] ... and the live <dir>/eventlog
//   legacy (<=1.2) <dir>/EVENT_LOG_<N>, SPARK_VERSION_<v>, COMPRESSION_CODEC_<c>, APPLICATION_COMPLETE
// Paths use '/' separators and are relative to what the user gave.
#ifndef SPARKDX_INPUT_FILE_NAME_RULES_H_
#define SPARKDX_INPUT_FILE_NAME_RULES_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace sparkdx {

enum class FileRole : uint8_t {
  kEventLog,        // a whole log in one file
  kRollingEvents,   // one events_<N> file of a rolling directory
  kRollingStatus,   // the appstatus marker of a rolling directory
  kDatabricksPart,  // eventlog or eventlog-<date>[.gz]
  kLegacyEvents,    // EVENT_LOG_<N>
  kLegacyMarker,    // SPARK_VERSION_*, COMPRESSION_CODEC_*, APPLICATION_COMPLETE
  kIgnored,         // hidden files and checksums: never part of a log
};

struct FileNameInfo {
  FileRole role = FileRole::kEventLog;
  std::string log_key;       // files with the same key form one log
  int64_t order = 0;         // position within its log (index, minutes since epoch, ...)
  bool compact = false;      // a rolling .compact file: replaces every lower index
  bool in_progress = false;  // ".inprogress" suffix (files and appstatus markers)
  std::string extension;     // after stripping .compact and .inprogress ("zstd", "gz", ...; "" if none)
  std::string marker_value;  // the version of SPARK_VERSION_<v>, the codec of COMPRESSION_CODEC_<c>
  std::string ignore_reason; // why a kIgnored file is ignored
};

FileNameInfo ClassifyFileName(std::string_view path);

std::string_view BaseName(std::string_view path);
std::string_view ParentPath(std::string_view path);  // "" when there is none

}  // namespace sparkdx

#endif  // SPARKDX_INPUT_FILE_NAME_RULES_H_
