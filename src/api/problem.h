#pragma once
// Turns a service failure into an application/problem+json response, with the
// status from core/error_kind.h and the field errors (JSON paths) of bad input.

#include "http/message.h"
#include "service/service_error.h"

namespace backplan::api {

http::Response ProblemFor(const service::ServiceError& error);
http::Response BadRequest(const std::string& path, const std::string& reason);

}  // namespace backplan::api
