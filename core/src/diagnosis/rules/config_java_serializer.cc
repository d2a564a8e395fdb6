// config.java_serializer: RDD (non-SQL) stages shuffled data with Java
// serialisation (spark.serializer unset or JavaSerializer). DataFrame and
// SQL shuffles use Spark's own UnsafeRow format whatever spark.serializer
// says, so only stages of jobs outside SQL executions count.
//
// Thresholds: Dr. Elephant flags any serializer other than Kryo (ANCHORS
// §14.9); sparkdx adds a gate of 64 MiB written by RDD shuffles (below it
// serialisation cost is negligible). Saving: Spark's tuning guide says Kryo
// is "often as much as 10x" faster and more compact; sparkdx assumes only
// half of the RDD stages' shuffle write time goes away (core time).
#include <string>

#include "diagnosis/rule_support.h"
#include "diagnosis/rules.h"

namespace sparkdx {
namespace {

constexpr int64_t kJavaSerializerMinShuffleBytes = 64 * kMiB;
constexpr double kKryoWriteTimeSaved = 0.5;

bool InSqlExecution(const AppStatus& status, const StageStatusData& stage) {
  for (int32_t job_id : stage.job_ids) {
    auto job = status.jobs.find(job_id);
    if (job != status.jobs.end() && job->second.sql_execution_id) return true;
  }
  return false;
}

}  // namespace

void CheckConfigJavaSerializer(const AppAnalysis& analysis, RuleOutput* out) {
  std::string serializer = analysis.conf.Get("spark.serializer").value_or("");
  if (!serializer.empty() && serializer.find("JavaSerializer") == std::string::npos) return;
  const AppStatus& status = *analysis.status;
  int64_t bytes = 0, write_ns = 0, stages = 0;
  for (const StageTaskStats& s : analysis.stages) {
    if (InSqlExecution(status, *s.stage)) continue;
    int64_t written = s.stage->metrics[TaskMetric::kShuffleBytesWritten];
    if (written <= 0) continue;
    ++stages;
    bytes += written;
    write_ns += s.stage->metrics[TaskMetric::kShuffleWriteTimeNs];
  }
  if (bytes < kJavaSerializerMinShuffleBytes) return;
  int64_t write_ms = write_ns / 1'000'000;

  Finding f;
  f.entity = ApplicationEntity(analysis);
  f.evidence = {Count("rdd_shuffle_stages", stages), Bytes("rdd_shuffle_written", bytes), Ms("rdd_shuffle_write_time", write_ms)};
  f.explanation = std::to_string(stages) + " RDD stages (outside SQL) wrote " + HumanBytes(bytes) +
                  " of shuffle data in " + HumanDuration(write_ms) + " of shuffle write time using " +
                  (serializer.empty() ? "Java serialisation, Spark's default" : serializer) +
                  ", which is slower and larger than Kryo. (SQL and DataFrame shuffles do not use spark.serializer.)";
  f.recommendations.push_back({"Serialise RDD shuffles and cached RDDs with Kryo (and register the classes you "
                                   "shuffle with spark.kryo.classesToRegister).",
                               "spark.serializer", "org.apache.spark.serializer.KryoSerializer"});
  f.saving_core_ms = static_cast<int64_t>(kKryoWriteTimeSaved * static_cast<double>(write_ms));
  f.impact = "About " + HumanDuration(f.saving_core_ms) + " of task time: half the RDD stages' " +
             HumanDuration(write_ms) + " of shuffle write time (Kryo is often far faster; half is a conservative "
             "assumption), plus smaller shuffle files to read back.";
  f.confidence = Confidence::kMedium;
  out->findings.push_back(std::move(f));
}

}  // namespace sparkdx
