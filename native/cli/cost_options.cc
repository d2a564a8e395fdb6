#include "cost_options.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <cstring>

#include "file_reader.h"
#include "sparkdx/cost.h"

namespace sparkdx::cli {
namespace {

// A plain decimal number (no hex, no inf/nan, nothing after it).
bool ParseNumber(const std::string& text, double* out) {
  if (text.empty() || text.find_first_not_of("0123456789.eE+-") != std::string::npos) return false;
  char* end = nullptr;
  errno = 0;
  double value = std::strtod(text.c_str(), &end);
  if (errno != 0 || end != text.c_str() + text.size() || !std::isfinite(value)) return false;
  *out = value;
  return true;
}

// "0.6" or "60%".
bool ParseFraction(const std::string& text, double* out) {
  bool percent = !text.empty() && text.back() == '%';
  if (!ParseNumber(percent ? text.substr(0, text.size() - 1) : text, out)) return false;
  if (percent) *out /= 100;
  return true;
}

}  // namespace

const char kCostOptionsHelp[] =
    "cost (see docs/cost.md; prices are list prices from built-in catalogs):\n"
    "  --instance-type TYPE        worker node type when the log does not say it\n"
    "                              (m5.2xlarge, Standard_E8s_v5, n2-highmem-8, ...)\n"
    "  --pricing MODE              aws-ec2, aws-emr, emr-serverless, databricks-jobs,\n"
    "                              databricks-all-purpose, azure, gcp, gcp-dataproc\n"
    "  --price-per-core-hour USD   price executor core-hours (and the driver's cores)\n"
    "                              at this rate instead of the catalogs\n"
    "  --price-per-gib-hour USD    the same for executor memory (heap + overhead)\n"
    "  --spot                      workers are spot/preemptible (the catalog's discount)\n"
    "  --spot-discount FRACTION    spot discount off on-demand (0.65 or 65%)\n"
    "  --price-catalog FILE        a JSON price catalog whose entries override the\n"
    "                              built-in ones (same schema as core/data/prices/)\n";

OptionParse ParseCostOption(const std::vector<std::string>& args, size_t* i, CostOptionsParse* parse,
                            std::string* error) {
  const std::string& arg = args[*i];
  CostOptions& options = parse->options;
  if (arg == "--spot") {
    options.spot = true;
    return OptionParse::kTaken;
  }
  if (arg != "--instance-type" && arg != "--pricing" && arg != "--price-per-core-hour" &&
      arg != "--price-per-gib-hour" && arg != "--spot-discount" && arg != "--price-catalog") {
    return OptionParse::kNotMine;
  }
  if (*i + 1 >= args.size()) {
    *error = arg + " needs a value";
    return OptionParse::kError;
  }
  const std::string& value = args[++*i];
  double number = 0;
  if (arg == "--instance-type") {
    options.instance_type = value;
  } else if (arg == "--pricing") {
    options.pricing = value;
  } else if (arg == "--price-catalog") {
    parse->catalog_path = value;
  } else if (arg == "--spot-discount") {
    if (!ParseFraction(value, &number) || number < 0 || number >= 1) {
      *error = "--spot-discount: invalid fraction '" + value + "' (from 0 to below 1, e.g. 0.65 or 65%)";
      return OptionParse::kError;
    }
    options.spot_discount = number;
    options.spot = true;
  } else {
    if (!ParseNumber(value, &number) || number < 0 || number >= 1e6) {
      *error = arg + ": invalid price '" + value + "' (USD, e.g. 0.05)";
      return OptionParse::kError;
    }
    (arg == "--price-per-core-hour" ? options.price_per_core_hour : options.price_per_gib_hour) = number;
  }
  return OptionParse::kTaken;
}

bool ResolveCostOptions(const CostOptionsParse& parse, CostOptions* options, std::string* error) {
  CostOptions resolved = parse.options;
  if (!parse.catalog_path.empty()) {
    std::string text;
    int read_error = ReadSmallFile(parse.catalog_path, &text);
    if (read_error != 0) {
      *error = "cannot read price catalog " + parse.catalog_path + ": " + std::strerror(read_error);
      return false;
    }
    if (text.empty()) {
      *error = parse.catalog_path + ": empty price catalog";
      return false;
    }
    resolved.catalog_text = std::move(text);
    resolved.catalog_name = parse.catalog_path;
  }
  if (!ValidateCostOptions(resolved, error)) return false;
  *options = std::move(resolved);
  return true;
}

}  // namespace sparkdx::cli
