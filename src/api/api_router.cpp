#include "api/api_router.h"

#include <memory>

#include "api/attention_routes.h"
#include "api/care_routes.h"
#include "api/consult_routes.h"
#include "api/diary_routes.h"
#include "api/report_routes.h"
#include "api/handler_support.h"
#include "api/json_views.h"
#include "api/openapi.h"
#include "api/problem.h"
#include "api/request_auth.h"
#include "http/target.h"

namespace backplan::api {
namespace {

std::string OneTimeLink(const std::string& token) {
  return "/set-password#token=" + token;
}

json InvitedJson(const service::Invited& invited) {
  json out = {{"user", UserJson(invited.user)}};
  // A replay after the person set their password has no link to give.
  if (!invited.link_token.empty()) {
    out["link_token"] = invited.link_token;
    out["link"] = OneTimeLink(invited.link_token);
  }
  if (invited.client)
    out["client"] = ClientJson(*invited.client);
  return out;
}

// --- sessions and accounts -------------------------------------------------

Response Login(ApiServices& s, const Request& request) {
  auto body = ReadJsonBody(request);
  if (body.refusal)
    return *body.refusal;
  const auto email = StringField(body.value, "email");
  const auto password = StringField(body.value, "password");
  if (!email)
    return BadRequest("email", "is required");
  if (!password)
    return BadRequest("password", "is required");
  auto result = s.auth.Login(*email, *password, request.remote_address);
  if (!result.ok())
    return ProblemFor(result.error());
  auto response = Response::Json(201, {{"token", result.value().session_token},
                                       {"csrf_token", result.value().csrf_token},
                                       {"user", UserJson(result.value().user)}});
  response.SetHeader("Set-Cookie",
                     SessionCookie(result.value().session_token, s.options.secure_cookies));
  return response;
}

Response Logout(ApiServices& s, const Request& request) {
  auto auth = AuthenticateRequest(s.auth, request);
  if (!auth.authenticated)
    return auth.refusal;
  if (!s.auth.Logout(*SessionTokenOf(request)))
    return http::InternalServerError();
  Response response;
  response.status = 204;
  response.SetHeader("Set-Cookie", ExpiredSessionCookie(s.options.secure_cookies));
  return response;
}

Response CompleteLink(ApiServices& s, const Request& request) {
  auto body = ReadJsonBody(request);
  if (body.refusal)
    return *body.refusal;
  const auto token = StringField(body.value, "token");
  const auto password = StringField(body.value, "password");
  if (!token)
    return BadRequest("token", "is required");
  if (!password)
    return BadRequest("password", "is required");
  auto user = s.auth.CompleteOneTimeLink(*token, *password, request.remote_address);
  if (!user.ok())
    return ProblemFor(user.error());
  return Response::Json(200, UserJson(user.value()));
}

// --- people ----------------------------------------------------------------

Response CreatePractitioner(ApiServices& s, const Principal& p, const Request& request) {
  auto body = ReadJsonBody(request);
  if (body.refusal)
    return *body.refusal;
  auto invited = s.clinic.CreatePractitioner(p, StringField(body.value, "email").value_or(""),
                                             StringField(body.value, "display_name").value_or(""),
                                             IdempotencyKeyOf(request));
  if (!invited.ok())
    return ProblemFor(invited.error());
  return Response::Json(invited.value().replayed ? 200 : 201, InvitedJson(invited.value()));
}

Response ListPractitioners(ApiServices& s, const Principal& p, const Request& request) {
  auto page = ReadPage(request);
  if (page.refusal)
    return *page.refusal;
  auto rows = s.clinic.ListPractitioners(p, page.page);
  if (!rows.ok())
    return ProblemFor(rows.error());
  return PageResponse(rows.value(), page.page, UserJson);
}

Response CreateClient(ApiServices& s, const Principal& p, const Request& request) {
  auto body = ReadJsonBody(request);
  if (body.refusal)
    return *body.refusal;
  service::NewClient client;
  client.display_name = StringField(body.value, "display_name").value_or("");
  client.email = StringField(body.value, "email").value_or("");
  if (auto it = body.value.find("practitioner_id"); it != body.value.end() && !it->is_null()) {
    if (!it->is_number_integer())
      return BadRequest("practitioner_id", "must be an id");
    client.practitioner_id = it->get<storage::Id>();
  }
  client.idempotency_key = IdempotencyKeyOf(request);
  auto invited = s.clinic.CreateClient(p, client);
  if (!invited.ok())
    return ProblemFor(invited.error());
  return Response::Json(invited.value().replayed ? 200 : 201, InvitedJson(invited.value()));
}

Response ListClients(ApiServices& s, const Principal& p, const Request& request) {
  auto page = ReadPage(request);
  if (page.refusal)
    return *page.refusal;
  auto rows = s.clinic.ListClients(p, page.page);
  if (!rows.ok())
    return ProblemFor(rows.error());
  return PageResponse(rows.value(), page.page, ClientJson);
}

Response GetClient(ApiServices& s, const Principal& p, const PathParams& params) {
  const auto id = ParseId(params.at("id"));
  if (!id)
    return ProblemFor(service::NotFound());
  auto client = s.clinic.GetClient(p, *id);
  if (!client.ok())
    return ProblemFor(client.error());
  return Response::Json(200, ClientJson(client.value()));
}

Response IssueReset(ApiServices& s, const Principal& p, const PathParams& params) {
  const auto id = ParseId(params.at("id"));
  if (!id)
    return ProblemFor(service::NotFound());
  auto token = s.clinic.IssuePasswordReset(p, *id);
  if (!token.ok())
    return ProblemFor(token.error());
  return Response::Json(201, {{"link_token", token.value()}, {"link", OneTimeLink(token.value())}});
}

Response Me(ApiServices& s, const Principal& p) {
  auto user = s.clinic.Me(p);
  if (!user.ok())
    return ProblemFor(user.error());
  return Response::Json(200, UserJson(user.value()));
}

Response ListAudit(ApiServices& s, const Principal& p, const Request& request) {
  auto page = ReadPage(request);
  if (page.refusal)
    return *page.refusal;
  storage::AuditFilter filter;
  for (const auto& [key, value] : page.params) {
    if (key == "actor_user_id" || key == "client_id" || key == "from" || key == "to") {
      auto number = ParseId(value);
      if (!number)
        return BadRequest(key, "must be a positive integer");
      if (key == "actor_user_id")
        filter.actor_user_id = number;
      if (key == "client_id")
        filter.client_id = number;
      if (key == "from")
        filter.from = number;
      if (key == "to")
        filter.to = number;
    } else if (key == "action") {
      filter.action = value;
    }
  }
  auto rows = s.clinic.ListAudit(p, filter, page.page);
  if (!rows.ok())
    return ProblemFor(rows.error());
  return PageResponse(rows.value(), page.page, AuditJson);
}

// --- assessments -------------------------------------------------------------

Response SubmitAssessment(ApiServices& s, const Principal& p, const Request& request,
                          const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  if (!IsJsonContentType(request.Header("content-type")))
    return Response::Problem(415, "Unsupported Media Type", "send the intake as application/json");
  service::SubmitAssessment submit;
  submit.client_id = *client_id;
  submit.intake_json = request.body;
  auto query = http::ParseQuery(request.query);
  if (!query)
    return BadRequest("(query)", "is not a valid query string");
  for (const auto& [key, value] : *query)
    if (key == "supersedes") {
      submit.supersedes = ParseId(value);
      if (!submit.supersedes)
        return BadRequest("supersedes", "must be an assessment id");
    }
  submit.idempotency_key = IdempotencyKeyOf(request);
  auto submitted = s.assessments.Submit(p, submit);
  if (!submitted.ok())
    return ProblemFor(submitted.error());
  auto response = Response::JsonText(submitted.value().replayed ? 200 : 201,
                                     AssessmentJsonText(submitted.value().assessment));
  response.SetHeader("Location",
                     "/api/v1/assessments/" + std::to_string(submitted.value().assessment.id));
  return response;
}

Response LatestAssessment(ApiServices& s, const Principal& p, const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  auto row = s.assessments.Latest(p, *client_id);
  if (!row.ok())
    return ProblemFor(row.error());
  return Response::JsonText(200, AssessmentJsonText(row.value()));
}

Response AssessmentHistory(ApiServices& s, const Principal& p, const Request& request,
                           const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  auto page = ReadPage(request);
  if (page.refusal)
    return *page.refusal;
  auto rows = s.assessments.History(p, *client_id, page.page);
  if (!rows.ok())
    return ProblemFor(rows.error());
  return PageResponse(rows.value(), page.page, [](const storage::AssessmentRow& row) {
    return json::parse(AssessmentJsonText(row, /*with_documents=*/false));
  });
}

Response GetAssessment(ApiServices& s, const Principal& p, const PathParams& params) {
  const auto id = ParseId(params.at("id"));
  if (!id)
    return ProblemFor(service::NotFound());
  auto row = s.assessments.Get(p, *id);
  if (!row.ok())
    return ProblemFor(row.error());
  return Response::JsonText(200, AssessmentJsonText(row.value()));
}

// What a person who opens the server in a browser sees until the web app
// (issue 6) is served here: what is running and where the API is described.
Response StartPage() {
  Response response;
  response.content_type = "text/html; charset=utf-8";
  response.SetHeader("Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'");
  response.body = R"html(<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>backplan</title></head>
<body>
<h1>backplan is running</h1>
<p>Assessment-first care planning for back pain. backplan supports a practitioner's judgement;
it does not diagnose.</p>
<p>The browser app is not part of this version yet. The JSON API is described at
<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>; sign in with
<code>POST /api/v1/sessions</code> using the demo logins printed when the server started.</p>
<p><a href="/healthz">/healthz</a> · <a href="/readyz">/readyz</a> · <a href="/metrics">/metrics</a></p>
</body></html>
)html";
  return response;
}

}  // namespace

