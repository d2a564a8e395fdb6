// Deciding the rates of a run (see cluster_pricing.h and docs/cost.md).
#include "cost/cluster_pricing.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <set>
#include <string_view>
#include <vector>

#include "cost/price_catalog.h"
#include "sparkdx/cost.h"

namespace sparkdx::cost {
namespace {

constexpr double kBytesPerGib = 1024.0 * 1024.0 * 1024.0;

// The pricing modes --pricing accepts; one row each.
struct ModeInfo {
  const char* name;
  const char* provider;  // of the instance catalog, "" when not instance-priced
  const char* meaning;
};
constexpr ModeInfo kModes[] = {
    {"aws-ec2", "aws", "EC2 on-demand instances"},
    {"aws-emr", "aws", "EC2 instances + the EMR charge per instance-hour"},
    {"emr-serverless", "", "EMR Serverless per vCPU-hour and GB-hour"},
    {"databricks-jobs", "", "VMs + Databricks Jobs Compute DBUs"},
    {"databricks-all-purpose", "", "VMs + Databricks All-Purpose Compute DBUs"},
    {"azure", "azure", "Azure VMs, pay-as-you-go"},
    {"gcp", "gcp", "Compute Engine VMs, on-demand"},
    {"gcp-dataproc", "gcp", "Compute Engine VMs + the Dataproc premium per vCPU-hour"},
};

const ModeInfo* FindMode(std::string_view name) {
  for (const ModeInfo& mode : kModes) {
    if (name == mode.name) return &mode;
  }
  return nullptr;
}

std::string Money(double usd) {
  char text[64];
  std::snprintf(text, sizeof text, "$%.4g", usd);
  return text;
}

std::string Gib(double bytes) {
  char text[64];
  std::snprintf(text, sizeof text, "%.3g GiB", bytes / kBytesPerGib);
  return text;
}

// The provider an instance type's name belongs to, or "".
std::string ProviderOfInstance(std::string_view type) {
  if (type.substr(0, 9) == "Standard_") return "azure";
  if (type.substr(0, 3) == "n1-" || type.substr(0, 3) == "n2-" || type.substr(0, 4) == "n2d-" ||
      type.substr(0, 3) == "e2-" || type.substr(0, 3) == "c2-") {
    return "gcp";
  }
  if (type.find('.') != std::string_view::npos) return "aws";
  return "";
}

// The catalogs that priced a run, for Pricing's catalog/date/source.
struct UsedCatalogs {
  std::vector<const PriceCatalog*> list;
  void Add(const PriceCatalog* catalog) {
    if (catalog != nullptr && std::find(list.begin(), list.end(), catalog) == list.end()) list.push_back(catalog);
  }
  void Fill(Pricing* pricing) const {
    std::string dates;
    for (const PriceCatalog* catalog : list) {
      pricing->catalog += (pricing->catalog.empty() ? "" : " + ") + catalog->file;
      for (const std::string& source : catalog->sources) {
        if (pricing->source.find(source) != std::string::npos) continue;  // catalogs share pages
        pricing->source += (pricing->source.empty() ? "" : " ") + source;
      }
      // The oldest date: prices are at least as old as that.
      if (pricing->effective_date.empty() || catalog->effective_date < pricing->effective_date) {
        pricing->effective_date = catalog->effective_date;
      }
    }
  }
};

std::string KnownInstances(const PriceBook& book, std::string_view provider) {
  (void)book;
  std::string names;
  int count = 0;
  for (const PriceCatalog& catalog : BuiltInCatalogs()) {
    if (catalog.kind != "instances" || catalog.provider != provider) continue;
    for (const CatalogEntry& entry : catalog.entries) {
      if (count++ < 6) names += (names.empty() ? "" : ", ") + entry.name;
    }
  }
  if (count > 6) names += ", ... (" + std::to_string(count) + " in all, docs/cost.md)";
  return names;
}

// One node's hourly price under a mode, with what it consists of.
struct NodePrice {
  double usd_per_hour = 0;
  double vcpu = 0;
  double memory_gib = 0;
  std::string description;  // "m5.2xlarge $0.384 + EMR $0.096"
  std::string missing;      // why it could not be priced
};

NodePrice PriceNode(const PriceBook& book, const ModeInfo& mode, const std::string& provider, const std::string& type,
                    const ClusterShape& shape, const CostOptions& options, bool worker, UsedCatalogs* used,
                    std::string* notes) {
  NodePrice node;
  PriceBook::Match instance = book.Find(provider, "instances", type);
  if (!instance) {
    node.missing = "no " + provider + " price for instance type '" + type +
                   "' (known: " + KnownInstances(book, provider) + "); pass --price-per-core-hour or --price-catalog";
    return node;
  }
  used->Add(instance.catalog);
  node.vcpu = instance.entry->Number("vcpu");
  node.memory_gib = instance.entry->Number("memory_gib");
  double vm = instance.entry->Number("usd_per_hour");
  node.description = type + " " + Money(vm);
  if (options.spot && worker) {
    double discount = 0;
    std::string family = type.substr(0, type.find('.'));
    if (options.spot_discount) {
      discount = *options.spot_discount;
    } else {
      PriceBook::Match spot = book.Find("", "spot_discount", family);
      if (!spot) spot = book.Find("", "spot_discount", "*");
      if (spot) {
        discount = spot.entry->Number("discount");
        used->Add(spot.catalog);
      }
    }
    vm *= 1 - discount;
    node.description += " spot (-" + std::to_string(static_cast<int>(std::lround(discount * 100))) + "%)";
  }
  node.usd_per_hour = vm;
  std::string_view name = mode.name;
  if (name == "aws-emr") {
    PriceBook::Match uplift = book.Find("aws", "uplift", type);
    if (!uplift) {
      node.missing = "no EMR price for instance type '" + type + "' in the catalog";
      return node;
    }
    used->Add(uplift.catalog);
    node.usd_per_hour += uplift.entry->Number("usd_per_hour");
    node.description += " + EMR " + Money(uplift.entry->Number("usd_per_hour"));
  } else if (name == "gcp-dataproc") {
    PriceBook::Match premium = book.Find("gcp", "vcpu_premium", "dataproc");
    if (premium) {
      used->Add(premium.catalog);
      double extra = premium.entry->Number("usd_per_vcpu_hour") * node.vcpu;
      node.usd_per_hour += extra;
      node.description += " + Dataproc " + Money(extra);
    }
  } else if (name == "databricks-jobs" || name == "databricks-all-purpose") {
    PriceBook::Match dbu = book.Find("databricks", "dbu_per_hour", type);
    if (!dbu) {
      node.missing = "no DBU-per-hour figure for node type '" + type + "' in the catalog";
      return node;
    }
    std::string sku = name == "databricks-jobs" ? "jobs_compute" : "all_purpose";
    std::string cloud = shape.cloud.empty() ? provider : shape.cloud;
    PriceBook::Match rate = book.FindWith("databricks", "dbu_rates", sku, {{"cloud", cloud}, {"tier", "premium"}});
    if (!rate) {
      node.missing = "no Databricks " + sku + " DBU rate for cloud '" + cloud + "' in the catalog";
      return node;
    }
    used->Add(dbu.catalog);
    used->Add(rate.catalog);
    double dbus = dbu.entry->Number("dbu_per_hour");
    if (shape.photon) dbus *= rate.entry->Number("photon_dbu_multiplier", 1);
    double extra = dbus * rate.entry->Number("usd_per_dbu");
    node.usd_per_hour += extra;
    char text[128];
    std::snprintf(text, sizeof text, " + %.3g DBU x %s (%s premium%s)", dbus,
                  Money(rate.entry->Number("usd_per_dbu")).c_str(), sku.c_str(), shape.photon ? ", Photon" : "");
    node.description += text;
    if (notes->find("tier") == std::string::npos) *notes += "Databricks premium-tier list DBU rates. ";
  }
  return node;
}

void FlagPricing(const ClusterShape& shape, const CostOptions& options, PricingDecision* decision) {
  Pricing& p = decision->pricing;
  p.known = true;
  p.usd_per_core_hour = options.price_per_core_hour.value_or(0);
  p.usd_per_memory_gib_hour = options.price_per_gib_hour.value_or(0);
  double driver_gib = static_cast<double>(shape.driver_memory_bytes) / kBytesPerGib;
  p.usd_per_wall_clock_hour = p.usd_per_core_hour * shape.driver_cores + p.usd_per_memory_gib_hour * driver_gib;
  p.catalog = "flags";
  p.basis = "executor core-hours at " + Money(p.usd_per_core_hour) + " and memory GiB-hours at " +
            Money(p.usd_per_memory_gib_hour) + " (flags); the driver's " + std::to_string(shape.driver_cores) +
            " core(s) and " + Gib(static_cast<double>(shape.driver_memory_bytes)) + " for the wall clock";
}

void ServerlessPricing(const PriceBook& book, const ClusterShape& shape, const CostOptions& options,
                       PricingDecision* decision) {
  std::string arch = options.instance_type == "arm64" ? "arm64" : "x86_64";
  PriceBook::Match rates = book.Find("aws", "serverless", arch);
  if (!rates) {
    decision->unknown_reason = "no EMR Serverless rates for " + arch + " in the catalog";
    return;
  }
  UsedCatalogs used;
  used.Add(rates.catalog);
  Pricing& p = decision->pricing;
  p.known = true;
  p.usd_per_core_hour = rates.entry->Number("usd_per_vcpu_hour");
  p.usd_per_memory_gib_hour = rates.entry->Number("usd_per_gib_hour");
  double driver_gib = static_cast<double>(shape.driver_memory_bytes) / kBytesPerGib;
  p.usd_per_wall_clock_hour = p.usd_per_core_hour * shape.driver_cores + p.usd_per_memory_gib_hour * driver_gib;
  p.basis = "EMR Serverless (" + arch + ", us-east-1): executor vCPU-hours at " + Money(p.usd_per_core_hour) +
            " and GB-hours at " + Money(p.usd_per_memory_gib_hour) + " (heap + overhead); driver " +
            std::to_string(shape.driver_cores) + " vCPU, " + Gib(static_cast<double>(shape.driver_memory_bytes));
  used.Fill(&p);
}

}  // namespace

PricingDecision DecidePricing(const AppStatus& status, const SparkConf& conf, const CostOptions& options) {
  PricingDecision decision;
  decision.shape = DetectClusterShape(status, conf);
  const ClusterShape& shape = decision.shape;

  PriceBook book;
  if (!options.catalog_text.empty() &&
      !book.AddUserCatalog(options.catalog_text, options.catalog_name.empty() ? "price catalog" : options.catalog_name,
                           &decision.error)) {
    decision.unknown_reason = decision.error;
    return decision;
  }
  if (options.price_per_core_hour || options.price_per_gib_hour) {
    FlagPricing(shape, options, &decision);
    return decision;
  }

  // The mode: the flag, else what the log and the instance type's name say.
  std::string type = options.instance_type.empty() ? shape.worker_node_type : options.instance_type;
  std::string mode_name = options.pricing;
  if (!mode_name.empty() && FindMode(mode_name) == nullptr) {
    std::string known;
    for (const ModeInfo& mode : kModes) known += std::string(known.empty() ? "" : ", ") + mode.name;
    decision.error = "unknown pricing '" + mode_name + "' (known: " + known + ")";
    decision.unknown_reason = decision.error;
    return decision;
  }
  if (mode_name.empty()) {
    std::string provider = ProviderOfInstance(type);
    if (shape.platform == "databricks" && !type.empty()) {
      mode_name = shape.job_cluster ? "databricks-jobs" : "databricks-all-purpose";
    } else if (shape.platform == "emr-serverless") {
      mode_name = "emr-serverless";
    } else if (provider == "aws") {
      mode_name = shape.platform == "emr" ? "aws-emr" : "aws-ec2";
    } else if (provider == "azure") {
      mode_name = "azure";
    } else if (provider == "gcp") {
      mode_name = shape.platform == "dataproc" ? "gcp-dataproc" : "gcp";
    }
  }
  if (mode_name == "emr-serverless") {
    ServerlessPricing(book, shape, options, &decision);
    return decision;
  }
  if (type.empty()) {
    decision.unknown_reason = "the log does not name the instance type" +
                              (shape.platform.empty() ? std::string() : " (platform: " + shape.platform + ")") +
                              "; pass --instance-type, --pricing emr-serverless or --price-per-core-hour";
    return decision;
  }
  if (mode_name.empty()) {
    decision.error =
        "cannot tell the provider of instance type '" + type + "'; pass --pricing (aws-ec2, azure, gcp, ...)";
    decision.unknown_reason = decision.error;
    return decision;
  }
  const ModeInfo& mode = *FindMode(mode_name);
  std::string provider = *mode.provider ? mode.provider : ProviderOfInstance(type);
  if (provider.empty()) provider = shape.cloud;

  UsedCatalogs used;
  std::string notes;
  NodePrice worker = PriceNode(book, mode, provider, type, shape, options, /*worker=*/true, &used, &notes);
  if (!worker.missing.empty()) {
    // A type the user named must be priceable; one read from the log may not be.
    if (!options.instance_type.empty()) decision.error = worker.missing;
    decision.unknown_reason = worker.missing;
    return decision;
  }
  std::string driver_type =
      shape.driver_node_type.empty() || !options.instance_type.empty() ? type : shape.driver_node_type;
  NodePrice driver = driver_type == type && !options.spot ? worker
                                                          : PriceNode(book, mode, provider, driver_type, shape, options,
                                                                      /*worker=*/false, &used, &notes);
  if (!driver.missing.empty()) {
    decision.unknown_reason = "driver node: " + driver.missing;
    return decision;
  }

  // Executors per instance: Databricks runs one executor per worker;
  // elsewhere as many as the instance's cores and usable memory hold.
  int n = shape.platform == "databricks" ? 1
                                         : ExecutorsPerInstance(worker.vcpu, worker.memory_gib, shape.executor_cores,
                                                                shape.executor_memory_bytes());
  decision.executors_per_instance = n;
  decision.worker_usd_per_hour = worker.usd_per_hour;
  decision.worker_vcpu = worker.vcpu;
  decision.worker_memory_gib = worker.memory_gib;

  Pricing& p = decision.pricing;
  p.known = true;
  p.usd_per_executor_hour = worker.usd_per_hour / n;
  p.usd_per_wall_clock_hour = driver.usd_per_hour;
  std::string cores = shape.executor_cores > 0 ? std::to_string(shape.executor_cores) + " cores" : "unknown cores";
  char shape_text[200];
  std::snprintf(shape_text, sizeof shape_text, " (%g vCPU, %g GiB; %d executor%s of %s / %s each)", worker.vcpu,
                worker.memory_gib, n, n == 1 ? "" : "s", cores.c_str(),
                Gib(static_cast<double>(shape.executor_memory_bytes())).c_str());
  p.basis = std::string(mode.meaning) + ": workers " + worker.description + " per hour" + shape_text +
            ", executor-hours at " + Money(p.usd_per_executor_hour) + "; driver " + driver.description +
            " per hour for the wall clock";
  used.Fill(&p);
  std::string catalog_region;
  for (const PriceCatalog* catalog : used.list) {
    if (catalog->kind == "instances") catalog_region = catalog->region;
  }
  if (!shape.region.empty() && !catalog_region.empty() && shape.region != catalog_region) {
    notes += "Prices are for " + catalog_region + "; the log names region " + shape.region + ". ";
  }
  if (shape.spot_hint && !options.spot)
    notes += "The cluster asked for spot capacity; priced on-demand (pass --spot). ";
  if (!shape.evidence.empty()) notes += "Shape from: " + shape.evidence + ".";
  while (!notes.empty() && notes.back() == ' ') notes.pop_back();
  decision.notes = notes;
  return decision;
}

int ExecutorsPerInstance(double vcpu, double memory_gib, int32_t cores, int64_t memory_bytes) {
  double by_cores = std::floor(vcpu / std::max(1.0, cores > 0 ? static_cast<double>(cores) : vcpu));
  double executor_gib = static_cast<double>(memory_bytes) / kBytesPerGib;
  double by_memory = executor_gib > 0 ? std::floor(memory_gib * kUsableMemoryShare / executor_gib) : by_cores;
  return static_cast<int>(std::clamp(std::min(by_cores, by_memory), 1.0, 1024.0));
}

ResourceUse ObservedResourceUse(const AppAnalysis& analysis, const ClusterShape& shape) {
  ResourceUse use;
  use.wall_clock_hours = static_cast<double>(std::max<int64_t>(0, analysis.window.duration_ms())) / 3.6e6;
  const double memory_gib = static_cast<double>(shape.executor_memory_bytes()) / kBytesPerGib;
  const int32_t task_cpus = std::max(1, analysis.conf.task_cpus());
  for (const ExecutorSlots& slots : analysis.slots.executors) {
    const ExecutorStatusData& e = analysis.status->executors[slots.executor];
    // The driver is a wall-clock charge, also when it ran tasks (local mode).
    if (e.id == "driver") continue;
    double hours = static_cast<double>(slots.end_ms - slots.start_ms) / 3.6e6;
    int32_t cores = e.total_cores > 0          ? e.total_cores
                    : shape.executor_cores > 0 ? shape.executor_cores
                                               : slots.slots * task_cpus;
    use.executor_hours += hours;
    use.core_hours += hours * cores;
    use.memory_gib_hours += hours * memory_gib;
  }
  return use;
}

ResourceUse ObservedResourceUse(const AppAnalysis& analysis) {
  return ObservedResourceUse(analysis, DetectClusterShape(*analysis.status, analysis.conf));
}

}  // namespace sparkdx::cost

