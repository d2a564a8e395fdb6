// sql.broadcast_too_large: a broadcast exchange shipped a large relation:
// it was collected to the driver, built into a hash table there and sent
// to every executor, each of which holds it in memory for the whole join.
// Large broadcasts stall the query on the driver, risk driver and executor
// OutOfMemoryErrors and broadcast timeouts.
//
// Thresholds (ANCHORS §14.5, §14.12): the exchange's "data size" above
// 256 MiB is the warn band, above 1 GiB DataFlint's BroadcastTooLargeAlert
// and the critical band; the floor is raised to match, because the cost of
// a large broadcast is mostly risk (driver OOM, timeouts) that the run's
// time does not show. The driver needs room for it: Compass warns when
// broadcasts reach 40% of driver memory (§14.5, OOMWarnDetector), so the
// driver memory recommended is the size / 0.4, rounded up to a GiB.
//
// Saving: the broadcast's measured driver-side time ("time to collect",
// "time to build", "time to broadcast"), which blocks the query; a shuffle
// join pays a shuffle instead, so this is an upper bound.
#include <algorithm>
#include <string>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/sql_support.h"

namespace sparkdx {
namespace {

constexpr int64_t kBroadcastWarnBytes = 256 * kMiB;
constexpr int64_t kBroadcastCriticalBytes = 1 * kGiB;
constexpr double kBroadcastMaxDriverShare = 0.40;

}  // namespace

void CheckSqlBroadcastTooLarge(const AppAnalysis& analysis, RuleOutput* out) {
  const AppStatus& status = *analysis.status;
  bool any_broadcast = false;
  for (const auto& [id, exec] : status.sql_executions) {
    for (const SqlPlanNodeData& node : exec.nodes) {
      if (!SqlNodeNameStartsWith(node, "BroadcastExchange")) continue;
      std::optional<int64_t> size = SqlMetricTotal(exec, node, "data size");
      if (!size) continue;
      any_broadcast = true;
      if (*size <= kBroadcastWarnBytes) continue;
      int64_t rows = SqlMetricTotal(exec, node, "number of output rows").value_or(0);
      int64_t collect_ms = SqlMetricMs(exec, node, "time to collect").value_or(0);
      int64_t build_ms = SqlMetricMs(exec, node, "time to build").value_or(0);
      int64_t broadcast_ms = SqlMetricMs(exec, node, "time to broadcast").value_or(0);
      int64_t driver_ms = collect_ms + build_ms + broadcast_ms;
      int64_t driver_memory = analysis.conf.driver_memory_bytes();
      int64_t threshold = analysis.conf.broadcast_threshold_bytes();
      std::string source = SqlFirstScanBelow(exec, node);

      Finding f;
      f.entity = SqlEntity(exec);
      f.cause = *size > kBroadcastCriticalBytes ? "over_1_gib" : "over_256_mib";
      f.evidence = {Bytes("broadcast_size", *size),   Count("broadcast_rows", rows),
                    Ms("time_to_collect", collect_ms), Ms("time_to_build", build_ms),
                    Ms("time_to_broadcast", broadcast_ms), Bytes("driver_memory", driver_memory),
                    Bytes("broadcast_threshold", threshold)};
      f.explanation = SqlLabel(exec) + " broadcast " + HumanBytes(*size) + " (" + std::to_string(rows) + " rows" +
                      (source.empty() ? "" : " from " + source) + "), above " +
                      HumanBytes(*size > kBroadcastCriticalBytes ? kBroadcastCriticalBytes : kBroadcastWarnBytes) +
                      ": the driver collected and built it in " + HumanDuration(collect_ms + build_ms) +
                      " and sent it in " + HumanDuration(broadcast_ms) + ", and every executor holds a copy. It is " +
                      HumanPercent(SafeRatio(static_cast<double>(*size), static_cast<double>(driver_memory))) +
                      " of the driver's " + HumanBytes(driver_memory) + ".";
      if (threshold >= *size) {
        int64_t lowered = std::min<int64_t>(kBroadcastWarnBytes, RoundUpBytes(*size / 2, kMiB));
        f.recommendations.push_back({"The threshold (" + HumanBytes(threshold) + ") let a " + HumanBytes(*size) +
                                         " relation be broadcast; lower it so joins this size shuffle instead.",
                                     "spark.sql.autoBroadcastJoinThreshold", SparkSizeText(lowered)});
      }
      f.recommendations.push_back({"Or ask for a shuffle join on this join: a /*+ SHUFFLE_HASH(" +
                                       (source.empty() ? std::string("<large table>") : source) +
                                       ") */ or /*+ MERGE */ hint (and drop any BROADCAST hint on it).",
                                   "", ""});
      if (static_cast<double>(*size) > kBroadcastMaxDriverShare * static_cast<double>(driver_memory)) {
        int64_t needed = RoundUpBytes(static_cast<int64_t>(static_cast<double>(*size) / kBroadcastMaxDriverShare), kGiB);
        f.recommendations.push_back({"While it stays a broadcast, give the driver room for it (the broadcast at most " +
                                         HumanPercent(kBroadcastMaxDriverShare) + " of its memory).",
                                     "spark.driver.memory", SparkSizeText(needed)});
      }
      f.saving_ms = driver_ms;
      f.impact = "Up to " + HumanDuration(driver_ms) + " (" + ShareOfRun(driver_ms, analysis) +
                 "): the broadcast's collect, build and send time on the driver, during which the join waited; a "
                 "shuffle join pays a shuffle instead, and removes the driver OutOfMemoryError and timeout risk.";
      f.confidence = Confidence::kMedium;
      f.severity_floor = *size > kBroadcastCriticalBytes ? FindingSeverity::kCritical : FindingSeverity::kWarning;
      out->findings.push_back(std::move(f));
    }
  }
  if (!any_broadcast) out->NotRun("no SQL execution has a broadcast exchange with a data size");
}

}  // namespace sparkdx
