// PLACEHOLDER: being written; every route answers "not implemented yet".
#include "report/rest/rest_endpoints.h"

namespace sparkdx {

RestResponse StageList(const RestCall&) { return RestNotFound("StageList: not implemented yet"); }
RestResponse StageAttempts(const RestCall&) { return RestNotFound("StageAttempts: not implemented yet"); }
RestResponse OneStageAttempt(const RestCall&) { return RestNotFound("OneStageAttempt: not implemented yet"); }
RestResponse StageTaskSummary(const RestCall&) { return RestNotFound("StageTaskSummary: not implemented yet"); }
RestResponse StageTaskList(const RestCall&) { return RestNotFound("StageTaskList: not implemented yet"); }

}  // namespace sparkdx
