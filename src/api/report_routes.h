#pragma once
// The client's progress report (printable HTML with server-drawn SVG plots)
// and home program (JSON) routes (issue 4, items 7 and 8). Registered from
// BuildRouter; each handler authenticates and calls one use case, which checks
// permissions and audits.

#include <memory>

#include "api/api_services.h"
#include "http/router.h"

namespace backplan::api {

void AddReportRoutes(http::Router& router, const std::shared_ptr<ApiServices>& services);

}  // namespace backplan::api
