#include "api/diary_routes.h"

#include <nlohmann/json.hpp>
#include <string>

#include "api/handler_support.h"
#include "codec/care_json.h"
#include "codec/diary_csv.h"
#include "codec/diary_entry_json.h"
#include "codec/trigger_report_json.h"

namespace backplan::api {
namespace {

using nlohmann::ordered_json;

// Media type names are case-insensitive; parameters such as charset may follow.
bool IsCsvContentType(std::optional<std::string_view> header) {
  if (!header)
    return false;
  std::string_view type = header->substr(0, header->find(';'));
  while (!type.empty() && type.back() == ' ')
    type.remove_suffix(1);
  constexpr std::string_view kCsv = "text/csv";
  if (type.size() != kCsv.size())
    return false;
  for (std::size_t i = 0; i < kCsv.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(type[i])) != kCsv[i])
      return false;
  return true;
}

std::string Time(storage::UnixSeconds seconds) {
  return codec::FormatUtcTime(std::chrono::sys_seconds(std::chrono::seconds(seconds)));
}

ordered_json DayJson(const service::DiaryDay& day) {
  ordered_json out = codec::DiaryEntryToJson(day.entry);
  out["recorded_by"] = day.row.recorded_by;
  out["recorded_at"] = Time(day.row.recorded_at);
  return out;
}

ordered_json ExposureJson(const core::ExposureDefinition& definition, bool standard) {
  return {{"name", definition.name},
          {"kind", codec::ExposureKindName(definition.kind)},
          {"label", definition.label},
          {"standard", standard}};
}

// A refused diary file: every row error with its line and column, as one
// application/problem+json. `path` reads like the CLI's message
// ("line 12, column pain_evening") for clients that only show paths.
Response CsvProblem(const codec::DiaryCsvErrors& errors) {
  ordered_json list = ordered_json::array();
  for (const auto& error : errors) {
    std::string path = error.line == 0 ? "file" : "line " + std::to_string(error.line);
    if (error.line != 0 && error.column_number != 0)
      path +=
          ", column " + (error.column.empty() ? std::to_string(error.column_number) : error.column);
    list.push_back({{"path", path},
                    {"line", error.line},
                    {"column", error.column},
                    {"column_number", error.column_number},
                    {"reason", error.reason}});
  }
  const ordered_json problem = {{"type", "about:blank"},
                                {"title", "Bad Request"},
                                {"status", 400},
                                {"detail", "the diary file has errors; nothing was imported"},
                                {"errors", std::move(list)}};
  Response response;
  response.status = 400;
  response.content_type = "application/problem+json";
  response.body = problem.dump(-1, ' ', false, ordered_json::error_handler_t::replace);
  return response;
}

Response PutEntry(service::DiaryService& diary, const Principal& p, const Request& request,
                  const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  if (!IsJsonContentType(request.Header("content-type")))
    return Response::Problem(415, "Unsupported Media Type",
                             "send the diary entry as application/json");
  auto recorded = diary.PutEntry(p, *client_id, params.at("date"), request.body);
  if (!recorded.ok())
    return ProblemFor(recorded.error());
  ordered_json body = DayJson(recorded.value().day);
  body["replaced"] = recorded.value().replaced;
  return Response::JsonText(200, body.dump());
}

Response ListEntries(service::DiaryService& diary, const Principal& p, const Request& request,
                     const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  auto query = http::ParseQuery(request.query);
  if (!query)
    return BadRequest("(query)", "is not a valid query string");
  std::optional<std::string> from, to;
  core::FieldErrors errors;
  for (const auto& [key, value] : *query) {
    if (key != "from" && key != "to")
      continue;
    const auto date = codec::ParseDiaryDate(value);
    if (!date) {
      errors.push_back({key, "must be a calendar date YYYY-MM-DD"});
      continue;
    }
    (key == "from" ? from : to) = codec::DiaryDateText(*date);
  }
  if (errors.empty() && from && to && *from > *to)
    errors.push_back({"to", "must not be before from"});
  if (!errors.empty())
    return ProblemFor({core::ErrorKind::invalid_input, "invalid input", errors, 0});
  auto days = diary.Entries(p, *client_id, from, to);
  if (!days.ok())
    return ProblemFor(days.error());
  ordered_json items = ordered_json::array();
  for (const auto& day : days.value())
    items.push_back(DayJson(day));
  const ordered_json body = {{"client_id", *client_id},
                             {"from", from ? ordered_json(*from) : ordered_json(nullptr)},
                             {"to", to ? ordered_json(*to) : ordered_json(nullptr)},
                             {"items", std::move(items)}};
  return Response::JsonText(200, body.dump());
}

Response ImportCsv(service::DiaryService& diary, const Principal& p, const Request& request,
                   const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  if (!IsCsvContentType(request.Header("content-type")))
    return Response::Problem(415, "Unsupported Media Type", "send the diary file as text/csv");
  auto imported = diary.ImportCsv(p, *client_id, request.body);
  if (!imported.ok())
    return ProblemFor(imported.error());
  if (!imported.value().row_errors.empty())
    return CsvProblem(imported.value().row_errors);
  const ordered_json body = {{"client_id", *client_id},
                             {"imported_days", imported.value().imported_days},
                             {"replaced_days", imported.value().replaced_days}};
  return Response::JsonText(200, body.dump());
}

Response ExportCsv(service::DiaryService& diary, const Principal& p, const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  auto csv = diary.ExportCsv(p, *client_id);
  if (!csv.ok())
    return ProblemFor(csv.error());
  Response response;
  response.status = 200;
  response.content_type = "text/csv; charset=utf-8";
  response.body = std::move(csv.value());
  return response;
}

Response ListExposures(service::DiaryService& diary, const Principal& p, const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  auto custom = diary.Exposures(p, *client_id);
  if (!custom.ok())
    return ProblemFor(custom.error());
  ordered_json items = ordered_json::array();
  for (const auto& definition : core::StandardExposures())
    items.push_back(ExposureJson(definition, true));
  for (const auto& definition : custom.value())
    items.push_back(ExposureJson(definition, false));
  return Response::JsonText(200, ordered_json{{"client_id", *client_id}, {"items", items}}.dump());
}

Response DefineExposure(service::DiaryService& diary, const Principal& p, const Request& request,
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
  service::ExposureRequest exposure;
  for (const auto& [key, value] : body.value.items())
    if (key != "name" && key != "kind" && key != "label")
      errors.push_back({key, "is not a field of an exposure"});
  const auto text = [&](const char* name, std::string& out) {
    if (auto value = StringField(body.value, name))
      out = std::move(*value);
    else
      errors.push_back({name, "is required text"});
  };
  text("name", exposure.name);
  text("kind", exposure.kind);
  text("label", exposure.label);
  if (!errors.empty())
    return ProblemFor({core::ErrorKind::invalid_input, "invalid input", errors, 0});
  auto defined = diary.DefineExposure(p, *client_id, exposure);
  if (!defined.ok())
    return ProblemFor(defined.error());
  return Response::JsonText(201, ExposureJson(defined.value(), false).dump());
}

Response Triggers(service::DiaryService& diary, const Principal& p, const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  auto report = diary.Triggers(p, *client_id);
  if (!report.ok())
    return ProblemFor(report.error());
  ordered_json body = {{"client_id", *client_id}};
  // Kept in a local: a range-for over items() of a temporary would dangle.
  const ordered_json report_json = codec::TriggerReportToJson(report.value());
  for (const auto& [key, value] : report_json.items())
    body[key] = value;
  return Response::JsonText(200, body.dump());
}

// Wraps a diary handler: signed in, and the diary service present.
template <typename Fn>
http::RouteHandler DiaryHandler(const std::shared_ptr<ApiServices>& s, Fn fn) {
  return Authed(*s, [s, fn](const Principal& p, const Request& r, const PathParams& a) {
    if (s->diary == nullptr)
      return Response::Problem(503, "Service Unavailable", "the diary is not available");
    return fn(*s->diary, p, r, a);
  });
}

}  // namespace

