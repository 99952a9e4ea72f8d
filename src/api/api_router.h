#pragma once
// The HTTP JSON API under /api/v1, plus /healthz, /readyz and /metrics: one
// route table (api_router.cpp) mapping each endpoint to a small handler that
// authenticates, validates the request, calls one use case and renders the
// result. Permission checks live in the services, not here.

#include "api/api_services.h"
#include "http/router.h"

namespace backplan::api {

http::Router BuildRouter(ApiServices services);

}  // namespace backplan::api
