// Helpers shared by the rule files: naming entities, describing stages in
// explanations, and numbers as explanations quote them.
#ifndef SPARKDX_DIAGNOSIS_RULE_SUPPORT_H_
#define SPARKDX_DIAGNOSIS_RULE_SUPPORT_H_

#include <cstdint>
#include <string>

#include "analysis/app_analysis.h"
#include "base/format.h"
#include "diagnosis/finding.h"

namespace sparkdx {

FindingEntity ApplicationEntity(const AppAnalysis& analysis);
FindingEntity StageEntity(const StageTaskStats& stage);  // id "14.0", name the stage name
FindingEntity JobEntity(const JobStatusData& job);
FindingEntity ExecutorEntity(const ExecutorStatusData& executor);

// "stage 14.0 (count at Job.scala:12)".
std::string StageLabel(const StageTaskStats& stage);
// "job 3 (save at Etl.scala:40)".
std::string JobLabel(const JobStatusData& job);

// An interactive session (spark-shell, pyspark, a notebook shell): its
// no-task time is mostly a person thinking, not driver work. Told by the
// application name Spark's shells use or call sites typed at a prompt
// ("<console>", "<stdin>").
bool LooksInteractive(const AppAnalysis& analysis);

// Share of the run as text: "41% of the run".
std::string ShareOfRun(int64_t ms, const AppAnalysis& analysis);

// Slot (core) milliseconds as core-hours text: "12.5 core-hours".
std::string CoreHours(int64_t slot_ms);

// Evidence rows.
inline Evidence Ms(std::string key, int64_t ms) { return {std::move(key), static_cast<double>(ms), "ms"}; }
inline Evidence Bytes(std::string key, int64_t bytes) { return {std::move(key), static_cast<double>(bytes), "bytes"}; }
inline Evidence Count(std::string key, int64_t n) { return {std::move(key), static_cast<double>(n), "count"}; }
inline Evidence Ratio(std::string key, double ratio) { return {std::move(key), ratio, "ratio"}; }
inline Evidence Fraction(std::string key, double fraction) { return {std::move(key), fraction, "fraction"}; }

inline double SafeRatio(double numerator, double denominator) { return denominator > 0 ? numerator / denominator : 0; }

}  // namespace sparkdx

#endif  // SPARKDX_DIAGNOSIS_RULE_SUPPORT_H_
