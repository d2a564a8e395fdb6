// The History Server REST endpoints: one function per route of the table in
// rest_api.cc, each in the file of its resource (rest_<resource>.cc).
//
// To add an endpoint: write `RestResponse Name(const RestCall&)` in the
// resource's file, declare it here, add a row to kRoutes in rest_api.cc,
// document it in docs/rest.md, and cover it in tests/unit/report/rest_test.cc
// (and in the fidelity test when Spark's suite has an expectation for it).
#ifndef SPARKDX_REPORT_REST_REST_ENDPOINTS_H_
#define SPARKDX_REPORT_REST_REST_ENDPOINTS_H_

#include <nlohmann/json.hpp>

#include <string>
#include <vector>

#include "report/rest/rest_request.h"
#include "sparkdx/analyzer.h"
#include "status/app_status.h"

namespace sparkdx {

using RestJson = nlohmann::ordered_json;

// An application: its attempts (logs) ordered as the History Server lists
// them, latest start first.
struct RestApp {
  std::string id;
  std::string name;
  std::vector<const AppStatus*> attempts;
};

struct RestCall {
  const RestRequest* request = nullptr;
  const std::vector<RestApp>* apps = nullptr;  // every application
  const RestApp* app = nullptr;                // the one the path names, if any
  const AppStatus* attempt = nullptr;          // its attempt the path names (or its only one)
  std::vector<std::string> args;               // the route's {placeholders}, in order
};

using RestEndpoint = RestResponse (*)(const RestCall& call);

// Responses.
RestResponse RestOk(const RestJson& body);
RestResponse RestNotFound(std::string message);
RestResponse RestBadRequest(std::string message);
// A path argument as an integer (false when it is not one).
bool RestIntArg(const std::string& text, int64_t* out);

// rest_application.cc
RestResponse ApplicationList(const RestCall& call);
RestResponse ApplicationInfo(const RestCall& call);
RestResponse ApplicationAttemptInfo(const RestCall& call);
// rest_jobs.cc
RestResponse JobList(const RestCall& call);
RestResponse OneJob(const RestCall& call);
// rest_stages.cc
RestResponse StageList(const RestCall& call);
RestResponse StageAttempts(const RestCall& call);
RestResponse OneStageAttempt(const RestCall& call);
RestResponse StageTaskSummary(const RestCall& call);
RestResponse StageTaskList(const RestCall& call);
// rest_executors.cc
RestResponse ActiveExecutors(const RestCall& call);
RestResponse AllExecutors(const RestCall& call);
RestResponse MiscellaneousProcesses(const RestCall& call);
// rest_storage.cc
RestResponse RddList(const RestCall& call);
RestResponse OneRdd(const RestCall& call);
// rest_environment.cc
RestResponse Environment(const RestCall& call);
// rest_sql.cc
RestResponse SqlList(const RestCall& call);
RestResponse OneSqlExecution(const RestCall& call);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_REST_REST_ENDPOINTS_H_
