// Where `sparkdx fetch` finds AWS credentials and the region, in the order
// the AWS CLI and SDKs use (the common subset):
//   1. AWS_ACCESS_KEY_ID + AWS_SECRET_ACCESS_KEY (+ AWS_SESSION_TOKEN);
//   2. the shared credentials file (AWS_SHARED_CREDENTIALS_FILE, else
//      ~/.aws/credentials), section [<profile>];
//   3. the config file (AWS_CONFIG_FILE, else ~/.aws/config), section
//      [profile <profile>] ([default] for the default profile).
// The profile is AWS_PROFILE, else "default". The region is AWS_REGION, else
// AWS_DEFAULT_REGION, else the profile's `region` in the config file.
// Instance roles, SSO and credential_process are not read: say so in errors.
//
// Environment and files come in as values (the caller reads them), so this
// is tested without touching the machine's own credentials.
#ifndef SPARKDX_NATIVE_FETCH_AWS_CREDENTIALS_H_
#define SPARKDX_NATIVE_FETCH_AWS_CREDENTIALS_H_

#include <functional>
#include <map>
#include <optional>
#include <string>

#include "sigv4.h"

namespace sparkdx::fetch {

struct AwsCredentialSources {
  std::map<std::string, std::string> environment;  // the variables named above, and HOME
  // Reads a file's text; nullopt when it does not exist or cannot be read.
  std::function<std::optional<std::string>(const std::string& path)> read_file;
};

struct AwsCredentialsResult {
  bool ok = false;
  AwsCredentials credentials;
  std::string region;       // "" when none was configured
  std::string source;       // "environment", or the file and section, e.g. "/home/u/.aws/credentials [prod]"
  std::string error;        // when !ok: what was looked at and what was missing (never a secret)
};

AwsCredentialsResult LoadAwsCredentials(const AwsCredentialSources& sources);

// One INI section's keys (lower-cased) and values, or nullopt when the
// section is absent. `error` gets "<name>:<line>: ..." for a malformed line.
std::optional<std::map<std::string, std::string>> IniSection(const std::string& text, const std::string& section,
                                                             const std::string& name, std::string* error);

}  // namespace sparkdx::fetch

#endif  // SPARKDX_NATIVE_FETCH_AWS_CREDENTIALS_H_
