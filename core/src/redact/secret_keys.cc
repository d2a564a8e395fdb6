#include "redact/secret_keys.h"

#include <algorithm>
#include <string>
#include <vector>

namespace sparkdx::redact {
namespace {

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return out;
}

// Substrings of a lower-cased key that mark a secret. The first four are
// Spark's spark.redaction.regex default; the rest cover Hadoop credential
// providers, S3A/ABFS/GCS connectors, JDBC and Kerberos settings.
constexpr const char* kSecretMarkers[] = {
    "secret", "password", "token", "access.key",                       // Spark's default
    "passwd", "credential", "auth", "signature", "accesskey", "access_key",
    "private.key", "privatekey", "private_key", "apikey", "api.key", "api_key",
    "sessionkey", "session.key", "connectionstring", "connection.string", "sas.token", "keytab",
};

// Components (between '.', '_' or '-') that are, or end in, "key": the
// account keys of fs.azure.account.key.<account>, fs.s3a.secret.key, ...
// Only in configuration-style keys (with a '.') or environment-style ones
// (upper case): a report's own snake_case identifiers (structure_key,
// config_key) name no secret.
bool HasKeyComponent(std::string_view original, const std::string& key) {
  const bool config_style = original.find('.') != std::string_view::npos ||
                            std::any_of(original.begin(), original.end(), [](char c) { return c >= 'A' && c <= 'Z'; });
  if (!config_style) return false;
  size_t start = 0;
  while (start <= key.size()) {
    size_t end = key.find_first_of("._-", start);
    if (end == std::string::npos) end = key.size();
    std::string_view part(key.data() + start, end - start);
    if (part.size() >= 3 && part.substr(part.size() - 3) == "key") return true;
    start = end + 1;
  }
  return false;
}

bool EndsWith(const std::string& text, std::string_view suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

}  // namespace

bool IsSecretKey(std::string_view key) {
  std::string lower = Lower(key);
  for (const char* marker : kSecretMarkers) {
    if (lower.find(marker) != std::string::npos) return true;
  }
  return HasKeyComponent(key, lower);
}

bool IsHostKey(std::string_view key) {
  std::string lower = Lower(key);
  return EndsWith(lower, ".host") || EndsWith(lower, "hostname") || EndsWith(lower, "bindaddress") ||
         EndsWith(lower, ".address") || EndsWith(lower, "_host") || lower == "host";
}

bool IsUserKey(std::string_view key) {
  std::string lower = Lower(key);
  return lower == "user.name" || lower == "user" || EndsWith(lower, ".user") || EndsWith(lower, "_user") ||
         EndsWith(lower, ".username") || EndsWith(lower, "principal") || lower == "spark_user";
}

}  // namespace sparkdx::redact
