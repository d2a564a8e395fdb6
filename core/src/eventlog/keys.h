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
inline constexpr std::string_view kStackTrace = "Stack Trace";
inline constexpr std::string_view kDeclaringClass = "Declaring Class";
inline constexpr std::string_view kMethodName = "Method Name";
inline constexpr std::string_view kFileName = "File Name";
inline constexpr std::string_view kLineNumber = "Line Number";
inline constexpr std::string_view kBlockManagerAddress = "Block Manager Address";
inline constexpr std::string_view kShuffleId = "Shuffle ID";
inline constexpr std::string_view kMapId = "Map ID";
inline constexpr std::string_view kMapIndex = "Map Index";
inline constexpr std::string_view kReduceId = "Reduce ID";
inline constexpr std::string_view kExitCausedByApp = "Exit Caused By App";
inline constexpr std::string_view kAttemptNumber = "Attempt Number";
inline constexpr std::string_view kShuffleReadMetrics = "Shuffle Read Metrics";
inline constexpr std::string_view kShuffleWriteMetrics = "Shuffle Write Metrics";
inline constexpr std::string_view kInputMetrics = "Input Metrics";
inline constexpr std::string_view kOutputMetrics = "Output Metrics";
inline constexpr std::string_view kPushBasedShuffle = "Push Based Shuffle";
inline constexpr std::string_view kResultTaskType = "ResultTask";
inline constexpr std::string_view kShuffleMapTaskType = "ShuffleMapTask";

// Stage infos and RDD infos
inline constexpr std::string_view kRddInfo = "RDD Info";
inline constexpr std::string_view kParentIds = "Parent IDs";
inline constexpr std::string_view kDetails = "Details";
inline constexpr std::string_view kAccumulables = "Accumulables";
inline constexpr std::string_view kResourceProfileId = "Resource Profile Id";
inline constexpr std::string_view kShufflePushEnabled = "Shuffle Push Enabled";
inline constexpr std::string_view kShufflePushMergersCount = "Shuffle Push Mergers Count";
inline constexpr std::string_view kRddId = "RDD ID";
inline constexpr std::string_view kName = "Name";
inline constexpr std::string_view kScope = "Scope";
inline constexpr std::string_view kCallsite = "Callsite";
inline constexpr std::string_view kStorageLevel = "Storage Level";
inline constexpr std::string_view kBarrier = "Barrier";
inline constexpr std::string_view kNumberOfPartitions = "Number of Partitions";
inline constexpr std::string_view kNumberOfCachedPartitions = "Number of Cached Partitions";
inline constexpr std::string_view kMemorySize = "Memory Size";
inline constexpr std::string_view kDiskSize = "Disk Size";
inline constexpr std::string_view kUseDisk = "Use Disk";
inline constexpr std::string_view kUseMemory = "Use Memory";
inline constexpr std::string_view kUseOffHeap = "Use Off Heap";
inline constexpr std::string_view kDeserialized = "Deserialized";
inline constexpr std::string_view kReplication = "Replication";

// Accumulables
inline constexpr std::string_view kId = "ID";
inline constexpr std::string_view kUpdate = "Update";
inline constexpr std::string_view kValue = "Value";
inline constexpr std::string_view kInternal = "Internal";
inline constexpr std::string_view kCountFailedValues = "Count Failed Values";
inline constexpr std::string_view kMetadata = "Metadata";
inline constexpr std::string_view kSqlMetadata = "sql";
inline constexpr std::string_view kInternalMetricsPrefix = "internal.metrics.";

// Job and stage properties
inline constexpr std::string_view kJobDescriptionProperty = "spark.job.description";
inline constexpr std::string_view kSchedulerPoolProperty = "spark.scheduler.pool";
inline constexpr std::string_view kJobTagsProperty = "spark.job.tags";
inline constexpr std::string_view kCallSiteShortProperty = "callSite.short";

