// PLACEHOLDER: being written; every route answers "not implemented yet".
#include "report/rest/rest_endpoints.h"

namespace sparkdx {

RestResponse RddList(const RestCall&) { return RestNotFound("RddList: not implemented yet"); }
RestResponse OneRdd(const RestCall&) { return RestNotFound("OneRdd: not implemented yet"); }

}  // namespace sparkdx
