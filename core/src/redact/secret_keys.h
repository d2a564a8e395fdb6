// Which configuration keys hold secrets. Spark's own default
// (spark.redaction.regex = "(?i)secret|password|token|access[.]key") plus
// the names cloud connectors and Hadoop use for credentials
// (docs/redaction.md lists them). A key that merely mentions a secret
// (spark.authenticate) matches too: its value is then redacted only when it
// is not a plain boolean or number.
#ifndef SPARKDX_REDACT_SECRET_KEYS_H_
#define SPARKDX_REDACT_SECRET_KEYS_H_

#include <string_view>

namespace sparkdx::redact {

bool IsSecretKey(std::string_view key);

// Keys whose values name a machine (spark.driver.host, *.hostname,
// *.bindAddress, fs.defaultFS authority aside): their values are host names.
bool IsHostKey(std::string_view key);

// Keys whose values name a person or account (user.name, *.user, *.principal).
bool IsUserKey(std::string_view key);

}  // namespace sparkdx::redact

#endif  // SPARKDX_REDACT_SECRET_KEYS_H_
