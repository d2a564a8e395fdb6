// ISO-8601 timestamps as Spark's structured streaming writes them
// ("2020-07-29T10:56:55.947Z": QueryStartedEvent, progress and idle events)
// to epoch milliseconds.
#ifndef SPARKDX_BASE_ISO_TIME_H_
#define SPARKDX_BASE_ISO_TIME_H_

#include <cstdint>
#include <string>
#include <string_view>

namespace sparkdx {

// Parses "YYYY-MM-DDTHH:MM:SS[.fraction][zone]" into epoch milliseconds.
// The zone is "Z", "+HH:MM", "-HH:MM", "+HHMM" or "-HHMM"; a text without one
// reads as UTC (Spark formats these times in UTC). A fraction finer than a
// millisecond is cut, not rounded. Years 0001..9999 only; the date and time
// must be valid (no 30 February, no leap second). Returns false, leaving
// `*out_ms` untouched, for anything else.
bool ParseIsoTimestampMs(std::string_view text, int64_t* out_ms);

// Epoch milliseconds as "2020-07-29T10:56:55.947Z" (UTC, always three
// fraction digits), for messages. Times outside years 0001..9999 come back
// as the plain number of milliseconds.
std::string FormatIsoTimestampMs(int64_t ms);

}  // namespace sparkdx

#endif  // SPARKDX_BASE_ISO_TIME_H_
