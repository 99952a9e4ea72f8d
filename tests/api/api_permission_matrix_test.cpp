// The authorization matrix (docs: SECURITY §3 "Authorization matrix"; issue 3
// "Permissions"): every route × six roles, against the real binary, in both
// directions between two practitioners and their clients, with every deny cell
// checked, not only the allows. A route the router has and the table does not
// fails the test, so a new endpoint cannot ship without its rows.
//
// Roles are relative to a target record (a client, that client's assessment,
// that client's user account):
//   anonymous           no credentials
//   client_self         the target client themselves
//   client_other        a client of the other practitioner
//   practitioner_own    the practitioner the target client belongs to
//   practitioner_other  another practitioner of the same clinic
//   admin               the clinic's admin
// Foreign and unknown ids must answer alike (same status, same body): 404
// leaks nothing about which ids exist.

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <ctime>
#include <functional>
#include <iostream>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <utility>
#include <vector>

#include "support/api_helpers.h"
#include "support/http_client.h"
#include "support/router_routes.h"
#include "support/server_process.h"

namespace backplan::testing {
namespace {

using nlohmann::json;

enum class Role {
  anonymous,
  client_self,
  client_other,
  practitioner_own,
  practitioner_other,
  admin
};
constexpr std::array<Role, 6> kRoles = {Role::anonymous,          Role::client_self,
                                        Role::client_other,       Role::practitioner_own,
                                        Role::practitioner_other, Role::admin};

const char* Name(Role role) {
  switch (role) {
    case Role::anonymous:
      return "anonymous";
    case Role::client_self:
      return "client_self";
    case Role::client_other:
      return "client_other";
    case Role::practitioner_own:
      return "practitioner_own";
    case Role::practitioner_other:
      return "practitioner_other";
    case Role::admin:
      return "admin";
  }
  return "?";
}

// What "{id}" in the pattern stands for, and which record of the direction.
enum class Target {
  none,          // no {id}
  client,        // the target client's id
  assessment,    // the target client's assessment
  client_user,   // the target client's user account
  owner_user,    // the account of the practitioner the target client belongs to
  admin_user,    // the admin's account
  care_session,  // a treatment session of the target client
  consult_type,  // a consult type of the target client's practitioner
  consult,       // a booked consult of the target client (rescheduled by the rows)
  // A booked consult of the target client per role that cancels it
  // (client_self, practitioner_own, admin); the other roles aim at
  // client_self's one.
  consult_to_cancel,
};

// What the request carries as a body.
enum class Body {
  none,
  login,
  one_time_link,
  new_practitioner,
  new_client,
  intake,
  care_session,
  check_in,
  diary_entry,
  diary_csv,
  exposure,
  consult_settings,
  consult_type,
  booking,
  reschedule
};

struct Row {
  const char* method;
  const char* pattern;
  Target target;
  Body body;
  // Expected status per role, in kRoles order:
  // anonymous, client_self, client_other, practitioner_own, practitioner_other, admin
  std::array<int, 6> expected;
};

// clang-format off
const std::vector<Row> kMatrix = {
  // Probes and the API description are public.
  {"GET",    "/",                                        Target::none, Body::none,             {200, 200, 200, 200, 200, 200}},
  {"GET",    "/healthz",                                 Target::none, Body::none,             {200, 200, 200, 200, 200, 200}},
  {"GET",    "/readyz",                                  Target::none, Body::none,             {200, 200, 200, 200, 200, 200}},
  {"GET",    "/metrics",                                 Target::none, Body::none,             {200, 200, 200, 200, 200, 200}},
  {"GET",    "/api/v1/openapi.json",                     Target::none, Body::none,             {200, 200, 200, 200, 200, 200}},
  // Signing in with one's own credentials (anonymous: an unknown account).
  {"POST",   "/api/v1/sessions",                         Target::none, Body::login,            {401, 201, 201, 201, 201, 201}},
  {"DELETE", "/api/v1/sessions/current",                 Target::none, Body::none,             {401, 204, 204, 204, 204, 204}},
  // A made-up link token: not valid for anyone.
  {"POST",   "/api/v1/one-time-links/complete",          Target::none, Body::one_time_link,    {404, 404, 404, 404, 404, 404}},
  {"GET",    "/api/v1/me",                               Target::none, Body::none,             {401, 200, 200, 200, 200, 200}},
  {"GET",    "/api/v1/practitioners",                    Target::none, Body::none,             {401, 403, 403, 403, 403, 200}},
  {"POST",   "/api/v1/practitioners",                    Target::none, Body::new_practitioner, {401, 403, 403, 403, 403, 201}},
  {"GET",    "/api/v1/clients",                          Target::none, Body::none,             {401, 403, 403, 200, 200, 200}},
  // A new client for the target's practitioner: another practitioner may not.
  {"POST",   "/api/v1/clients",                          Target::none, Body::new_client,       {401, 403, 403, 201, 400, 201}},
  {"GET",    "/api/v1/clients/{id}",                     Target::client, Body::none,           {401, 200, 404, 200, 404, 200}},
  {"POST",   "/api/v1/clients/{id}/assessments",         Target::client, Body::intake,         {401, 201, 404, 201, 404, 201}},
  {"GET",    "/api/v1/clients/{id}/assessments",         Target::client, Body::none,           {401, 200, 404, 200, 404, 200}},
  {"GET",    "/api/v1/clients/{id}/assessments/latest",  Target::client, Body::none,           {401, 200, 404, 200, 404, 200}},
  {"GET",    "/api/v1/assessments/{id}",                 Target::assessment, Body::none,       {401, 200, 404, 200, 404, 200}},
  {"POST",   "/api/v1/users/{id}/password-reset-links",  Target::client_user, Body::none,      {401, 403, 403, 201, 404, 201}},
  // Resets for staff accounts: only the admin, and not for themselves.
  {"POST",   "/api/v1/users/{id}/password-reset-links",  Target::owner_user, Body::none,       {401, 403, 403, 404, 404, 201}},
  {"POST",   "/api/v1/users/{id}/password-reset-links",  Target::admin_user, Body::none,       {401, 403, 403, 404, 404, 404}},
  {"GET",    "/api/v1/audit",                            Target::none, Body::none,             {401, 403, 403, 403, 403, 200}},
  // The attention list: each staff member's own caseload; a client is refused by role.
  {"GET",    "/api/v1/attention",                        Target::none, Body::none,             {401, 403, 403, 200, 200, 200}},
  // The care loop. Only staff log sessions (a client is refused by role);
  // the client answers their own check-ins and staff may on their behalf.
  {"POST",   "/api/v1/clients/{id}/sessions",            Target::client, Body::care_session,   {401, 403, 403, 201, 404, 201}},
  {"GET",    "/api/v1/clients/{id}/sessions",            Target::client, Body::none,           {401, 200, 404, 200, 404, 200}},
  {"GET",    "/api/v1/sessions/{id}",                    Target::care_session, Body::none,     {401, 200, 404, 200, 404, 200}},
  {"POST",   "/api/v1/sessions/{id}/check-ins",          Target::care_session, Body::check_in, {401, 201, 404, 201, 404, 201}},
  {"GET",    "/api/v1/clients/{id}/check-ins",           Target::client, Body::none,           {401, 200, 404, 200, 404, 200}},
  {"GET",    "/api/v1/clients/{id}/progress",            Target::client, Body::none,           {401, 200, 404, 200, 404, 200}},
  // The diary: the client and staff on their behalf record and read it;
  // only staff define the client's own exposures.
  {"PUT",    "/api/v1/clients/{id}/diary/{date}",        Target::client, Body::diary_entry,    {401, 200, 404, 200, 404, 200}},
  {"GET",    "/api/v1/clients/{id}/diary",               Target::client, Body::none,           {401, 200, 404, 200, 404, 200}},
  {"POST",   "/api/v1/clients/{id}/diary/import",        Target::client, Body::diary_csv,      {401, 200, 404, 200, 404, 200}},
  {"GET",    "/api/v1/clients/{id}/diary/export",        Target::client, Body::none,           {401, 200, 404, 200, 404, 200}},
  {"GET",    "/api/v1/clients/{id}/exposures",           Target::client, Body::none,           {401, 200, 404, 200, 404, 200}},
  {"POST",   "/api/v1/clients/{id}/exposures",           Target::client, Body::exposure,       {401, 403, 403, 201, 404, 201}},
  {"GET",    "/api/v1/clients/{id}/triggers",            Target::client, Body::none,           {401, 200, 404, 200, 404, 200}},
  // The progress report and home program: whoever may read the client's records.
  {"GET",    "/api/v1/clients/{id}/report",              Target::client, Body::none,           {401, 200, 404, 200, 404, 200}},
  {"GET",    "/api/v1/clients/{id}/home-program",        Target::client, Body::none,           {401, 200, 404, 200, 404, 200}},
  // Consults. Settings and types: the practitioner themselves or the admin
  // (a client is refused by role, a colleague's id is not found); staff read
  // the settings; the practitioner's own clients and staff see types and
  // free slots. A consult: the client and staff with access to the client.
  {"PUT",    "/api/v1/practitioners/{id}/consult-settings", Target::owner_user, Body::consult_settings, {401, 403, 403, 200, 404, 200}},
  {"GET",    "/api/v1/practitioners/{id}/consult-settings", Target::owner_user, Body::none,        {401, 403, 403, 200, 200, 200}},
  {"POST",   "/api/v1/practitioners/{id}/consult-types", Target::owner_user, Body::consult_type,   {401, 403, 403, 201, 404, 201}},
  {"GET",    "/api/v1/practitioners/{id}/consult-types", Target::owner_user, Body::none,           {401, 200, 404, 200, 200, 200}},
  {"PUT",    "/api/v1/consult-types/{id}",               Target::consult_type, Body::consult_type, {401, 403, 403, 200, 404, 200}},
  {"GET",    "/api/v1/practitioners/{id}/slots",         Target::owner_user, Body::none,           {401, 200, 404, 200, 200, 200}},
  {"POST",   "/api/v1/clients/{id}/consults",            Target::client, Body::booking,            {401, 201, 404, 201, 404, 201}},
  {"GET",    "/api/v1/clients/{id}/consults",            Target::client, Body::none,               {401, 200, 404, 200, 404, 200}},
  {"GET",    "/api/v1/consults/{id}",                    Target::consult, Body::none,              {401, 200, 404, 200, 404, 200}},
  {"GET",    "/api/v1/consults/{id}/invitation.ics",     Target::consult, Body::none,              {401, 200, 404, 200, 404, 200}},
  {"POST",   "/api/v1/consults/{id}/reschedule",         Target::consult, Body::reschedule,        {401, 200, 404, 200, 404, 200}},
  {"POST",   "/api/v1/consults/{id}/cancel",             Target::consult_to_cancel, Body::none,    {401, 200, 404, 200, 404, 200}},
};
// clang-format on

// Two days of diary CSV v1, imported by every allowed role.
constexpr const char* kMatrixDiaryCsv =
    "date,pain_morning,pain_evening,leg_pain,sitting_minutes,driving_minutes,standing_minutes,"
    "walking_minutes,lifts,bending,sleep_hours,sleep_quality,stress,exercise_done,massage,"
    "home_program_done,note\n"
    "2026-01-06,3,4,2,215,20,,21,2,14,8,4,6,no,no,,\n"
    "2026-01-07,3,6,1,345,149,69,69,0,15,8,5,4,yes,no,,\n";

struct Account {
  std::string email;
  std::string password;
  SignedIn session;
};

// "YYYY-MM-DDTHH:00:00Z", `day_offset` days after the day after tomorrow
// (UTC): beyond every consult's 24-hour change cutoff and within the 60-day
// booking horizon.
std::string ConsultStart(int day_offset, int hour) {
  const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) +
                   std::chrono::days(2 + day_offset) + std::chrono::hours(hour);
  const std::time_t seconds = std::chrono::system_clock::to_time_t(day);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// Every day 08:00–18:00 UTC: the consult settings of both practitioners.
json MatrixConsultSettings() {
  json weekly = json::object();
  for (const char* day :
       {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
    weekly[day] = json::array({{{"start", "08:00"}, {"end", "18:00"}}});
  return {{"time_zone", "UTC"}, {"weekly_hours", weekly}, {"change_cutoff_hours", 24}};
}

// One direction of the matrix: whose record is the target, and who plays
// each role towards it.
struct Direction {
  std::string label;
  long long client_id = 0;
  long long assessment_id = 0;
  long long client_user_id = 0;
  long long owner_user_id = 0;
  long long care_session_id = 0;
  std::map<Role, const Account*> actors;  // every role but anonymous
  long long consult_type_id = 0;
  long long consult_id = 0;
  std::map<Role, long long> consults_to_cancel{};  // client_self, practitioner_own, admin
};

class ApiPermissionMatrixTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto& http = http_;
    admin_ = {kDemoAdmin, kDemoAdminPassword, Login(http, kDemoAdmin, kDemoAdminPassword)};
    first_ = {kDemoTherapist, kDemoTherapistPassword,
              Login(http, kDemoTherapist, kDemoTherapistPassword)};
    const auto second = CreatePractitioner(http, admin_.session, "second.practitioner@example.test",
                                           "second-practitioner-password");
    second_ = {second.email, second.password, Login(http, second.email, second.password)};
    const auto zoe = CreateClient(http, second_.session, "zoe@example.test", "zoe-client-password");
    zoe_ = {zoe.email, zoe.password, Login(http, zoe.email, zoe.password)};
    dana_ = {kDemoDana, kDemoClientPassword, Login(http, kDemoDana, kDemoClientPassword)};

    // Dana: a demo client of the first practitioner, with a seeded assessment.
    const auto clients = http.Get("/api/v1/clients", first_.session.bearer());
    Require(clients.status == 200, "list clients: " + Describe(clients));
    long long dana_client = 0;
    const auto client_list = clients.Json();
    for (const auto& client : client_list["items"])
      if (client["user_id"] == dana_.session.user_id())
        dana_client = client["id"];
    Require(dana_client > 0, "dana's client record not found");
    const auto dana_latest =
        http.Get("/api/v1/clients/" + std::to_string(dana_client) + "/assessments/latest",
                 first_.session.bearer());
    Require(dana_latest.status == 200, "dana's assessment: " + Describe(dana_latest));

    // Zoe: a client of the second practitioner, with one assessment.
    const auto zoe_first = SubmitIntake(http, second_.session.token, zoe.client_id,
                                        ReadSourceFile("examples/acute-radicular.json"));
    Require(zoe_first.status == 201, "zoe's assessment: " + Describe(zoe_first));

    // A treatment session for each, logged by their own practitioner.
    const auto dana_session = http.Send(HttpRequest{
        "POST", "/api/v1/clients/" + std::to_string(dana_client) + "/sessions", {}, std::nullopt}
                                            .Bearer(first_.session.token)
                                            .JsonBody(CareSessionBody()));
    Require(dana_session.status == 201, "dana's session: " + Describe(dana_session));
    const auto zoe_session = http.Send(HttpRequest{
        "POST", "/api/v1/clients/" + std::to_string(zoe.client_id) + "/sessions", {}, std::nullopt}
                                           .Bearer(second_.session.token)
                                           .JsonBody(CareSessionBody()));
    Require(zoe_session.status == 201, "zoe's session: " + Describe(zoe_session));

    dana_direction_ = {"target=dana (first practitioner's client)",
                       dana_client,
                       dana_latest.Json()["id"].get<long long>(),
                       dana_.session.user_id(),
                       first_.session.user_id(),
                       dana_session.Json()["id"].get<long long>(),
                       {{Role::client_self, &dana_},
                        {Role::client_other, &zoe_},
                        {Role::practitioner_own, &first_},
                        {Role::practitioner_other, &second_},
                        {Role::admin, &admin_}}};
    zoe_direction_ = {"target=zoe (second practitioner's client)",
                      zoe.client_id,
                      zoe_first.Json()["id"].get<long long>(),
                      zoe.user_id,
                      second_.session.user_id(),
                      zoe_session.Json()["id"].get<long long>(),
                      {{Role::client_self, &zoe_},
                       {Role::client_other, &dana_},
                       {Role::practitioner_own, &second_},
                       {Role::practitioner_other, &first_},
                       {Role::admin, &admin_}}};
    for (Direction* direction : {&dana_direction_, &zoe_direction_})
      SetUpConsults(*direction);
  }

  // The practitioner's hours and one consult type; a consult for the rows
  // that read and reschedule it, and one per role that cancels.
  void SetUpConsults(Direction& d) {
    const auto& practitioner = *d.actors.at(Role::practitioner_own);
    const std::string base = "/api/v1/practitioners/" + std::to_string(d.owner_user_id);
    const auto settings =
        http_.Send(HttpRequest{"PUT", base + "/consult-settings", {}, std::nullopt}
                       .Bearer(practitioner.session.token)
                       .JsonBody(MatrixConsultSettings()));
    Require(settings.status == 200, "consult settings: " + Describe(settings));
    const auto type = http_.PostJson(base + "/consult-types",
                                     {{"name", "Matrix consult"}, {"duration_minutes", 30}},
                                     practitioner.session.bearer());
    Require(type.status == 201, "consult type: " + Describe(type));
    d.consult_type_id = type.Json()["id"].get<long long>();
    const auto book = [&](int hour) {
      const auto booked =
          http_.PostJson("/api/v1/clients/" + std::to_string(d.client_id) + "/consults",
                         {{"type_id", d.consult_type_id}, {"start", ConsultStart(0, hour)}},
                         practitioner.session.bearer());
      Require(booked.status == 201, "consult: " + Describe(booked));
      return booked.Json()["id"].get<long long>();
    };
    d.consult_id = book(14);
    d.consults_to_cancel = {
        {Role::client_self, book(15)}, {Role::practitioner_own, book(16)}, {Role::admin, book(17)}};
  }

  std::string IdFor(const Row& row, const Direction& d, Role role = Role::anonymous) const {
    switch (row.target) {
      case Target::none:
        return "";
      case Target::client:
        return std::to_string(d.client_id);
      case Target::assessment:
        return std::to_string(d.assessment_id);
      case Target::client_user:
        return std::to_string(d.client_user_id);
      case Target::owner_user:
        return std::to_string(d.owner_user_id);
      case Target::admin_user:
        return std::to_string(admin_.session.user_id());
      case Target::care_session:
        return std::to_string(d.care_session_id);
      case Target::consult_type:
        return std::to_string(d.consult_type_id);
      case Target::consult:
        return std::to_string(d.consult_id);
      case Target::consult_to_cancel: {
        const auto own = d.consults_to_cancel.find(role);
        return std::to_string(own != d.consults_to_cancel.end()
                                  ? own->second
                                  : d.consults_to_cancel.at(Role::client_self));
      }
    }
    return "";
  }

  static std::string Fill(const std::string& pattern, const std::string& id) {
    std::string path = pattern;
    if (const auto at = path.find("{id}"); at != std::string::npos)
      path.replace(at, 4, id);
    // The diary day is always a valid date: the matrix tests who, not what.
    if (const auto at = path.find("{date}"); at != std::string::npos)
      path.replace(at, 6, "2026-01-05");
    return path;
  }

  // Within the plan of both examples the matrix assesses with (lumbar ceiling
  // at least 2), so every allowed role's session is accepted.
  static json CareSessionBody() {
    return {
        {"started_at", "2026-01-05T10:00:00Z"},
        {"duration_minutes", 45},
        {"regions",
         json::array({{{"region", "lumbar"}, {"technique", "light_swedish"}, {"pressure", 1}}})},
        {"pain_before", {{"back", 5}, {"leg", 1}}},
        {"pain_after", {{"back", 4}, {"leg", 1}}}};
  }

  HttpRequest Build(const Row& row, const Direction& d, Role role, const std::string& id) {
    HttpRequest request{row.method, Fill(row.pattern, id), {}, std::nullopt};
    // A slot search names its type, range and zone.
    if (std::string(row.pattern).ends_with("/slots"))
      request.target += "?type=" + std::to_string(d.consult_type_id) +
                        "&from=" + ConsultStart(0, 0).substr(0, 10) +
                        "&to=" + ConsultStart(7, 0).substr(0, 10) + "&zone=Europe/London";
    const Account* actor = role == Role::anonymous ? nullptr : d.actors.at(role);
    if (actor) {
      // Logging out spends the session: use a fresh one for that route.
      const std::string token = std::string(row.method) == "DELETE"
                                    ? Login(http_, actor->email, actor->password).token
                                    : actor->session.token;
      request.Bearer(token);
    }
    const std::string unique = std::to_string(++counter_);
    switch (row.body) {
      case Body::none:
        break;
      case Body::login:
        request.JsonBody(actor ? json{{"email", actor->email}, {"password", actor->password}}
                               : json{{"email", "nobody" + unique + "@example.test"},
                                      {"password", "not-the-password"}});
        break;
      case Body::one_time_link:
        request.JsonBody(
            {{"token", "made-up-link-token-" + unique}, {"password", "a-long-enough-password"}});
        break;
      case Body::new_practitioner:
        request.JsonBody({{"email", "matrix-practitioner-" + unique + "@example.test"},
                          {"display_name", "Matrix Practitioner " + unique}});
        break;
      case Body::new_client:
        request.JsonBody({{"email", "matrix-client-" + unique + "@example.test"},
                          {"display_name", "Matrix Client " + unique},
                          {"practitioner_id", d.owner_user_id}});
        break;
      case Body::intake:
        request.JsonText(intake_);
        break;
      case Body::care_session:
        request.JsonBody(CareSessionBody());
        break;
      case Body::check_in: {
        // One answer per kind per session: each allowed role answers its own kind.
        const char* kind = role == Role::client_self        ? "24h"
                           : role == Role::practitioner_own ? "72h"
                                                            : "7d";
        request.JsonBody({{"kind", kind},
                          {"back_pain", 3},
                          {"leg_pain", 1},
                          {"global", "better"},
                          {"note", "matrix " + unique}});
        break;
      }
      case Body::diary_entry:
        request.JsonBody({{"pain_morning", 3},
                          {"pain_evening", 4},
                          {"exposures", {{"driving_minutes", 30}}},
                          {"note", "matrix " + unique}});
        break;
      case Body::diary_csv:
        request.headers.emplace_back("Content-Type", "text/csv");
        request.body = kMatrixDiaryCsv;
        break;
      case Body::exposure:
        // One name per request: a client's exposure names are unique.
        request.JsonBody({{"name", "matrix_exposure_" + unique},
                          {"kind", "minutes"},
                          {"label", "Matrix exposure " + unique}});
        break;
      case Body::consult_settings:
        request.JsonBody(MatrixConsultSettings());
        break;
      case Body::consult_type:
        request.JsonBody({{"name", "Matrix consult " + unique}, {"duration_minutes", 30}});
        break;
      case Body::booking:
        // A day of its own at 10:00: each allowed role books a free slot.
        request.JsonBody(
            {{"type_id", d.consult_type_id}, {"start", ConsultStart(1 + counter_ % 45, 10)}});
        break;
      case Body::reschedule:
        request.JsonBody({{"start", ConsultStart(1 + counter_ % 45, 12)}});
        break;
    }
    return request;
  }

  ServerProcess server_;
  HttpClient http_ = server_.client();
  Account admin_, first_, second_, zoe_, dana_;
  Direction dana_direction_, zoe_direction_;
  std::string intake_ = ReadSourceFile("examples/chronic-localized.json");
  int counter_ = 0;
};

std::string Key(const std::string& method, const std::string& pattern) {
  return method + " " + pattern;
}

// Every route of the real router has rows (each row covers all six roles),
// and no row names a route the router lacks. Empty when so.
std::string MatrixCoverageProblems() {
  std::set<std::string> routed, tabled;
  for (const auto& route : RegisteredRoutes())
    routed.insert(Key(route.method, route.pattern));
  for (const auto& row : kMatrix)
    tabled.insert(Key(row.method, row.pattern));
  std::ostringstream text;
  for (const auto& route : routed)
    if (!tabled.contains(route))
      text << "\n  no matrix rows for " << route;
  for (const auto& row : tabled)
    if (!routed.contains(row))
      text << "\n  matrix rows for a route the router lacks: " << row;
  if (routed.size() < 19)
    text << "\n  the router lists only " << routed.size() << " routes";
  return text.str();
}

TEST_F(ApiPermissionMatrixTest, EveryRouteRoleAndOwnershipCell) {
  const std::string coverage = MatrixCoverageProblems();
  EXPECT_TRUE(coverage.empty()) << coverage;

  int cells = 0, deny_cells = 0, unknown_id_cells = 0;
  for (const Direction* direction : {&dana_direction_, &zoe_direction_}) {
    for (const auto& row : kMatrix) {
      for (std::size_t r = 0; r < kRoles.size(); ++r) {
        const Role role = kRoles[r];
        const int expected = row.expected[r];
        const std::string id = IdFor(row, *direction, role);
        const auto request = Build(row, *direction, role, id);
        const auto response = http_.Send(request);
        ++cells;
        const std::string where = std::string(row.method) + " " + request.target + " (" +
                                  row.pattern + ") as " + Name(role) + ", " + direction->label;
        EXPECT_EQ(response.status, expected) << where << "\n  body: " << response.body;
        if (expected >= 400) {
          ++deny_cells;
          EXPECT_EQ(response.ContentType(), "application/problem+json") << where;
          EXPECT_EQ(response.Json()["status"], expected) << where;
        }
        if (expected == 401 && role == Role::anonymous && row.body != Body::login) {
          EXPECT_EQ(response.Header("www-authenticate").value_or(""), "Bearer") << where;
        }

        // Ids that do not exist answer exactly as foreign ids do: a record a
        // role may not see looks like one that is not there.
        if (row.target == Target::none || role == Role::anonymous)
          continue;
        const bool allowed = expected < 400;
        for (const std::string unknown : {"987654321", "0", "abc", "-1"}) {
          const auto probe = http_.Send(Build(row, *direction, role, unknown));
          ++unknown_id_cells;
          // A well-formed id nobody has answers as the foreign one does; a
          // malformed one names no resource at all.
          const bool well_formed = unknown == "987654321";
          const int wanted = !well_formed || allowed ? 404 : expected;
          EXPECT_EQ(probe.status, wanted)
              << where << " with id " << unknown << "\n  body: " << probe.body;
          if (wanted == 404 && !allowed && expected == 404) {
            EXPECT_EQ(probe.body, response.body)
                << where << ": a foreign id and unknown id " << unknown << " differ";
          }
        }
      }
    }
  }

  // A token that is not a session is no better than none, as a bearer or a
  // cookie, on every route that needs a session.
  int bad_token_cells = 0;
  for (const auto& row : kMatrix) {
    if (row.expected[0] != 401)
      continue;
    for (const auto& credential : {Headers{{"Authorization", "Bearer not-a-session-token"}},
                                   Headers{{"Authorization", "Basic YWRtaW46cGFzc3dvcmQ="}},
                                   Headers{{"Cookie", "backplan_session=not-a-session-token"}},
                                   Headers{{"Authorization", "Bearer " + std::string(200, 'a')}}}) {
      auto request = Build(row, dana_direction_, Role::anonymous, IdFor(row, dana_direction_));
      if (row.body == Body::login)
        continue;  // signing in needs no session
      request.headers.insert(request.headers.begin(), credential.begin(), credential.end());
      const auto response = http_.Send(request);
      ++bad_token_cells;
      EXPECT_EQ(response.status, 401)
          << row.method << " " << request.target << " with " << credential[0].first << ": "
          << credential[0].second << "\n  body: " << response.body;
    }
  }

  // Denied requests changed nothing: each direction's client has its first
  // assessment plus one per allowed submission (client_self,
  // practitioner_own, admin); the practitioners are the two plus one per
  // direction from the admin; the clients are the demo's three, zoe, and two
  // per direction (practitioner_own, admin).
  for (const Direction* direction : {&dana_direction_, &zoe_direction_}) {
    const auto history = http_.Get(
        "/api/v1/clients/" + std::to_string(direction->client_id) + "/assessments?limit=200",
        admin_.session.bearer());
    ASSERT_EQ(history.status, 200);
    EXPECT_EQ(history.Json()["items"].size(), 4u) << direction->label << ": " << history.body;
    // The diary: the day put and the two days imported, whoever recorded
    // them; the custom exposures are the two staff defined (practitioner_own,
    // admin) after the eleven standard ones.
    const std::string client = "/api/v1/clients/" + std::to_string(direction->client_id);
    const auto diary = http_.Get(client + "/diary", admin_.session.bearer());
    ASSERT_EQ(diary.status, 200);
    EXPECT_EQ(diary.Json()["items"].size(), 3u) << direction->label << ": " << diary.body;
    const auto exposures = http_.Get(client + "/exposures", admin_.session.bearer());
    ASSERT_EQ(exposures.status, 200);
    EXPECT_EQ(exposures.Json()["items"].size(), 13u) << direction->label << ": " << exposures.body;
  }
  const auto practitioners = http_.Get("/api/v1/practitioners?limit=200", admin_.session.bearer());
  EXPECT_EQ(practitioners.Json()["items"].size(), 4u) << practitioners.body;
  const auto clients = http_.Get("/api/v1/clients?limit=200", admin_.session.bearer());
  EXPECT_EQ(clients.Json()["items"].size(), 9u) << clients.body;  // 4 demo, 1 other practitioner's, 4 created

  const int total = cells + unknown_id_cells + bad_token_cells;
  std::cout << "[ matrix   ] " << kMatrix.size() << " rows x " << kRoles.size()
            << " roles x 2 directions = " << cells << " cells (" << deny_cells << " deny cells), + "
            << unknown_id_cells << " unknown-id cells, + " << bad_token_cells
            << " invalid-credential cells = " << total << " checked" << std::endl;
  RecordProperty("matrix_cells", cells);
  RecordProperty("cells_checked", total);
}

TEST(ApiPermissionMatrixCoverageTest, EveryRouteHasRowsForEveryRole) {
  const std::string problems = MatrixCoverageProblems();
  EXPECT_TRUE(problems.empty()) << problems;
}

}  // namespace
}  // namespace backplan::testing
