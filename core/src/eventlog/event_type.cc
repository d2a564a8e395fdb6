#include "eventlog/event_type.h"

#include <algorithm>
#include <array>
#include <utility>

namespace sparkdx {
namespace {

constexpr std::string_view kEventNames[] = {
#define SPARKDX_EVENT(e, name, handler) name,
#include "eventlog/event_types.inc"
#undef SPARKDX_EVENT
};

// Sorted (name, type) pairs for binary search; built once.
struct NameIndex {
  std::array<std::pair<std::string_view, EventType>, kKnownEventTypeCount> entries;
  NameIndex() {
    for (int i = 0; i < kKnownEventTypeCount; ++i) entries[i] = {kEventNames[i], static_cast<EventType>(i)};
    std::sort(entries.begin(), entries.end());
  }
};

}  // namespace

EventType EventTypeFromName(std::string_view name) {
  // The hot events come first in the log by a wide margin; check them before
  // searching.
  if (name == kEventNames[static_cast<int>(EventType::kTaskEnd)]) return EventType::kTaskEnd;
  if (name == kEventNames[static_cast<int>(EventType::kTaskStart)]) return EventType::kTaskStart;
  static const NameIndex index;
  auto it = std::lower_bound(index.entries.begin(), index.entries.end(), name,
                             [](const auto& entry, std::string_view key) { return entry.first < key; });
  if (it != index.entries.end() && it->first == name) return it->second;
  return EventType::kUnknown;
}

std::string_view EventTypeName(EventType type) {
  if (type == EventType::kUnknown) return "unknown";
  return kEventNames[static_cast<int>(type)];
}

}  // namespace sparkdx
