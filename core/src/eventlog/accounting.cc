#include "eventlog/accounting.h"

namespace sparkdx {

void LineAccounting::CountUnknownEvent(std::string_view name, uint64_t count) {
  auto it = unknown_event_counts.find(name);
  if (it != unknown_event_counts.end()) {
    it->second += count;
  } else if (unknown_event_counts.size() < kMaxUnknownNames) {
    unknown_event_counts.emplace(std::string(name), count);
  } else {
    unknown_event_counts[std::string(kOtherUnknownEvents)] += count;
  }
}

void LineAccounting::Add(const LineAccounting& other) {
  lines += other.lines;
  events += other.events;
  blank_lines += other.blank_lines;
  malformed_lines += other.malformed_lines;
  unknown_events += other.unknown_events;
  for (int i = 0; i < kKnownEventTypeCount; ++i) known_event_counts[i] += other.known_event_counts[i];
  for (const auto& [name, count] : other.unknown_event_counts) CountUnknownEvent(name, count);
}

}  // namespace sparkdx