void AddDiaryRoutes(http::Router& router, const std::shared_ptr<ApiServices>& s) {
  router.Add("PUT", "/api/v1/clients/{id}/diary/{date}",
             DiaryHandler(s, [](auto& diary, const Principal& p, const Request& r,
                                const PathParams& a) { return PutEntry(diary, p, r, a); }));
  router.Add("GET", "/api/v1/clients/{id}/diary",
             DiaryHandler(s, [](auto& diary, const Principal& p, const Request& r,
                                const PathParams& a) { return ListEntries(diary, p, r, a); }));
  router.Add("POST", "/api/v1/clients/{id}/diary/import",
             DiaryHandler(s, [](auto& diary, const Principal& p, const Request& r,
                                const PathParams& a) { return ImportCsv(diary, p, r, a); }));
  router.Add("GET", "/api/v1/clients/{id}/diary/export",
             DiaryHandler(s, [](auto& diary, const Principal& p, const Request&,
                                const PathParams& a) { return ExportCsv(diary, p, a); }));
  router.Add("GET", "/api/v1/clients/{id}/exposures",
             DiaryHandler(s, [](auto& diary, const Principal& p, const Request&,
                                const PathParams& a) { return ListExposures(diary, p, a); }));
  router.Add("POST", "/api/v1/clients/{id}/exposures",
             DiaryHandler(s, [](auto& diary, const Principal& p, const Request& r,
                                const PathParams& a) { return DefineExposure(diary, p, r, a); }));
  router.Add("GET", "/api/v1/clients/{id}/triggers",
             DiaryHandler(s, [](auto& diary, const Principal& p, const Request&,
                                const PathParams& a) { return Triggers(diary, p, a); }));
}

}  // namespace backplan::api
