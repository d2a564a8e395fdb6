// Comparison on generated pairs: a diagnosis scenario (samples/gen) against
// a variant of it whose chosen stages run slower and whose stage and job
// ids are all shifted by an extra job first (samples/gen/scenario_variants.h).
// Both logs are simulated and analysed in memory; the comparison must
// align every original stage by structure and put the regression on
// exactly the slowed stages.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <map>
#include <set>
#include <string>

#include "scenario_variants.h"
#include "scenarios.h"
#include "simulator.h"
#include "sparkdx/analyzer.h"
#include "sparkdx/compare.h"

namespace sparkdx {
namespace {

using Json = nlohmann::json;

std::string AnalyzeText(const std::string& name, const std::string& text) {
  Analyzer analyzer;
  analyzer.BeginFile(name, text.size());
  analyzer.Feed(reinterpret_cast<const uint8_t*>(text.data()), text.size());
  analyzer.EndFile();
  return analyzer.Finish().report_json;
}

// The stage ids the simulator gives each scenario stage (simulator.cc: in
// job order, a job's skipped stages first as new stages, then each stage it
// runs the first time it runs). Checked against the report below.
std::map<int32_t, int32_t> StageIds(const samples::Scenario& sc) {
  std::map<int32_t, int32_t> ids;
  int32_t next = 0;
  for (const samples::JobSpec& job : sc.jobs) {
    next += static_cast<int32_t>(job.skipped_stages.size());
    for (int32_t i : job.stages) {
      if (ids.count(i) == 0) ids[i] = next++;
    }
  }
  return ids;
}

struct Pair {
  samples::Scenario baseline, candidate;
  std::string baseline_report, candidate_report;
};

Pair MakePair(const char* scenario, const samples::SlowerVariantSpec& spec) {
  Pair p;
  p.baseline = samples::FindScenario(scenario)->build();
  p.candidate = samples::SlowerVariant(p.baseline, spec);
  p.baseline_report = AnalyzeText("baseline.json", samples::Simulate(p.baseline).text);
  p.candidate_report = AnalyzeText("candidate.json", samples::Simulate(p.candidate).text);
  return p;
}

void ExpectIdsAsPlanned(const samples::Scenario& sc, const std::string& report) {
  Json stages = Json::parse(report)["applications"][0]["stage_summaries"];
  std::map<int32_t, int32_t> ids = StageIds(sc);
  for (const auto& [index, id] : ids) {
    bool found = false;
    bool retried = false;
    for (const Json& s : stages) retried = retried || (s["stage_id"] == id && s["attempt_id"] != 0);
    for (const Json& s : stages) {
      if (s["stage_id"] == id && s["attempt_id"] == 0) {
        found = true;
        // A retried stage's first attempt ends early; others ran every task once.
        if (!retried) EXPECT_EQ(s["tasks"].get<int64_t>(), sc.stages[static_cast<size_t>(index)].num_tasks) << id;
      }
    }
    EXPECT_TRUE(found) << "stage " << id;
  }
}

class GeneratedPairs : public ::testing::TestWithParam<const char*> {};

TEST_P(GeneratedPairs, RegressionIsPutOnExactlyTheSlowedStages) {
  samples::Scenario base = samples::FindScenario(GetParam())->build();
  int32_t last = static_cast<int32_t>(base.stages.size()) - 1;
  samples::SlowerVariantSpec spec;
  spec.slow_stages = {last == 0 ? 0 : last - 1};
  spec.run_x100 = 300;
  Pair p = MakePair(GetParam(), spec);
  ExpectIdsAsPlanned(p.baseline, p.baseline_report);
  ExpectIdsAsPlanned(p.candidate, p.candidate_report);

  CompareOptions options;
  std::string error;
  ASSERT_TRUE(SetCompareBudget("max_regression_pct", "5", &options, &error));
  CompareResult result = CompareReports(p.baseline_report, p.candidate_report, options);
  Json cmp = Json::parse(result.comparison_json);
  ASSERT_TRUE(cmp["inconclusive_reasons"].empty()) << cmp["inconclusive_reasons"].dump();
  EXPECT_EQ(result.status, BudgetStatus::kViolated);

  // Every original stage aligned, by structure, with its id shifted by one;
  // the extra job's stage is the only candidate-only one.
  std::map<int32_t, int32_t> b_ids = StageIds(p.baseline), c_ids = StageIds(p.candidate);
  const Json& alignment = cmp["alignment"];
  EXPECT_EQ(alignment["matched"].get<size_t>(), b_ids.size());
  EXPECT_EQ(alignment["by_structure"].get<size_t>(), b_ids.size());
  EXPECT_TRUE(alignment["baseline_only"].empty());
  ASSERT_EQ(alignment["candidate_only"].size(), 1u);
  EXPECT_EQ(alignment["candidate_only"][0]["name"], "count at Warmup.scala:12");
  for (const Json& s : cmp["stages"]) {
    if (s["match"].is_null()) continue;
    EXPECT_EQ(s["candidate_stage_id"].get<int>(), s["baseline_stage_id"].get<int>() + 1) << s.dump();
  }

  // The regression is on the slowed stages, and only on them.
  std::set<int32_t> slowed, attributed;
  for (int32_t index : spec.slow_stages) slowed.insert(b_ids.at(index));
  for (const Json& s : cmp["attribution"]["stages"]) {
    ASSERT_FALSE(s["baseline_stage_id"].is_null()) << s.dump();
    attributed.insert(s["baseline_stage_id"].get<int32_t>());
    EXPECT_EQ(s["candidate_stage_id"].get<int32_t>(), c_ids.at(*spec.slow_stages.begin()));
  }
  EXPECT_EQ(attributed, slowed) << cmp["stages"].dump();
  EXPECT_EQ(cmp["stages"][0]["baseline_stage_id"].get<int32_t>(), *slowed.begin());
  EXPECT_GT(cmp["attribution"]["wall_clock_delta_ms"].get<int64_t>(), 0);
}

TEST_P(GeneratedPairs, SelfComparisonIsAllZeroAndPasses) {
  samples::Scenario base = samples::FindScenario(GetParam())->build();
  std::string report = AnalyzeText("log.json", samples::Simulate(base).text);
  CompareOptions options;
  std::string error;
  ASSERT_TRUE(SetCompareBudget("max_regression_pct", "0", &options, &error));
  ASSERT_TRUE(SetCompareBudget("max_core_hours_regression_pct", "0", &options, &error));
  CompareResult result = CompareReports(report, report, options);
  Json cmp = Json::parse(result.comparison_json);
  EXPECT_EQ(result.status, BudgetStatus::kPass) << cmp["inconclusive_reasons"].dump();
  for (const Json& m : cmp["run"]) EXPECT_EQ(m["delta"], 0) << m.dump();
  for (const Json& s : cmp["stages"]) EXPECT_EQ(s["duration_ms"]["delta"], 0) << s.dump();
  EXPECT_EQ(cmp["alignment"]["coverage"], 1.0);
  EXPECT_TRUE(cmp["findings"]["introduced"].empty());
  EXPECT_TRUE(cmp["findings"]["resolved"].empty());
}

INSTANTIATE_TEST_SUITE_P(Scenarios, GeneratedPairs,
                         ::testing::Values("clean_control", "task_skew_shuffle_key", "spill", "gc_pressure"));

// With stage retries on both sides (a host lost mid-stage: the map stage
// reruns, then the reduce stage runs again), attempts are summed per stage
// and still align by structure. Slowing the map stage also delays the
// reduce stage's second attempt, which waits for the rerun, so the change
// is put on the map stage first and the reduce stage second.
TEST(GeneratedPairsWithRetries, AttemptsAlignAndTheSlowedStageLeads) {
  samples::SlowerVariantSpec spec;
  spec.slow_stages = {0};
  spec.run_x100 = 300;
  Pair p = MakePair("stage_retries", spec);
  ExpectIdsAsPlanned(p.baseline, p.baseline_report);
  Json cmp = Json::parse(CompareReports(p.baseline_report, p.candidate_report, {}).comparison_json);
  ASSERT_TRUE(cmp["inconclusive_reasons"].empty()) << cmp["inconclusive_reasons"].dump();
  std::map<int32_t, int32_t> b_ids = StageIds(p.baseline);
  EXPECT_EQ(cmp["alignment"]["by_structure"].get<size_t>(), b_ids.size());
  EXPECT_TRUE(cmp["alignment"]["baseline_only"].empty());
  const Json& top = cmp["stages"][0];
  EXPECT_EQ(top["baseline_stage_id"].get<int32_t>(), b_ids.at(0));
  EXPECT_EQ(top["attempts"]["baseline"], 2);
  EXPECT_EQ(top["attempts"]["candidate"], 2);
  EXPECT_TRUE(top["attributed"].get<bool>());
  EXPECT_EQ(top["likely_cause"], "slower_tasks");
}

}  // namespace
}  // namespace sparkdx
