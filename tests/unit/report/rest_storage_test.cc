// storage/rdd, storage/rdd/{id}: cached RDD blocks on executors, their
// replicas, dropped blocks, executors lost with their blocks, unpersisted
// RDDs, unknown RDDs, and the executors' storage memory that goes with it.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "support/event_log_text.h"
#include "support/executor_event_text.h"
#include "support/rest_answer.h"

namespace sparkdx {
namespace {

using nlohmann::json;
using testing::RestJson;

constexpr int64_t kT0 = 1700000000000;

const std::string kInMemory = testing::StorageLevelJson(false, true, true, 1);
const std::string kMemoryAndDisk = testing::StorageLevelJson(true, true, true, 1);
const std::string kDropped = testing::StorageLevelJson(false, false, false, 1);

// RDD 3 (memory and disk) cached on executor 1 (which reports on/off-heap
// sizes) and executor 2 (which does not): block 0 on both, block 1 on 2.
std::string CachedRddLog(const std::string& tail = "") {
  std::string log;
  auto add = [&](const std::string& line) { log += line + "\n"; };
  add(testing::LogStartLine());
  add(testing::ApplicationStartLine("app-rdd", kT0));
  add(testing::ExecutorAddedFullLine("1", "node-a", 4, kT0 + 100, 0));
  add(testing::BlockManagerAddedLine("1", "node-a", 7001, 5000, kT0 + 101, 5000, 0));
  add(testing::ExecutorAddedFullLine("2", "node-b", 4, kT0 + 200, 0));
  add(testing::BlockManagerAddedLine("2", "node-b", 7002, 6000, kT0 + 201));
  add(testing::JobStartLine(0, 0, kT0 + 1000));
  add(testing::StageSubmittedWithRddLine(0, 4, kT0 + 1001, 3, "numbers", 4, kMemoryAndDisk));
  add(testing::BlockUpdatedLine("1", "node-a", 7001, "rdd_3_0", kInMemory, 100, 0));
  add(testing::BlockUpdatedLine("2", "node-b", 7002, "rdd_3_1", kMemoryAndDisk, 200, 50));
  add(testing::BlockUpdatedLine("2", "node-b", 7002, "rdd_3_0", kInMemory, 100, 0));
  // A broadcast block: the executor's memory grows, but Spark does not
  // render the RDD's entry for that executor again.
  add(testing::BlockUpdatedLine("1", "node-a", 7001, "broadcast_0_piece0", kInMemory, 10, 0));
  log += tail;
  return log;
}

const json& Executor(const json& list, const std::string& id) {
  for (const json& entry : list) {
    if (entry["id"] == id) return entry;
  }
  static const json kNone;
  ADD_FAILURE() << "no executor " << id;
  return kNone;
}

TEST(RestStorageTest, CachedBlocksOnExecutors) {
  auto analyzer = testing::AnalyzeLogText(CachedRddLog());
  json list = RestJson(*analyzer, "applications/app-rdd/storage/rdd");
  ASSERT_EQ(list.size(), 1u);
  json expected = json::parse(R"({
    "id": 3, "name": "numbers", "numPartitions": 4, "numCachedPartitions": 2,
    "storageLevel": "Disk Memory Deserialized 1x Replicated", "memoryUsed": 400, "diskUsed": 50,
    "dataDistribution": [
      {"address": "node-a:7001", "memoryUsed": 100, "memoryRemaining": 4900, "diskUsed": 0,
       "onHeapMemoryUsed": 100, "offHeapMemoryUsed": 0, "onHeapMemoryRemaining": 4900, "offHeapMemoryRemaining": 0},
      {"address": "node-b:7002", "memoryUsed": 300, "memoryRemaining": 5700, "diskUsed": 50}],
    "partitions": [
      {"blockName": "rdd_3_0", "storageLevel": "Memory Deserialized 2x Replicated", "memoryUsed": 200,
       "diskUsed": 0, "executors": ["1", "2"]},
      {"blockName": "rdd_3_1", "storageLevel": "Disk Memory Deserialized 1x Replicated", "memoryUsed": 200,
       "diskUsed": 50, "executors": ["2"]}]})");
  EXPECT_EQ(list[0], expected);
  EXPECT_EQ(RestJson(*analyzer, "applications/app-rdd/storage/rdd/3"), expected);

