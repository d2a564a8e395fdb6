// Catalogues of sparkdx's closed sets, rendered from the tables that define
// them (issues/issue_kinds.inc, eventlog/event_types.inc, codec/codec_kind.h,
// diagnosis/rule_table.inc),
// so docs/*.md are generated and cannot drift from the code.
#ifndef SPARKDX_CATALOG_H_
#define SPARKDX_CATALOG_H_

#include <string>
#include <string_view>

namespace sparkdx {

enum class Catalog { kIssues, kEvents, kCodecs, kRules };

// Markdown for docs/. Returns "" for an unknown name in CatalogFromName.
std::string CatalogMarkdown(Catalog catalog);
bool CatalogFromName(std::string_view name, Catalog* catalog);

}  // namespace sparkdx

#endif  // SPARKDX_CATALOG_H_
