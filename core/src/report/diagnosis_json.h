// The diagnosis parts of an application's report entry (docs/report.md):
// "breakdown" (where the wall clock went, per application, job and SQL
// execution, with no-task gaps, slots over time and critical paths),
// "findings", "checks_passed" and "checks_not_run".
#ifndef SPARKDX_REPORT_DIAGNOSIS_JSON_H_
#define SPARKDX_REPORT_DIAGNOSIS_JSON_H_

#include <nlohmann/json.hpp>

#include "analysis/app_analysis.h"
#include "diagnosis/diagnose.h"

namespace sparkdx {

// Adds the four keys to `application`.
void AddDiagnosisJson(const AppAnalysis& analysis, const Diagnosis& diagnosis, nlohmann::ordered_json* application);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_DIAGNOSIS_JSON_H_
