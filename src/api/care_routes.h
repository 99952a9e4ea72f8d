#pragma once
// The care loop's routes (issue 4): treatment sessions, their check-ins and
// the progress of a course of care. Registered from BuildRouter; each handler
// authenticates, reads the request, calls one CareService use case (which
// checks permissions and audits) and renders the result.

#include <memory>

#include "api/api_services.h"
#include "http/router.h"

namespace backplan::api {

void AddCareRoutes(http::Router& router, const std::shared_ptr<ApiServices>& services);

}  // namespace backplan::api
