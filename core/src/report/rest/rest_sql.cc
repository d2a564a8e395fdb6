// PLACEHOLDER: being written; every route answers "not implemented yet".
#include "report/rest/rest_endpoints.h"

namespace sparkdx {

RestResponse SqlList(const RestCall&) { return RestNotFound("SqlList: not implemented yet"); }
RestResponse OneSqlExecution(const RestCall&) { return RestNotFound("OneSqlExecution: not implemented yet"); }

}  // namespace sparkdx
