// applications, applications/{app-id}, applications/{app-id}/{attempt-id}:
// what the History Server's listing says about applications and attempts.
#include <algorithm>
#include <cctype>
#include <cstdio>

#include "report/rest/jackson_writer.h"
#include "report/rest/rest_endpoints.h"

namespace sparkdx {
namespace {

// The History Server takes the end time and duration of an attempt from its
// ApplicationEnd (an unfinished attempt shows end -1 and duration 0) and the
// version from SparkListenerLogStart. "lastUpdated" is the log file's
// modification time there; sparkdx, which sees bytes and not files, shows
// the end time or, for an unfinished log, its last event's time.
RestJson AttemptJson(const AppStatus& status) {
  const AttemptStatus& a = status.attempt;
  int64_t end = a.completed ? a.end_time_ms : -1;
  int64_t last_updated = a.last_updated_ms >= 0 ? a.last_updated_ms : status.last_event_time_ms;
  RestJson json = RestJson::object();
  if (a.attempt_id) json["attemptId"] = *a.attempt_id;
  json["startTime"] = RestDateText(a.start_time_ms);
  json["endTime"] = RestDateText(end);
  json["lastUpdated"] = RestDateText(last_updated);
  json["duration"] = a.completed ? a.end_time_ms - a.start_time_ms : 0;
  json["sparkUser"] = a.spark_user;
  json["completed"] = a.completed;
  json["appSparkVersion"] = a.spark_version;
  json["endTimeEpoch"] = end;
  json["startTimeEpoch"] = a.start_time_ms;
  json["lastUpdatedEpoch"] = last_updated;
  return json;
}

RestJson ApplicationJson(const RestApp& app) {
  RestJson attempts = RestJson::array();
  for (const AppStatus* attempt : app.attempts) attempts.push_back(AttemptJson(*attempt));
  return RestJson{{"id", app.id}, {"name", app.name}, {"attempts", std::move(attempts)}};
}

std::string Lower(std::string text) {
  for (char& c : text) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return text;
}

// Spark's SimpleDateParam: "yyyy-MM-dd'T'HH:mm:ss.SSS<zone>" (GMT, UTC or Z
// here) or "yyyy-MM-dd", both in GMT.
bool ParseDateParam(const std::string& text, int64_t* epoch_ms) {
  int year = 0, month = 0, day = 0, hour = 0, minute = 0, second = 0, millis = 0;
  char zone[8] = {0};
  int consumed = 0;
  bool full = std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d.%3d%7s%n", &year, &month, &day, &hour, &minute,
                          &second, &millis, zone, &consumed) == 8 &&
              static_cast<size_t>(consumed) == text.size();
  if (full) {
    std::string z = zone;
    if (z != "GMT" && z != "UTC" && z != "Z") return false;
  } else {
    hour = minute = second = millis = 0;
    if (std::sscanf(text.c_str(), "%4d-%2d-%2d%n", &year, &month, &day, &consumed) != 3 ||
        static_cast<size_t>(consumed) != text.size()) {
      return false;
    }
  }
  if (month < 1 || month > 12 || day < 1 || day > 31) return false;
  // Days from civil (proleptic Gregorian).
  int64_t y = year - (month <= 2 ? 1 : 0);
  int64_t era = (y >= 0 ? y : y - 399) / 400;
  int64_t yoe = y - era * 400;
  int64_t doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1;
  int64_t doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  int64_t days = era * 146097 + doe - 719468;
  *epoch_ms = ((days * 24 + hour) * 60 + minute) * 60000 + second * 1000 + millis;
  return true;
}

}  // namespace

RestResponse ApplicationList(const RestCall& call) {
  const RestRequest& request = *call.request;
  bool include_completed = true, include_running = true;
  std::vector<std::string> statuses = request.All("status");
  if (!statuses.empty()) {
    include_completed = include_running = false;
    for (const std::string& status : statuses) {
      std::string s = Lower(status);
      if (s == "completed") {
        include_completed = true;
      } else if (s == "running") {
        include_running = true;
      } else {
        return RestBadRequest("status=" + status + ": use completed or running");
      }
    }
  }
  struct Range {
    const char* name;
    const char* default_value;
    int64_t value = 0;
  };
  Range ranges[] = {{"minDate", "2010-01-01"}, {"maxDate", "3000-01-01"}, {"minEndDate", "2010-01-01"},
                    {"maxEndDate", "3000-01-01"}};
  for (Range& range : ranges) {
    std::string text = request.First(range.name).value_or(range.default_value);
    if (!ParseDateParam(text, &range.value)) {
      return RestBadRequest("Couldn't parse date: " + text + " (" + range.name +
                            ": use yyyy-MM-dd or yyyy-MM-dd'T'HH:mm:ss.SSSGMT)");
    }
  }
  int64_t limit = INT64_MAX;
  if (auto text = request.First("limit")) {
    if (!RestIntArg(*text, &limit) || limit < 0) return RestBadRequest("limit=" + *text + ": not a count");
  }
  // The listing is ordered by the latest attempt's end time, latest first
  // (unfinished applications, with end time -1, last), then by id.
  std::vector<const RestApp*> ordered;
  for (const RestApp& app : *call.apps) ordered.push_back(&app);
  auto end_time = [](const RestApp* app) {
    const AttemptStatus& a = app->attempts.front()->attempt;
    return a.completed ? a.end_time_ms : int64_t{-1};
  };
  std::stable_sort(ordered.begin(), ordered.end(), [&](const RestApp* a, const RestApp* b) {
    if (end_time(a) != end_time(b)) return end_time(a) > end_time(b);
    return a->id > b->id;
  });
  RestJson list = RestJson::array();
  for (const RestApp* app : ordered) {
    if (static_cast<int64_t>(list.size()) >= limit) break;
    bool running = !app->attempts.front()->attempt.completed;
    if (running ? !include_running : !include_completed) continue;
    bool in_range = std::any_of(app->attempts.begin(), app->attempts.end(), [&](const AppStatus* status) {
      const AttemptStatus& a = status->attempt;
      bool start_ok = a.start_time_ms >= ranges[0].value && a.start_time_ms <= ranges[1].value;
      // A running application matches any end range still open (Spark compares with "now";
      // sparkdx, reading a log, takes its last event as now).
      bool end_ok = running ? ranges[3].value > status->last_event_time_ms
                            : a.end_time_ms >= ranges[2].value && a.end_time_ms <= ranges[3].value;
      return start_ok && end_ok;
    });
    if (in_range) list.push_back(ApplicationJson(*app));
  }
  return RestOk(list);
}

RestResponse ApplicationInfo(const RestCall& call) { return RestOk(ApplicationJson(*call.app)); }

RestResponse ApplicationAttemptInfo(const RestCall& call) { return RestOk(AttemptJson(*call.attempt)); }

}  // namespace sparkdx