namespace sparkdx {

std::vector<std::pair<std::string, std::string>> PricingModes() {
  std::vector<std::pair<std::string, std::string>> modes;
  for (const cost::ModeInfo& mode : cost::kModes) modes.emplace_back(mode.name, mode.meaning);
  return modes;
}

bool ValidateCostOptions(const CostOptions& options, std::string* error) {
  for (const auto& [flag, rate] : {std::pair{"--price-per-core-hour", options.price_per_core_hour},
                                   std::pair{"--price-per-gib-hour", options.price_per_gib_hour}}) {
    if (rate && !(std::isfinite(*rate) && *rate >= 0 && *rate < 1e6)) {
      *error = std::string(flag) + ": expected a price in USD of at least 0";
      return false;
    }
  }
  if (options.spot_discount && !(*options.spot_discount >= 0 && *options.spot_discount < 1)) {
    *error = "--spot-discount: expected a fraction from 0 to below 1 (e.g. 0.6 or 60%)";
    return false;
  }
  cost::PriceBook book;
  if (!options.catalog_text.empty() &&
      !book.AddUserCatalog(options.catalog_text, options.catalog_name.empty() ? "price catalog" : options.catalog_name,
                           error)) {
    return false;
  }
  const cost::ModeInfo* mode = nullptr;
  if (!options.pricing.empty()) {
    mode = cost::FindMode(options.pricing);
    if (mode == nullptr) {
      std::string known;
      for (const cost::ModeInfo& row : cost::kModes) known += std::string(known.empty() ? "" : ", ") + row.name;
      *error = "unknown pricing '" + options.pricing + "' (known: " + known + ")";
      return false;
    }
  }
  const std::string& type = options.instance_type;
  bool flag_rates = options.price_per_core_hour || options.price_per_gib_hour;
  if (type.empty() || flag_rates || (mode != nullptr && options.pricing == "emr-serverless")) return true;
  std::string provider = mode != nullptr && *mode->provider ? mode->provider : cost::ProviderOfInstance(type);
  if (provider.empty()) {
    *error = "cannot tell the provider of instance type '" + type + "'; pass --pricing (aws-ec2, azure, gcp, ...)";
    return false;
  }
  if (!book.Find(provider, "instances", type)) {
    *error = "unknown instance type '" + type + "' for " + provider +
             " (known: " + cost::KnownInstances(book, provider) + "); pass --price-per-core-hour or --price-catalog";
    return false;
  }
  return true;
}

}  // namespace sparkdx
