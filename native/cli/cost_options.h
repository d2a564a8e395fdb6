// The pricing options of `sparkdx analyze` and `sparkdx whatif`
// (docs/cost.md): --instance-type, --pricing, --price-per-core-hour,
// --price-per-gib-hour, --spot, --spot-discount, --price-catalog.
//
//   CostOptionsParse cost;
//   OptionParse parse = ParseCostOption(args, &i, &cost, &error);  // in the argument loop
//   ...
//   if (!ResolveCostOptions(cost, &options.analyzer.cost, &error)) ...  // after it
#ifndef SPARKDX_CLI_COST_OPTIONS_H_
#define SPARKDX_CLI_COST_OPTIONS_H_

#include <string>
#include <vector>

#include "reading_options.h"
#include "sparkdx/options.h"

namespace sparkdx::cli {

struct CostOptionsParse {
  CostOptions options;       // as the flags set them
  std::string catalog_path;  // --price-catalog, "" when not given
};

// As ParseReadingOption: kTaken (consuming the value), kError with *error
// naming the flag and its value, or kNotMine.
OptionParse ParseCostOption(const std::vector<std::string>& args, size_t* i, CostOptionsParse* parse,
                            std::string* error);

// Reads the --price-catalog file and checks every option against the
// catalogs (sparkdx/cost.h). Returns false with *error naming the file or
// flag and what is wrong.
bool ResolveCostOptions(const CostOptionsParse& parse, CostOptions* options, std::string* error);

// Help lines for these options.
extern const char kCostOptionsHelp[];

}  // namespace sparkdx::cli

#endif  // SPARKDX_CLI_COST_OPTIONS_H_
