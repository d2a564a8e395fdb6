#include "diagnosis/finding.h"

namespace sparkdx {

const char* FindingCategoryName(FindingCategory category) {
  switch (category) {
    case FindingCategory::kResourceConfiguration: return "resource_configuration";
    case FindingCategory::kDataDistribution: return "data_distribution";
    case FindingCategory::kAlgorithmic: return "algorithmic";
  }
  return "resource_configuration";
}

const char* FindingSeverityName(FindingSeverity severity) {
  switch (severity) {
    case FindingSeverity::kInfo: return "info";
    case FindingSeverity::kWarning: return "warning";
    case FindingSeverity::kCritical: return "critical";
  }
  return "info";
}

const char* ConfidenceName(Confidence confidence) {
  switch (confidence) {
    case Confidence::kLow: return "low";
    case Confidence::kMedium: return "medium";
    case Confidence::kHigh: return "high";
  }
  return "medium";
}

const char* EntityKindName(EntityKind kind) {
  switch (kind) {
    case EntityKind::kApplication: return "application";
    case EntityKind::kJob: return "job";
    case EntityKind::kStage: return "stage";
    case EntityKind::kSqlExecution: return "sql";
    case EntityKind::kExecutor: return "executor";
    case EntityKind::kHost: return "host";
  }
  return "application";
}

}  // namespace sparkdx
