#pragma once
// The practitioner's list of clients needing attention (issue 4):
// GET /api/v1/attention, for staff. Registered from BuildRouter; the handler
// authenticates, calls AttentionService::List (which checks the role and
// audits) and renders
//   {items: [{client_id, name, tier, reasons: [{rule_id, text, source}]}]}
// most urgent first; name is null when the client has no display name.
// Reasons have the form care_routes.cpp uses (codec/care_json.h). Without an
// attention service the route answers 503.

#include <memory>

#include "api/api_services.h"
#include "http/router.h"

namespace backplan::api {

void AddAttentionRoutes(http::Router& router, const std::shared_ptr<ApiServices>& services);

}  // namespace backplan::api