http::Router BuildRouter(ApiServices services) {
  // Every handler holds a share of one copy of the services, so the copy
  // lives as long as the router's routes do.
  auto s = std::make_shared<ApiServices>(services);
  auto& S = *s;
  http::Router router;

  router.Add("GET", "/", [s](const Request&, const PathParams&) { return StartPage(); });
  router.Add("GET", "/healthz", [s](const Request&, const PathParams&) {
    return Response::Json(200, {{"status", "ok"}});
  });
  router.Add("GET", "/readyz", [s](const Request&, const PathParams&) {
    return s->store.Ping().ok()
               ? Response::Json(200, {{"status", "ready"}})
               : Response::Problem(503, "Service Unavailable", "store unavailable");
  });
  router.Add("GET", "/metrics", [s](const Request&, const PathParams&) {
    Response response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = s->metrics.RenderPrometheus();
    return response;
  });
  router.Add("GET", "/api/v1/openapi.json", [s](const Request&, const PathParams&) {
    return Response::JsonText(200, OpenApiDocument());
  });

  router.Add("POST", "/api/v1/sessions",
             [s](const Request& r, const PathParams&) { return Login(*s, r); });
  router.Add("DELETE", "/api/v1/sessions/current",
             [s](const Request& r, const PathParams&) { return Logout(*s, r); });
  router.Add("POST", "/api/v1/one-time-links/complete",
             [s](const Request& r, const PathParams&) { return CompleteLink(*s, r); });
  router.Add(
      "GET", "/api/v1/me",
      Authed(S, [s](const Principal& p, const Request&, const PathParams&) { return Me(*s, p); }));
  router.Add("GET", "/api/v1/practitioners",
             Authed(S, [s](const Principal& p, const Request& r, const PathParams&) {
               return ListPractitioners(*s, p, r);
             }));
  router.Add("POST", "/api/v1/practitioners",
             Authed(S, [s](const Principal& p, const Request& r, const PathParams&) {
               return CreatePractitioner(*s, p, r);
             }));
  router.Add("GET", "/api/v1/clients",
             Authed(S, [s](const Principal& p, const Request& r, const PathParams&) {
               return ListClients(*s, p, r);
             }));
  router.Add("POST", "/api/v1/clients",
             Authed(S, [s](const Principal& p, const Request& r, const PathParams&) {
               return CreateClient(*s, p, r);
             }));
  router.Add("GET", "/api/v1/clients/{id}",
             Authed(S, [s](const Principal& p, const Request&, const PathParams& a) {
               return GetClient(*s, p, a);
             }));
  router.Add("POST", "/api/v1/clients/{id}/assessments",
             Authed(S, [s](const Principal& p, const Request& r, const PathParams& a) {
               return SubmitAssessment(*s, p, r, a);
             }));
  router.Add("GET", "/api/v1/clients/{id}/assessments",
             Authed(S, [s](const Principal& p, const Request& r, const PathParams& a) {
               return AssessmentHistory(*s, p, r, a);
             }));
  router.Add("GET", "/api/v1/clients/{id}/assessments/latest",
             Authed(S, [s](const Principal& p, const Request&, const PathParams& a) {
               return LatestAssessment(*s, p, a);
             }));
  router.Add("GET", "/api/v1/assessments/{id}",
             Authed(S, [s](const Principal& p, const Request&, const PathParams& a) {
               return GetAssessment(*s, p, a);
             }));
  router.Add("POST", "/api/v1/users/{id}/password-reset-links",
             Authed(S, [s](const Principal& p, const Request&, const PathParams& a) {
               return IssueReset(*s, p, a);
             }));
  router.Add("GET", "/api/v1/audit",
             Authed(S, [s](const Principal& p, const Request& r, const PathParams&) {
               return ListAudit(*s, p, r);
             }));
  AddCareRoutes(router, s);
  AddDiaryRoutes(router, s);
  AddReportRoutes(router, s);
  AddAttentionRoutes(router, s);
  AddConsultRoutes(router, s);
  return router;
}

}  // namespace backplan::api
