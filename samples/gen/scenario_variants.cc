#include "scenario_variants.h"

#include "scenario_common.h"
#include "scenarios.h"

namespace sparkdx::samples {

Scenario SlowerVariant(Scenario scenario, const SlowerVariantSpec& spec) {
  scenario.name += "_slower";
  for (int32_t index : spec.slow_stages) {
    if (index < 0 || static_cast<size_t>(index) >= scenario.stages.size()) continue;
    StageSpec& stage = scenario.stages[static_cast<size_t>(index)];
    stage.run_ms = stage.run_ms * spec.run_x100 / 100;
  }
  if (spec.extra_job_first) {
    // Appended to the stage list (existing indexes stay valid) but run
    // first: the simulator numbers stages in the order jobs run them.
    StageSpec warmup = ScanStage("count at Warmup.scala:12", 1, 1024, kExtraJobRunMs);
    warmup.result_stage = true;
    warmup.rdd_shape = "parallelize";
    warmup.call_site = "org.apache.spark.rdd.RDD.count(RDD.scala:1296)\nWarmup$.main(Warmup.scala:12)\n";
    int32_t stage = AddStage(&scenario, warmup);
    JobSpec job;
    job.stages = {stage};
    job.gap_before_ms = 100;
    scenario.jobs.insert(scenario.jobs.begin(), job);
  }
  return scenario;
}

namespace {

// clean_control with its sort-merge-join stage (index 3) three times slower.
Scenario CleanControlSlower() {
  SlowerVariantSpec spec;
  spec.slow_stages = {3};
  spec.run_x100 = 300;
  return SlowerVariant(CleanControl(), spec);
}

}  // namespace

const std::vector<VariantEntry>& AllVariants() {
  static const std::vector<VariantEntry> kVariants = {
      {"clean_control_slower", "clean_control", CleanControlSlower},
  };
  return kVariants;
}

}  // namespace sparkdx::samples
