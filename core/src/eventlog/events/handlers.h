// Event handlers: one function per event sparkdx reads, named in
// eventlog/event_types.inc. A handler reads the fields it needs from the
// event's JSON object into a parsed event struct and hands that to the
// ApplicationBuilder; it never computes diagnoses.
//
// Contract:
// - Iterate the whole object (a `for` over its fields): the reader checks
//   afterwards that the line held exactly one complete JSON object.
// - Return a simdjson syntax error when the text is not well-formed JSON (the
//   line is then counted as malformed and the builder must not have been
//   called); return kOk otherwise.
// - A missing or mistyped field is reported with ctx.BadField(...) and the
//   event is kept with what was readable. Unknown extra fields are ignored:
//   Spark adds fields across versions.
#ifndef SPARKDX_EVENTLOG_EVENTS_HANDLERS_H_
#define SPARKDX_EVENTLOG_EVENTS_HANDLERS_H_

#include <string_view>

#include "eventlog/json_access.h"
#include "model/application.h"

namespace sparkdx {

class BadFieldSink {
 public:
  virtual ~BadFieldSink() = default;
  virtual void OnBadField(std::string_view field) = 0;
};

struct EventContext {
  ApplicationBuilder* app;
  BadFieldSink* bad_fields;
  void BadField(std::string_view field) { bad_fields->OnBadField(field); }
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
#undef SPARKDX_DECLARE_HANDLER

// Counts-only events: walks the object so its well-formedness is checked.
json::Error Ignore(json::Object& event, EventContext& ctx);

// The handler for a known event type (Ignore for counted-only ones).
EventHandler HandlerFor(int event_type_index);

}  // namespace sparkdx

#endif  // SPARKDX_EVENTLOG_EVENTS_HANDLERS_H_
