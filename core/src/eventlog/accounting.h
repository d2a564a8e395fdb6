// LineAccounting: what became of every line read. The identity
//   lines == events + blank_lines + malformed_lines
// always holds; unknown_events is the part of `events` whose type sparkdx
// does not know.
#ifndef SPARKDX_EVENTLOG_ACCOUNTING_H_
#define SPARKDX_EVENTLOG_ACCOUNTING_H_

#include <array>
#include <cstdint>
#include <map>
#include <string>
#include <string_view>

#include "eventlog/event_type.h"

namespace sparkdx {

struct LineAccounting {
  // Distinct unknown event names kept by name; the rest are summed under
  // kOtherUnknownEvents so a vendor flood cannot grow the report unboundedly.
  static constexpr size_t kMaxUnknownNames = 256;
  static constexpr std::string_view kOtherUnknownEvents = "(other unknown events)";

  uint64_t lines = 0;
  uint64_t events = 0;
  uint64_t blank_lines = 0;
  uint64_t malformed_lines = 0;
  uint64_t unknown_events = 0;
  std::array<uint64_t, kKnownEventTypeCount> known_event_counts{};
  std::map<std::string, uint64_t, std::less<>> unknown_event_counts;

  void CountUnknownEvent(std::string_view name, uint64_t count = 1);
  void Add(const LineAccounting& other);
  bool Balanced() const { return lines == events + blank_lines + malformed_lines; }
};

}  // namespace sparkdx

#endif  // SPARKDX_EVENTLOG_ACCOUNTING_H_
