// The comparison samples (samples/compare/*.zstd) are exactly what the
// generator writes (samples/gen/scenario_variants.h), and each compares
// with its base diagnosis sample the way the CLI cases expect: aligned by
// structure, slower in the stage the variant slows.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "scenario_variants.h"
#include "simulator.h"
#include "sparkdx/compare.h"
#include "support/file_bytes.h"
#include "support/analyze_path.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

class CompareSampleTest : public ::testing::TestWithParam<samples::VariantEntry> {};

// Edit the variant, then rerun scripts/make-diagnosis-samples.sh.
TEST_P(CompareSampleTest, CommittedFileMatchesGenerator) {
  std::string path = testing::SourceDir() + "/samples/compare/" + GetParam().name + ".zstd";
  std::string committed = testing::DecodeWithLibraries(path);
  ASSERT_FALSE(committed.empty()) << path << " is missing: run scripts/make-diagnosis-samples.sh";
  EXPECT_TRUE(committed == samples::Simulate(GetParam().build()).text)
      << path << " differs from the generator: run scripts/make-diagnosis-samples.sh";
}

TEST_P(CompareSampleTest, ComparesWithItsBaseSample) {
  std::string dir = testing::SourceDir() + "/samples/";
  std::string baseline = testing::AnalyzePath(dir + "diagnosis/" + GetParam().base + ".zstd").result.report_json;
  std::string candidate = testing::AnalyzePath(dir + "compare/" + GetParam().name + ".zstd").result.report_json;
  CompareResult result = CompareReports(baseline, candidate, {});
  nlohmann::json cmp = nlohmann::json::parse(result.comparison_json);
  EXPECT_EQ(result.status, BudgetStatus::kPass) << cmp["inconclusive_reasons"].dump();
  EXPECT_EQ(cmp["alignment"]["baseline_only"].size(), 0u);
  EXPECT_EQ(cmp["alignment"]["candidate_only"].size(), 1u);
  EXPECT_EQ(cmp["alignment"]["by_structure"], cmp["alignment"]["matched"]);
  EXPECT_EQ(cmp["attribution"]["stages"].size(), 1u);
  EXPECT_GT(cmp["attribution"]["wall_clock_delta_ms"].get<int64_t>(), 0);
}

INSTANTIATE_TEST_SUITE_P(Variants, CompareSampleTest, ::testing::ValuesIn(samples::AllVariants()),
                         [](const ::testing::TestParamInfo<samples::VariantEntry>& info) { return std::string(info.param.name); });

}  // namespace
}  // namespace sparkdx
