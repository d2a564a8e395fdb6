#include "base/iso_time.h"

#include <cstddef>
#include <cstdio>

namespace sparkdx {
namespace {

// Reads exactly `digits` decimal digits at `*pos`.
bool ReadDigits(std::string_view text, size_t* pos, int digits, int* out) {
  if (*pos + static_cast<size_t>(digits) > text.size()) return false;
  int value = 0;
  for (int i = 0; i < digits; ++i) {
    char c = text[*pos + static_cast<size_t>(i)];
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  *pos += static_cast<size_t>(digits);
  *out = value;
  return true;
}

bool Expect(std::string_view text, size_t* pos, char c) {
  if (*pos >= text.size() || text[*pos] != c) return false;
  ++*pos;
  return true;
}

bool IsLeapYear(int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

// Leap years in 1..year (Gregorian rules carried back: what java.time does).
int64_t LeapYearsThrough(int64_t year) { return year / 4 - year / 100 + year / 400; }

int DaysInMonth(int64_t year, int month) {
  static const int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && IsLeapYear(year) ? 29 : kDays[month - 1];
}

// Days from 1970-01-01 to the given date (negative before it).
int64_t DaysSinceEpoch(int64_t year, int month, int day) {
  int64_t days = 365 * (year - 1970) + LeapYearsThrough(year - 1) - LeapYearsThrough(1969);
  for (int m = 1; m < month; ++m) days += DaysInMonth(year, m);
  return days + day - 1;
}

}  // namespace

bool ParseIsoTimestampMs(std::string_view text, int64_t* out_ms) {
  size_t pos = 0;
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0;
  if (!ReadDigits(text, &pos, 4, &year) || !Expect(text, &pos, '-') || !ReadDigits(text, &pos, 2, &month) ||
      !Expect(text, &pos, '-') || !ReadDigits(text, &pos, 2, &day) || !Expect(text, &pos, 'T') ||
      !ReadDigits(text, &pos, 2, &hour) || !Expect(text, &pos, ':') || !ReadDigits(text, &pos, 2, &minute) ||
      !Expect(text, &pos, ':') || !ReadDigits(text, &pos, 2, &second)) {
    return false;
  }
  if (year < 1 || month < 1 || month > 12 || day < 1 || day > DaysInMonth(year, month) || hour > 23 ||
      minute > 59 || second > 59) {
    return false;
  }
  int64_t millis = 0;
  if (pos < text.size() && text[pos] == '.') {
    ++pos;
    int digits = 0;
    while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9') {
      if (digits < 3) millis = millis * 10 + (text[pos] - '0');
      ++digits;
      ++pos;
    }
    if (digits == 0 || digits > 9) return false;
    for (int i = digits; i < 3; ++i) millis *= 10;
  }
  int64_t offset_minutes = 0;
  if (pos < text.size()) {
    char zone = text[pos++];
    if (zone == 'Z') {
      // UTC
    } else if (zone == '+' || zone == '-') {
      int zone_hours = 0, zone_minutes = 0;
      if (!ReadDigits(text, &pos, 2, &zone_hours)) return false;
      if (pos < text.size() && text[pos] == ':') ++pos;
      if (!ReadDigits(text, &pos, 2, &zone_minutes) || zone_hours > 18 || zone_minutes > 59) return false;
      offset_minutes = (zone == '+' ? 1 : -1) * (zone_hours * 60 + zone_minutes);
    } else {
      return false;
    }
  }
  if (pos != text.size()) return false;
  int64_t seconds = DaysSinceEpoch(year, month, day) * 86400 + hour * 3600 + minute * 60 + second;
  *out_ms = (seconds - offset_minutes * 60) * 1000 + millis;
  return true;
}

std::string FormatIsoTimestampMs(int64_t ms) {
  const int64_t first_day = DaysSinceEpoch(1, 1, 1);
  const int64_t end_day = DaysSinceEpoch(10000, 1, 1);
  // Floor division: times before 1970 have a negative day and a positive
  // time of day.
  int64_t days = ms / 86'400'000;
  int64_t ms_of_day = ms % 86'400'000;
  if (ms_of_day < 0) {
    ms_of_day += 86'400'000;
    days -= 1;
  }
  if (days < first_day || days >= end_day) return std::to_string(ms);
  // An estimate of the year, then corrected: the estimate is off by at most one.
  int64_t year = 1970 + (days * 400) / 146097;
  if (year < 1) year = 1;
  if (year > 9999) year = 9999;
  while (year > 1 && DaysSinceEpoch(year, 1, 1) > days) --year;
  while (year < 9999 && DaysSinceEpoch(year + 1, 1, 1) <= days) ++year;
  int64_t day_of_year = days - DaysSinceEpoch(year, 1, 1);
  int month = 1;
  while (month < 12 && day_of_year >= DaysInMonth(year, month)) {
    day_of_year -= DaysInMonth(year, month);
    ++month;
  }
  char buffer[40];
  std::snprintf(buffer, sizeof(buffer), "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", static_cast<int>(year), month,
                static_cast<int>(day_of_year + 1), static_cast<int>(ms_of_day / 3'600'000),
                static_cast<int>(ms_of_day / 60'000 % 60), static_cast<int>(ms_of_day / 1000 % 60),
                static_cast<int>(ms_of_day % 1000));
  return buffer;
}

}  // namespace sparkdx
