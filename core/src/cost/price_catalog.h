// Price catalogs: the data files in core/data/prices/*.json, compiled into
// the core (core/CMakeLists.txt) and parsed once, plus an optional user
// catalog of the same schema (--price-catalog). docs/cost.md lists them.
//
// Schema (one file per provider and product):
//   { "provider": "aws", "product": "ec2", "kind": "instances",
//     "currency": "USD", "region": "us-east-1",
//     "effective_date": "YYYY-MM-DD", "source": "<url>" | ["<url>", ...],
//     "notes": "...", "entries": [ {"name": "m5.xlarge", ...}, ... ] }
// Each kind (kCatalogKinds) names the numbers every entry must carry, all
// positive; a catalog that breaks the schema is an error naming the file
// and the position ("entries[3].usd_per_hour: ...", or the line and column
// of a JSON syntax error).
//
// To add a catalog: a JSON file in core/data/prices/, a
// sparkdx_embed_text line in core/CMakeLists.txt, a row in kBuiltIn
// (price_catalog.cc), a line in docs/cost.md. To add a kind: a row in
// kCatalogKinds and the code in cluster_pricing.cc that reads it.
#ifndef SPARKDX_COST_PRICE_CATALOG_H_
#define SPARKDX_COST_PRICE_CATALOG_H_

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace sparkdx::cost {

struct CatalogEntry {
  std::string name;                                       // instance type, SKU, family ("*": any)
  std::map<std::string, double, std::less<>> numbers;     // e.g. "usd_per_hour"
  std::map<std::string, std::string, std::less<>> texts;  // e.g. "cloud", "tier"

  double Number(std::string_view key, double fallback = 0) const;
  std::string Text(std::string_view key) const;
};

struct PriceCatalog {
  std::string file;  // "aws-ec2.json", or the user catalog's name
  std::string provider, product, kind, currency, region, effective_date, notes;
  std::vector<std::string> sources;
  std::vector<CatalogEntry> entries;
  bool user = false;  // loaded with --price-catalog

  std::string SourceText() const;  // sources joined with " "
  const CatalogEntry* Find(std::string_view name) const;
};

// The kinds: which numbers (all > 0) and texts each entry needs.
struct CatalogKindInfo {
  const char* kind;
  std::vector<const char*> numbers;
  std::vector<const char*> texts;
  const char* meaning;
};
const std::vector<CatalogKindInfo>& CatalogKinds();

// Parses and validates one catalog. Returns false with *error naming
// `file_name` and the position.
bool ParsePriceCatalog(std::string_view text, std::string_view file_name, PriceCatalog* out, std::string* error);

// The built-in catalogs, parsed on first use. A built-in catalog that fails
// validation is a bug the unit tests catch; it is left out here, and
// BuiltInCatalogErrors() says why.
const std::vector<PriceCatalog>& BuiltInCatalogs();
const std::vector<std::string>& BuiltInCatalogErrors();

// The catalogs to price with: the user's (if any) first, then the built-in
// ones; lookups take the first match.
class PriceBook {
 public:
  PriceBook();  // built-in catalogs only
  // Adds a user catalog in front. Returns false with *error on a bad one.
  bool AddUserCatalog(std::string_view text, std::string_view name, std::string* error);

  struct Match {
    const CatalogEntry* entry = nullptr;
    const PriceCatalog* catalog = nullptr;
    explicit operator bool() const { return entry != nullptr; }
  };
  // The first entry named `name` in a catalog of this provider and kind
  // ("" matches any provider).
  Match Find(std::string_view provider, std::string_view kind, std::string_view name) const;
  // Entries of a kind whose texts match (e.g. cloud and tier of a DBU rate).
  Match FindWith(std::string_view provider, std::string_view kind, std::string_view name,
                 const std::map<std::string, std::string, std::less<>>& texts) const;

 private:
  std::vector<PriceCatalog> user_;
};

}  // namespace sparkdx::cost

#endif  // SPARKDX_COST_PRICE_CATALOG_H_
