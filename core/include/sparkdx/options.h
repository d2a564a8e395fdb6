// AnalyzerOptions: the knobs a shell may set. Defaults suit both the native
// CLI and the browser.
#ifndef SPARKDX_OPTIONS_H_
#define SPARKDX_OPTIONS_H_

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sparkdx {

// The chunk size every shell pushes (files are read and sliced in pieces of
// this size, pipes are read until a piece is full). Reports do not depend on
// it, except `bytes_read` of a file whose reading stopped early, which
// counts the whole piece being read.
inline constexpr size_t kFeedChunkBytes = 4u << 20;

// How the run is priced (docs/cost.md). Empty and unset fields mean "from
// the log and the built-in catalogs"; the core decides the rates in
// core/src/cost/cluster_pricing.h.
struct CostOptions {
  std::string instance_type;  // worker (and driver) node type, e.g. "m5.2xlarge"; "" : from the log
  std::string pricing;        // "aws-ec2", "aws-emr", "emr-serverless", "databricks-jobs", "azure", "gcp-dataproc"; "" : inferred
  std::optional<double> price_per_core_hour;  // USD per executor core-hour (replaces catalog prices)
  std::optional<double> price_per_gib_hour;   // USD per executor memory GiB-hour
  bool spot = false;                          // instances are spot / preemptible
  std::optional<double> spot_discount;        // fraction off on-demand (0..1); default from the catalog
  // A user price catalog (same schema as core/data/prices/*.json): its text
  // and the name errors cite. Its entries take precedence over built-in ones.
  std::string catalog_text;
  std::string catalog_name;
};

// The what-if scenarios a user asks for (sparkdx whatif, docs/simulation.md),
// simulated besides the default set. Zero, empty or -1: not asked.
struct WhatIfOptions {
  std::vector<int32_t> executors;        // executor counts, each a point of the executor curve
  int32_t executor_cores = 0;            // executor shape: cores per executor
  int64_t executor_memory_bytes = 0;     // executor shape: spark.executor.memory
  int32_t shuffle_partitions = 0;        // spark.sql.shuffle.partitions
  int32_t dynamic_min_executors = -1;    // dynamic allocation min:max
  int32_t dynamic_max_executors = -1;
};

struct AnalyzerOptions {
  // Decompression-bomb guard, per file: decoding stops with an error issue
  // when a file has produced `max_decoded_bytes` (0: no limit), or when, at
  // any multiple of kRatioGuardStepBytes from kRatioGuardMinBytes on, it has
  // produced more than `max_expansion_ratio` times the bytes read (0: off).
  static constexpr uint64_t kRatioGuardMinBytes = 256ull << 20;
  static constexpr uint64_t kRatioGuardStepBytes = 64ull << 20;
  uint64_t max_decoded_bytes = 0;
  uint32_t max_expansion_ratio = 1000;

  // Lines longer than this are skipped (counted as malformed) without being
  // buffered or parsed. Spark SQL plan lines reach tens of megabytes. Parsing
  // a line takes about 7 times its size in memory, so 256 MiB stays well
  // inside WebAssembly's 4 GiB.
  uint64_t max_line_bytes = 256ull << 20;

  // Zip entries of a rolling log that arrive out of order are held in memory
  // until their turn, up to this many bytes in all; beyond it they are fed in
  // arrival order and the report says so.
  uint64_t max_zip_reorder_bytes = 1ull << 30;

  // Replace what could identify people, machines, data or secrets in the
  // report (application names and ids, users, hosts, IPs, paths, tables,
  // SQL literals, secret configuration values) by stable pseudonyms such as
  // host-1 (docs/redaction.md). Numbers, rule ids and config keys stay. The
  // report then says "redacted": true. REST answers are never redacted.
  bool redact = false;

  CostOptions cost;
  WhatIfOptions whatif;
};

}  // namespace sparkdx

#endif  // SPARKDX_OPTIONS_H_
