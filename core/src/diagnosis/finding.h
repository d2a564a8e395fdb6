// Finding: one diagnosis, the contract every rule fills (docs/diagnosis.md).
// A finding names the rule, the entity it concerns, the evidence (numbers
// with units), an explanation quoting those numbers, what to change and
// what that should save. Severity is not chosen by the rule: the engine
// derives it from the estimated saving as a share of the run: wall clock
// against the run's duration, core time against the core time allocated
// (a rule may only set a floor, e.g. a failed job is critical whatever it
// cost).
#ifndef SPARKDX_DIAGNOSIS_FINDING_H_
#define SPARKDX_DIAGNOSIS_FINDING_H_

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace sparkdx {

enum class FindingCategory : uint8_t { kResourceConfiguration, kDataDistribution, kAlgorithmic };
const char* FindingCategoryName(FindingCategory category);  // "resource_configuration", ...

enum class FindingSeverity : uint8_t { kInfo, kWarning, kCritical };
const char* FindingSeverityName(FindingSeverity severity);  // "info", "warning", "critical"

enum class Confidence : uint8_t { kLow, kMedium, kHigh };
const char* ConfidenceName(Confidence confidence);  // "low", "medium", "high"

enum class EntityKind : uint8_t { kApplication, kJob, kStage, kSqlExecution, kExecutor, kHost };
const char* EntityKindName(EntityKind kind);  // "application", "job", "stage", "sql", "executor", "host"

struct FindingEntity {
  EntityKind kind = EntityKind::kApplication;
  std::string id;    // "14" (job, SQL), "14.1" (stage.attempt), executor id, host name; "" for the application
  std::string name;  // stage name, job description, host... ("" when none)
};

// One measured number. Units: "ms", "bytes", "count", "ratio" (a
// dimensionless quotient), "fraction" (0..1), "bytes/s".
struct Evidence {
  std::string key;  // snake_case with no unit suffix needed: the unit says it
  double value = 0;
  std::string unit;
};

struct Recommendation {
  std::string text;          // what to do and why, in a sentence
  std::string config_key;    // "" when the remedy is a code change
  std::string config_value;  // the value computed for this run
};

struct Finding {
  std::string rule_id;
  FindingCategory category = FindingCategory::kResourceConfiguration;
  FindingSeverity severity = FindingSeverity::kInfo;  // set by the engine
  FindingEntity entity;
  std::string cause;  // the rule's name for the cause it found ("shuffle_key"), or ""
  std::vector<Evidence> evidence;
  std::string explanation;
  std::vector<Recommendation> recommendations;
  // Estimated wall-clock saving if the recommendation is followed, and how
  // it was estimated (one sentence with the numbers used).
  int64_t saving_ms = 0;
  // Core time (slot milliseconds) the change would free without making the
  // run faster: what resource-waste findings save.
  int64_t saving_core_ms = 0;
  std::string impact;
  Confidence confidence = Confidence::kMedium;
  std::optional<FindingSeverity> severity_floor;
};

}  // namespace sparkdx

#endif  // SPARKDX_DIAGNOSIS_FINDING_H_
