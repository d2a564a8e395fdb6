// StatusListener: applies typed Spark listener events (status/events.h) to an
// AppStatus with the semantics of Spark's AppStatusListener (and, for SQL, of
// its SQLAppStatusListener), so that the History Server's REST answers can be
// reproduced field for field. Where Spark's rules are surprising they are
// kept, and the comment says which Spark behaviour a branch reproduces.
//
// One listener per event log. Finish() closes the log: tasks still running
// are recorded as running, the attempt's "last updated" time is set, and
// the jobs, stage attempts and tasks left without an end event are counted.
#ifndef SPARKDX_STATUS_LISTENER_H_
#define SPARKDX_STATUS_LISTENER_H_

#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>

#include "status/app_status.h"
#include "status/events.h"
#include "status/sql_listener.h"
#include "status/streaming_listener.h"

namespace sparkdx {

class StatusListener {
 public:
  StatusListener() : sql_(&status_.sql_executions), streaming_(&status_.streaming_queries) {}
  StatusListener(const StatusListener&) = delete;
  StatusListener& operator=(const StatusListener&) = delete;

  const AppStatus& status() const { return status_; }
  // Whether `id` is the accumulator of a SQL plan metric seen so far (lets
  // the task reader stop reading such an accumulator after its update).
  bool IsSqlAccumulator(int64_t id) const { return sql_.IsSqlAccumulator(id); }
  // Bytes of per-task SQL metric values held for live SQL executions.
  uint64_t sql_live_value_bytes() const { return sql_.live_value_bytes(); }

  void OnLogStart(std::string_view spark_version);
  void OnApplicationStart(const ApplicationStartEvent& event);
  void OnApplicationEnd(int64_t time_ms);
  void OnEnvironmentUpdate(EnvironmentUpdateEvent event);
  void OnResourceProfileAdded(ResourceProfileEvent event);
  void OnExecutorAdded(const ExecutorAddedEvent& event);
  void OnExecutorRemoved(const ExecutorRemovedEvent& event);
  void OnBlockManagerAdded(const BlockManagerEvent& event);
  void OnBlockManagerRemoved(const BlockManagerEvent& event);
  void OnExclusion(const ExclusionEvent& event);
  void OnJobStart(const JobStartEvent& event);
  void OnJobEnd(const JobEndEvent& event);
  void OnStageSubmitted(const StageSubmittedEvent& event);
  void OnStageCompleted(const StageInfoEvent& info);
  void OnTaskStart(const TaskEvent& event);
  void OnTaskGettingResult(const TaskEvent& event);
  void OnTaskEnd(const TaskEvent& event);
  void OnStageExecutorMetrics(const StageExecutorMetricsEvent& event);
  void OnUnpersistRdd(int32_t rdd_id);
  void OnBlockUpdated(const BlockUpdatedEvent& event);
  void OnMiscProcessAdded(const MiscProcessEvent& event);
  void OnSqlExecutionStart(SqlExecutionStartEvent event);
  void OnSqlExecutionEnd(const SqlExecutionEndEvent& event);
  void OnSqlAdaptiveUpdate(SqlAdaptiveUpdateEvent event);
  void OnSqlAdaptiveMetrics(const SqlAdaptiveMetricsEvent& event);
  void OnSqlDriverAccumUpdates(const SqlDriverAccumUpdatesEvent& event);
  void OnStreamingQueryStarted(const StreamingQueryStartedEvent& event);
  void OnStreamingQueryProgress(const StreamingQueryProgressEvent& event);
  void OnStreamingQueryIdle(const StreamingQueryIdleEvent& event);
  void OnStreamingQueryTerminated(const StreamingQueryTerminatedEvent& event);
  // A version known from outside the events (legacy SPARK_VERSION_ marker).
  void SetSparkVersionHint(std::string_view spark_version);

  // End of the log. `last_updated_ms` is the log's last modification time
  // when known (the History Server uses it for tasks still running), else -1.
  // Also counts what was still open (AppStatus::open_at_end).
  void Finish(int64_t last_updated_ms = -1);

 private:
  ExecutorStatusData& GetOrCreateExecutor(const std::string& id, int64_t add_time_ms);
  ExecutorStatusData* LiveExecutor(std::string_view id);
  uint32_t ExecutorIndex(std::string_view id, std::string_view host);
  StageStatusData& GetOrCreateStage(const StageInfoEvent& info);
  StageStatusData* LiveStage(int32_t stage_id, int32_t attempt_id);
  // The stage attempt's entry, created (not live, tasks only) when Spark
  // never announced the stage: its tasks are still kept and listed.
  StageStatusData& TasksOnlyStage(int32_t stage_id, int32_t attempt_id);
  void SeeTime(int64_t time_ms) {
    if (time_ms > status_.last_event_time_ms) status_.last_event_time_ms = time_ms;
  }
  void SetStageExcluded(StageStatusData& stage, const std::string& executor_id);
  void UpdateRddBlock(const BlockUpdatedEvent& event, int32_t rdd_id);
  void DropExecutorBlocks(const std::string& executor_id);
  void RetainDeadExecutors();
  void UpdateExecutorMemory(ExecutorStatusData& exec, const StorageLevelInfo& level, int64_t memory_delta,
                            int64_t disk_delta);
  bool ExecutorActiveForLiveStages(const ExecutorStatusData& exec) const;
  std::string TaskErrorMessage(const TaskEndReasonEvent& reason) const;
  void CountOpenAtEnd();

  // Executor ids to their index in status_.executors (one entry per id).
  struct StringHash {
    using is_transparent = void;
    size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };
  std::unordered_map<std::string, uint32_t, StringHash, std::equal_to<>> executor_index_;

  AppStatus status_;
  SqlListener sql_;
  StreamingListener streaming_;
  int32_t default_cpus_per_task_ = 1;
  int64_t dead_executors_in_store_ = 0;  // removed executors whose summary Spark's store holds
};

}  // namespace sparkdx

#endif  // SPARKDX_STATUS_LISTENER_H_
