#include "eventlog/event_type.h"
#include "eventlog/events/handlers.h"

namespace sparkdx {
namespace {

const EventHandler kHandlers[] = {
#define SPARKDX_EVENT(e, name, handler) &handler,
#include "eventlog/event_types.inc"
#undef SPARKDX_EVENT
};
static_assert(sizeof(kHandlers) / sizeof(kHandlers[0]) == kKnownEventTypeCount);

}  // namespace

json::Error Ignore(json::Object& event, EventContext&) {
  for (auto field : event) {
    json::Field f;
    json::Error error = std::move(field).get(f);
    if (error) return error;
  }
  return json::kOk;
}

EventHandler HandlerFor(int event_type_index) { return kHandlers[event_type_index]; }

}  // namespace sparkdx
