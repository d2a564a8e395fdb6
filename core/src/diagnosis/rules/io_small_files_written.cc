// io.small_files_written: a SQL execution wrote many small files (the write
// command's "number of written files" and "written output" metrics): every
// later reader pays to open them, and object stores and the metastore pay
// per file.
//
// Thresholds (ANCHORS §14.5, §14.12): more than 100 files with an average
// below 3 MiB (DataFlint's small-files alert; sparkdx's critical band, which
// raises the floor to a warning). The target is 128 MiB per file
// (DataFlint's ideal file): repartition(ceil(bytes / 128 MiB)).
//
// Saving. What this run pays is the commit work per file: Spark 3.2+
// reports "task commit time" (core time) and "job commit time" (driver wall
// clock); with target / files as many files both shrink in that proportion.
// The larger cost, every later read, is io.small_files_read's to measure in
// the readers' logs.
#include <algorithm>
#include <string>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/sql_support.h"

namespace sparkdx {
namespace {

constexpr int64_t kSmallWritesMinFiles = 100;
constexpr int64_t kSmallWritesMaxAverageBytes = 3 * kMiB;
constexpr int64_t kTargetFileBytes = 128 * kMiB;

}  // namespace

void CheckIoSmallFilesWritten(const AppAnalysis& analysis, RuleOutput* out) {
  const AppStatus& status = *analysis.status;
  bool any_write = false;
  for (const auto& [id, exec] : status.sql_executions) {
    for (const SqlPlanNodeData& node : exec.nodes) {
      std::optional<int64_t> files = SqlMetricTotal(exec, node, "number of written files");
      std::optional<int64_t> bytes = SqlMetricTotal(exec, node, "written output");
      if (!files || !bytes) continue;
      any_write = true;
      if (*files <= kSmallWritesMinFiles || *bytes >= kSmallWritesMaxAverageBytes * *files) continue;
      int64_t average = *bytes / *files;
      int64_t target = std::max<int64_t>(1, (*bytes + kTargetFileBytes - 1) / kTargetFileBytes);
      int64_t partitions = SqlMetricTotal(exec, node, "number of dynamic part").value_or(0);
      int64_t task_commit_ms = SqlMetricMs(exec, node, "task commit time").value_or(0);
      int64_t job_commit_ms = SqlMetricMs(exec, node, "job commit time").value_or(0);
      double kept = std::min(1.0, SafeRatio(static_cast<double>(target), static_cast<double>(*files)));

      Finding f;
      f.entity = SqlEntity(exec);
      f.evidence = {Count("files_written", *files),     Bytes("bytes_written", *bytes),
                    Bytes("average_file_size", average), Count("target_files", target),
                    Count("dynamic_partitions", partitions), Ms("task_commit_time", task_commit_ms),
                    Ms("job_commit_time", job_commit_ms)};
      f.explanation = SqlLabel(exec) + " wrote " + std::to_string(*files) + " files holding " + HumanBytes(*bytes) +
                      " (" + SqlNodeName(node) + "), an average of " + HumanBytes(average) + " per file, below " +
                      HumanBytes(kSmallWritesMaxAverageBytes) + ": every task wrote its own file" +
                      (partitions > 0 ? " per each of the " + std::to_string(partitions) + " partitions it touched" : "") +
                      ". Readers of this output will spend more time opening files than reading them.";
      std::string repartition = partitions > 0 ? "repartition(" + std::to_string(target) + ", <partition columns>)"
                                               : "repartition(" + std::to_string(target) + ")";
      f.recommendations.push_back({"Write about 128 MiB per file: call " + repartition + " (or coalesce(" +
                                       std::to_string(target) + ")) before the write, " + HumanBytes(*bytes) +
                                       " / 128 MiB = " + std::to_string(target) + " files instead of " +
                                       std::to_string(*files) + ".",
                                   "", ""});
      if (analysis.conf.version().AtLeast(3, 2)) {
        if (analysis.conf.adaptive_enabled()) {
          f.recommendations.push_back({"Or add a /*+ REBALANCE */ hint to the query so AQE coalesces the final "
                                           "partitions to the advisory size.",
                                       "spark.sql.adaptive.advisoryPartitionSizeInBytes", "128m"});
        } else {
          f.recommendations.push_back({"Or turn on adaptive execution and add a /*+ REBALANCE */ hint so the final "
                                           "partitions are coalesced before writing.",
                                       "spark.sql.adaptive.enabled", "true"});
        }
      } else if (analysis.conf.version().AtLeast(3, 0)) {
        f.recommendations.push_back({"Or let AQE coalesce shuffle partitions before the write.",
                                     "spark.sql.adaptive.coalescePartitions.enabled", "true"});
      }
      f.saving_ms = static_cast<int64_t>(static_cast<double>(job_commit_ms) * (1.0 - kept));
      f.saving_core_ms = static_cast<int64_t>(static_cast<double>(task_commit_ms) * (1.0 - kept));
      f.impact = "In this run about " + HumanDuration(f.saving_ms) + " of driver job commit and " +
                 HumanDuration(f.saving_core_ms) + " of task commit time: the measured commit times (" +
                 HumanDuration(job_commit_ms) + ", " + HumanDuration(task_commit_ms) + ") scaled to " +
                 std::to_string(target) + " of " + std::to_string(*files) +
                 " files; the larger saving is for every job that reads this output.";
      f.confidence = Confidence::kHigh;
      f.severity_floor = FindingSeverity::kWarning;
      out->findings.push_back(std::move(f));
    }
  }
  if (!any_write) out->NotRun("no SQL write reported its files (\"number of written files\")");
}

}  // namespace sparkdx
