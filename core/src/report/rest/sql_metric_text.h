// SqlMetricText: a SQL metric's aggregated value as Spark's SQL tab and REST
// API show it (Spark's SQLMetrics.stringValue), e.g. "1,234" for a sum,
// "total (min, med, max (stageId: taskId))\n10.0 MiB (1.0 MiB, 2.0 MiB,
// 3.0 MiB (stage 1.0: task 5))" for a size. Also Spark's byte-size and
// duration formats, which round as Java does (java_number_text.h).
#ifndef SPARKDX_REPORT_REST_SQL_METRIC_TEXT_H_
#define SPARKDX_REPORT_REST_SQL_METRIC_TEXT_H_

#include <cstdint>
#include <string>

#include "status/app_status.h"

namespace sparkdx {

std::string SqlMetricText(const SqlMetricAggregate& aggregate);

// Spark's Utils.bytesToString: "512.0 B", "2.0 KiB", "1.5 GiB".
std::string SparkBytesText(int64_t bytes);
// Spark's Utils.msDurationToString: "12 ms", "1.3 s", "2.5 m", "1.25 h".
std::string SparkDurationText(int64_t ms);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_REST_SQL_METRIC_TEXT_H_
