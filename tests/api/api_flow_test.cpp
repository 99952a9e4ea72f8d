// End-to-end flows against the real `backplan serve` binary: a practitioner
// is invited and signs in, invites a client, the client submits intakes, the
// practitioner reads them; versions, idempotency keys, logout and password
// reset (issue 3: accounts, one-time links, history that is never
// overwritten).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>
#include <vector>

#include "support/api_helpers.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace backplan::testing {
namespace {

using nlohmann::json;

std::string Id(long long id) {
  return std::to_string(id);
}

class ApiFlowTest : public ::testing::Test {
 protected:
  ServerProcess server_;
  HttpClient http_ = server_.client();
};

TEST_F(ApiFlowTest, InviteSignInSubmitReadAndVersion) {
  const auto admin = Login(http_, kDemoAdmin, kDemoAdminPassword);

  // Admin creates a practitioner: a one-time link, no password yet.
  const auto created = http_.PostJson(
      "/api/v1/practitioners", {{"email", "Pat.Flow@Example.test"}, {"display_name", "Pat Flow"}},
      admin.bearer());
  ASSERT_EQ(created.status, 201) << created.body;
  const auto invited = created.Json();
  EXPECT_EQ(invited["user"]["role"], "practitioner");
  EXPECT_EQ(invited["user"]["email"], "pat.flow@example.test");
  const std::string link = invited["link_token"];
  EXPECT_GE(link.size(), 32u);
  EXPECT_EQ(invited["link"], "/set-password#token=" + link);

  // Not signed in before the link is used.
  EXPECT_EQ(http_
                .PostJson("/api/v1/sessions",
                          {{"email", "pat.flow@example.test"}, {"password", "whatever-password"}})
                .status,
            401);

  // The link sets the password once; the second use is 404.
  const auto completed = http_.PostJson("/api/v1/one-time-links/complete",
                                        {{"token", link}, {"password", "pat-flow-password-1"}});
  ASSERT_EQ(completed.status, 200) << completed.body;
  EXPECT_EQ(completed.Json()["id"], invited["user"]["id"]);
  const auto again = http_.PostJson("/api/v1/one-time-links/complete",
                                    {{"token", link}, {"password", "pat-flow-password-2"}});
  EXPECT_EQ(again.status, 404) << again.body;
  EXPECT_EQ(again.ContentType(), "application/problem+json");

  const auto pat = Login(http_, "pat.flow@example.test", "pat-flow-password-1");
  EXPECT_EQ(pat.user["role"], "practitioner");
  // The second link use did not change the password.
  EXPECT_EQ(http_
                .PostJson("/api/v1/sessions",
                          {{"email", "pat.flow@example.test"}, {"password", "pat-flow-password-2"}})
                .status,
            401);

  // The practitioner invites a client; the client sets a password.
  const auto client_created = http_.PostJson(
      "/api/v1/clients", {{"email", "cory@example.test"}, {"display_name", "Cory Client"}},
      pat.bearer());
  ASSERT_EQ(client_created.status, 201) << client_created.body;
  const auto client_invite = client_created.Json();
  EXPECT_EQ(client_invite["client"]["practitioner_id"], pat.user_id());
  EXPECT_EQ(client_invite["user"]["role"], "client");
  const long long client_id = client_invite["client"]["id"];
  CompleteLink(http_, client_invite["link_token"], "cory-client-password");
  const auto cory = Login(http_, "cory@example.test", "cory-client-password");
  EXPECT_EQ(cory.user["role"], "client");

  // Nothing yet.
  EXPECT_EQ(
      http_.Get("/api/v1/clients/" + Id(client_id) + "/assessments/latest", pat.bearer()).status,
      404);

  // The client submits an intake for themselves.
  const std::string intake = ReadSourceFile("examples/chronic-localized.json");
  const auto first = SubmitIntake(http_, cory.token, client_id, intake);
  ASSERT_EQ(first.status, 201) << first.body;
  const auto v1 = first.Json();
  const long long v1_id = v1["id"];
  EXPECT_EQ(v1["version"], 1);
  EXPECT_EQ(v1["client_id"], client_id);
  EXPECT_TRUE(v1["supersedes"].is_null());
  EXPECT_EQ(v1["created_by"], cory.user_id());
  EXPECT_EQ(first.Header("location").value_or(""), "/api/v1/assessments/" + Id(v1_id));
  EXPECT_EQ(v1["intake"], json::parse(intake));
  EXPECT_TRUE(v1["result"].is_object());
  EXPECT_FALSE(v1["rules_version"].get<std::string>().empty());

  // The practitioner reads the latest and the history.
  const auto latest =
      http_.Get("/api/v1/clients/" + Id(client_id) + "/assessments/latest", pat.bearer());
  ASSERT_EQ(latest.status, 200) << latest.body;
  EXPECT_EQ(latest.Json()["id"], v1_id);
  EXPECT_EQ(latest.Json()["result"], v1["result"]);

  // A second submission is version 2; version 1 is untouched.
  auto changed = json::parse(intake);
  changed["pain"]["nprs"]["now"] = 3;
  const auto second =
      SubmitIntake(http_, cory.token, client_id, changed.dump(), "?supersedes=" + Id(v1_id));
  ASSERT_EQ(second.status, 201) << second.body;
  const auto v2 = second.Json();
  const long long v2_id = v2["id"];
  EXPECT_NE(v2_id, v1_id);
  EXPECT_EQ(v2["version"], 2);
  EXPECT_EQ(v2["supersedes"], v1_id);
  EXPECT_EQ(v2["intake"]["pain"]["nprs"]["now"], 3);

  const auto old = http_.Get("/api/v1/assessments/" + Id(v1_id), pat.bearer());
  ASSERT_EQ(old.status, 200) << old.body;
  EXPECT_EQ(old.Json()["version"], 1);
  EXPECT_EQ(old.Json()["intake"], json::parse(intake));
  EXPECT_EQ(old.Json()["result"], v1["result"]);

  const auto newest =
      http_.Get("/api/v1/clients/" + Id(client_id) + "/assessments/latest", pat.bearer());
  ASSERT_EQ(newest.status, 200);
  EXPECT_EQ(newest.Json()["id"], v2_id);

  const auto history = http_.Get("/api/v1/clients/" + Id(client_id) + "/assessments", pat.bearer());
  ASSERT_EQ(history.status, 200) << history.body;
  const auto items = history.Json()["items"];
  ASSERT_EQ(items.size(), 2u) << history.body;
  std::set<long long> versions, ids;
  for (const auto& item : items) {
    versions.insert(item["version"].get<long long>());
    ids.insert(item["id"].get<long long>());
    EXPECT_FALSE(item.contains("intake")) << "history rows carry no documents";
  }
  EXPECT_EQ(versions, (std::set<long long>{1, 2}));
  EXPECT_EQ(ids, (std::set<long long>{v1_id, v2_id}));

  // supersedes must name an assessment of this client: another client's
  // (the demo's first assessment) and an unknown id both answer 400 alike.
  const auto foreign = SubmitIntake(http_, pat.token, client_id, intake, "?supersedes=1");
  const auto unknown = SubmitIntake(http_, pat.token, client_id, intake, "?supersedes=987654");
  EXPECT_EQ(foreign.status, 400) << foreign.body;
  EXPECT_EQ(unknown.status, 400) << unknown.body;
  EXPECT_EQ(foreign.body, unknown.body);
  EXPECT_EQ(foreign.Json()["errors"][0]["path"], "supersedes");
  EXPECT_EQ(SubmitIntake(http_, pat.token, client_id, intake, "?supersedes=abc").status, 400);
}

// `password_set` in a user (api/json_views.cpp UserJson) says whether the account
// has a password yet: false for an invitation not yet accepted, true after.
TEST_F(ApiFlowTest, PasswordSetReflectsTheAccount) {
  const auto admin = Login(http_, kDemoAdmin, kDemoAdminPassword);
  const auto created =
      http_.PostJson("/api/v1/practitioners",
                     {{"email", "unset@example.test"}, {"display_name", "Unset"}}, admin.bearer());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json()["user"]["password_set"], false);

