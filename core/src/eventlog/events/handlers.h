// Event handlers: one function per event sparkdx reads, named in
// eventlog/event_types.inc. A handler reads the event's JSON object into a
// typed event (status/events.h) and hands it to the StatusListener; it never
// computes anything itself.
//
// Contract:
// - Iterate the whole object (a `for` over its fields): the reader checks
//   afterwards that the line held exactly one complete JSON object.
// - Return a simdjson syntax error when the text is not well-formed JSON (the
//   line is then counted as malformed and the listener must not have been
//   called); return kOk otherwise.
// - A missing or mistyped field is reported with ctx.BadField(...) and the
//   event is kept with what was readable. Unknown extra fields are ignored:
//   Spark adds fields across versions.
#ifndef SPARKDX_EVENTLOG_EVENTS_HANDLERS_H_
#define SPARKDX_EVENTLOG_EVENTS_HANDLERS_H_

#include <string_view>

#include "eventlog/json_access.h"
#include "status/listener.h"

namespace sparkdx {

class BadFieldSink {
 public:
  virtual ~BadFieldSink() = default;
  virtual void OnBadField(std::string_view field) = 0;
};

struct EventContext {
  EventContext(StatusListener* listener_in, BadFieldSink* bad_fields_in)
      : listener(listener_in), bad_fields(bad_fields_in) {}
  StatusListener* listener;
  BadFieldSink* bad_fields;
  void BadField(std::string_view field) { bad_fields->OnBadField(field); }
  // One TaskEvent reused by every task event (reset first), so the hot path
  // allocates nothing per task once warm.
  TaskEvent& FreshTaskEvent() {
    task_event.Reset();
    return task_event;
  }

 private:
  TaskEvent task_event;
};

using EventHandler = json::Error (*)(json::Object& event, EventContext& ctx);

#define SPARKDX_DECLARE_HANDLER(name) json::Error name(json::Object& event, EventContext& ctx);
SPARKDX_DECLARE_HANDLER(HandleLogStart)
SPARKDX_DECLARE_HANDLER(HandleApplicationStart)
SPARKDX_DECLARE_HANDLER(HandleApplicationEnd)
SPARKDX_DECLARE_HANDLER(HandleJobStart)
SPARKDX_DECLARE_HANDLER(HandleJobEnd)
SPARKDX_DECLARE_HANDLER(HandleStageSubmitted)
SPARKDX_DECLARE_HANDLER(HandleStageCompleted)
SPARKDX_DECLARE_HANDLER(HandleTaskStart)
SPARKDX_DECLARE_HANDLER(HandleTaskEnd)
SPARKDX_DECLARE_HANDLER(HandleExecutorAdded)
SPARKDX_DECLARE_HANDLER(HandleExecutorRemoved)
SPARKDX_DECLARE_HANDLER(HandleBlockManagerAdded)
SPARKDX_DECLARE_HANDLER(HandleSqlExecutionStart)
SPARKDX_DECLARE_HANDLER(HandleSqlExecutionEnd)
SPARKDX_DECLARE_HANDLER(HandleEnvironmentUpdate)
SPARKDX_DECLARE_HANDLER(HandleResourceProfileAdded)
SPARKDX_DECLARE_HANDLER(HandleBlockManagerRemoved)
SPARKDX_DECLARE_HANDLER(HandleTaskGettingResult)
SPARKDX_DECLARE_HANDLER(HandleStageExecutorMetrics)
SPARKDX_DECLARE_HANDLER(HandleBlockUpdated)
SPARKDX_DECLARE_HANDLER(HandleUnpersistRdd)
SPARKDX_DECLARE_HANDLER(HandleMiscellaneousProcessAdded)
SPARKDX_DECLARE_HANDLER(HandleExecutorExcluded)
SPARKDX_DECLARE_HANDLER(HandleExecutorUnexcluded)
SPARKDX_DECLARE_HANDLER(HandleExecutorExcludedForStage)
SPARKDX_DECLARE_HANDLER(HandleNodeExcluded)
SPARKDX_DECLARE_HANDLER(HandleNodeUnexcluded)
SPARKDX_DECLARE_HANDLER(HandleNodeExcludedForStage)
SPARKDX_DECLARE_HANDLER(HandleSqlAdaptiveExecutionUpdate)
SPARKDX_DECLARE_HANDLER(HandleSqlAdaptiveSqlMetricUpdates)
SPARKDX_DECLARE_HANDLER(HandleSqlDriverAccumUpdates)
SPARKDX_DECLARE_HANDLER(HandleStreamingQueryStarted)
SPARKDX_DECLARE_HANDLER(HandleStreamingQueryProgress)
SPARKDX_DECLARE_HANDLER(HandleStreamingQueryIdle)
SPARKDX_DECLARE_HANDLER(HandleStreamingQueryTerminated)
#undef SPARKDX_DECLARE_HANDLER

// Counts-only events: walks the object so its well-formedness is checked.
json::Error Ignore(json::Object& event, EventContext& ctx);

// The handler for a known event type (Ignore for counted-only ones).
EventHandler HandlerFor(int event_type_index);

}  // namespace sparkdx

#endif  // SPARKDX_EVENTLOG_EVENTS_HANDLERS_H_
