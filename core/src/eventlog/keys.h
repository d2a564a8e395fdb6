// Spark's JSON keys, verbatim, in one place. Handlers never spell a key as a
// string literal of their own. Spark writes most events through JsonProtocol
// (keys with spaces, "Task Info"); SQL and some scheduler events go through
// Jackson (camelCase keys, "executionId").
#ifndef SPARKDX_EVENTLOG_KEYS_H_
#define SPARKDX_EVENTLOG_KEYS_H_

#include <string_view>

namespace sparkdx::keys {

inline constexpr std::string_view kEvent = "Event";

// SparkListenerLogStart
inline constexpr std::string_view kSparkVersion = "Spark Version";

// SparkListenerApplicationStart / End
inline constexpr std::string_view kAppName = "App Name";
inline constexpr std::string_view kAppId = "App ID";
inline constexpr std::string_view kAppAttemptId = "App Attempt ID";
inline constexpr std::string_view kTimestamp = "Timestamp";
inline constexpr std::string_view kUser = "User";

// Jobs
inline constexpr std::string_view kJobId = "Job ID";
inline constexpr std::string_view kSubmissionTime = "Submission Time";
inline constexpr std::string_view kCompletionTime = "Completion Time";
inline constexpr std::string_view kStageIds = "Stage IDs";
inline constexpr std::string_view kStageInfos = "Stage Infos";
inline constexpr std::string_view kJobResult = "Job Result";
inline constexpr std::string_view kResult = "Result";
inline constexpr std::string_view kProperties = "Properties";
inline constexpr std::string_view kJobSucceeded = "JobSucceeded";
inline constexpr std::string_view kSqlExecutionIdProperty = "spark.sql.execution.id";
inline constexpr std::string_view kJobGroupProperty = "spark.jobGroup.id";

// Stages
inline constexpr std::string_view kStageInfo = "Stage Info";
inline constexpr std::string_view kStageId = "Stage ID";
inline constexpr std::string_view kStageAttemptId = "Stage Attempt ID";
inline constexpr std::string_view kStageName = "Stage Name";
inline constexpr std::string_view kNumberOfTasks = "Number of Tasks";
inline constexpr std::string_view kFailureReason = "Failure Reason";

// Tasks
inline constexpr std::string_view kTaskType = "Task Type";
inline constexpr std::string_view kTaskEndReason = "Task End Reason";
inline constexpr std::string_view kReason = "Reason";
inline constexpr std::string_view kTaskInfo = "Task Info";
inline constexpr std::string_view kTaskMetrics = "Task Metrics";
inline constexpr std::string_view kTaskId = "Task ID";
inline constexpr std::string_view kIndex = "Index";
inline constexpr std::string_view kAttempt = "Attempt";
inline constexpr std::string_view kPartitionId = "Partition ID";
inline constexpr std::string_view kLaunchTime = "Launch Time";
inline constexpr std::string_view kExecutorId = "Executor ID";
inline constexpr std::string_view kHost = "Host";
inline constexpr std::string_view kLocality = "Locality";
inline constexpr std::string_view kSpeculative = "Speculative";
inline constexpr std::string_view kGettingResultTime = "Getting Result Time";
inline constexpr std::string_view kFinishTime = "Finish Time";
inline constexpr std::string_view kFailed = "Failed";
inline constexpr std::string_view kKilled = "Killed";
inline constexpr std::string_view kDescription = "Description";
inline constexpr std::string_view kFullStackTrace = "Full Stack Trace";
inline constexpr std::string_view kKillReason = "Kill Reason";
inline constexpr std::string_view kLossReason = "Loss Reason";
inline constexpr std::string_view kMessage = "Message";
inline constexpr std::string_view kClassName = "Class Name";
inline constexpr std::string_view kShuffleReadMetrics = "Shuffle Read Metrics";
inline constexpr std::string_view kShuffleWriteMetrics = "Shuffle Write Metrics";
inline constexpr std::string_view kInputMetrics = "Input Metrics";
inline constexpr std::string_view kOutputMetrics = "Output Metrics";
inline constexpr std::string_view kPushBasedShuffle = "Push Based Shuffle";
inline constexpr std::string_view kResultTaskType = "ResultTask";
inline constexpr std::string_view kShuffleMapTaskType = "ShuffleMapTask";

// Executors and block managers
inline constexpr std::string_view kExecutorInfo = "Executor Info";
inline constexpr std::string_view kTotalCores = "Total Cores";
inline constexpr std::string_view kRemovedReason = "Removed Reason";
inline constexpr std::string_view kBlockManagerId = "Block Manager ID";
inline constexpr std::string_view kMaximumMemory = "Maximum Memory";

// SQL (Jackson-serialised)
inline constexpr std::string_view kExecutionId = "executionId";
inline constexpr std::string_view kSqlDescription = "description";
inline constexpr std::string_view kTime = "time";

}  // namespace sparkdx::keys

#endif  // SPARKDX_EVENTLOG_KEYS_H_
