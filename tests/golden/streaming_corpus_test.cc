// The one structured streaming log of the corpus (Spark's own
// StreamingQueryHistorySuite log, local-1596020211915): one query, one run,
// eight progress events, no QueryTerminatedEvent. The expected figures were
// computed from the file independently (summing its progress events).
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <filesystem>
#include <string>

#include "support/analyze_path.h"
#include "support/test_paths.h"

namespace sparkdx {
namespace {

using Json = nlohmann::json;

TEST(StreamingCorpusTest, SparkStreamingHistoryLog) {
  std::string corpus = testing::CorpusDir();
  if (corpus.empty()) GTEST_SKIP() << "no corpus at ../shared/eventlogs (set SPARKDX_CORPUS_DIR)";
  std::filesystem::path log = std::filesystem::path(corpus) / "apache-spark/sql-spark-events/local-1596020211915";
  if (!std::filesystem::exists(log)) GTEST_SKIP() << "corpus lacks " << log.string();
  Json report = Json::parse(testing::AnalyzePath(log).result.report_json);
  ASSERT_EQ(report["applications"].size(), 1u);
  const Json& app = report["applications"][0];
  ASSERT_EQ(app["streaming_queries"].size(), 1u);
  const Json& q = app["streaming_queries"][0];
  EXPECT_EQ(q["id"], "8d268dc2-bc9c-4be8-97a9-b135d2943028");
  EXPECT_EQ(q["run_id"], "e225d92f-2545-48f8-87a2-9c0309580f8a");
  EXPECT_TRUE(q["name"].is_null());
  EXPECT_EQ(q["start_ms"], 1596020215947);  // 2020-07-29T10:56:55.947Z
  EXPECT_EQ(q["status"], "active");          // the log has no QueryTerminatedEvent
  EXPECT_TRUE(q["end_ms"].is_null());
  EXPECT_EQ(q["batches"], 8);
  EXPECT_EQ(q["first_batch_id"], 0);
  EXPECT_EQ(q["last_batch_id"], 7);
  EXPECT_EQ(q["last_progress_ms"], 1596020225916);  // 2020-07-29T10:57:05.916Z
  EXPECT_EQ(q["input_rows"], 641);
  EXPECT_EQ(q["output_rows"], 8);
  // batchDuration: 7110 622 522 415 387 437 351 341
  EXPECT_EQ(q["batch_duration_ms_total"], 10185);
  EXPECT_EQ(q["batch_duration_ms_median"], 415);
  EXPECT_EQ(q["batch_duration_ms_max"], 7110);
  EXPECT_EQ(q["duration_ms_by_phase"],
            Json::parse(R"({"triggerExecution":10184,"queryPlanning":682,"getBatch":26,"latestOffset":3552,)"
                        R"("addBatch":5453,"walCommit":211})"));
  EXPECT_EQ(q["state_memory_bytes_max"], 1216);
  EXPECT_EQ(q["state_rows_max"], 1);
  EXPECT_EQ(app["open_at_end"], Json::parse(R"({"jobs":0,"stage_attempts":0,"tasks":0})"));
  EXPECT_EQ(report["issue_counts"].count("event_bad_field"), 0u);
}

}  // namespace
}  // namespace sparkdx
