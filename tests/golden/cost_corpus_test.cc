// Cost over the real logs of ../shared/eventlogs: the Databricks logs'
// cluster usage tags give the shape and a price from the catalogs; on every
// application, priced by a flag, the waste by cause sums to the total waste,
// stays within the slot time held and the executors' money, and the listed
// stages and SQL executions never claim more than the whole. Prints each
// application's cost. Skipped with a message when ../shared is absent.
#include <gtest/gtest.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "support/analyze_path.h"
#include "support/corpus_cases.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

using Json = nlohmann::json;

Json FirstCost(const std::filesystem::path& path, const AnalyzerOptions& options = {}) {
  testing::AnalyzedPath analysed = testing::AnalyzePath(path, 65521, options);
  Json report = Json::parse(analysed.result.report_json);
  return report["applications"].empty() ? Json() : report["applications"][0]["cost"];
}

TEST(CostCorpusTest, DatabricksTagsGiveShapeAndPrice) {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/eventlogs not found: cost corpus test skipped";
  std::filesystem::path azure =
      std::filesystem::path(corpus) / "spark-rapids-tools/e2e-event_logs/photon_eventlog.zstd";
  std::filesystem::path aws =
      std::filesystem::path(corpus) / "spark-rapids-tools/spark-events-qualification/xgboost_eventlog.zstd";
  if (!std::filesystem::exists(azure) || !std::filesystem::exists(aws)) GTEST_SKIP() << "Databricks logs not in corpus";

  Json photon = FirstCost(azure);
  EXPECT_EQ(photon["cluster"]["platform"], "databricks");
  EXPECT_EQ(photon["cluster"]["cloud"], "azure");
  EXPECT_EQ(photon["cluster"]["worker_node_type"], "Standard_DS14_v2");
  EXPECT_EQ(photon["cluster"]["workers"], 100);
  EXPECT_EQ(photon["cluster"]["photon"], true);
  ASSERT_TRUE(photon["total"].is_object()) << photon["reason"];
  EXPECT_NE(photon["total"]["catalog"].get<std::string>().find("azure-vm.json"), std::string::npos);
  EXPECT_NE(photon["total"]["basis"].get<std::string>().find("Photon"), std::string::npos);

  Json xgboost = FirstCost(aws);
  EXPECT_EQ(xgboost["cluster"]["cloud"], "aws");
  EXPECT_EQ(xgboost["cluster"]["worker_node_type"], "m4.2xlarge");
  EXPECT_EQ(xgboost["cluster"]["driver_node_type"], "m4.xlarge");
  EXPECT_EQ(xgboost["cluster"]["region"], "us-west-2");
  EXPECT_EQ(xgboost["cluster"]["executors"], 2);
  ASSERT_TRUE(xgboost["total"].is_object()) << xgboost["reason"];
  // Two m4.2xlarge workers ($0.40 + 1.5 DBU x $0.55 all-purpose) for their
  // lifetimes plus the m4.xlarge driver ($0.20 + 0.75 DBU x $0.55) for the run.
  const Json& use = xgboost["resource_use"];
  double expected = use["executor_hours"].get<double>() * 1.225 + use["wall_clock_hours"].get<double>() * 0.6125;
  EXPECT_NEAR(xgboost["total"]["usd"].get<double>(), expected, 1e-3);
  EXPECT_TRUE(xgboost["right_sizing"].is_object());
}

TEST(CostCorpusTest, WasteIsConsistentOnEveryApplication) {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "../shared/eventlogs not found: cost corpus test skipped";
  AnalyzerOptions options;
  options.cost.price_per_core_hour = 0.05;
  int applications = 0;
  for (const testing::CorpusCase& c : testing::CorpusCases(corpus)) {
    SCOPED_TRACE(c.name);
    testing::AnalyzedPath analysed = testing::AnalyzePath(c.path, 65521, options);
    Json report = Json::parse(analysed.result.report_json);
    for (const Json& app : report["applications"]) {
      ++applications;
      const Json& cost = app["cost"];
      ASSERT_TRUE(cost["total"].is_object()) << cost["reason"];
      double total = cost["total"]["usd"].get<double>();
      EXPECT_GE(total, 0);
      const Json& waste = cost["waste"];
      int64_t slot_ms = 0;
      double usd = 0;
      for (const Json& cause : waste["by_cause"]) {
        EXPECT_GE(cause["slot_ms"].get<int64_t>(), 0);
        slot_ms += cause["slot_ms"].get<int64_t>();
        usd += cause["usd"].get<double>();
      }
      EXPECT_EQ(slot_ms, waste["slot_ms"].get<int64_t>());
      EXPECT_NEAR(usd, waste["usd"].get<double>(), 1e-3);
      // Idle and tail time are parts of the alive slot time; failed and
      // speculative attempts are busy time: all of it at most the alive
      // slot time (attempts are inside the window).
      EXPECT_LE(slot_ms, waste["alive_slot_ms"].get<int64_t>() + 1);
      EXPECT_LE(waste["usd"].get<double>(), total + 1e-3);
      for (const char* list : {"stages", "sql_executions"}) {
        double share = 0;
        for (const Json& item : waste[list]) share += item["share_of_waste"].get<double>();
        EXPECT_LE(share, 1.0 + 1e-3) << list;
      }
      std::printf(
          "  %-70s $%9.4f  waste $%9.4f  %s\n", c.name.c_str(), total, waste["usd"].get<double>(),
          cost["cluster"]["platform"].is_string() ? cost["cluster"]["platform"].get<std::string>().c_str() : "-");
    }
  }
  EXPECT_GT(applications, 0);
}

}  // namespace
}  // namespace sparkdx
