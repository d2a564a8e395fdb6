#include "scenarios.h"

namespace sparkdx::samples {

const std::vector<ScenarioEntry>& AllScenarios() {
  static const std::vector<ScenarioEntry> kAll = {
      {"clean_control", CleanControl},
      {"task_skew_shuffle_key", TaskSkewShuffleKey},
      {"task_skew_input_split", TaskSkewInputSplit},
      {"straggler_host", StragglerHost},
      {"straggler", Straggler},
      {"spill", Spill},
      {"gc_pressure", GcPressure},
      {"memory_overprovisioned", MemoryOverprovisioned},
      {"memory_underprovisioned", MemoryUnderprovisioned},
      {"too_few_partitions", TooFewPartitions},
      {"oversized_partitions", OversizedPartitions},
      {"tiny_tasks", TinyTasks},
      {"small_files_read", SmallFilesRead},
      {"small_files_written", SmallFilesWritten},
      {"broadcast_candidate", BroadcastCandidate},
      {"broadcast_too_large", BroadcastTooLarge},
      {"nested_loop_join", NestedLoopJoin},
      {"duplicate_subtree", DuplicateSubtree},
      {"idle_cores", IdleCores},
      {"driver_bound", DriverBound},
      {"cold_start", ColdStart},
      {"task_failures", TaskFailures},
      {"stage_retries", StageRetries},
      {"speculation_waste", SpeculationWaste},
      {"job_failed", JobFailed},
      {"app_incomplete", AppIncomplete},
      {"config_issues", ConfigIssues},
      {"python_udf", PythonUdf},
  };
  return kAll;
}

const ScenarioEntry* FindScenario(std::string_view name) {
  for (const ScenarioEntry& e : AllScenarios()) {
    if (name == e.name) return &e;
  }
  return nullptr;
}

}  // namespace sparkdx::samples