// Executors and block managers
inline constexpr std::string_view kExecutorInfo = "Executor Info";
inline constexpr std::string_view kTotalCores = "Total Cores";
inline constexpr std::string_view kRemovedReason = "Removed Reason";
inline constexpr std::string_view kBlockManagerId = "Block Manager ID";
inline constexpr std::string_view kMaximumMemory = "Maximum Memory";
inline constexpr std::string_view kMaximumOnheapMemory = "Maximum Onheap Memory";
inline constexpr std::string_view kMaximumOffheapMemory = "Maximum Offheap Memory";
inline constexpr std::string_view kPort = "Port";
inline constexpr std::string_view kLogUrls = "Log Urls";
inline constexpr std::string_view kAttributes = "Attributes";
inline constexpr std::string_view kResources = "Resources";
inline constexpr std::string_view kRegistrationTime = "Registration Time";
inline constexpr std::string_view kAddresses = "addresses";
inline constexpr std::string_view kResourceName = "name";
inline constexpr std::string_view kExecutorMetrics = "Executor Metrics";
inline constexpr std::string_view kTaskExecutorMetrics = "Task Executor Metrics";
inline constexpr std::string_view kBlockUpdatedInfo = "Block Updated Info";
inline constexpr std::string_view kBlockId = "Block ID";

// Jackson-serialised scheduler events (exclusion, miscellaneous processes).
inline constexpr std::string_view kJacksonExecutorId = "executorId";
inline constexpr std::string_view kJacksonHostId = "hostId";
inline constexpr std::string_view kJacksonStageId = "stageId";
inline constexpr std::string_view kJacksonStageAttemptId = "stageAttemptId";
inline constexpr std::string_view kJacksonProcessId = "processId";
inline constexpr std::string_view kJacksonInfo = "info";
inline constexpr std::string_view kJacksonHostPort = "hostPort";
inline constexpr std::string_view kJacksonCores = "cores";
inline constexpr std::string_view kJacksonLogUrlInfo = "logUrlInfo";

// SQL (Jackson-serialised)
inline constexpr std::string_view kExecutionId = "executionId";
inline constexpr std::string_view kSqlDescription = "description";
inline constexpr std::string_view kSqlRootExecutionId = "rootExecutionId";
inline constexpr std::string_view kSqlQueryId = "queryId";
inline constexpr std::string_view kSqlDetails = "details";
inline constexpr std::string_view kSqlPhysicalPlanDescription = "physicalPlanDescription";
inline constexpr std::string_view kSqlSparkPlanInfo = "sparkPlanInfo";
inline constexpr std::string_view kSqlModifiedConfigs = "modifiedConfigs";
inline constexpr std::string_view kSqlErrorMessage = "errorMessage";
inline constexpr std::string_view kSqlPlanMetrics = "sqlPlanMetrics";
inline constexpr std::string_view kSqlAccumUpdates = "accumUpdates";
inline constexpr std::string_view kPlanNodeName = "nodeName";
inline constexpr std::string_view kPlanSimpleString = "simpleString";
inline constexpr std::string_view kPlanChildren = "children";
inline constexpr std::string_view kPlanMetrics = "metrics";
inline constexpr std::string_view kMetricName = "name";
inline constexpr std::string_view kMetricAccumulatorId = "accumulatorId";
inline constexpr std::string_view kMetricType = "metricType";
inline constexpr std::string_view kTime = "time";

// Structured streaming (StreamingQueryListener events, Jackson-serialised)
inline constexpr std::string_view kStreamId = "id";
inline constexpr std::string_view kStreamRunId = "runId";
inline constexpr std::string_view kStreamName = "name";
inline constexpr std::string_view kStreamTimestamp = "timestamp";
inline constexpr std::string_view kStreamException = "exception";
inline constexpr std::string_view kStreamProgress = "progress";
inline constexpr std::string_view kStreamBatchId = "batchId";
inline constexpr std::string_view kStreamBatchDuration = "batchDuration";
inline constexpr std::string_view kStreamDurationMs = "durationMs";
inline constexpr std::string_view kStreamStateOperators = "stateOperators";
inline constexpr std::string_view kStreamNumRowsTotal = "numRowsTotal";
inline constexpr std::string_view kStreamMemoryUsedBytes = "memoryUsedBytes";
inline constexpr std::string_view kStreamSources = "sources";
inline constexpr std::string_view kStreamNumInputRows = "numInputRows";
inline constexpr std::string_view kStreamInputRowsPerSecond = "inputRowsPerSecond";
inline constexpr std::string_view kStreamProcessedRowsPerSecond = "processedRowsPerSecond";
inline constexpr std::string_view kStreamSink = "sink";
inline constexpr std::string_view kStreamDescription = "description";
inline constexpr std::string_view kStreamNumOutputRows = "numOutputRows";

}  // namespace sparkdx::keys

#endif  // SPARKDX_EVENTLOG_KEYS_H_
