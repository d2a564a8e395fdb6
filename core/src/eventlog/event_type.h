// EventType: the enum generated from event_types.inc, and lookup by Spark's
// "Event" string.
#ifndef SPARKDX_EVENTLOG_EVENT_TYPE_H_
#define SPARKDX_EVENTLOG_EVENT_TYPE_H_

#include <cstdint>
#include <string_view>

namespace sparkdx {

enum class EventType : uint8_t {
#define SPARKDX_EVENT(e, name, handler) e,
#include "eventlog/event_types.inc"
#undef SPARKDX_EVENT
  kUnknown,
};
inline constexpr int kKnownEventTypeCount = static_cast<int>(EventType::kUnknown);

// kUnknown when `name` is not in the table.
EventType EventTypeFromName(std::string_view name);
std::string_view EventTypeName(EventType type);

}  // namespace sparkdx

#endif  // SPARKDX_EVENTLOG_EVENT_TYPE_H_
