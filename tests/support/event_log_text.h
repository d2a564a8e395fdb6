// Small synthetic Spark event logs for tests: each function returns one JSON
// line (no newline) shaped like Spark 3.5 writes it, with only the fields a
// test needs. SmallApplication() strings them into a complete log.
#ifndef SPARKDX_TESTS_SUPPORT_EVENT_LOG_TEXT_H_
#define SPARKDX_TESTS_SUPPORT_EVENT_LOG_TEXT_H_

#include <cstdint>
#include <string>

namespace sparkdx::testing {

std::string LogStartLine(const std::string& version = "3.5.1");
std::string ApplicationStartLine(const std::string& app_id, int64_t time_ms, const std::string& attempt = "");
std::string ApplicationEndLine(int64_t time_ms);
std::string ExecutorAddedLine(const std::string& id, const std::string& host, int cores, int64_t time_ms);
std::string JobStartLine(int job_id, int stage_id, int64_t time_ms);
std::string JobEndLine(int job_id, int64_t time_ms, bool succeeded = true);
std::string StageSubmittedLine(int stage_id, int attempt, int tasks, int64_t time_ms);
std::string StageCompletedLine(int stage_id, int attempt, int tasks, int64_t submitted_ms, int64_t completed_ms);
std::string TaskStartLine(int stage_id, int64_t task_id, int index, const std::string& executor, int64_t launch_ms);
std::string TaskEndLine(int stage_id, int64_t task_id, int index, const std::string& executor, int64_t launch_ms,
                        int64_t finish_ms, bool failed = false);

// A complete log: one job, one stage with `tasks` tasks on two executors.
// Lines are separated by '\n' and the text ends with '\n'.
std::string SmallApplication(const std::string& app_id, int tasks);

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_EVENT_LOG_TEXT_H_
