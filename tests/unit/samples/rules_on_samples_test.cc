// Every diagnosis rule fires on the sample built to show it, and the clean
// control raises no warning or critical finding. The samples are the
// committed files (samples/diagnosis/*.zstd), read the way a user reads them.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>

#include "diagnosis/diagnose.h"
#include "support/analyze_path.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

using Json = nlohmann::json;

// rule id -> the sample that shows it.
const std::map<std::string, std::string> kSampleOfRule = {
    {"app.incomplete", "app_incomplete"},
    {"job.failed", "job_failed"},
    {"stage.task_skew", "task_skew_shuffle_key"},
    {"app.idle_cores", "idle_cores"},
    {"app.driver_bound", "driver_bound"},
    {"app.cold_start", "cold_start"},
    {"stage.straggler", "straggler"},
    {"host.slow_executor", "straggler_host"},
    {"stage.spill", "spill"},
    {"stage.too_few_partitions", "too_few_partitions"},
    {"stage.oversized_partitions", "oversized_partitions"},
    {"stage.tiny_tasks", "tiny_tasks"},
    {"task.failures", "task_failures"},
    {"stage.retries", "stage_retries"},
    {"task.speculation_waste", "speculation_waste"},
    {"executor.gc_pressure", "gc_pressure"},
    {"executor.memory_overprovisioned", "memory_overprovisioned"},
    {"executor.memory_underprovisioned", "memory_underprovisioned"},
    {"io.small_files_read", "small_files_read"},
    {"io.small_files_written", "small_files_written"},
    {"sql.broadcast_candidate", "broadcast_candidate"},
    {"sql.broadcast_too_large", "broadcast_too_large"},
    {"sql.cartesian_or_nested_loop_join", "nested_loop_join"},
    {"sql.duplicate_subtree", "duplicate_subtree"},
    {"python.udf_overhead", "python_udf"},
    {"config.aqe_disabled", "config_issues"},
    {"config.java_serializer", "config_issues"},
    {"config.dynamic_allocation_unbounded", "config_issues"},
    {"config.memory_overhead_low", "config_issues"},
    {"config.default_shuffle_partitions", "config_issues"},
};

Json AppOf(const std::string& sample) {
  testing::AnalyzedPath analysed =
      testing::AnalyzePath(testing::SourceDir() + "/samples/diagnosis/" + sample + ".zstd");
  Json report = Json::parse(analysed.result.report_json);
  EXPECT_EQ(report["applications"].size(), 1u) << sample;
  return report["applications"].empty() ? Json() : report["applications"][0];
}

std::set<std::string> Fired(const Json& app) {
  std::set<std::string> ids;
  for (const Json& f : app["findings"]) ids.insert(f["rule_id"].get<std::string>());
  return ids;
}

TEST(RulesOnSamplesTest, EveryRuleHasASample) {
  for (int i = 0; i < kRuleCount; ++i) {
    EXPECT_EQ(kSampleOfRule.count(GetRuleInfo(static_cast<RuleId>(i)).id), 1u) << GetRuleInfo(static_cast<RuleId>(i)).id;
  }
}

TEST(RulesOnSamplesTest, EveryRuleFiresOnItsSample) {
  std::map<std::string, std::set<std::string>> fired_by_sample;
  for (const auto& [rule, sample] : kSampleOfRule) {
    if (!fired_by_sample.count(sample)) fired_by_sample[sample] = Fired(AppOf(sample));
    EXPECT_EQ(fired_by_sample[sample].count(rule), 1u) << rule << " does not fire on " << sample;
  }
}

TEST(RulesOnSamplesTest, CleanControlHasNoWarningOrCritical) {
  Json app = AppOf("clean_control");
  for (const Json& f : app["findings"]) {
    EXPECT_EQ(f["severity"], "info") << f["rule_id"] << ": " << f["explanation"];
  }
  EXPECT_GE(app["checks_passed"].size(), 20u);
}

}  // namespace
}  // namespace sparkdx
