// Names found inside free text of the model, registered before the report
// is redacted: qualified table names in SQL plans and user names in paths.
#ifndef SPARKDX_REDACT_PLAN_NAMES_H_
#define SPARKDX_REDACT_PLAN_NAMES_H_

#include <string_view>

#include "redact/redaction_dictionary.h"

namespace sparkdx::redact {

// Qualified table names (db.table, catalog.db.table, `db`.`table`) after the
// plan operators that name them: FileScan / Scan <format>, Relation,
// BatchScan, SubqueryAlias, InsertIntoHiveTable, HiveTableRelation, and any
// back-quoted `a`.`b`. Each is registered as kTable, with its shorter
// qualified suffixes (db.table of catalog.db.table). Bare names (no
// qualifier) are not taken: they are too often ordinary words.
void AddTableNames(std::string_view plan_text, RedactionDictionary* dictionary);

// The <name> of /user/<name>, /home/<name> and /Users/<name> path segments,
// registered as kUser.
void AddPathUserNames(std::string_view text, RedactionDictionary* dictionary);

}  // namespace sparkdx::redact

#endif  // SPARKDX_REDACT_PLAN_NAMES_H_
