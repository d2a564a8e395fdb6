// Spark's default redaction of configuration values (spark.redaction.regex,
// "(?i)secret|password|token|access[.]?key", found anywhere in the key or
// the value): what the History Server shows instead of the value. Shared
// by the REST environment endpoint and the report's spark_properties.
#ifndef SPARKDX_REPORT_REST_SPARK_REDACTION_H_
#define SPARKDX_REPORT_REST_SPARK_REDACTION_H_

#include <cctype>
#include <string>
#include <string_view>

namespace sparkdx {

inline constexpr const char* kSparkRedactedValue = "*********(redacted)";

// Whether Spark's default regex matches somewhere in `text`.
inline bool LooksSecret(std::string_view text) {
  std::string lower(text);
  for (char& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* word : {"secret", "password", "token", "accesskey", "access.key"}) {
    if (lower.find(word) != std::string::npos) return true;
  }
  return false;
}

// The value Spark shows for the property `key` = `value`.
inline std::string SparkRedactedValue(std::string_view key, std::string_view value) {
  return LooksSecret(key) || LooksSecret(value) ? std::string(kSparkRedactedValue) : std::string(value);
}

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_REST_SPARK_REDACTION_H_
