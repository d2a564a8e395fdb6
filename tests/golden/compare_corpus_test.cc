// `sparkdx compare` on real logs (../shared/eventlogs): pairs of runs of the
// same job (the same workload run twice, or with other executors, another
// configuration or a rolled layout) must align, and every log compared with
// itself must give all-zero deltas and pass a zero budget.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <cstdio>
#include <filesystem>
#include <string>

#include "sparkdx/compare.h"
#include "support/analyze_path.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

using Json = nlohmann::json;

struct CorpusPair {
  const char* baseline;
  const char* candidate;
  const char* why;
  double min_coverage;        // matched stages / max(stage counts)
  double min_by_structure;    // of the matched, the share matched by structure_key
  BudgetStatus status;        // without budgets
};

// From MANIFEST.md's notes on how the logs relate.
const CorpusPair kPairs[] = {
    // The driver script moved lines between the runs: call sites (and so
    // structure keys) differ for most stages, names differ only in line
    // numbers, so most stages pair by similar name.
    {"mcp-spark-history-server/spark-events/application_1713000000000_0001_2.zstd",
     "mcp-spark-history-server/spark-events/local-1776286804625.zstd", "the same workload, two runs, code moved", 1.0,
     0.25, BudgetStatus::kPass},
    {"spark-rapids-tools/spark-events-qualification/cluster_information/eventlog_3nodes_12cores_multiple_executors",
     "spark-rapids-tools/spark-events-qualification/cluster_information/eventlog_driver_only",
     "one workload, other executors", 1.0, 1.0, BudgetStatus::kPass},
    {"spark-rapids-tools/spark-events-qualification/nested_type_eventlog",
     "spark-rapids-tools/e2e-event_logs/photon_eventlog.zstd", "the same log with its environment edited", 1.0, 1.0,
     BudgetStatus::kPass},
    {"spark-rapids-tools/spark-events-qualification/eventlog_v2_local-1623876083964",
     "spark-rapids-tools/spark-events-qualification/db_sim_eventlog", "one application, rolled two ways", 1.0, 1.0,
     BudgetStatus::kPass},
    {"apache-spark/spark-events/local-1422981759269", "apache-spark/spark-events/local-1425081759269",
     "Spark's test suite: the same job logged twice", 1.0, 1.0, BudgetStatus::kPass},
    // The cut copy has no ApplicationEnd: aligned, but inconclusive.
    {"sparkscope/app-20231025121456-0004-eventLog-finished",
     "sparkscope/app-20231025121456-0004-eventLog-running-incomplete", "a run and its cut copy", 1.0, 1.0,
     BudgetStatus::kInconclusive},
    // Not the same job (MANIFEST.md groups them, but the stages differ):
    // nothing aligns, so the comparison must refuse to judge.
    {"spark-rapids-tools/spark-events-qualification/cluster_information/eventlog_2nodes_8cores",
     "spark-rapids-tools/spark-events-qualification/cluster_information/eventlog_3nodes_12cores_multiple_executors",
     "different jobs", 0.0, 0.0, BudgetStatus::kInconclusive},
};

std::string Report(const std::string& corpus, const char* path) {
  return testing::AnalyzePath(std::filesystem::path(corpus) / path).result.report_json;
}

TEST(CompareCorpus, PairsOfRunsAlign) {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/eventlogs not found: comparison corpus test skipped";
  for (const CorpusPair& pair : kPairs) {
    SCOPED_TRACE(std::string(pair.baseline) + " vs " + pair.candidate);
    CompareResult result = CompareReports(Report(corpus, pair.baseline), Report(corpus, pair.candidate), {});
    Json cmp = Json::parse(result.comparison_json);
    const Json& a = cmp["alignment"];
    double matched = a["matched"].get<double>();
    double by_structure = matched > 0 ? a["by_structure"].get<double>() / matched : 1.0;
    std::printf("compare %-60s coverage %.2f, %3.0f of %zu|%zu stages, %.0f%% by structure, wall clock %s ms (%s)\n",
                pair.why, a["coverage"].get<double>(), matched, cmp["baseline"]["stages"].get<size_t>(),
                cmp["candidate"]["stages"].get<size_t>(), by_structure * 100,
                cmp["attribution"]["wall_clock_delta_ms"].dump().c_str(), cmp["status"].get<std::string>().c_str());
    EXPECT_GE(a["coverage"].get<double>(), pair.min_coverage);
    EXPECT_GE(by_structure, pair.min_by_structure);
    EXPECT_EQ(result.status, pair.status) << cmp["inconclusive_reasons"].dump();
  }
}

TEST(CompareCorpus, EveryLogComparedWithItselfIsUnchanged) {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/eventlogs not found: comparison corpus test skipped";
  CompareOptions options;
  std::string error;
  for (const std::string& budget : CompareBudgetNames()) ASSERT_TRUE(SetCompareBudget(budget, "0", &options, &error));
  for (const CorpusPair& pair : kPairs) {
    for (const char* path : {pair.baseline, pair.candidate}) {
      SCOPED_TRACE(path);
      std::string report = Report(corpus, path);
      CompareResult result = CompareReports(report, report, options);
      Json cmp = Json::parse(result.comparison_json);
      bool complete = cmp["baseline"]["completed"].get<bool>();
      EXPECT_EQ(result.status, complete ? BudgetStatus::kPass : BudgetStatus::kInconclusive)
          << cmp["inconclusive_reasons"].dump();
      EXPECT_EQ(cmp["alignment"]["coverage"], 1.0);
      EXPECT_EQ(cmp["alignment"]["matched"], cmp["baseline"]["stages"]);
      for (const Json& m : cmp["run"]) {
        if (!m["delta"].is_null()) EXPECT_EQ(m["delta"], 0) << m.dump();
      }
      for (const Json& s : cmp["stages"]) EXPECT_EQ(s["duration_ms"]["delta"], 0) << s.dump();
      EXPECT_TRUE(cmp["config"]["changed"].empty());
      EXPECT_TRUE(cmp["findings"]["introduced"].empty());
      EXPECT_TRUE(cmp["findings"]["resolved"].empty());
    }
  }
}

}  // namespace
}  // namespace sparkdx
