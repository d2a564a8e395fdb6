// RedactReport: the report with whatever could identify people, machines,
// data or secrets replaced by stable pseudonyms (docs/redaction.md).
//
// It works on ANY string of the document, so fields added later are
// redacted by default: every string value (and every object key equal to a
// sensitive value) goes through RedactText, except the values of the keys
// in kSafeKeys below, which sparkdx itself writes from closed sets (rule
// ids, units, part names, enums...). Issue excerpts (raw log text) become
// null. Values of secret-looking keys (an object member, or a {key|name,
// value} pair) become "<redacted>" whatever they are. Numbers, booleans
// and nulls are never changed. A top-level "redacted": true follows
// "generator".
#ifndef SPARKDX_REDACT_REDACT_REPORT_H_
#define SPARKDX_REDACT_REDACT_REPORT_H_

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>
#include <vector>

#include "redact/redaction_dictionary.h"
#include "status/app_status.h"

namespace sparkdx::redact {

// Keys whose string values (or arrays of strings) are kept as they are.
// To add one: only for values sparkdx writes from a closed set, never for
// anything copied from a log; list it in docs/redaction.md.
inline constexpr std::string_view kSafeKeys[] = {
    "generator", "codec",      "status",     "layout",   "kind",          "severity", "rule_id",
    "category",  "cause",      "unit",       "part",     "label",         "confidence", "budget",
    "spark_version", "key",    "checks_passed", "config_key", "schema_version",
};

// The input names the report itself holds (inputs[].name, applications[]
// .log and .files[]) and their base names, as kPath.
void CollectReportNames(const nlohmann::ordered_json& report, RedactionDictionary* dictionary);

// Redacts `report` in place with `dictionary` (values registered
// beforehand; pattern matches are added as they are found).
void RedactReport(nlohmann::ordered_json* report, RedactionDictionary* dictionary);

// The whole step the analyzer runs: collect from every application's
// model, then from the report's names, redact, and dump compact JSON. A
// document that does not parse is returned as "{}" (never unredacted).
std::string RedactReportJson(const std::string& report_json, const std::vector<const AppStatus*>& applications);

}  // namespace sparkdx::redact

#endif  // SPARKDX_REDACT_REDACT_REPORT_H_
