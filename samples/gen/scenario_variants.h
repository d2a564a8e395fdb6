// Variants of a scenario for comparison tests (`sparkdx compare`): the same
// application made slower in known stages, with every stage and job id
// shifted, so a test can check that the comparison aligns stages by
// structure and puts the regression on exactly those stages.
#ifndef SPARKDX_SAMPLES_GEN_SCENARIO_VARIANTS_H_
#define SPARKDX_SAMPLES_GEN_SCENARIO_VARIANTS_H_

#include <cstdint>
#include <vector>

#include "scenario.h"

namespace sparkdx::samples {

struct SlowerVariantSpec {
  // Indexes into Scenario::stages whose tasks run longer, and by how much
  // (their median run time x run_x100 / 100; outliers scale with it).
  std::vector<int32_t> slow_stages;
  int32_t run_x100 = 300;
  // A tiny job (one task of kExtraJobRunMs, its own stage) runs before the
  // others, so every original stage and job id is one higher.
  bool extra_job_first = true;
};

inline constexpr int64_t kExtraJobRunMs = 40;

// `scenario` changed as `spec` says; its name gains "_slower".
Scenario SlowerVariant(Scenario scenario, const SlowerVariantSpec& spec);

// The committed comparison samples (samples/compare/<name>.zstd, written by
// scripts/make-diagnosis-samples.sh): each the slower variant of a
// diagnosis scenario, to compare with samples/diagnosis/<base>.zstd.
struct VariantEntry {
  const char* name;  // "clean_control_slower"
  const char* base;  // "clean_control"
  Scenario (*build)();
};
const std::vector<VariantEntry>& AllVariants();

}  // namespace sparkdx::samples

#endif  // SPARKDX_SAMPLES_GEN_SCENARIO_VARIANTS_H_
