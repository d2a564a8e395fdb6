// CollectSensitiveValues: registers what one application's model knows to
// be identifying, before its report is redacted (docs/redaction.md): the
// application name and id, the user, every executor, driver and block
// manager host (with or without port), task hosts, hosts and users in
// executor attributes and log URLs, hosts of other processes and cached
// blocks, values of secret-looking, host and user configuration keys (all
// environment sections and SQL executions' modified configs), table names
// in SQL plans, and user names in paths.
#ifndef SPARKDX_REDACT_COLLECT_SENSITIVE_VALUES_H_
#define SPARKDX_REDACT_COLLECT_SENSITIVE_VALUES_H_

#include <string_view>

#include "redact/redaction_dictionary.h"
#include "status/app_status.h"

namespace sparkdx::redact {

void CollectSensitiveValues(const AppStatus& status, RedactionDictionary* dictionary);

// "host:port", "[v6]:port" or "host": registers the host (and the whole
// address) as kHost.
void AddHostAddress(std::string_view address, RedactionDictionary* dictionary);

// One configuration entry: a secret-looking key's value as kSecret, a host
// key's as kHost, a user key's as kUser, spark.app.name / spark.app.id as
// the application's; user names in any value's paths.
void AddConfigEntry(std::string_view key, std::string_view value, RedactionDictionary* dictionary);

}  // namespace sparkdx::redact

#endif  // SPARKDX_REDACT_COLLECT_SENSITIVE_VALUES_H_
