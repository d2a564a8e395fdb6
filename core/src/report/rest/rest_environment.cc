// PLACEHOLDER: being written; every route answers "not implemented yet".
#include "report/rest/rest_endpoints.h"

namespace sparkdx {

RestResponse Environment(const RestCall&) { return RestNotFound("Environment: not implemented yet"); }

}  // namespace sparkdx
