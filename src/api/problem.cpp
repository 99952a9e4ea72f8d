#include "api/problem.h"

#include <string>

namespace backplan::api {

http::Response ProblemFor(const service::ServiceError& error) {
  const int status = core::HttpStatusFor(error.kind);
  auto response =
      http::Response::Problem(status, http::StatusTitle(status), error.message, error.field_errors);
  if (error.retry_after_seconds > 0)
    response.SetHeader("Retry-After", std::to_string(error.retry_after_seconds));
  return response;
}

http::Response BadRequest(const std::string& path, const std::string& reason) {
  return http::Response::Problem(400, "Bad Request", "invalid input", {{path, reason}});
}

}  // namespace backplan::api
