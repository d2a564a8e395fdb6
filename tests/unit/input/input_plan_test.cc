#include "sparkdx/input_plan.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace sparkdx {
namespace {

std::vector<std::string> Paths(const PlannedLog& log) {
  std::vector<std::string> paths;
  for (const InputFile& file : log.files) paths.push_back(file.path);
  return paths;
}

TEST(InputPlanTest, RollingPartsAreOrderedNumericallyNotLexically) {
  InputPlan plan = PlanInputs({{"d/eventlog_v2_a/appstatus_a", 0},
                               {"d/eventlog_v2_a/events_10_a.zstd", 5},
                               {"d/eventlog_v2_a/events_1_a.zstd", 5},
                               {"d/eventlog_v2_a/events_2_a.zstd", 5}});
  ASSERT_EQ(plan.logs.size(), 1u);
  EXPECT_EQ(plan.logs[0].layout, LogLayout::kRolling);
  EXPECT_EQ(plan.logs[0].name, "d/eventlog_v2_a");
  EXPECT_FALSE(plan.logs[0].in_progress);
  std::vector<std::string> expected = {"d/eventlog_v2_a/events_1_a.zstd", "d/eventlog_v2_a/events_2_a.zstd",
                                       "d/eventlog_v2_a/events_10_a.zstd"};
  EXPECT_EQ(Paths(plan.logs[0]), expected);
  ASSERT_EQ(plan.logs[0].notes.size(), 1u);
  EXPECT_EQ(plan.logs[0].notes[0], "event files events_3 to events_9 are missing");
}

TEST(InputPlanTest, CompactFileReplacesEarlierParts) {
  InputPlan plan = PlanInputs({{"eventlog_v2_a/appstatus_a.inprogress", 0},
                               {"eventlog_v2_a/events_1_a", 1},
                               {"eventlog_v2_a/events_3_a.compact", 1},
                               {"eventlog_v2_a/events_4_a", 1}});
  ASSERT_EQ(plan.logs.size(), 1u);
  EXPECT_TRUE(plan.logs[0].in_progress);
  std::vector<std::string> expected = {"eventlog_v2_a/events_3_a.compact", "eventlog_v2_a/events_4_a"};
  EXPECT_EQ(Paths(plan.logs[0]), expected);
  EXPECT_TRUE(plan.logs[0].notes.empty());
  ASSERT_EQ(plan.skipped.size(), 1u);
  EXPECT_EQ(plan.skipped[0].path, "eventlog_v2_a/events_1_a");
}

TEST(InputPlanTest, RollingWithoutStatusFileIsNoted) {
  InputPlan plan = PlanInputs({{"eventlog_v2_a/events_1_a", 1}});
  ASSERT_EQ(plan.logs.size(), 1u);
  ASSERT_EQ(plan.logs[0].notes.size(), 1u);
  EXPECT_EQ(plan.logs[0].notes[0], "no appstatus_ file: the directory may be incomplete");
}

TEST(InputPlanTest, DatabricksChunksByDateThenTheLiveFile) {
  InputPlan plan = PlanInputs({{"c/eventlog", 9},
                               {"c/eventlog-2021-06-15--16-00.gz", 9},
                               {"c/eventlog-2021-06-15--15-00.gz", 9}});
  ASSERT_EQ(plan.logs.size(), 1u);
  EXPECT_EQ(plan.logs[0].layout, LogLayout::kDatabricks);
  std::vector<std::string> expected = {"c/eventlog-2021-06-15--15-00.gz", "c/eventlog-2021-06-15--16-00.gz",
                                       "c/eventlog"};
  EXPECT_EQ(Paths(plan.logs[0]), expected);
}

TEST(InputPlanTest, LegacyDirectoryUsesItsMarkers) {
  InputPlan plan = PlanInputs({{"l/APPLICATION_COMPLETE", 0}, {"l/EVENT_LOG_1", 10}, {"l/SPARK_VERSION_1.2.0", 0}});
  ASSERT_EQ(plan.logs.size(), 1u);
  EXPECT_EQ(plan.logs[0].layout, LogLayout::kLegacy);
  EXPECT_EQ(plan.logs[0].spark_version_hint, "1.2.0");
  EXPECT_FALSE(plan.logs[0].in_progress);
  EXPECT_EQ(Paths(plan.logs[0]), std::vector<std::string>{"l/EVENT_LOG_1"});

  InputPlan running = PlanInputs({{"l/EVENT_LOG_1", 10}, {"l/SPARK_VERSION_1.2.0", 0}});
  EXPECT_TRUE(running.logs[0].in_progress);
}

TEST(InputPlanTest, DirectoryOfManyLogsKeepsTheirOrderAndSkipsHiddenFiles) {
  InputPlan plan = PlanInputs({{"s/a.zstd", 1}, {"s/.a.zstd.crc", 1}, {"s/b", 1}, {"s/eventlog_v2_x/appstatus_x", 0}});
  ASSERT_EQ(plan.logs.size(), 2u);
  EXPECT_EQ(plan.logs[0].name, "s/a.zstd");
  EXPECT_EQ(plan.logs[1].name, "s/b");
  ASSERT_EQ(plan.skipped.size(), 2u);
  EXPECT_EQ(plan.skipped[0].path, "s/.a.zstd.crc");
  EXPECT_EQ(plan.skipped[0].reason, "hidden file");
  EXPECT_EQ(plan.skipped[1].path, "s/eventlog_v2_x/appstatus_x");
}

}  // namespace
}  // namespace sparkdx
