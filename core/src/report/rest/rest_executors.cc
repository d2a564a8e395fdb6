// PLACEHOLDER: being written; every route answers "not implemented yet".
#include "report/rest/rest_endpoints.h"

namespace sparkdx {

RestResponse ActiveExecutors(const RestCall&) { return RestNotFound("ActiveExecutors: not implemented yet"); }
RestResponse AllExecutors(const RestCall&) { return RestNotFound("AllExecutors: not implemented yet"); }
RestResponse MiscellaneousProcesses(const RestCall&) { return RestNotFound("MiscellaneousProcesses: not implemented yet"); }

}  // namespace sparkdx
