#pragma once
// Virtual consults over the API (issue 5): a practitioner's consult settings
// and types, free slots in the client's zone, booking (idempotent, 409 for a
// taken slot), cancel, reschedule, and the .ics invitation of each consult.
// Registered from BuildRouter; each handler authenticates, reads the request,
// calls one ConsultService use case (which checks permissions and audits) and
// renders the result.

#include <memory>

#include "api/api_services.h"
#include "http/router.h"

namespace backplan::api {

void AddConsultRoutes(http::Router& router, const std::shared_ptr<ApiServices>& services);

}  // namespace backplan::api
