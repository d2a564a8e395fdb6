// StatusListener: application, environment, miscellaneous processes, SQL
// forwarding and the end of the log. Other families: listener_*.cc.
#include "status/listener.h"

#include <algorithm>
#include <cstdint>

#include "status/listener_util.h"

namespace sparkdx {
namespace {

// Java's Integer.parseInt: an optional sign, then decimal digits, in range.
bool ParseJavaInt(const std::string& text, int32_t* out) {
  size_t pos = text.empty() || (text[0] != '-' && text[0] != '+') ? 0 : 1;
  if (pos == text.size()) return false;
  int64_t value = 0;
  for (; pos < text.size(); ++pos) {
    if (text[pos] < '0' || text[pos] > '9') return false;
    value = value * 10 + (text[pos] - '0');
    if (value > int64_t{INT32_MAX} + 1) return false;
  }
  if (text[0] == '-') value = -value;
  if (value > INT32_MAX) return false;
  *out = static_cast<int32_t>(value);
  return true;
}

}  // namespace

// --- application ---
void StatusListener::OnLogStart(std::string_view spark_version) { status_.spark_version = std::string(spark_version); }

void StatusListener::SetSparkVersionHint(std::string_view spark_version) {
  if (status_.spark_version.empty()) status_.spark_version = std::string(spark_version);
}

void StatusListener::OnApplicationStart(const ApplicationStartEvent& event) {
  ++status_.application_starts;
  if (status_.application_starts > 1) return;  // the first one wins; the reader reports the duplicate
  status_.application_start_seen = true;
  status_.app_id = event.app_id;
  status_.app_name = event.app_name;
  AttemptStatus& attempt = status_.attempt;
  attempt.attempt_id = event.attempt_id;
  attempt.start_time_ms = event.time_ms;
  attempt.end_time_ms = -1;
  attempt.last_updated_ms = event.time_ms;
  attempt.duration_ms = -1;
  attempt.spark_user = event.user;
  attempt.completed = false;
  attempt.spark_version = status_.spark_version;
  SeeTime(event.time_ms);
  // The driver registers its block manager before this event: when the
  // event names driver logs (even none), they and the attributes are the
  // driver's.
  if (event.driver_logs) {
    if (ExecutorStatusData* driver = LiveExecutor("driver")) {
      driver->logs = *event.driver_logs;
      driver->attributes = event.driver_attributes;
      driver->in_spark_store = true;  // Spark writes its summary here
    }
  }
}

void StatusListener::OnApplicationEnd(int64_t time_ms) {
  AttemptStatus& attempt = status_.attempt;
  attempt.end_time_ms = time_ms;
  attempt.last_updated_ms = time_ms;
  attempt.duration_ms = attempt.start_time_ms >= 0 ? time_ms - attempt.start_time_ms : -1;
  attempt.completed = true;
  SeeTime(time_ms);
}

void StatusListener::OnEnvironmentUpdate(EnvironmentUpdateEvent event) {
  // The latest update replaces the whole environment.
  EnvironmentData env;
  env.present = true;
  for (auto& [key, value] : event.jvm_information) {
    if (key == "Java Version") env.java_version = std::move(value);
    if (key == "Java Home") env.java_home = std::move(value);
    if (key == "Scala Version") env.scala_version = std::move(value);
  }
  env.spark_properties = std::move(event.spark_properties);
  env.hadoop_properties = std::move(event.hadoop_properties);
  env.system_properties = std::move(event.system_properties);
  env.metrics_properties = std::move(event.metrics_properties);
  env.classpath_entries = std::move(event.classpath_entries);
  // spark.task.cpus (its last value) sets the CPUs per task of executors
  // whose resource profile does not say.
  const std::string* cpus = nullptr;
  for (const auto& [key, value] : env.spark_properties) {
    if (key == "spark.task.cpus") cpus = &value;
  }
  if (cpus != nullptr) {
    int32_t parsed = 0;
    // Spark fails on a value that is not an int, before storing anything.
    if (!ParseJavaInt(*cpus, &parsed)) return;
    default_cpus_per_task_ = parsed;
  }
  status_.environment = std::move(env);
}

void StatusListener::OnResourceProfileAdded(ResourceProfileEvent event) {
  int32_t id = event.id;
  status_.resource_profiles[id] = std::move(event);
}

void StatusListener::OnMiscProcessAdded(const MiscProcessEvent& event) {
  SeeTime(event.time_ms);
  // A process announced again keeps its first add time; the rest is replaced.
  MiscProcessData* process = nullptr;
  for (MiscProcessData& existing : status_.misc_processes) {
    if (existing.id == event.process_id) process = &existing;
  }
  if (process == nullptr) {
    process = &status_.misc_processes.emplace_back();
    process->id = event.process_id;
    process->add_time_ms = event.time_ms;
  }
  process->host_port = event.host_port;
  process->active = true;
  process->total_cores = event.cores;
  process->log_urls = event.log_urls;
}

// --- SQL ---

void StatusListener::OnSqlExecutionStart(SqlExecutionStartEvent event) {
  SeeTime(event.time_ms);
  sql_.OnExecutionStart(std::move(event));
}

void StatusListener::OnSqlExecutionEnd(const SqlExecutionEndEvent& event) {
  SeeTime(event.time_ms);
  sql_.OnExecutionEnd(event);
}

void StatusListener::OnSqlAdaptiveUpdate(SqlAdaptiveUpdateEvent event) { sql_.OnAdaptiveUpdate(std::move(event)); }

void StatusListener::OnSqlAdaptiveMetrics(const SqlAdaptiveMetricsEvent& event) { sql_.OnAdaptiveMetrics(event); }

void StatusListener::OnSqlDriverAccumUpdates(const SqlDriverAccumUpdatesEvent& event) {
  sql_.OnDriverAccumUpdates(event);
}

// --- structured streaming ---

void StatusListener::OnStreamingQueryStarted(const StreamingQueryStartedEvent& event) { streaming_.OnStarted(event); }

void StatusListener::OnStreamingQueryProgress(const StreamingQueryProgressEvent& event) {
  streaming_.OnProgress(event);
}

void StatusListener::OnStreamingQueryIdle(const StreamingQueryIdleEvent& event) { streaming_.OnIdle(event); }

void StatusListener::OnStreamingQueryTerminated(const StreamingQueryTerminatedEvent& event) {
  streaming_.OnTerminated(event, status_.last_event_time_ms);
}

void StatusListener::Finish(int64_t last_updated_ms) {
  int64_t last = last_updated_ms >= 0 ? last_updated_ms : status_.last_event_time_ms;
  if (!status_.attempt.completed) status_.attempt.last_updated_ms = last;
  // Tasks still running: Spark shows them RUNNING, timed up to the log's
  // last update. In task id order, so the result does not depend on hashing.
  std::vector<const RunningTaskData*> still_running;
  for (const auto& [task_id, running] : status_.running_tasks) still_running.push_back(&running);
  std::sort(still_running.begin(), still_running.end(),
            [](const RunningTaskData* a, const RunningTaskData* b) { return a->record.task_id < b->record.task_id; });
  for (const RunningTaskData* task : still_running) {
    const RunningTaskData& running = *task;
    TaskRecord record = running.record;
    record.running = true;
    record.has_metrics = false;
    record.finish_time_ms = last >= record.launch_time_ms ? last : record.launch_time_ms;
    // Spark lists a task under its stage attempt even when it never saw the stage.
    TasksOnlyStage(running.stage_id, running.stage_attempt_id).tasks.Append(record);
  }
  for (auto& [key, stage] : status_.stages) stage->tasks.Trim();
  sql_.Finish();
  CountOpenAtEnd();
}

void StatusListener::CountOpenAtEnd() {
  OpenAtEndCounts open;
  for (const auto& [job_id, job] : status_.jobs) open.jobs += job.live ? 1 : 0;
  // Only submitted stage attempts: a stage a live job lists but never ran
  // stays PENDING in Spark, and one whose job ended became SKIPPED; tasks of
  // a stage never announced make a tasks-only entry, which is never active.
  for (const auto& [key, stage] : status_.stages) {
    open.stage_attempts += stage->status == StageStatusKind::kActive ? 1 : 0;
  }
  open.tasks = static_cast<int64_t>(status_.running_tasks.size());
  status_.open_at_end = open;
}

}  // namespace sparkdx
