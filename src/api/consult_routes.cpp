#include "api/consult_routes.h"

#include <date/tz.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <stdexcept>
#include <string>

#include "api/handler_support.h"
#include "codec/care_json.h"
#include "codec/consult_json.h"
#include "codec/ics/consult_ics.h"

namespace backplan::api {
namespace {

using nlohmann::ordered_json;
using std::chrono::sys_seconds;

sys_seconds TimeOf(storage::UnixSeconds seconds) {
  return sys_seconds(std::chrono::seconds(seconds));
}

std::string Time(storage::UnixSeconds seconds) {
  return codec::FormatUtcTime(TimeOf(seconds));
}

Response InvalidFields(core::FieldErrors errors) {
  return ProblemFor({core::ErrorKind::invalid_input, "invalid input", std::move(errors), 0});
}

ordered_json SettingsJson(const service::ConsultSettingsView& view) {
  ordered_json out = {{"practitioner_id", view.row.practitioner_id},
                      {"time_zone", view.row.time_zone}};
  const ordered_json availability = codec::AvailabilityToJson(view.availability);
  for (const auto& [key, value] : availability.items())
    out[key] = value;
  out["meeting_url"] = view.row.meeting_url ? ordered_json(*view.row.meeting_url) : nullptr;
  out["change_cutoff_hours"] = view.row.change_cutoff_hours;
  out["updated_by"] = view.row.updated_by;
  out["updated_at"] = Time(view.row.updated_at);
  return out;
}

ordered_json TypeJson(const storage::ConsultTypeRow& row) {
  return {{"id", row.id},
          {"practitioner_id", row.practitioner_id},
          {"name", row.name},
          {"duration_minutes", row.duration_minutes},
          {"buffer_before_minutes", row.buffer_before_minutes},
          {"buffer_after_minutes", row.buffer_after_minutes},
          {"minimum_notice_minutes", row.minimum_notice_minutes},
          {"booking_horizon_days", row.booking_horizon_days},
          {"slot_step_minutes", row.slot_step_minutes},
          {"active", row.active}};
}

ordered_json ConsultJson(const storage::ConsultRow& row) {
  return {{"id", row.id},
          {"practitioner_id", row.practitioner_id},
          {"client_id", row.client_id},
          {"type_id", row.type_id},
          {"start", Time(row.start_at)},
          {"end", Time(row.end_at)},
          {"buffer_before_minutes", row.buffer_before_minutes},
          {"buffer_after_minutes", row.buffer_after_minutes},
          {"status", row.status == storage::ConsultStatus::booked ? "booked" : "cancelled"},
          {"ics_uid", row.ics_uid},
          {"sequence", row.sequence},
          {"video_link", row.video_link},
          {"invitation", "/api/v1/consults/" + std::to_string(row.id) + "/invitation.ics"},
          {"created_by", row.created_by},
          {"created_at", Time(row.created_at)}};
}

ordered_json HistoryJson(const storage::ConsultHistoryRow& row) {
  const auto optional_time = [](const std::optional<storage::UnixSeconds>& value) {
    return value ? ordered_json(Time(*value)) : ordered_json(nullptr);
  };
  return {{"change", row.change},
          {"from_start", optional_time(row.from_start)},
          {"to_start", optional_time(row.to_start)},
          {"changed_by", row.changed_by},
          {"changed_at", Time(row.changed_at)}};
}

Response JsonResponse(int status, const ordered_json& body) {
  return Response::JsonText(status,
                            body.dump(-1, ' ', false, ordered_json::error_handler_t::replace));
}

// The `start` of a booking or reschedule body: an RFC 3339 UTC time.
std::optional<sys_seconds> ReadStart(const json& body, core::FieldErrors& errors) {
  const auto text = StringField(body, "start");
  const auto start = text ? codec::ParseUtcTime(*text) : std::nullopt;
  if (!start)
    errors.push_back({"start", "must be an RFC 3339 UTC time such as \"2027-03-15T14:00:00Z\""});
  return start;
}

// --- settings and types ---------------------------------------------------

Response PutSettings(service::ConsultService& consults, const Principal& p, const Request& request,
                     const PathParams& params) {
  const auto practitioner_id = ParseId(params.at("id"));
  if (!practitioner_id)
    return ProblemFor(service::NotFound());
  auto body = ReadJsonBody(request);
  if (body.refusal)
    return *body.refusal;
  core::FieldErrors errors;
  auto document = codec::ReadConsultSettings(body.value, errors);
  if (!errors.empty())
    return InvalidFields(std::move(errors));
  service::ConsultSettingsInput input{
      std::move(document.time_zone), std::move(document.availability),
      std::move(document.meeting_url), document.change_cutoff_hours};
  auto view = consults.SetSettings(p, *practitioner_id, input);
  if (!view.ok())
    return ProblemFor(view.error());
  return JsonResponse(200, SettingsJson(view.value()));
}

Response GetSettings(service::ConsultService& consults, const Principal& p,
                     const PathParams& params) {
  const auto practitioner_id = ParseId(params.at("id"));
  if (!practitioner_id)
    return ProblemFor(service::NotFound());
  auto view = consults.Settings(p, *practitioner_id);
  if (!view.ok())
    return ProblemFor(view.error());
  return JsonResponse(200, SettingsJson(view.value()));
}

std::optional<service::ConsultTypeInput> ReadTypeInput(const Request& request,
                                                       std::optional<Response>& refusal) {
  auto body = ReadJsonBody(request);
  if (body.refusal) {
    refusal = std::move(body.refusal);
    return std::nullopt;
  }
  core::FieldErrors errors;
  auto document = codec::ReadConsultType(body.value, errors);
  if (!errors.empty()) {
    refusal = InvalidFields(std::move(errors));
    return std::nullopt;
  }
  return service::ConsultTypeInput{std::move(document.name), document.type, document.active};
}

Response AddType(service::ConsultService& consults, const Principal& p, const Request& request,
                 const PathParams& params) {
  const auto practitioner_id = ParseId(params.at("id"));
  if (!practitioner_id)
    return ProblemFor(service::NotFound());
  std::optional<Response> refusal;
  const auto input = ReadTypeInput(request, refusal);
  if (!input)
    return *refusal;
  auto row = consults.AddConsultType(p, *practitioner_id, *input);
  if (!row.ok())
    return ProblemFor(row.error());
  auto response = JsonResponse(201, TypeJson(row.value()));
  response.SetHeader("Location", "/api/v1/consult-types/" + std::to_string(row.value().id));
  return response;
}

Response UpdateType(service::ConsultService& consults, const Principal& p, const Request& request,
                    const PathParams& params) {
  const auto type_id = ParseId(params.at("id"));
  if (!type_id)
    return ProblemFor(service::NotFound());
  std::optional<Response> refusal;
  const auto input = ReadTypeInput(request, refusal);
  if (!input)
    return *refusal;
  auto row = consults.UpdateConsultType(p, *type_id, *input);
  if (!row.ok())
    return ProblemFor(row.error());
  return JsonResponse(200, TypeJson(row.value()));
}

Response ListTypes(service::ConsultService& consults, const Principal& p,
                   const PathParams& params) {
  const auto practitioner_id = ParseId(params.at("id"));
  if (!practitioner_id)
    return ProblemFor(service::NotFound());
  auto rows = consults.ConsultTypes(p, *practitioner_id);
  if (!rows.ok())
    return ProblemFor(rows.error());
  ordered_json items = ordered_json::array();
  for (const auto& row : rows.value())
    items.push_back(TypeJson(row));
  return JsonResponse(200, {{"practitioner_id", *practitioner_id}, {"items", std::move(items)}});
}

// --- slots ------------------------------------------------------------------

const date::time_zone* LocateZone(const std::string& name) {
  try {
    return date::locate_zone(name);
  } catch (const std::runtime_error&) {
    return nullptr;
  }
}

// `from`/`to` of a slot search: an RFC 3339 UTC time, or a calendar date in
// the client's zone (from its first moment; `to` through its last).
std::optional<sys_seconds> RangeBound(const std::string& text, const date::time_zone& zone,
                                      bool end_of_range) {
  if (auto time = codec::ParseUtcTime(text))
    return time;
  if (text.size() != 10)
    return std::nullopt;
  std::istringstream in(text);
  date::local_days day;
  in >> date::parse("%F", day);
  if (in.fail())
    return std::nullopt;
  if (end_of_range)
    day += date::days{1};
  // The first moment of a local day: choose_earliest covers a day that starts
  // in a gap or an overlap.
  return std::chrono::floor<std::chrono::seconds>(
      zone.to_sys(date::local_seconds(day), date::choose::earliest));
}

Response Slots(service::ConsultService& consults, const Principal& p, const Request& request,
               const PathParams& params) {
  const auto practitioner_id = ParseId(params.at("id"));
  if (!practitioner_id)
    return ProblemFor(service::NotFound());
  auto query = http::ParseQuery(request.query);
  if (!query)
    return BadRequest("(query)", "is not a valid query string");
  std::optional<std::string> type_text, from_text, to_text, zone_text;
  for (const auto& [key, value] : *query) {
    if (key == "type")
      type_text = value;
    else if (key == "from")
      from_text = value;
    else if (key == "to")
      to_text = value;
    else if (key == "zone")
      zone_text = value;
  }
  core::FieldErrors errors;
  const auto type_id = type_text ? ParseId(*type_text) : std::nullopt;
  if (!type_id)
    errors.push_back({"type", "is required: the id of a consult type"});
  const date::time_zone* zone = zone_text ? LocateZone(*zone_text) : nullptr;
  if (!zone)
    errors.push_back({"zone", "is required: a time zone of the IANA database (Europe/London)"});
  std::optional<sys_seconds> from, to;
  if (zone) {
    const char* kBound = "is required: an RFC 3339 UTC time or a date YYYY-MM-DD";
    if (!from_text || !(from = RangeBound(*from_text, *zone, false)))
      errors.push_back({"from", kBound});
    if (!to_text || !(to = RangeBound(*to_text, *zone, true)))
      errors.push_back({"to", kBound});
  }
  if (!errors.empty())
    return InvalidFields(std::move(errors));
  service::FreeSlotsRequest search{*practitioner_id, *type_id, *from, *to, *zone_text};
  auto slots = consults.FreeSlots(p, search);
  if (!slots.ok())
    return ProblemFor(slots.error());
  ordered_json items = ordered_json::array();
  for (const auto& slot : slots.value())
    items.push_back({{"start", codec::FormatUtcTime(slot.start)},
                     {"end", codec::FormatUtcTime(slot.end)},
                     {"local_start", slot.client_local_start},
                     {"local_end", slot.client_local_end}});
  return JsonResponse(200, {{"practitioner_id", *practitioner_id},
                            {"type_id", *type_id},
                            {"zone", *zone_text},
                            {"from", codec::FormatUtcTime(*from)},
                            {"to", codec::FormatUtcTime(*to)},
                            {"items", std::move(items)}});
}

// --- consults ---------------------------------------------------------------

Response Book(service::ConsultService& consults, const Principal& p, const Request& request,
              const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  auto body = ReadJsonBody(request);
  if (body.refusal)
    return *body.refusal;
  if (!body.value.is_object())
    return BadRequest("(root)", "must be an object");
  core::FieldErrors errors;
  for (const auto& [key, value] : body.value.items())
    if (key != "type_id" && key != "start")
      errors.push_back({key, "is not a field of a booking"});
  const auto type = body.value.find("type_id");
  std::optional<storage::Id> type_id;
  if (type != body.value.end() && type->is_number_integer() && type->get<storage::Id>() > 0)
    type_id = type->get<storage::Id>();
  else
    errors.push_back({"type_id", "is required: the id of a consult type"});
  const auto start = ReadStart(body.value, errors);
  if (!errors.empty())
    return InvalidFields(std::move(errors));
  auto booked = consults.Book(p, *client_id, *type_id, *start, IdempotencyKeyOf(request));
  if (!booked.ok())
    return ProblemFor(booked.error());
  const auto& consult = booked.value().consult;
  auto response = JsonResponse(booked.value().replayed ? 200 : 201, ConsultJson(consult));
  response.SetHeader("Location", "/api/v1/consults/" + std::to_string(consult.id));
  return response;
}

Response ListConsults(service::ConsultService& consults, const Principal& p,
                      const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  auto rows = consults.Consults(p, *client_id);
  if (!rows.ok())
    return ProblemFor(rows.error());
  ordered_json items = ordered_json::array();
  for (const auto& row : rows.value())
    items.push_back(ConsultJson(row));
  return JsonResponse(200, {{"client_id", *client_id}, {"items", std::move(items)}});
}

Response GetConsult(service::ConsultService& consults, const Principal& p,
                    const PathParams& params) {
  const auto consult_id = ParseId(params.at("id"));
  if (!consult_id)
    return ProblemFor(service::NotFound());
  auto view = consults.Get(p, *consult_id);
  if (!view.ok())
    return ProblemFor(view.error());
  ordered_json body = ConsultJson(view.value().consult);
  ordered_json history = ordered_json::array();
  for (const auto& change : view.value().history)
    history.push_back(HistoryJson(change));
  body["history"] = std::move(history);
  return JsonResponse(200, body);
}

Response Cancel(service::ConsultService& consults, const Principal& p, const PathParams& params) {
  const auto consult_id = ParseId(params.at("id"));
  if (!consult_id)
    return ProblemFor(service::NotFound());
  auto row = consults.Cancel(p, *consult_id);
  if (!row.ok())
    return ProblemFor(row.error());
  return JsonResponse(200, ConsultJson(row.value()));
}

Response Reschedule(service::ConsultService& consults, const Principal& p, const Request& request,
                    const PathParams& params) {
  const auto consult_id = ParseId(params.at("id"));
  if (!consult_id)
    return ProblemFor(service::NotFound());
  auto body = ReadJsonBody(request);
  if (body.refusal)
    return *body.refusal;
  if (!body.value.is_object())
    return BadRequest("(root)", "must be an object");
  core::FieldErrors errors;
  for (const auto& [key, value] : body.value.items())
    if (key != "start")
      errors.push_back({key, "is not a field of a reschedule"});
  const auto start = ReadStart(body.value, errors);
  if (!errors.empty())
    return InvalidFields(std::move(errors));
  auto row = consults.Reschedule(p, *consult_id, *start);
  if (!row.ok())
    return ProblemFor(row.error());
  return JsonResponse(200, ConsultJson(row.value()));
}

// The consult as an iTIP message: METHOD:REQUEST while booked, METHOD:CANCEL
// once cancelled. DTSTAMP is the time of the consult's latest change, so the
// same revision always downloads byte for byte the same.
Response Invitation(service::ConsultService& consults, const Principal& p,
                    const PathParams& params) {
  const auto consult_id = ParseId(params.at("id"));
  if (!consult_id)
    return ProblemFor(service::NotFound());
  auto view = consults.Get(p, *consult_id);
  if (!view.ok())
    return ProblemFor(view.error());
  const auto& row = view.value().consult;
  codec::ics::ConsultEvent event;
  event.uid = row.ics_uid;
  event.sequence = row.sequence;
  event.start = TimeOf(row.start_at);
  event.end = TimeOf(row.end_at);
  event.summary = "Back-pain consult";
  event.description = "Video consult with your practitioner.";
  event.video_url = row.video_link;
  event.cancelled = row.status == storage::ConsultStatus::cancelled;
  const auto& history = view.value().history;
  const auto dtstamp = TimeOf(history.empty() ? row.created_at : history.back().changed_at);
  Response response;
  response.status = 200;
  response.content_type = "text/calendar; charset=utf-8";
  response.body = event.cancelled ? codec::ics::WriteCancellation(event, dtstamp)
                                  : codec::ics::WriteInvitation(event, dtstamp);
  response.SetHeader("Content-Disposition",
                     "attachment; filename=\"consult-" + std::to_string(row.id) + ".ics\"");
  return response;
}

// Wraps a consult handler: signed in, and the consult service present.
template <typename Fn>
http::RouteHandler ConsultHandler(const std::shared_ptr<ApiServices>& s, Fn fn) {
  return Authed(*s, [s, fn](const Principal& p, const Request& r, const PathParams& a) {
    if (s->consults == nullptr)
      return Response::Problem(503, "Service Unavailable", "consults are not available");
    return fn(*s->consults, p, r, a);
  });
}

}  // namespace

void AddConsultRoutes(http::Router& router, const std::shared_ptr<ApiServices>& s) {
  router.Add("PUT", "/api/v1/practitioners/{id}/consult-settings",
             ConsultHandler(s, [](auto& c, const Principal& p, const Request& r,
                                  const PathParams& a) { return PutSettings(c, p, r, a); }));
  router.Add("GET", "/api/v1/practitioners/{id}/consult-settings",
             ConsultHandler(s, [](auto& c, const Principal& p, const Request&,
                                  const PathParams& a) { return GetSettings(c, p, a); }));
  router.Add("POST", "/api/v1/practitioners/{id}/consult-types",
             ConsultHandler(s, [](auto& c, const Principal& p, const Request& r,
                                  const PathParams& a) { return AddType(c, p, r, a); }));
  router.Add("GET", "/api/v1/practitioners/{id}/consult-types",
             ConsultHandler(s, [](auto& c, const Principal& p, const Request&,
                                  const PathParams& a) { return ListTypes(c, p, a); }));
  router.Add("PUT", "/api/v1/consult-types/{id}",
             ConsultHandler(s, [](auto& c, const Principal& p, const Request& r,
                                  const PathParams& a) { return UpdateType(c, p, r, a); }));
  router.Add("GET", "/api/v1/practitioners/{id}/slots",
             ConsultHandler(s, [](auto& c, const Principal& p, const Request& r,
                                  const PathParams& a) { return Slots(c, p, r, a); }));
  router.Add("POST", "/api/v1/clients/{id}/consults",
             ConsultHandler(s, [](auto& c, const Principal& p, const Request& r,
                                  const PathParams& a) { return Book(c, p, r, a); }));
  router.Add("GET", "/api/v1/clients/{id}/consults",
             ConsultHandler(s, [](auto& c, const Principal& p, const Request&,
                                  const PathParams& a) { return ListConsults(c, p, a); }));
  router.Add("GET", "/api/v1/consults/{id}",
             ConsultHandler(s, [](auto& c, const Principal& p, const Request&,
                                  const PathParams& a) { return GetConsult(c, p, a); }));
  router.Add("POST", "/api/v1/consults/{id}/cancel",
             ConsultHandler(s, [](auto& c, const Principal& p, const Request&,
                                  const PathParams& a) { return Cancel(c, p, a); }));
  router.Add("POST", "/api/v1/consults/{id}/reschedule",
             ConsultHandler(s, [](auto& c, const Principal& p, const Request& r,
                                  const PathParams& a) { return Reschedule(c, p, r, a); }));
  router.Add("GET", "/api/v1/consults/{id}/invitation.ics",
             ConsultHandler(s, [](auto& c, const Principal& p, const Request&,
                                  const PathParams& a) { return Invitation(c, p, a); }));
}

}  // namespace backplan::api
