// Rebuilding an event log from a Spark UI's REST API, for servers that
// answer the API but not its logs zip: a running application's own UI (the
// live UI writes an empty zip: only History Servers keep logs), reached for
// example through the Databricks driver proxy, or a History Server whose
// logs endpoint is turned off.
//
// The rebuilt log is Spark listener events, one JSON object per line, in
// time order, so the analyzer reads it like any event log:
//   application start/end, environment, executors (added, removed, block
//   managers with their memory, peak memory metrics), jobs (with their SQL
//   execution and job group), stage attempts, every task (start and end,
//   with the full task metrics and the end reason) and SQL executions (the
//   plan graph, without metric values).
// What the REST API does not carry is lost: stage parents (inferred within
// a job: earlier stages that ended before this one started), RDD details,
// accumulables and SQL metric values, task executor metrics, storage
// updates. The first line after the log start says that the log is rebuilt.
//
// Requests: the application, environment, allexecutors, jobs, stages, sql,
// then stages/<id>/<attempt>/taskList in pages of `task_page` tasks.
#ifndef SPARKDX_NATIVE_FETCH_REST_REBUILD_H_
#define SPARKDX_NATIVE_FETCH_REST_REBUILD_H_

#include <cstdint>
#include <functional>
#include <string>

#include "history_server.h"

namespace sparkdx::fetch {

struct RebuildOptions {
  int task_page = 5000;  // tasks per taskList request
  // Called after each page of tasks: tasks rebuilt so far, of `tasks_total`.
  std::function<void(int64_t tasks_done, int64_t tasks_total)> progress;
};

struct RebuildResult {
  bool ok = false;
  std::string error;        // names the request that failed
  uint64_t bytes_written = 0;
  int64_t events = 0;
  int64_t tasks = 0;
};

// Writes the rebuilt log of one application attempt (`attempt_id` "" for
// the only or the last one) to `sink`.
RebuildResult RebuildEventLog(HttpClient& client, const HistoryServerSource& source, const std::string& app_id,
                              const std::string& attempt_id, const BodySink& sink, const RebuildOptions& options = {});

// The logs of an application: the server's logs zip when it has one, else
// the rebuilt log. `*rebuilt` says which reached `sink` (a zip starts with
// "PK"; a rebuilt log with '{'). Used by fetch and the proxy for servers
// that may be either (the Databricks driver proxy and historical UI).
HttpResponse FetchLogsOrRebuild(HttpClient& client, const HistoryServerSource& source, const std::string& app_id,
                                const std::string& attempt_id, const BodySink& sink, bool* rebuilt,
                                const RebuildOptions& options = {});

// "2024-07-07T14:56:54.492GMT" (the REST API's dates) as epoch ms; -1 if not.
int64_t ParseRestTime(const std::string& text);

}  // namespace sparkdx::fetch

#endif  // SPARKDX_NATIVE_FETCH_REST_REBUILD_H_
