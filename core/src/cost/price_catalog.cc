// Price catalogs: schema validation and lookup (see price_catalog.h).
#include "cost/price_catalog.h"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>

#include "base/iso_time.h"
#include "base/json_syntax.h"

namespace sparkdx::embedded {
// core/data/prices/*.json, compiled in by core/CMakeLists.txt.
extern const char kPricesAwsEc2[];
extern const char kPricesAwsEmr[];
extern const char kPricesAwsSpot[];
extern const char kPricesAwsEmrServerless[];
extern const char kPricesAzureVm[];
extern const char kPricesGcpCompute[];
extern const char kPricesGcpDataproc[];
extern const char kPricesDatabricksDbuRates[];
extern const char kPricesDatabricksDbuPerNode[];
}  // namespace sparkdx::embedded

namespace sparkdx::cost {
namespace {

using Json = nlohmann::json;

struct BuiltInFile {
  const char* file;
  const char* text;
};
const BuiltInFile kBuiltIn[] = {
    {"aws-ec2.json", embedded::kPricesAwsEc2},
    {"aws-emr.json", embedded::kPricesAwsEmr},
    {"aws-spot.json", embedded::kPricesAwsSpot},
    {"aws-emr-serverless.json", embedded::kPricesAwsEmrServerless},
    {"azure-vm.json", embedded::kPricesAzureVm},
    {"gcp-compute.json", embedded::kPricesGcpCompute},
    {"gcp-dataproc.json", embedded::kPricesGcpDataproc},
    {"databricks-dbu-rates.json", embedded::kPricesDatabricksDbuRates},
    {"databricks-dbu-per-node.json", embedded::kPricesDatabricksDbuPerNode},
};

// No list price in these catalogs comes near this; a larger number is a
// typo (or a value in cents).
constexpr double kMaxPlausibleNumber = 1e5;

bool ReadText(const Json& object, const char* key, bool required, std::string* out, std::string* error) {
  auto it = object.find(key);
  if (it == object.end() || it->is_null()) {
    if (required) *error = std::string(key) + ": missing";
    return !required;
  }
  if (!it->is_string() || it->get<std::string>().empty()) {
    *error = std::string(key) + ": expected a non-empty string";
    return false;
  }
  *out = it->get<std::string>();
  return true;
}

bool ValidDate(const std::string& date) {
  int64_t ms = 0;
  return date.size() == 10 && ParseIsoTimestampMs(date + "T00:00:00Z", &ms);
}

const CatalogKindInfo* FindKind(std::string_view kind) {
  for (const CatalogKindInfo& info : CatalogKinds()) {
    if (kind == info.kind) return &info;
  }
  return nullptr;
}

bool ParseEntry(const Json& item, const CatalogKindInfo& kind, const std::string& at, CatalogEntry* entry,
                std::string* error) {
  if (!item.is_object()) {
    *error = at + ": expected an object";
    return false;
  }
  std::string message;
  if (!ReadText(item, "name", true, &entry->name, &message)) {
    *error = at + "." + message;
    return false;
  }
  for (const char* key : kind.numbers) {
    auto it = item.find(key);
    if (it == item.end() || !it->is_number()) {
      *error = at + "." + key + ": expected a number (entry \"" + entry->name + "\")";
      return false;
    }
    double value = it->get<double>();
    if (!(value > 0) || value > kMaxPlausibleNumber) {
      *error = at + "." + key + ": expected a positive number below 100000, got " + it->dump() + " (entry \"" +
               entry->name + "\")";
      return false;
    }
    entry->numbers[key] = value;
  }
  for (const char* key : kind.texts) {
    std::string value;
    if (!ReadText(item, key, true, &value, &message)) {
      *error = at + "." + message + " (entry \"" + entry->name + "\")";
      return false;
    }
    entry->texts[key] = value;
  }
  // Optional numbers beyond the kind's (e.g. photon_dbu_multiplier) are kept
  // when positive; anything else in an entry is an error, so a typo in a
  // key does not silently drop a price.
  for (const auto& [key, value] : item.items()) {
    if (key == "name" || entry->numbers.count(key) || entry->texts.count(key)) continue;
    if (value.is_number() && value.get<double>() > 0 && value.get<double>() <= kMaxPlausibleNumber) {
      entry->numbers[key] = value.get<double>();
    } else if (value.is_string()) {
      entry->texts[key] = value.get<std::string>();
    } else {
      *error = at + "." + key + ": expected a positive number or a string, got " + value.dump() + " (entry \"" +
               entry->name + "\")";
      return false;
    }
  }
  return true;
}

std::string EntryKey(const CatalogEntry& entry) {
  std::string key = entry.name;
  for (const auto& [name, value] : entry.texts) key += "|" + name + "=" + value;
  return key;
}

}  // namespace

double CatalogEntry::Number(std::string_view key, double fallback) const {
  auto it = numbers.find(key);
  return it == numbers.end() ? fallback : it->second;
}

std::string CatalogEntry::Text(std::string_view key) const {
  auto it = texts.find(key);
  return it == texts.end() ? std::string() : it->second;
}

std::string PriceCatalog::SourceText() const {
  std::string text;
  for (const std::string& source : sources) text += (text.empty() ? "" : " ") + source;
  return text;
}

const CatalogEntry* PriceCatalog::Find(std::string_view name) const {
  for (const CatalogEntry& entry : entries) {
    if (entry.name == name) return &entry;
  }
  return nullptr;
}

const std::vector<CatalogKindInfo>& CatalogKinds() {
  static const std::vector<CatalogKindInfo> kKinds = {
      {"instances", {"vcpu", "memory_gib", "usd_per_hour"}, {}, "a VM's size and on-demand price per hour"},
      {"uplift", {"usd_per_hour"}, {}, "a platform charge per instance-hour on top of the VM (EMR)"},
      {"spot_discount", {"discount"}, {}, "the fraction spot capacity saves over on-demand (name: family or *)"},
      {"serverless", {"usd_per_vcpu_hour", "usd_per_gib_hour"}, {}, "per vCPU-hour and GiB-hour (EMR Serverless)"},
      {"vcpu_premium", {"usd_per_vcpu_hour"}, {}, "a platform charge per vCPU-hour of every VM (Dataproc)"},
      {"dbu_rates", {"usd_per_dbu"}, {"cloud", "tier"}, "USD per DBU by SKU, cloud and tier (Databricks)"},
      {"dbu_per_hour", {"dbu_per_hour"}, {}, "DBUs a node type consumes per hour (Databricks)"},
  };
  return kKinds;
}

bool ParsePriceCatalog(std::string_view text, std::string_view file_name, PriceCatalog* out, std::string* error) {
  const std::string file(file_name);
  auto fail = [&](const std::string& message) {
    *error = file + ": " + message;
    return false;
  };
  if (std::string syntax = JsonSyntaxError(text); !syntax.empty()) return fail("not valid JSON: " + syntax);
  Json document = Json::parse(text, nullptr, /*allow_exceptions=*/false);
  if (!document.is_object()) return fail("expected a JSON object (a price catalog, see docs/cost.md)");

  PriceCatalog catalog;
  catalog.file = file;
  std::string message;
  if (!ReadText(document, "provider", true, &catalog.provider, &message) ||
      !ReadText(document, "product", true, &catalog.product, &message) ||
      !ReadText(document, "kind", true, &catalog.kind, &message) ||
      !ReadText(document, "currency", true, &catalog.currency, &message) ||
      !ReadText(document, "region", false, &catalog.region, &message) ||
      !ReadText(document, "effective_date", true, &catalog.effective_date, &message) ||
      !ReadText(document, "notes", true, &catalog.notes, &message)) {
    return fail(message);
  }
  const CatalogKindInfo* kind = FindKind(catalog.kind);
  if (kind == nullptr) {
    std::string known;
    for (const CatalogKindInfo& info : CatalogKinds()) known += std::string(known.empty() ? "" : ", ") + info.kind;
    return fail("kind: unknown \"" + catalog.kind + "\" (known: " + known + ")");
  }
  if (!ValidDate(catalog.effective_date)) {
    return fail("effective_date: expected a date YYYY-MM-DD, got \"" + catalog.effective_date + "\"");
  }
  const Json& source = document.contains("source") ? document["source"] : Json();
  if (source.is_string() && !source.get<std::string>().empty()) {
    catalog.sources.push_back(source.get<std::string>());
  } else if (source.is_array() && !source.empty()) {
    for (size_t i = 0; i < source.size(); ++i) {
      if (!source[i].is_string() || source[i].get<std::string>().empty()) {
        return fail("source[" + std::to_string(i) + "]: expected a non-empty string");
      }
      catalog.sources.push_back(source[i].get<std::string>());
    }
  } else {
    return fail("source: expected a URL or a non-empty array of URLs");
  }
  const Json& entries = document.contains("entries") ? document["entries"] : Json();
  if (!entries.is_array() || entries.empty()) return fail("entries: expected a non-empty array");
  std::map<std::string, size_t> seen;
  for (size_t i = 0; i < entries.size(); ++i) {
    const std::string at = "entries[" + std::to_string(i) + "]";
    CatalogEntry entry;
    if (!ParseEntry(entries[i], *kind, at, &entry, &message)) return fail(message);
    if (catalog.kind == "spot_discount" && entry.Number("discount") >= 1) {
      return fail(at + ".discount: expected a fraction below 1 (entry \"" + entry.name + "\")");
    }
    auto [it, inserted] = seen.emplace(EntryKey(entry), i);
    if (!inserted) {
      return fail(at + ": duplicate of entries[" + std::to_string(it->second) + "] (\"" + entry.name + "\")");
    }
    catalog.entries.push_back(std::move(entry));
  }
  *out = std::move(catalog);
  return true;
}

namespace {
struct BuiltIns {
  std::vector<PriceCatalog> catalogs;
  std::vector<std::string> errors;
};
const BuiltIns& LoadBuiltIns() {
  static const BuiltIns built_ins = [] {
    BuiltIns loaded;
    for (const BuiltInFile& file : kBuiltIn) {
      PriceCatalog catalog;
      std::string error;
      if (ParsePriceCatalog(file.text, file.file, &catalog, &error)) {
        loaded.catalogs.push_back(std::move(catalog));
      } else {
        loaded.errors.push_back(error);
      }
    }
    return loaded;
  }();
  return built_ins;
}
}  // namespace

const std::vector<PriceCatalog>& BuiltInCatalogs() { return LoadBuiltIns().catalogs; }
const std::vector<std::string>& BuiltInCatalogErrors() { return LoadBuiltIns().errors; }

PriceBook::PriceBook() = default;

bool PriceBook::AddUserCatalog(std::string_view text, std::string_view name, std::string* error) {
  PriceCatalog catalog;
  if (!ParsePriceCatalog(text, name, &catalog, error)) return false;
  catalog.user = true;
  user_.insert(user_.begin(), std::move(catalog));
  return true;
}

PriceBook::Match PriceBook::Find(std::string_view provider, std::string_view kind, std::string_view name) const {
  return FindWith(provider, kind, name, {});
}

PriceBook::Match PriceBook::FindWith(std::string_view provider, std::string_view kind, std::string_view name,
                                     const std::map<std::string, std::string, std::less<>>& texts) const {
  auto search = [&](const std::vector<PriceCatalog>& catalogs) -> Match {
    for (const PriceCatalog& catalog : catalogs) {
      if (catalog.kind != kind || (!provider.empty() && catalog.provider != provider)) continue;
      for (const CatalogEntry& entry : catalog.entries) {
        if (entry.name != name) continue;
        bool all = true;
        for (const auto& [key, value] : texts) all = all && entry.Text(key) == value;
        if (all) return Match{&entry, &catalog};
      }
    }
    return Match{};
  };
  Match match = search(user_);
  return match ? match : search(BuiltInCatalogs());
}

}  // namespace sparkdx::cost
