// Pricing options checked before analysis (docs/cost.md): a shell calls
// ValidateCostOptions once, so a typo in --instance-type or a malformed
// --price-catalog is an error up front rather than a null cost in every
// application of the report.
#ifndef SPARKDX_COST_H_
#define SPARKDX_COST_H_

#include <string>
#include <vector>

#include "sparkdx/options.h"

namespace sparkdx {

// Returns false with *error set when: the user catalog does not parse or
// breaks the schema (the message names catalog_name and the position); the
// pricing mode is unknown; the instance type is not in the catalogs of its
// provider (unless flags give the rates); a rate is not positive; the spot
// discount is not in [0, 1).
bool ValidateCostOptions(const CostOptions& options, std::string* error);

// The pricing modes --pricing accepts, with one line each.
std::vector<std::pair<std::string, std::string>> PricingModes();

}  // namespace sparkdx

#endif  // SPARKDX_COST_H_