  const auto completed = CompleteLink(http_, created.Json()["link_token"], "unset-password-1");
  EXPECT_EQ(completed["password_set"], true) << completed.dump();

  const auto me =
      http_.Get("/api/v1/me", Login(http_, "unset@example.test", "unset-password-1").bearer());
  ASSERT_EQ(me.status, 200);
  EXPECT_EQ(me.Json()["password_set"], true) << me.body;
  EXPECT_EQ(http_.Get("/api/v1/me", admin.bearer()).Json()["password_set"], true);

  const auto listed = http_.Get("/api/v1/practitioners", admin.bearer());
  ASSERT_EQ(listed.status, 200);
  const auto list = listed.Json();
  for (const auto& user : list["items"])
    EXPECT_EQ(user["password_set"], true) << user.dump();
}

TEST_F(ApiFlowTest, IdempotencyKeyReplaysAndRefusesADifferentBody) {
  const auto therapist = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  const std::string intake = ReadSourceFile("examples/chronic-localized.json");
  const Headers key = {{"Idempotency-Key", "flow-key-1"}};

  const auto first = SubmitIntake(http_, therapist.token, 1, intake, "", key);
  ASSERT_EQ(first.status, 201) << first.body;
  const long long id = first.Json()["id"];

  const auto replay = SubmitIntake(http_, therapist.token, 1, intake, "", key);
  ASSERT_EQ(replay.status, 200) << replay.body;
  EXPECT_EQ(replay.Json()["id"], id);
  EXPECT_EQ(replay.Json()["version"], first.Json()["version"]);
  EXPECT_EQ(replay.Header("location").value_or(""), "/api/v1/assessments/" + Id(id));

  auto different = json::parse(intake);
  different["stress"] = 2;
  const auto conflict = SubmitIntake(http_, therapist.token, 1, different.dump(), "", key);
  EXPECT_EQ(conflict.status, 409) << conflict.body;
  EXPECT_EQ(conflict.ContentType(), "application/problem+json");

  // Exactly one new version came of the three requests: the seed's plus ours.
  const auto history = http_.Get("/api/v1/clients/1/assessments", therapist.bearer());
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(history.Json()["items"].size(), 2u) << history.body;

  // The same key from another user is a different key.
  const auto admin = Login(http_, kDemoAdmin, kDemoAdminPassword);
  const auto other_user = SubmitIntake(http_, admin.token, 1, intake, "", key);
  EXPECT_EQ(other_user.status, 201) << other_user.body;
  EXPECT_NE(other_user.Json()["id"], id);

  // An empty key is refused.
  EXPECT_EQ(SubmitIntake(http_, therapist.token, 1, intake, "", {{"Idempotency-Key", ""}}).status,
            400);
}

