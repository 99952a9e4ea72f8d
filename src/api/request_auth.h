#pragma once
// Who sent a request. A session token comes either from the
// `backplan_session` cookie (browsers) or from `Authorization: Bearer`
// (API clients). Cookie-authenticated requests that change state must carry
// the session's CSRF token in `X-CSRF-Token` (synchronizer token pattern);
// bearer requests need not, since browsers never attach them on their own.

#include <optional>
#include <string>

#include "http/message.h"
#include "service/auth_service.h"

namespace backplan::api {

inline constexpr const char* kSessionCookie = "backplan_session";

struct Authenticated {
  service::Principal principal;
};

// The principal, or the response to send instead (401, or 403 for a missing
// or wrong CSRF token).
struct AuthOutcome {
  std::optional<Authenticated> authenticated;
  http::Response refusal;
};

AuthOutcome AuthenticateRequest(service::AuthService& auth, const http::Request& request);

// The session token a request carries, if any.
std::optional<std::string> SessionTokenOf(const http::Request& request);

std::string SessionCookie(const std::string& token, bool secure);
std::string ExpiredSessionCookie(bool secure);

}  // namespace backplan::api
