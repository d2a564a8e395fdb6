#include "report/rest/rest_api.h"

#include <algorithm>
#include <cstdlib>

#include "report/rest/jackson_writer.h"
#include "report/rest/rest_endpoints.h"

namespace sparkdx {
namespace {

// One row per route below applications/{app-id}[/{attempt-id}]; "{}" is a
// path argument. The first segments are what tells an attempt id apart.
struct Route {
  const char* pattern;
  RestEndpoint endpoint;
};
constexpr Route kRoutes[] = {
    {"jobs", JobList},
    {"jobs/{}", OneJob},
    {"stages", StageList},
    {"stages/{}", StageAttempts},
    {"stages/{}/{}", OneStageAttempt},
    {"stages/{}/{}/taskSummary", StageTaskSummary},
    {"stages/{}/{}/taskList", StageTaskList},
    {"executors", ActiveExecutors},
    {"allexecutors", AllExecutors},
    {"allmiscellaneousprocess", MiscellaneousProcesses},
    {"storage/rdd", RddList},
    {"storage/rdd/{}", OneRdd},
    {"environment", Environment},
    {"sql", SqlList},
    {"sql/{}", OneSqlExecution},
};

std::vector<std::string> Split(const char* pattern) {
  std::vector<std::string> parts;
  std::string current;
  for (const char* p = pattern; *p != '\0'; ++p) {
    if (*p == '/') {
      parts.push_back(current);
      current.clear();
    } else {
      current.push_back(*p);
    }
  }
  parts.push_back(current);
  return parts;
}

bool IsResourceName(const std::string& segment) {
  for (const Route& route : kRoutes) {
    if (Split(route.pattern)[0] == segment) return true;
  }
  return false;
}

// Matches `rest` against the routes; fills the call's arguments.
const Route* FindRoute(const std::vector<std::string>& rest, std::vector<std::string>* args) {
  for (const Route& route : kRoutes) {
    std::vector<std::string> parts = Split(route.pattern);
    if (parts.size() != rest.size()) continue;
    std::vector<std::string> found;
    bool match = true;
    for (size_t i = 0; i < parts.size() && match; ++i) {
      if (parts[i] == "{}") {
        found.push_back(rest[i]);
      } else {
        match = parts[i] == rest[i];
      }
    }
    if (match) {
      *args = std::move(found);
      return &route;
    }
  }
  return nullptr;
}

// Applications as the History Server lists them: grouped by id, attempts
// latest start first; a log without an application id is not listed (the
// History Server skips it too). A second log of the same attempt is ignored.
std::vector<RestApp> GroupApplications(const std::vector<const AppStatus*>& attempts) {
  std::vector<RestApp> apps;
  for (const AppStatus* status : attempts) {
    if (!status->app_id || !status->application_start_seen) continue;
    auto app = std::find_if(apps.begin(), apps.end(), [&](const RestApp& a) { return a.id == *status->app_id; });
    if (app == apps.end()) {
      apps.push_back(RestApp{*status->app_id, status->app_name, {}});
      app = apps.end() - 1;
    }
    bool duplicate = std::any_of(app->attempts.begin(), app->attempts.end(), [&](const AppStatus* other) {
      return other->attempt.attempt_id == status->attempt.attempt_id;
    });
    if (!duplicate) app->attempts.push_back(status);
  }
  for (RestApp& app : apps) {
    std::stable_sort(app.attempts.begin(), app.attempts.end(), [](const AppStatus* a, const AppStatus* b) {
      return a->attempt.start_time_ms > b->attempt.start_time_ms;
    });
    app.name = app.attempts.front()->app_name;
  }
  return apps;
}

std::string AppAndAttempt(const RestApp& app, const std::optional<std::string>& attempt_id) {
  return attempt_id ? app.id + "/" + *attempt_id : app.id;
}

}  // namespace

RestResponse RestOk(const RestJson& body) {
  RestResponse response;
  response.body = WriteJackson(body);
  return response;
}

RestResponse RestNotFound(std::string message) {
  RestResponse response;
  response.http_status = 404;
  response.error = std::move(message);
  return response;
}

RestResponse RestBadRequest(std::string message) {
  RestResponse response;
  response.http_status = 400;
  response.error = std::move(message);
  return response;
}

bool RestIntArg(const std::string& text, int64_t* out) {
  if (text.empty() || text.size() > 18) return false;
  char* end = nullptr;
  long long value = std::strtoll(text.c_str(), &end, 10);
  if (*end != '\0') return false;
  *out = value;
  return true;
}

std::vector<std::string> RestRouteList() {
  std::vector<std::string> routes = {"applications", "applications/{app-id}", "applications/{app-id}/{attempt-id}"};
  for (const Route& route : kRoutes) {
    std::string pattern = route.pattern;
    std::string named;
    int arg = 0;
    static const char* const kNames[] = {"{id}", "{attempt-id}"};
    for (size_t i = 0; i < pattern.size(); ++i) {
      if (pattern.compare(i, 2, "{}") == 0) {
        named += kNames[arg == 0 ? 0 : 1];
        ++arg;
        ++i;
      } else {
        named.push_back(pattern[i]);
      }
    }
    routes.push_back("applications/{app-id}[/{attempt-id}]/" + named);
  }
  return routes;
}

RestResponse AnswerRest(const std::vector<const AppStatus*>& attempts, std::string_view path) {
  RestRequest request;
  std::string error;
  if (!ParseRestRequest(path, &request, &error)) return RestBadRequest(error);
  const std::vector<std::string>& segments = request.segments;
  if (segments.empty() || segments[0] != "applications") {
    return RestNotFound("unknown path \"" + std::string(path) +
                        "\": paths start with applications (see sparkdx rest --help)");
  }
  std::vector<RestApp> apps = GroupApplications(attempts);
  RestCall call;
  call.request = &request;
  call.apps = &apps;
  if (segments.size() == 1) return ApplicationList(call);

  const std::string& app_id = segments[1];
  auto app = std::find_if(apps.begin(), apps.end(), [&](const RestApp& a) { return a.id == app_id; });
  if (app == apps.end()) {
    std::string known;
    for (const RestApp& a : apps) known += (known.empty() ? "" : ", ") + a.id;
    return RestNotFound("no such app: " + app_id + " (the input holds: " + (known.empty() ? "none" : known) + ")");
  }
  call.app = &*app;
  std::vector<std::string> rest(segments.begin() + 2, segments.end());
  if (rest.empty()) return ApplicationInfo(call);

  std::optional<std::string> attempt_id;
  if (!IsResourceName(rest[0])) {
    attempt_id = rest[0];
    rest.erase(rest.begin());
  }
  // The History Server looks the attempt up by id; "no id" is an id too.
  for (const AppStatus* attempt : app->attempts) {
    if (attempt->attempt.attempt_id == attempt_id) call.attempt = attempt;
  }
  if (call.attempt == nullptr) {
    std::string ids;
    for (const AppStatus* attempt : app->attempts) {
      ids += (ids.empty() ? "" : ", ") + attempt->attempt.attempt_id.value_or("(none)");
    }
    if (attempt_id) {
      return RestNotFound("no such app: " + AppAndAttempt(*app, attempt_id) + " (\"" + *attempt_id +
                          "\" is neither a route nor an attempt of " + app->id + ", whose attempts are: " + ids +
                          "; see sparkdx rest --help)");
    }
    return RestNotFound("no such app: " + app->id + " without an attempt id (its attempts are: " + ids +
                        "; name one: applications/" + app->id + "/<attempt-id>/...)");
  }
  if (rest.empty()) return ApplicationAttemptInfo(call);

  const Route* route = FindRoute(rest, &call.args);
  if (route == nullptr) {
    return RestNotFound("unknown path \"" + std::string(path) + "\" (see sparkdx rest --help for the routes)");
  }
  return route->endpoint(call);
}

}  // namespace sparkdx
