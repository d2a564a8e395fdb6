// Spark's number, size and duration texts, with Java's rounding.
#include "report/rest/sql_metric_text.h"

#include <gtest/gtest.h>

namespace sparkdx {
namespace {

TEST(SqlMetricTextTest, BytesUseBinaryUnitsFromTwiceTheirSize) {
  EXPECT_EQ(SparkBytesText(0), "0.0 B");
  EXPECT_EQ(SparkBytesText(2047), "2047.0 B");
  EXPECT_EQ(SparkBytesText(2048), "2.0 KiB");
  EXPECT_EQ(SparkBytesText(3 * 1024 + 50), "3.0 KiB");        // 3.0488 -> 3.0
  EXPECT_EQ(SparkBytesText(3 * 1024 + 52), "3.1 KiB");        // 3.0508 -> 3.1
  EXPECT_EQ(SparkBytesText(1024 * 1024 * 5 / 2 + 52429), "2.6 MiB");
  EXPECT_EQ(SparkBytesText(int64_t{3} << 30), "3.0 GiB");
  EXPECT_EQ(SparkBytesText(INT64_MAX), "8.0 EiB");
  EXPECT_EQ(SparkBytesText(-5), "-5.0 B");
}

TEST(SqlMetricTextTest, DurationsRoundHalfUpLikeJava) {
  EXPECT_EQ(SparkDurationText(999), "999 ms");
  EXPECT_EQ(SparkDurationText(1250), "1.3 s");   // 1.25 exactly: Java rounds up, C would print 1.2
  EXPECT_EQ(SparkDurationText(1150), "1.1 s");   // 1.15f is 1.1499999...
  EXPECT_EQ(SparkDurationText(59999), "60.0 s");
  EXPECT_EQ(SparkDurationText(90000), "1.5 m");
  EXPECT_EQ(SparkDurationText(5400000), "1.50 h");
}

TEST(SqlMetricTextTest, AggregatesReadLikeSparksSqlTab) {
  SqlMetricAggregate sum;
  sum.metric_type = "sum";
  sum.sum = 12345;
  EXPECT_EQ(SqlMetricText(sum), "12,345");

  SqlMetricAggregate size;
  size.metric_type = "size";
  size.sum = 10 << 20;
  size.min = 1 << 20;
  size.median = 2 << 20;
  size.max = 3 << 20;
  size.value_count = 5;
  size.has_max_task = true;
  size.max_stage_id = 1;
  size.max_stage_attempt_id = 0;
  size.max_task_id = 5;
  EXPECT_EQ(SqlMetricText(size),
            "total (min, med, max (stageId: taskId))\n10.0 MiB (1024.0 KiB, 2.0 MiB, 3.0 MiB (stage 1.0: task 5))");

  SqlMetricAggregate one_timing;
  one_timing.metric_type = "nsTiming";
  one_timing.max = 2500000;  // ns
  one_timing.value_count = 1;
  EXPECT_EQ(SqlMetricText(one_timing), "2 ms");

  SqlMetricAggregate none;
  none.metric_type = "average";
  EXPECT_EQ(SqlMetricText(none), "0");

  SqlMetricAggregate custom;
  custom.metric_type = "v2Custom_com.example.RowsMetric";
  EXPECT_EQ(SqlMetricText(custom), "N/A");
}

}  // namespace
}  // namespace sparkdx
