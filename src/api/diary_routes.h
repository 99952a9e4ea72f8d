#pragma once
// The diary's routes (issue 4, item 5, and the trigger part of item 6): one
// day as JSON, a date range, a whole diary CSV in and out, the client's own
// exposures and the trigger finder over the stored diary. Registered from
// BuildRouter; each handler authenticates, reads the request, calls one
// DiaryService use case (which checks permissions and audits) and renders the
// result. Without a diary service the routes answer 503.

#include <memory>

#include "api/api_services.h"
#include "http/router.h"

namespace backplan::api {

void AddDiaryRoutes(http::Router& router, const std::shared_ptr<ApiServices>& services);

}  // namespace backplan::api
