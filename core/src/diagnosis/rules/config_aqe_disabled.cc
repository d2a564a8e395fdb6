// config.aqe_disabled: adaptive query execution was off on a Spark version
// that has it (3.0+), explicitly or by default (3.0 and 3.1 ship it off),
// and this run's SQL queries shuffled data: every shuffle kept
// spark.sql.shuffle.partitions partitions however little data they held,
// and skewed join partitions were not split.
//
// What makes it matter here: SQL stages that read shuffle data. The saving
// counted is what coalescing would have removed: for each such stage, the
// tasks beyond ceil(bytes read / 64 MiB) (AQE's advisory partition size,
// ANCHORS §14.4, Spark's default) times the stage's median per-task
// overhead (task duration minus executor run time: scheduling,
// (de)serialisation, result fetch). Skew-join splitting would save more on
// skewed joins; stage.task_skew counts that.
#include <algorithm>
#include <string>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"

namespace sparkdx {
namespace {

constexpr int64_t kAqeAdvisoryPartitionBytes = 64 * kMiB;

bool InSqlExecution(const AppStatus& status, const StageTaskStats& s) {
  for (int32_t job_id : s.stage->job_ids) {
    auto job = status.jobs.find(job_id);
    if (job != status.jobs.end() && job->second.sql_execution_id) return true;
  }
  return false;
}

}  // namespace

void CheckConfigAqeDisabled(const AppAnalysis& analysis, RuleOutput* out) {
  const SparkConf& conf = analysis.conf;
  if (!conf.version().AtLeast(3, 0)) {
    out->NotRun("adaptive query execution needs Spark 3.0 or later");
    return;
  }
  if (conf.adaptive_enabled()) return;
  const AppStatus& status = *analysis.status;
  int64_t shuffle_bytes = 0, stages = 0, tasks = 0, extra_tasks = 0, overhead_core_ms = 0;
  for (const StageTaskStats& s : analysis.stages) {
    int64_t read = s.Of(TaskQuantity::kShuffleReadBytes).sum;
    if (read <= 0 || !InSqlExecution(status, s)) continue;
    ++stages;
    shuffle_bytes += read;
    tasks += s.succeeded;
    int64_t target = std::max<int64_t>(1, (read + kAqeAdvisoryPartitionBytes - 1) / kAqeAdvisoryPartitionBytes);
    int64_t extra = std::max<int64_t>(0, s.succeeded - target);
    int64_t per_task = std::max<int64_t>(0, s.Of(TaskQuantity::kDurationMs).median - s.Of(TaskQuantity::kRunTimeMs).median);
    extra_tasks += extra;
    overhead_core_ms += extra * per_task;
  }
  if (stages == 0) return;  // no SQL shuffle: AQE would change nothing

  bool explicit_off = conf.Has("spark.sql.adaptive.enabled");
  Finding f;
  f.entity = ApplicationEntity(analysis);
  f.evidence = {Count("sql_shuffle_stages", stages), Bytes("sql_shuffle_read", shuffle_bytes),
                Count("sql_shuffle_tasks", tasks), Count("shuffle_partitions", conf.shuffle_partitions()),
                Count("tasks_coalescing_would_remove", extra_tasks), Ms("per_task_overhead_removed", overhead_core_ms)};
  f.explanation = "Adaptive query execution was off (" +
                  std::string(explicit_off ? "spark.sql.adaptive.enabled=false" : "the default on Spark " + status.spark_version) +
                  "), yet " + std::to_string(stages) + " SQL stages read " + HumanBytes(shuffle_bytes) +
                  " of shuffle data in " + std::to_string(tasks) + " tasks with spark.sql.shuffle.partitions at " +
                  std::to_string(conf.shuffle_partitions()) + ": at " + HumanBytes(kAqeAdvisoryPartitionBytes) +
                  " per partition AQE would have run " + std::to_string(extra_tasks) +
                  " fewer tasks, and it would have split skewed join partitions and switched joins to broadcast "
                  "at runtime.";
  f.recommendations.push_back({"Turn on adaptive query execution (the default since Spark 3.2).",
                               "spark.sql.adaptive.enabled", "true"});
  f.recommendations.push_back({"With it, let AQE coalesce small shuffle partitions.",
                               "spark.sql.adaptive.coalescePartitions.enabled", "true"});
  f.saving_core_ms = overhead_core_ms;
  f.impact = "About " + HumanDuration(overhead_core_ms) + " of task time: the " + std::to_string(extra_tasks) +
             " tasks coalescing to " + HumanBytes(kAqeAdvisoryPartitionBytes) +
             " partitions removes, each at its stage's median overhead (duration minus run time); skewed joins "
             "would save more (see stage.task_skew).";
  f.confidence = Confidence::kMedium;
  out->findings.push_back(std::move(f));
}

}  // namespace sparkdx
