// AnswerRest: Spark's History Server REST API (/api/v1/...) over analysed
// logs, each an application attempt. Paths, parameters, field names, units,
// ordering and absent-versus-null follow Spark's own answers; the routes are
// one table in rest_api.cc (listed in docs/rest.md).
#ifndef SPARKDX_REPORT_REST_REST_API_H_
#define SPARKDX_REPORT_REST_REST_API_H_

#include <string_view>
#include <vector>

#include "sparkdx/analyzer.h"
#include "status/app_status.h"

namespace sparkdx {

RestResponse AnswerRest(const std::vector<const AppStatus*>& attempts, std::string_view path);

}  // namespace sparkdx

#endif  // SPARKDX_REPORT_REST_REST_API_H_
