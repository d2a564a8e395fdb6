// The contract between cost (core/src/cost/) and simulation
// (core/src/simulate/): what a run, observed or simulated, held, and the
// rates that turn that into money. Cost decides the rates (from the price
// catalogs, the cluster shape in the log, or the user's flags); the
// simulator only describes the resources a scenario would hold and asks
// PriceUsd, so a what-if is priced exactly like the observed run.
#ifndef SPARKDX_COST_PRICING_H_
#define SPARKDX_COST_PRICING_H_

#include <string>

namespace sparkdx::cost {

// Resources held over a run. Hours are resource-hours (2 executors of 4
// cores for 30 min hold 4 core-hours).
struct ResourceUse {
  double wall_clock_hours = 0;      // the run's wall clock (the driver is held throughout)
  double executor_hours = 0;        // executors alive x hours
  double core_hours = 0;            // executor cores alive x hours
  double memory_gib_hours = 0;      // executor memory (heap + overhead) alive x hours
};

// Linear rates; any may be zero. `known` is false when no price could be
// determined (no catalog match and no flag): costs are then null in reports.
struct Pricing {
  bool known = false;
  double usd_per_wall_clock_hour = 0;  // fixed per-run charges, e.g. the driver's node
  double usd_per_executor_hour = 0;
  double usd_per_core_hour = 0;
  double usd_per_memory_gib_hour = 0;
  std::string basis;           // one line: what was priced and how, e.g. "8 x m5.2xlarge on-demand (us-east-1) + EMR"
  std::string catalog;         // catalog file name, or "flags"
  std::string effective_date;  // of the catalog's prices (YYYY-MM-DD), "" for flags
  std::string source;          // where the prices come from (a URL), "" for flags
};

inline double PriceUsd(const Pricing& pricing, const ResourceUse& use) {
  return pricing.usd_per_wall_clock_hour * use.wall_clock_hours + pricing.usd_per_executor_hour * use.executor_hours +
         pricing.usd_per_core_hour * use.core_hours + pricing.usd_per_memory_gib_hour * use.memory_gib_hours;
}

}  // namespace sparkdx::cost

#endif  // SPARKDX_COST_PRICING_H_
