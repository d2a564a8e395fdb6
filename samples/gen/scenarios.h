// The diagnosis sample scenarios: one healthy control and one log per
// pathology, in the order samples/diagnosis/README.md lists them. Each
// builder returns the same Scenario every time.
#ifndef SPARKDX_SAMPLES_GEN_SCENARIOS_H_
#define SPARKDX_SAMPLES_GEN_SCENARIOS_H_

#include <string_view>
#include <vector>

#include "scenario.h"

namespace sparkdx::samples {

struct ScenarioEntry {
  const char* name;
  Scenario (*build)();
};

const std::vector<ScenarioEntry>& AllScenarios();
const ScenarioEntry* FindScenario(std::string_view name);

// scenarios_control.cc
Scenario CleanControl();
// scenarios_skew.cc
Scenario TaskSkewShuffleKey();
Scenario TaskSkewInputSplit();
Scenario StragglerHost();
Scenario Straggler();
// scenarios_memory.cc
Scenario Spill();
Scenario GcPressure();
Scenario MemoryOverprovisioned();
Scenario MemoryUnderprovisioned();
// scenarios_partitions.cc
Scenario TooFewPartitions();
Scenario OversizedPartitions();
Scenario TinyTasks();
Scenario SmallFilesRead();
Scenario SmallFilesWritten();
// scenarios_joins.cc
Scenario BroadcastCandidate();
Scenario BroadcastTooLarge();
Scenario NestedLoopJoin();
Scenario DuplicateSubtree();
Scenario PythonUdf();
// scenarios_scheduling.cc
Scenario IdleCores();
Scenario DriverBound();
Scenario ColdStart();
// scenarios_failures.cc
Scenario TaskFailures();
Scenario StageRetries();
Scenario SpeculationWaste();
Scenario JobFailed();
Scenario AppIncomplete();
// scenarios_config.cc
Scenario ConfigIssues();

}  // namespace sparkdx::samples

#endif  // SPARKDX_SAMPLES_GEN_SCENARIOS_H_
