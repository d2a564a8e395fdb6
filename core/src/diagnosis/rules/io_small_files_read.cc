// io.small_files_read: a SQL execution's file scans read many files whose
// average size is small, so tasks spend their time opening files and
// reading footers instead of data. Read from the scan nodes' own metrics
// ("number of files read", "size of files read" of FileSourceScanExec,
// shown as "Scan parquet ..." and the like).
//
// Thresholds (ANCHORS §14.5, §14.12): more than 100 files read with an
// average below 64 MiB (sparkdx's warn band); below 3 MiB is DataFlint's
// small-files alert and our critical band, which raises the floor to a
// warning. The target file size is 128 MiB (DataFlint's ideal file, Spark's
// spark.sql.files.maxPartitionBytes default).
//
// Saving. Spark itself prices opening a file as reading
// spark.sql.files.openCostInBytes (4 MiB by default) of data; the scan
// stages' task time is split in that proportion between opening files and
// reading bytes, now and with 128 MiB files, and the difference is the core
// time saved (converted to the execution's wall clock by its share of the
// execution's task time).
#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"
#include "diagnosis/sql_support.h"

namespace sparkdx {
namespace {

constexpr int64_t kSmallFilesMinFiles = 100;
constexpr int64_t kSmallFilesWarnAverageBytes = 64 * kMiB;
constexpr int64_t kSmallFilesCriticalAverageBytes = 3 * kMiB;
constexpr int64_t kTargetFileBytes = 128 * kMiB;
constexpr int64_t kSparkOpenCostDefaultBytes = 4 * kMiB;

struct SmallScan {
  std::string name;
  int64_t files = 0;
  int64_t bytes = 0;
};

// Share of scan time spent opening `files` files holding `bytes` bytes.
double OpenShare(double files, double bytes, double open_cost) {
  return SafeRatio(files * open_cost, files * open_cost + bytes);
}

}  // namespace

void CheckIoSmallFilesRead(const AppAnalysis& analysis, RuleOutput* out) {
  const AppStatus& status = *analysis.status;
  bool any_scan = false;
  int64_t open_cost = analysis.conf.BytesOr("spark.sql.files.openCostInBytes", 1, kSparkOpenCostDefaultBytes);
  for (const auto& [id, exec] : status.sql_executions) {
    std::vector<SmallScan> small;
    int64_t scan_bytes_all = 0;
    for (const SqlPlanNodeData& node : exec.nodes) {
      std::optional<int64_t> files = SqlMetricTotal(exec, node, "number of files read");
      std::optional<int64_t> bytes = SqlMetricTotal(exec, node, "size of files read");
      if (!files || !bytes) continue;
      any_scan = true;
      scan_bytes_all += *bytes;
      if (*files <= kSmallFilesMinFiles || *bytes >= kSmallFilesWarnAverageBytes * *files) continue;
      small.push_back({SqlNodeName(node), *files, *bytes});
    }
    if (small.empty()) continue;
    std::sort(small.begin(), small.end(), [](const SmallScan& a, const SmallScan& b) { return a.files > b.files; });
    int64_t files = 0, bytes = 0;
    for (const SmallScan& s : small) {
      files += s.files;
      bytes += s.bytes;
    }
    int64_t average = bytes / files;
    int64_t target_files = std::max<int64_t>(1, (bytes + kTargetFileBytes - 1) / kTargetFileBytes);

    // Task time of the execution's stages that read input.
    int64_t scan_task_ms = 0;
    for (const StageTaskStats& s : analysis.stages) {
      if (exec.stages.count(s.stage_id) > 0 && s.Of(TaskQuantity::kInputBytes).sum > 0) scan_task_ms += s.succeeded_task_ms;
    }
    double now = OpenShare(static_cast<double>(files), static_cast<double>(bytes), static_cast<double>(open_cost));
    double after = OpenShare(static_cast<double>(target_files), static_cast<double>(bytes), static_cast<double>(open_cost));
    double small_share = SafeRatio(static_cast<double>(bytes), static_cast<double>(scan_bytes_all));
    int64_t saving_core_ms = static_cast<int64_t>(static_cast<double>(scan_task_ms) * small_share * std::max(0.0, now - after));

    Finding f;
    f.entity = SqlEntity(exec);
    f.cause = average < kSmallFilesCriticalAverageBytes ? "tiny_files" : "small_files";
    f.evidence = {Count("files_read", files),         Bytes("bytes_read", bytes),
                  Bytes("average_file_size", average), Count("small_file_scans", static_cast<int64_t>(small.size())),
                  Count("target_files", target_files), Ms("scan_stage_task_time", scan_task_ms),
                  Fraction("open_cost_share", now)};
    f.explanation = SqlLabel(exec) + " read " + std::to_string(files) + " files holding " + HumanBytes(bytes) +
                    ", an average of " + HumanBytes(average) + " per file (below " +
                    HumanBytes(kSmallFilesWarnAverageBytes) + "); the largest such scan is " + small.front().name +
                    " with " + std::to_string(small.front().files) + " files. Spark counts every file as " +
                    HumanBytes(open_cost) + " of reading just to open it, about " + HumanPercent(now) +
                    " of this scan's work.";
    f.recommendations.push_back({"Compact the input into files of about 128 MiB: " + std::to_string(target_files) +
                                     " files instead of " + std::to_string(files) +
                                     " (e.g. rewrite with repartition(" + std::to_string(target_files) +
                                     "), Delta OPTIMIZE or Iceberg rewrite_data_files).",
                                 "", ""});
    // Until the files are compacted, pack more of them into each task.
    int64_t packed_cost = std::max<int64_t>(kMiB, RoundUpBytes(average, kMiB));
    if (packed_cost < open_cost) {
      f.recommendations.push_back({"Meanwhile let each task take more small files: price opening one at the average "
                                       "file size (" + HumanBytes(average) + ") instead of " + HumanBytes(open_cost) + ".",
                                   "spark.sql.files.openCostInBytes", SparkSizeText(packed_cost)});
    }
    int64_t max_partition = analysis.conf.BytesOr("spark.sql.files.maxPartitionBytes", 1, 128 * kMiB);
    if (max_partition < 256 * kMiB) {
      f.recommendations.push_back({"And give each read task up to 256 MiB so fewer tasks each open a batch of files.",
                                   "spark.sql.files.maxPartitionBytes", "256m"});
    }
    f.saving_core_ms = saving_core_ms;
    f.saving_ms = SqlWallClockShare(analysis, exec, saving_core_ms);
    f.impact = "About " + CoreHours(saving_core_ms) + " of task time and " + HumanDuration(f.saving_ms) +
               " of the execution's wall clock: the scan stages' " + HumanDuration(scan_task_ms) +
               " of task time split between opening files and reading bytes at Spark's open cost of " +
               HumanBytes(open_cost) + " per file, now (" + HumanPercent(now) + ") and with " +
               std::to_string(target_files) + " files of 128 MiB (" + HumanPercent(after) + ").";
    f.confidence = scan_task_ms > 0 ? Confidence::kMedium : Confidence::kLow;
    if (average < kSmallFilesCriticalAverageBytes) f.severity_floor = FindingSeverity::kWarning;
    out->findings.push_back(std::move(f));
  }
  if (!any_scan) out->NotRun("no SQL file scan reported its files (\"number of files read\")");
}

}  // namespace sparkdx