  json executors = RestJson(*analyzer, "applications/app-rdd/allexecutors");
  EXPECT_EQ(Executor(executors, "1")["rddBlocks"], 1);
  EXPECT_EQ(Executor(executors, "1")["memoryUsed"], 110);
  EXPECT_EQ(Executor(executors, "1")["memoryMetrics"]["usedOnHeapStorageMemory"], 110);
  EXPECT_EQ(Executor(executors, "2")["rddBlocks"], 2);
  EXPECT_EQ(Executor(executors, "2")["memoryUsed"], 300);
  EXPECT_EQ(Executor(executors, "2")["diskUsed"], 50);
}

TEST(RestStorageTest, UnpersistForgetsTheRdd) {
  auto analyzer = testing::AnalyzeLogText(CachedRddLog(testing::UnpersistRddLine(3) + "\n"));
  EXPECT_EQ(RestJson(*analyzer, "applications/app-rdd/storage/rdd"), json::array());
  RestResponse gone = analyzer->Rest("applications/app-rdd/storage/rdd/3");
  EXPECT_EQ(gone.http_status, 404);
  EXPECT_EQ(gone.error, "no rdd found w/ id 3");
  json executors = RestJson(*analyzer, "applications/app-rdd/allexecutors");
  EXPECT_EQ(Executor(executors, "1")["rddBlocks"], 0);
  EXPECT_EQ(Executor(executors, "1")["memoryUsed"], 10);  // the broadcast block stays
  EXPECT_EQ(Executor(executors, "1")["memoryMetrics"]["usedOnHeapStorageMemory"], 10);
  EXPECT_EQ(Executor(executors, "2")["rddBlocks"], 0);
  EXPECT_EQ(Executor(executors, "2")["memoryUsed"], 0);
  EXPECT_EQ(Executor(executors, "2")["diskUsed"], 0);
}

TEST(RestStorageTest, LostExecutorTakesItsBlocksAndShares) {
  auto analyzer = testing::AnalyzeLogText(
      CachedRddLog(testing::ExecutorRemovedLine("2", kT0 + 3000, "Container lost") + "\n"));
  json rdd = RestJson(*analyzer, "applications/app-rdd/storage/rdd/3");
  // Block 1 lived only there; block 0 keeps executor 1's half.
  EXPECT_EQ(rdd["numCachedPartitions"], 1);
  EXPECT_EQ(rdd["memoryUsed"], 100);
  EXPECT_EQ(rdd["diskUsed"], 0);
  ASSERT_EQ(rdd["partitions"].size(), 1u);
  EXPECT_EQ(rdd["partitions"][0], json::parse(R"({"blockName": "rdd_3_0",
      "storageLevel": "Memory Deserialized 1x Replicated", "memoryUsed": 100, "diskUsed": 0, "executors": ["1"]})"));
  ASSERT_EQ(rdd["dataDistribution"].size(), 1u);
  EXPECT_EQ(rdd["dataDistribution"][0]["address"], "node-a:7001");
  // The removed executor keeps what it held when it went.
  json executors = RestJson(*analyzer, "applications/app-rdd/allexecutors");
  EXPECT_EQ(Executor(executors, "2")["rddBlocks"], 2);
}

TEST(RestStorageTest, DroppedBlockLeavesTheRdd) {
  auto analyzer = testing::AnalyzeLogText(
      CachedRddLog(testing::BlockUpdatedLine("2", "node-b", 7002, "rdd_3_1", kDropped, 200, 50) + "\n"));
  json rdd = RestJson(*analyzer, "applications/app-rdd/storage/rdd/3");
  EXPECT_EQ(rdd["numCachedPartitions"], 1);
  EXPECT_EQ(rdd["memoryUsed"], 200);
  EXPECT_EQ(rdd["diskUsed"], 0);
  EXPECT_EQ(rdd["partitions"][0]["blockName"], "rdd_3_0");
  EXPECT_EQ(rdd["dataDistribution"][1], json::parse(R"({"address": "node-b:7002", "memoryUsed": 100,
      "memoryRemaining": 5900, "diskUsed": 0})"));
  json executors = RestJson(*analyzer, "applications/app-rdd/allexecutors");
  EXPECT_EQ(Executor(executors, "2")["rddBlocks"], 1);
}

TEST(RestStorageTest, UncachedAndUnknownRdds) {
  std::string log = testing::LogStartLine() + "\n" + testing::ApplicationStartLine("app-none", kT0) + "\n" +
                    testing::JobStartLine(0, 0, kT0 + 1) + "\n" +
                    testing::StageSubmittedWithRddLine(0, 2, kT0 + 2, 5, "never cached", 2, kInMemory) + "\n" +
                    // An RDD without a valid level is not tracked at all.
                    testing::StageSubmittedWithRddLine(1, 2, kT0 + 3, 6, "plain", 2, kDropped) + "\n";
  auto analyzer = testing::AnalyzeLogText(log);
  EXPECT_EQ(RestJson(*analyzer, "applications/app-none/storage/rdd"), json::array());
  EXPECT_EQ(RestJson(*analyzer, "applications/app-none/storage/rdd/5"),
            json::parse(R"({"id": 5, "name": "never cached", "numPartitions": 2, "numCachedPartitions": 0,
                "storageLevel": "Memory Deserialized 1x Replicated", "memoryUsed": 0, "diskUsed": 0,
                "partitions": []})"));
  for (const char* id : {"6", "42", "99999999999"}) {
    RestResponse unknown = analyzer->Rest(std::string("applications/app-none/storage/rdd/") + id);
    EXPECT_EQ(unknown.http_status, 404) << id;
    EXPECT_EQ(unknown.error, std::string("no rdd found w/ id ") + id);
  }
}

// Spark lists the executors' shares in the iteration order of the Scala
// hash map holding them, which changes when the map grows past 11 entries.
TEST(RestStorageTest, SharesAreListedInSparkHashMapOrder) {
  std::string log = testing::LogStartLine() + "\n" + testing::ApplicationStartLine("app-many", kT0) + "\n" +
                    testing::JobStartLine(0, 0, kT0 + 1) + "\n" +
                    testing::StageSubmittedWithRddLine(0, 12, kT0 + 2, 7, "wide", 12, kInMemory) + "\n";
  for (int i = 1; i <= 12; ++i) {
    std::string id = std::to_string(i);
    log += testing::ExecutorAddedFullLine(id, "h" + id, 1, kT0 + 10, 0) + "\n" +
           testing::BlockManagerAddedLine(id, "h" + id, 1, 1000, kT0 + 11) + "\n";
  }
  auto shares = [](const json& rdd) {
    std::vector<std::string> hosts;
    for (const json& share : rdd["dataDistribution"]) hosts.push_back(share["address"]);
    return hosts;
  };
  std::string eleven;
  for (int i = 1; i <= 11; ++i) {
    std::string id = std::to_string(i);
    eleven += testing::BlockUpdatedLine(id, "h", 1, "rdd_7_" + id, kInMemory, 1, 0) + "\n";
  }
  auto small = testing::AnalyzeLogText(log + eleven);
  EXPECT_EQ(shares(RestJson(*small, "applications/app-many/storage/rdd/7")),
            (std::vector<std::string>{"h11:1", "h1:1", "h2:1", "h3:1", "h4:1", "h5:1", "h6:1", "h7:1", "h8:1",
                                      "h9:1", "h10:1"}));
  std::string twelfth = testing::BlockUpdatedLine("12", "h", 1, "rdd_7_12", kInMemory, 1, 0) + "\n";
  auto grown = testing::AnalyzeLogText(log + eleven + twelfth);
  EXPECT_EQ(shares(RestJson(*grown, "applications/app-many/storage/rdd/7")),
            (std::vector<std::string>{"h11:1", "h12:1", "h1:1", "h2:1", "h3:1", "h4:1", "h5:1", "h6:1", "h7:1",
                                      "h8:1", "h9:1", "h10:1"}));
}

}  // namespace
}  // namespace sparkdx