// An Idempotency-Key names one request: the same key and intake sent to a
// different client (or superseding a different assessment) is a different
// request, refused with 409, never answered with the first client's record.
TEST_F(ApiFlowTest, IdempotencyKeyIsBoundToTheWholeRequest) {
  const auto therapist = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  const std::string intake = ReadSourceFile("examples/chronic-localized.json");
  const Headers key = {{"Idempotency-Key", "flow-key-bound"}};
  const auto first = SubmitIntake(http_, therapist.token, 1, intake, "", key);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.Json()["client_id"], 1);

  const auto other_client = SubmitIntake(http_, therapist.token, 2, intake, "", key);
  EXPECT_EQ(other_client.status, 409) << Describe(other_client);
  EXPECT_NE(other_client.Json()["client_id"], 1)
      << "a request for client 2 was answered with client 1's assessment";

  const auto other_supersedes =
      SubmitIntake(http_, therapist.token, 1, intake,
                   "?supersedes=" + std::to_string(first.Json()["id"].get<long long>()), key);
  EXPECT_EQ(other_supersedes.status, 409) << Describe(other_supersedes);
}

TEST_F(ApiFlowTest, HistoryPagesInOrder) {
  const auto therapist = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  const std::string intake = ReadSourceFile("examples/chronic-localized.json");
  for (int i = 0; i < 3; ++i)
    ASSERT_EQ(SubmitIntake(http_, therapist.token, 3, intake).status, 201);
  std::vector<long long> versions;
  std::string after;
  for (int page = 0; page < 10; ++page) {
    const auto response =
        http_.Get("/api/v1/clients/3/assessments?limit=1" + after, therapist.bearer());
    ASSERT_EQ(response.status, 200) << response.body;
    const auto body = response.Json();
    ASSERT_LE(body["items"].size(), 1u);
    for (const auto& item : body["items"])
      versions.push_back(item["version"]);
    if (body["next_after"].is_null())
      break;
    after = "&after=" + std::to_string(body["next_after"].get<long long>());
  }
  EXPECT_EQ(versions, (std::vector<long long>{1, 2, 3, 4}));
  EXPECT_EQ(http_.Get("/api/v1/clients/3/assessments?limit=0", therapist.bearer()).status, 400);
  EXPECT_EQ(http_.Get("/api/v1/clients/3/assessments?limit=201", therapist.bearer()).status, 400);
  EXPECT_EQ(http_.Get("/api/v1/clients/3/assessments?after=x", therapist.bearer()).status, 400);
}

