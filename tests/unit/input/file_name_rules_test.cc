#include "input/file_name_rules.h"

#include <gtest/gtest.h>

namespace sparkdx {
namespace {

TEST(FileNameRulesTest, SingleFileLogs) {
  FileNameInfo info = ClassifyFileName("logs/application_1713000000000_0001_1.zstd");
  EXPECT_EQ(info.role, FileRole::kEventLog);
  EXPECT_EQ(info.extension, "zstd");
  EXPECT_EQ(info.log_key, "logs/application_1713000000000_0001_1.zstd");
  EXPECT_FALSE(info.in_progress);

  info = ClassifyFileName("app-20240101-0001.lz4.inprogress");
  EXPECT_EQ(info.role, FileRole::kEventLog);
  EXPECT_EQ(info.extension, "lz4");
  EXPECT_TRUE(info.in_progress);

  info = ClassifyFileName("local-1422981759269");
  EXPECT_EQ(info.extension, "");
}

TEST(FileNameRulesTest, RollingDirectories) {
  FileNameInfo info = ClassifyFileName("x/eventlog_v2_app-1/events_12_app-1.zstd");
  EXPECT_EQ(info.role, FileRole::kRollingEvents);
  EXPECT_EQ(info.order, 12);
  EXPECT_EQ(info.log_key, "x/eventlog_v2_app-1");
  EXPECT_EQ(info.extension, "zstd");

  info = ClassifyFileName("eventlog_v2_app-1/events_3_app-1.zstd.compact");
  EXPECT_EQ(info.role, FileRole::kRollingEvents);
  EXPECT_TRUE(info.compact);
  EXPECT_EQ(info.order, 3);
  EXPECT_EQ(info.extension, "zstd");

  info = ClassifyFileName("eventlog_v2_app-1/appstatus_app-1.inprogress");
  EXPECT_EQ(info.role, FileRole::kRollingStatus);
  EXPECT_TRUE(info.in_progress);

  info = ClassifyFileName("eventlog_v2_app-1/notes.txt");
  EXPECT_EQ(info.role, FileRole::kIgnored);
}

TEST(FileNameRulesTest, DatabricksChunksOrderByDateWithTheLiveFileLast) {
  FileNameInfo live = ClassifyFileName("c/eventlog");
  FileNameInfo early = ClassifyFileName("c/eventlog-2021-06-15--15-00.gz");
  FileNameInfo late = ClassifyFileName("c/eventlog-2021-06-15--16-00.gz");
  EXPECT_EQ(live.role, FileRole::kDatabricksPart);
  EXPECT_EQ(early.role, FileRole::kDatabricksPart);
  EXPECT_EQ(early.log_key, live.log_key);
  EXPECT_LT(early.order, late.order);
  EXPECT_LT(late.order, live.order);
  EXPECT_EQ(early.extension, "gz");
  EXPECT_EQ(late.order - early.order, 60);
}

TEST(FileNameRulesTest, LegacyDirectories) {
  FileNameInfo events = ClassifyFileName("local-1/EVENT_LOG_1");
  EXPECT_EQ(events.role, FileRole::kLegacyEvents);
  EXPECT_EQ(events.order, 1);
  FileNameInfo version = ClassifyFileName("local-1/SPARK_VERSION_1.2.0");
  EXPECT_EQ(version.role, FileRole::kLegacyMarker);
  EXPECT_EQ(version.marker_value, "1.2.0");
  EXPECT_EQ(version.log_key, events.log_key);
  EXPECT_EQ(ClassifyFileName("local-1/APPLICATION_COMPLETE").role, FileRole::kLegacyMarker);
}

TEST(FileNameRulesTest, HiddenAndChecksumFilesAreIgnored) {
  EXPECT_EQ(ClassifyFileName("d/.app.crc").role, FileRole::kIgnored);
  EXPECT_EQ(ClassifyFileName("d/app.crc").role, FileRole::kIgnored);
  EXPECT_EQ(ClassifyFileName(".DS_Store").role, FileRole::kIgnored);
}

}  // namespace
}  // namespace sparkdx
