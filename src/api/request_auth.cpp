#include "api/request_auth.h"

#include "api/problem.h"
#include "service/secrets.h"
#include "service/session_policy.h"

namespace backplan::api {
namespace {

bool ChangesState(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

std::optional<std::string> CookieValue(std::string_view header, std::string_view name) {
  while (!header.empty()) {
    const auto end = header.find(';');
    std::string_view pair = header.substr(0, end);
    while (!pair.empty() && pair.front() == ' ')
      pair.remove_prefix(1);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
        pair[name.size()] == '=')
      return std::string(pair.substr(name.size() + 1));
    if (end == std::string_view::npos)
      break;
    header.remove_prefix(end + 1);
  }
  return std::nullopt;
}

}  // namespace

std::optional<std::string> SessionTokenOf(const http::Request& request) {
  if (auto authorization = request.Header("authorization")) {
    constexpr std::string_view kBearer = "Bearer ";
    if (authorization->size() > kBearer.size() &&
        authorization->substr(0, kBearer.size()) == kBearer)
      return std::string(authorization->substr(kBearer.size()));
    return std::nullopt;
  }
  if (auto cookie = request.Header("cookie"))
    return CookieValue(*cookie, kSessionCookie);
  return std::nullopt;
}

AuthOutcome AuthenticateRequest(service::AuthService& auth, const http::Request& request) {
  const bool bearer = request.Header("authorization").has_value();
  const auto token = SessionTokenOf(request);
  if (!token) {
    auto refusal = http::Response::Problem(401, "Unauthorized", "sign in first");
    refusal.SetHeader("WWW-Authenticate", "Bearer");
    return {std::nullopt, refusal};
  }
  auto session = auth.Authenticate(*token, request.remote_address);
  if (!session.ok())
    return {std::nullopt, ProblemFor(session.error())};
  if (!bearer && ChangesState(request.method)) {
    const auto csrf = request.Header("x-csrf-token");
    if (!csrf || !service::SecretsEqual(*csrf, session.value().csrf_token))
      return {std::nullopt,
              http::Response::Problem(403, "Forbidden", "missing or wrong X-CSRF-Token")};
  }
  return {Authenticated{session.value().principal}, {}};
}

std::string SessionCookie(const std::string& token, bool secure) {
  return std::string(kSessionCookie) + "=" + token +
         "; Path=/; HttpOnly; SameSite=Strict; Max-Age=" +
         std::to_string(service::kSessionAbsoluteSeconds) + (secure ? "; Secure" : "");
}

std::string ExpiredSessionCookie(bool secure) {
  return std::string(kSessionCookie) + "=; Path=/; HttpOnly; SameSite=Strict; Max-Age=0" +
         (secure ? "; Secure" : "");
}

}  // namespace backplan::api
