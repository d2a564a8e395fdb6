// AppStatusBuilder: an application model built directly in C++ for rule and
// analysis tests, so a test can put a threshold exactly at its boundary
// without writing event JSON. Times are milliseconds from 0 unless set.
//
//   AppStatusBuilder b;                        // app "app-test", Spark 3.5.1, 0..600000 ms
//   uint32_t e1 = b.AddExecutor("1", "host-1", 4);
//   b.AddJob(0, {0}, 1000, 500000);
//   b.AddStage(0, 0, 1000, 500000);
//   b.AddTask(0, 0, b.Task(e1, 1000, 61000));  // a 60 s task
//   AppAnalysis a = b.Analyze();
#ifndef SPARKDX_TESTS_SUPPORT_APP_STATUS_BUILDER_H_
#define SPARKDX_TESTS_SUPPORT_APP_STATUS_BUILDER_H_

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "analysis/app_analysis.h"
#include "diagnosis/rules.h"
#include "status/app_status.h"

namespace sparkdx::testing {

class AppStatusBuilder {
 public:
  // A completed application from start_ms to end_ms.
  explicit AppStatusBuilder(int64_t start_ms = 0, int64_t end_ms = 600'000, const std::string& spark_version = "3.5.1");

  // No ApplicationEnd: the window ends at the last event time.
  AppStatusBuilder& Incomplete(int64_t last_event_ms);
  AppStatusBuilder& Conf(const std::string& key, const std::string& value);

  // Returns the executor's index (TaskRecord::executor). remove_ms -1: alive to the end.
  uint32_t AddExecutor(const std::string& id, const std::string& host, int32_t cores, int64_t add_ms = 0,
                       int64_t remove_ms = -1);
  ExecutorStatusData& Executor(uint32_t index) { return status_->executors[index]; }

  JobStatusData& AddJob(int32_t job_id, const std::vector<int32_t>& stage_ids, int64_t submitted_ms,
                        int64_t completed_ms, JobStatusKind kind = JobStatusKind::kSucceeded);
  StageStatusData& AddStage(int32_t stage_id, int32_t attempt, int64_t submitted_ms, int64_t completed_ms,
                            const std::string& name = "", const std::vector<int32_t>& parent_ids = {},
                            StageStatusKind kind = StageStatusKind::kComplete);
  SqlExecutionData& AddSql(int64_t execution_id, int64_t submitted_ms, int64_t completed_ms,
                           const std::vector<int32_t>& job_ids);

  // A successful task with the given times; set metrics on the result
  // (record.metrics[...]) before AddTask. Task ids and indexes count up.
  TaskRecord Task(uint32_t executor, int64_t launch_ms, int64_t finish_ms);
  // Appends to the stage attempt (which must exist), updating the stage's
  // counters the way the listener does for the fields rules read.
  void AddTask(int32_t stage_id, int32_t attempt, const TaskRecord& task);

  AppStatus& status() { return *status_; }
  // Analyses the model as it is now (the builder must outlive the result).
  AppAnalysis Analyze() const;
  // Runs one rule check over Analyze().
  RuleOutput Run(RuleCheck check) const;

 private:
  std::unique_ptr<AppStatus> status_;
  int64_t next_task_id_ = 0;
};

inline void SetMetric(TaskRecord* task, TaskMetric metric, int64_t value) {
  task->metrics[static_cast<int>(metric)] = value;
}

}  // namespace sparkdx::testing

#endif  // SPARKDX_TESTS_SUPPORT_APP_STATUS_BUILDER_H_
