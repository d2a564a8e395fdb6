// StreamingListener: structured streaming query runs the way Spark's
// StreamingQueryStatusListener (the History Server's streaming tab) keeps
// them, reduced to per-run aggregates so memory does not grow with the
// number of batches.
//
// Spark's rules, kept here:
// - A run is keyed by its run id; a query id is shared by every restart of
//   the query from the same checkpoint, so one id can have several runs.
// - QueryStartedEvent creates the run (a second one for the same run id
//   replaces its name, id and start time).
// - QueryTerminatedEvent makes the run inactive. It carries no time: Spark
//   stamps the replay's wall clock; sparkdx uses the latest time seen in the
//   log up to that event (AppStatus::last_event_time_ms, or the run's own
//   later progress or idle time), never before the run's start.
// Where sparkdx departs from Spark, for diagnosis:
// - Spark's UI keeps the start's (empty) exception on termination; sparkdx
//   keeps the terminated event's, and a run with one is `failed`.
// - Progress, idle or terminated events of a run never started are kept in
//   a run marked start_seen = false (Spark drops or cannot show them).
// - QueryIdleEvent (Spark 3.5+), which Spark's listener ignores, is counted.
// Streaming times do not move AppStatus::last_event_time_ms: the History
// Server's application and task times never depend on them.
#ifndef SPARKDX_STATUS_STREAMING_LISTENER_H_
#define SPARKDX_STATUS_STREAMING_LISTENER_H_

#include <cstddef>
#include <string>
#include <unordered_map>
#include <vector>

#include "status/app_status.h"
#include "status/events.h"

namespace sparkdx {

class StreamingListener {
 public:
  // Bytes of a terminated run's exception kept (a stack trace can be long).
  static constexpr size_t kExceptionExcerptBytes = 2000;

  explicit StreamingListener(std::vector<StreamingQueryRunData>* runs) : runs_(runs) {}

  void OnStarted(const StreamingQueryStartedEvent& event);
  void OnProgress(const StreamingQueryProgressEvent& event);
  void OnIdle(const StreamingQueryIdleEvent& event);
  // `last_event_time_ms`: the latest time the log has shown so far.
  void OnTerminated(const StreamingQueryTerminatedEvent& event, int64_t last_event_time_ms);

 private:
  StreamingQueryRunData& GetOrCreateRun(const std::string& run_id, const std::string& id);

  std::vector<StreamingQueryRunData>* runs_;
  std::unordered_map<std::string, size_t> run_index_;  // run id -> index in *runs_
};

}  // namespace sparkdx

#endif  // SPARKDX_STATUS_STREAMING_LISTENER_H_