TEST_F(ApiFlowTest, LogoutInvalidatesTheToken) {
  const auto dana = Login(http_, kDemoDana, kDemoClientPassword);
  const auto other = Login(http_, kDemoDana, kDemoClientPassword);
  ASSERT_EQ(http_.Get("/api/v1/me", dana.bearer()).status, 200);

  const auto out = http_.Delete("/api/v1/sessions/current", dana.bearer());
  EXPECT_EQ(out.status, 204) << out.body;
  bool expires_cookie = false;
  for (const auto& cookie : out.AllHeaders("set-cookie"))
    expires_cookie |=
        cookie.starts_with("backplan_session=;") && cookie.find("Max-Age=0") != std::string::npos;
  EXPECT_TRUE(expires_cookie);

  EXPECT_EQ(http_.Get("/api/v1/me", dana.bearer()).status, 401);
  EXPECT_EQ(http_.Delete("/api/v1/sessions/current", dana.bearer()).status, 401);
  // Other sessions of the same user stay.
  EXPECT_EQ(http_.Get("/api/v1/me", other.bearer()).status, 200);
}

TEST_F(ApiFlowTest, PasswordResetFromPractitionerSignsOutOldSessions) {
  const auto therapist = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  const auto ravi = Login(http_, kDemoRavi, kDemoClientPassword);
  const long long ravi_user = ravi.user_id();
  ASSERT_EQ(http_.Get("/api/v1/me", ravi.bearer()).status, 200);

  const auto issued =
      http_.Send(HttpRequest{"POST", "/api/v1/users/" + Id(ravi_user) + "/password-reset-links",
                             therapist.bearer(), std::nullopt});
  ASSERT_EQ(issued.status, 201) << issued.body;
  const std::string token = issued.Json()["link_token"];
  EXPECT_EQ(issued.Json()["link"], "/set-password#token=" + token);

  // Issuing alone changes nothing.
  EXPECT_EQ(http_.Get("/api/v1/me", ravi.bearer()).status, 200);

  const auto completed = http_.PostJson("/api/v1/one-time-links/complete",
                                        {{"token", token}, {"password", "ravi-new-password"}});
  ASSERT_EQ(completed.status, 200) << completed.body;
  EXPECT_EQ(completed.Json()["id"], ravi_user);

  EXPECT_EQ(http_.Get("/api/v1/me", ravi.bearer()).status, 401) << "old session survived a reset";
  EXPECT_EQ(
      http_.PostJson("/api/v1/sessions", {{"email", kDemoRavi}, {"password", kDemoClientPassword}})
          .status,
      401);
  const auto fresh = Login(http_, kDemoRavi, "ravi-new-password");
  EXPECT_EQ(http_.Get("/api/v1/me", fresh.bearer()).status, 200);

  // Single use.
  EXPECT_EQ(http_
                .PostJson("/api/v1/one-time-links/complete",
                          {{"token", token}, {"password", "ravi-third-password"}})
                .status,
            404);
  // Too short a password is refused with its path, and the link is not spent.
  const auto reissued =
      http_.Send(HttpRequest{"POST", "/api/v1/users/" + Id(ravi_user) + "/password-reset-links",
                             therapist.bearer(), std::nullopt});
  ASSERT_EQ(reissued.status, 201);
  const auto weak = http_.PostJson("/api/v1/one-time-links/complete",
                                   {{"token", reissued.Json()["link_token"]}, {"password", "x"}});
  EXPECT_EQ(weak.status, 400);
  EXPECT_EQ(weak.Json()["errors"][0]["path"], "password");
  EXPECT_EQ(
      http_
          .PostJson("/api/v1/one-time-links/complete", {{"token", reissued.Json()["link_token"]},
                                                        {"password", "ravi-fourth-password"}})
          .status,
      200);
}

}  // namespace
}  // namespace backplan::testing
