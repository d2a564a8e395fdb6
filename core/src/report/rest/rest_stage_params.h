// The query parameters of the stages endpoints, read the way Spark's
// StagesResource (JAX-RS) reads them: enum names in any case, booleans true
// only for "true", quantiles as a comma-separated list of Java doubles.
// A value Spark would reject is an error (the endpoints answer 400).
#ifndef SPARKDX_REPORT_REST_REST_STAGE_PARAMS_H_
#define SPARKDX_REPORT_REST_REST_STAGE_PARAMS_H_

#include <cstdint>
#include <string>
#include <vector>

#include "report/rest/rest_request.h"
#include "status/app_status.h"

namespace sparkdx {

// Java's Boolean.valueOf: true for "true" in any case, false for anything
// else; `fallback` when the parameter is absent.
bool RestBoolParam(const RestRequest& request, const char* name, bool fallback);

// An Int parameter (`fallback` when absent).
bool RestInt32Param(const RestRequest& request, const char* name, int32_t fallback, int32_t* out, std::string* error);

// "quantiles" (or `fallback` when absent), sorted as Spark sorts them.
bool RestQuantilesParam(const RestRequest& request, const char* fallback, std::vector<double>* out,
                        std::string* error);

// Every value of "status" as stage statuses.
bool RestStageStatusParam(const RestRequest& request, std::vector<StageStatusKind>* out, std::string* error);

// Every value of `name` as v1.TaskStatus names (RUNNING, KILLED, FAILED,
// SUCCESS, UNKNOWN), in upper case.
bool RestTaskStatusParam(const RestRequest& request, const char* name, std::vector<std::string>* out,
                         std::string* error);

// v1.TaskSorting: ID, INCREASING_RUNTIME ("runtime"), DECREASING_RUNTIME
// ("-runtime").
enum class TaskSorting : uint8_t { kId, kIncreasingRuntime, kDecreasingRuntime };
bool RestTaskSortingParam(const RestRequest& request, TaskSorting* out, std::string* error);

// Java's Double.parseDouble for decimal texts ("0.5", " 1e-2 ", "5d",
// "NaN", "-Infinity").
bool ParseJavaDouble(const std::string& text, double* out);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_REST_REST_STAGE_PARAMS_H_
