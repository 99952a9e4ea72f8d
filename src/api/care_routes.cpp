#include "api/care_routes.h"

#include <nlohmann/json.hpp>
#include <string>

#include "api/handler_support.h"
#include "codec/care_json.h"

namespace backplan::api {
namespace {

using nlohmann::ordered_json;

std::string Time(storage::UnixSeconds seconds) {
  return codec::FormatUtcTime(std::chrono::sys_seconds(std::chrono::seconds(seconds)));
}

// Each scheduled check-in with its answer, when there is one.
ordered_json CheckInsJson(const service::CareSessionView& view) {
  ordered_json out = ordered_json::array();
  for (const auto& scheduled : view.schedule) {
    ordered_json entry = codec::ScheduleToJson(scheduled);
    entry["answer"] = nullptr;
    for (std::size_t i = 0; i < view.check_ins.size(); ++i)
      if (view.check_ins[i].kind == scheduled.kind) {
        ordered_json answer = codec::CheckInToJson(view.check_ins[i]);
        answer["answered_at"] = Time(view.check_in_rows[i].answered_at);
        answer["answered_by"] = view.check_in_rows[i].answered_by;
        entry["answer"] = std::move(answer);
      }
    out.push_back(std::move(entry));
  }
  return out;
}

// The session as sent, with what the server added: ids, the plan check's
// deviations (flagged), the response so far and the check-ins.
ordered_json SessionJson(const service::CareSessionView& view) {
  ordered_json out = {{"id", view.row.id},
                      {"client_id", view.row.client_id},
                      {"assessment_id", view.row.assessment_id},
                      {"rules_version", view.row.rules_version},
                      {"created_by", view.row.created_by},
                      {"created_at", Time(view.row.created_at)}};
  const ordered_json session = codec::SessionToJson(view.session);
  for (const auto& [key, value] : session.items())
    out[key] = value;
  auto deviations = ordered_json::parse(view.row.deviations_json, nullptr, false);
  if (deviations.is_discarded())
    deviations = ordered_json::array();
  out["flagged"] = !deviations.empty();
  out["deviations"] = std::move(deviations);
  out["response"] = codec::ResponseToJson(view.response);
  out["check_ins"] = CheckInsJson(view);
  return out;
}

template <typename ToJson>
Response Page(const std::vector<service::CareSessionView>& views, const storage::Page& page,
              ToJson to_json) {
  ordered_json items = ordered_json::array();
  for (const auto& view : views)
    items.push_back(to_json(view));
  const bool more = static_cast<int>(views.size()) == page.limit;
  ordered_json body = {{"items", std::move(items)},
                       {"next_after", more ? ordered_json(views.back().row.id) : nullptr}};
  return Response::JsonText(200, body.dump());
}

Response CareUnavailable() {
  return Response::Problem(503, "Service Unavailable", "the care loop is not available");
}

Response LogSession(service::CareService& care, const Principal& p, const Request& request,
                    const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  if (!IsJsonContentType(request.Header("content-type")))
    return Response::Problem(415, "Unsupported Media Type", "send the session as application/json");
  service::LogSessionRequest log;
  log.client_id = *client_id;
  log.session_json = request.body;
  log.idempotency_key = IdempotencyKeyOf(request);
  auto logged = care.LogSession(p, log);
  if (!logged.ok())
    return ProblemFor(logged.error());
  auto response = Response::JsonText(logged.value().replayed ? 200 : 201,
                                     SessionJson(logged.value().session).dump());
  response.SetHeader("Location",
                     "/api/v1/sessions/" + std::to_string(logged.value().session.row.id));
  return response;
}

Response ListSessions(service::CareService& care, const Principal& p, const Request& request,
                      const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  auto page = ReadPage(request);
  if (page.refusal)
    return *page.refusal;
  auto views = care.Sessions(p, *client_id, page.page);
  if (!views.ok())
    return ProblemFor(views.error());
  return Page(views.value(), page.page, SessionJson);
}

Response GetSession(service::CareService& care, const Principal& p, const PathParams& params) {
  const auto id = ParseId(params.at("id"));
  if (!id)
    return ProblemFor(service::NotFound());
  auto view = care.GetSession(p, *id);
  if (!view.ok())
    return ProblemFor(view.error());
  return Response::JsonText(200, SessionJson(view.value()).dump());
}

Response ListCheckIns(service::CareService& care, const Principal& p, const Request& request,
                      const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  auto page = ReadPage(request);
  if (page.refusal)
    return *page.refusal;
  auto views = care.CheckIns(p, *client_id, page.page);
  if (!views.ok())
    return ProblemFor(views.error());
  return Page(views.value(), page.page, [](const service::CareSessionView& view) {
    return ordered_json{{"session_id", view.row.id},
                        {"started_at", codec::FormatUtcTime(view.session.started_at)},
                        {"response", codec::ResponseToJson(view.response)},
                        {"check_ins", CheckInsJson(view)}};
  });
}

Response AnswerCheckIn(service::CareService& care, const Principal& p, const Request& request,
                       const PathParams& params) {
  const auto session_id = ParseId(params.at("id"));
  if (!session_id)
    return ProblemFor(service::NotFound());
  if (!IsJsonContentType(request.Header("content-type")))
    return Response::Problem(415, "Unsupported Media Type",
                             "send the check-in as application/json");
  auto view = care.AnswerCheckIn(p, *session_id, request.body);
  if (!view.ok())
    return ProblemFor(view.error());
  auto response = Response::JsonText(201, SessionJson(view.value()).dump());
  response.SetHeader("Location", "/api/v1/sessions/" + std::to_string(*session_id));
  return response;
}

Response Progress(service::CareService& care, const Principal& p, const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  auto progress = care.Progress(p, *client_id);
  if (!progress.ok())
    return ProblemFor(progress.error());
  const auto& value = progress.value();
  ordered_json sessions = ordered_json::array();
  for (std::size_t i = 0; i < value.session_ids.size(); ++i)
    sessions.push_back(
        {{"id", value.session_ids[i]}, {"response", codec::ResponseToJson(value.responses[i])}});
  const ordered_json body = {
      {"client_id", value.client_id},
      {"assessment_id", value.assessment_id},
      {"baseline_assessment_id", value.baseline_assessment_id},
      {"rules_version", core::kCareRulesVersion},
      {"sessions", std::move(sessions)},
      {"trend", codec::TrendToJson(value.trend)},
      {"progression",
       value.progression ? codec::ProgressionToJson(*value.progression) : ordered_json(nullptr)}};
  return Response::JsonText(200, body.dump());
}

// Wraps a care handler: signed in, and the care service present.
template <typename Fn>
http::RouteHandler CareHandler(const std::shared_ptr<ApiServices>& s, Fn fn) {
  return Authed(*s, [s, fn](const Principal& p, const Request& r, const PathParams& a) {
    if (s->care == nullptr)
      return CareUnavailable();
    return fn(*s->care, p, r, a);
  });
}

}  // namespace

void AddCareRoutes(http::Router& router, const std::shared_ptr<ApiServices>& s) {
  router.Add("POST", "/api/v1/clients/{id}/sessions",
             CareHandler(s, [](auto& care, const Principal& p, const Request& r,
                               const PathParams& a) { return LogSession(care, p, r, a); }));
  router.Add("GET", "/api/v1/clients/{id}/sessions",
             CareHandler(s, [](auto& care, const Principal& p, const Request& r,
                               const PathParams& a) { return ListSessions(care, p, r, a); }));
  router.Add("GET", "/api/v1/sessions/{id}",
             CareHandler(s, [](auto& care, const Principal& p, const Request&,
                               const PathParams& a) { return GetSession(care, p, a); }));
  router.Add("GET", "/api/v1/clients/{id}/check-ins",
             CareHandler(s, [](auto& care, const Principal& p, const Request& r,
                               const PathParams& a) { return ListCheckIns(care, p, r, a); }));
  router.Add("POST", "/api/v1/sessions/{id}/check-ins",
             CareHandler(s, [](auto& care, const Principal& p, const Request& r,
                               const PathParams& a) { return AnswerCheckIn(care, p, r, a); }));
  router.Add("GET", "/api/v1/clients/{id}/progress",
             CareHandler(s, [](auto& care, const Principal& p, const Request&,
                               const PathParams& a) { return Progress(care, p, a); }));
}

}  // namespace backplan::api
