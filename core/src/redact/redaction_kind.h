// What a redacted value was, and the pseudonym it becomes (docs/redaction.md).
// To add a kind: a row here and where its values are found
// (collect_sensitive_values.cc for values from the model, text_redactor.cc
// for patterns); docs/redaction.md lists them.
#ifndef SPARKDX_REDACT_REDACTION_KIND_H_
#define SPARKDX_REDACT_REDACTION_KIND_H_

#include <cstdint>

namespace sparkdx::redact {

enum class RedactionKind : uint8_t {
  kApp,      // application id
  kAppName,  // application name (spark.app.name)
  kUser,     // a user or principal name
  kHost,     // a host name
  kIp,       // an IPv4 or IPv6 address
  kPath,     // a file path or a file-system URI (s3a://, hdfs://, dbfs:/, ...)
  kUrl,      // an http(s) or ftp URL
  kEmail,    // an e-mail address or Kerberos principal
  kTable,    // a qualified table name from a SQL plan
  kSecret,   // the value of a secret-looking configuration key
  kLiteral,  // a SQL string literal
};

struct RedactionKindInfo {
  RedactionKind kind;
  // Numbered kinds become "<prefix>-<n>", n counting distinct values of the
  // kind from 1 in order of first registration; the others become `fixed`.
  const char* prefix;
  const char* fixed;
};

inline constexpr RedactionKindInfo kRedactionKinds[] = {
    {RedactionKind::kApp, "app", nullptr},
    {RedactionKind::kAppName, "app-name", nullptr},
    {RedactionKind::kUser, "user", nullptr},
    {RedactionKind::kHost, "host", nullptr},
    {RedactionKind::kIp, "ip", nullptr},
    {RedactionKind::kPath, "path", nullptr},
    {RedactionKind::kUrl, "url", nullptr},
    {RedactionKind::kEmail, "email", nullptr},
    {RedactionKind::kTable, "table", nullptr},
    {RedactionKind::kSecret, nullptr, "<redacted>"},
    {RedactionKind::kLiteral, nullptr, "'<redacted>'"},
};
inline constexpr int kRedactionKindCount = sizeof(kRedactionKinds) / sizeof(kRedactionKinds[0]);

}  // namespace sparkdx::redact

#endif  // SPARKDX_REDACT_REDACTION_KIND_H_
