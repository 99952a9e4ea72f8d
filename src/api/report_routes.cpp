#include "api/report_routes.h"

#include "api/csp.h"
#include "api/handler_support.h"
#include "codec/home_program_json.h"
#include "codec/report/progress_report.h"

namespace backplan::api {
namespace {

Response Unavailable(const char* what) {
  return Response::Problem(503, "Service Unavailable",
                           std::string("the ") + what + " is not available");
}

// The report embeds one style sheet and no script: the policy allows exactly
// that style by its hash and nothing else.
const std::string& ReportPolicy() {
  static const std::string policy = "default-src 'none'; style-src " +
                                    CspHashSource(codec::ProgressReportStyle()) +
                                    "; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";
  return policy;
}

Response Report(service::ReportService& reports, const Principal& p, const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  auto data = reports.ProgressReport(p, *client_id);
  if (!data.ok())
    return ProblemFor(data.error());
  Response response;
  response.content_type = "text/html; charset=utf-8";
  response.SetHeader("Content-Security-Policy", ReportPolicy());
  // Health data: never kept by a shared cache or the browser's disk cache.
  response.SetHeader("Cache-Control", "no-store");
  response.body = codec::RenderProgressReport(data.value());
  return response;
}

Response HomeProgram(service::HomeProgramService& programs, const Principal& p,
                     const PathParams& params) {
  const auto client_id = ParseId(params.at("id"));
  if (!client_id)
    return ProblemFor(service::NotFound());
  auto program = programs.Get(p, *client_id);
  if (!program.ok())
    return ProblemFor(program.error());
  const auto& value = program.value();
  auto body = codec::HomeProgramToJson(value.items, value.adherence);
  body["client_id"] = value.client_id;
  body["assessment_id"] = value.assessment_id;
  body["triggers_checked"] = value.triggers_checked;
  body["triggers_note"] = value.triggers_note;
  return Response::JsonText(200, body.dump());
}

}  // namespace

void AddReportRoutes(http::Router& router, const std::shared_ptr<ApiServices>& s) {
  router.Add("GET", "/api/v1/clients/{id}/report",
             Authed(*s, [s](const Principal& p, const Request&, const PathParams& a) {
               if (s->reports == nullptr)
                 return Unavailable("progress report");
               return Report(*s->reports, p, a);
             }));
  router.Add("GET", "/api/v1/clients/{id}/home-program",
             Authed(*s, [s](const Principal& p, const Request&, const PathParams& a) {
               if (s->home_program == nullptr)
                 return Unavailable("home program");
               return HomeProgram(*s->home_program, p, a);
             }));
}

}  // namespace backplan::api
