// Cluster pricing: what the run held (ResourceUse) and the rates that turn
// it into money (Pricing, cost/pricing.h), decided once per application
// from the cluster shape in the log (cost/cluster_shape.h), the built-in
// price catalogs (core/data/prices/, cost/price_catalog.h) and the user's
// CostOptions. The cost report section and the what-if simulator both
// price with these, so a scenario is priced exactly like the observed run.
//
// How executors become money (docs/cost.md):
//   - instance pricing (EC2, EMR, Azure, GCP/Dataproc, Databricks): an
//     instance of V vCPU and M GiB holds n = min(V / executor cores,
//     M x kUsableMemoryShare / executor memory) executors (at least 1), so
//     one executor-hour costs (instance + uplift + DBU) per hour / n; the
//     driver's node is a wall-clock charge;
//   - EMR Serverless: per vCPU-hour and per GiB-hour of executors, the
//     driver's cores and memory as a wall-clock charge;
//   - flags: --price-per-core-hour / --price-per-gib-hour are the rates.
#ifndef SPARKDX_COST_CLUSTER_PRICING_H_
#define SPARKDX_COST_CLUSTER_PRICING_H_

#include <string>

#include "analysis/app_analysis.h"
#include "analysis/spark_conf.h"
#include "cost/cluster_shape.h"
#include "cost/pricing.h"
#include "sparkdx/options.h"
#include "status/app_status.h"

namespace sparkdx::cost {

// The share of an instance's memory that executors can take (the rest is
// the OS, the node manager / Databricks daemons): YARN on EMR offers about
// 75% of a node's memory to containers.
inline constexpr double kUsableMemoryShare = 0.75;

struct PricingDecision {
  Pricing pricing;             // known == false: no price (see unknown_reason)
  std::string unknown_reason;  // why no price, when !pricing.known
  std::string error;           // a user error (bad flag, unknown instance type, malformed catalog), else ""
  ClusterShape shape;
  // Instance pricing only: executors an instance holds, and the worker
  // node's price and size (right-sizing re-packs executors with them).
  int executors_per_instance = 0;
  double worker_usd_per_hour = 0;
  double worker_vcpu = 0;
  double worker_memory_gib = 0;
  std::string notes;  // assumptions worth stating (region mismatch, spot discount, ...)
};

// Decides the rates for an application. Never fails: a user error is
// reported in `error` (and pricing is unknown).
PricingDecision DecidePricing(const AppStatus& status, const SparkConf& conf, const CostOptions& options);

// The contract's entry point for the simulator: the rates only.
inline Pricing DeterminePricing(const AppStatus& status, const SparkConf& conf, const CostOptions& options) {
  return DecidePricing(status, conf, options).pricing;
}

// What the run held: executors (not the driver, unless it ran tasks in
// local mode) from their add to their removal or the end of the window
// (analysis/executor_slots.h), their cores, and heap + overhead memory.
ResourceUse ObservedResourceUse(const AppAnalysis& analysis, const ClusterShape& shape);
// The same, deciding the shape itself.
ResourceUse ObservedResourceUse(const AppAnalysis& analysis);

// Executors of `cores` and `memory_bytes` (heap + overhead) an instance of
// `vcpu` and `memory_gib` holds: by cores and by kUsableMemoryShare of its
// memory, at least 1. `cores` <= 0 means one executor takes every vCPU.
int ExecutorsPerInstance(double vcpu, double memory_gib, int32_t cores, int64_t memory_bytes);

}  // namespace sparkdx::cost

#endif  // SPARKDX_COST_CLUSTER_PRICING_H_
