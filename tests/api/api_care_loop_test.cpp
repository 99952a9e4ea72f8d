// The care loop over the API (issue 4), against the real binary and the demo
// clinic: logging sessions against the plan in force, overrides, check-ins,
// response classification and graded progression.
//
// Demo plans (examples/chronic-localized.json for Dana): lumbar ceiling 4,
// start 1; head ceiling 2, start 2. Cleo's screening gives no plan.

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "codec/care_json.h"
#include "support/api_helpers.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace backplan::testing {
namespace {

using nlohmann::json;

std::string HoursAgo(int hours) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return codec::FormatUtcTime(now - std::chrono::hours(hours));
}

json SessionBody(json regions) {
  return {{"started_at", HoursAgo(2)},
          {"duration_minutes", 60},
          {"regions", std::move(regions)},
          {"pain_before", {{"back", 6}, {"leg", 2}}},
          {"pain_after", {{"back", 4}, {"leg", 1}}},
          {"leg_extent_before", "none"},
          {"positioning", "side-lying with a pillow between the knees"},
          {"soap",
           {{"subjective", "stiff in the mornings"},
            {"objective", "guarding L4-L5"},
            {"assessment", "tolerated well"},
            {"plan", "same next week"}}},
          {"adjuncts", {{"heat", true}, {"topical", false}, {"other", ""}}}};
}

json WithinPlan() {
  return SessionBody(
      json::array({{{"region", "lumbar"}, {"technique", "light_swedish"}, {"pressure", 1}},
                   {{"region", "thoracic"}, {"technique", "swedish"}, {"pressure", 2}}}));
}

json CheckInBody(const std::string& kind, int back, bool flare = false) {
  return {{"kind", kind},
          {"back_pain", back},
          {"leg_pain", 1},
          {"leg_extent", "none"},
          {"global", flare ? "worse" : "better"},
          {"flare_reported", flare},
          {"note", ""}};
}

bool NamesPath(const json& problem, const std::string& path) {
  for (const auto& error : problem.value("errors", json::array()))
    if (error.value("path", "") == path)
      return true;
  return false;
}

class ApiCareLoopTest : public ::testing::Test {
 protected:
  void SetUp() override {
    therapist_ = Login(http_, kDemoTherapist, kDemoTherapistPassword);
    dana_ = Login(http_, kDemoDana, kDemoClientPassword);
    const auto clients = http_.Get("/api/v1/clients", therapist_.bearer());
    Require(clients.status == 200, "list clients: " + Describe(clients));
    const json client_list = clients.Json();
    for (const auto& client : client_list["items"]) {
      const std::string name = client.value("display_name", "");
      if (client["user_id"] == dana_.user_id())
        dana_client_ = client["id"];
      if (name.starts_with("Ravi"))
        ravi_client_ = client["id"];
      if (name.starts_with("Cleo"))
        cleo_client_ = client["id"];
    }
    Require(dana_client_ > 0 && ravi_client_ > 0 && cleo_client_ > 0, "demo clients not found");
  }

  std::string ClientPath(long long client, const std::string& tail) const {
    return "/api/v1/clients/" + std::to_string(client) + tail;
  }

  HttpResponse Log(long long client, const json& body, Headers extra = {}) {
    HttpRequest request{"POST", ClientPath(client, "/sessions"), std::move(extra), std::nullopt};
    request.Bearer(therapist_.token).JsonBody(body);
    return http_.Send(request);
  }

  HttpResponse Answer(const SignedIn& who, long long session, const json& body) {
    HttpRequest request{
        "POST", "/api/v1/sessions/" + std::to_string(session) + "/check-ins", {}, std::nullopt};
    request.Bearer(who.token).JsonBody(body);
    return http_.Send(request);
  }

  ServerProcess server_;
  HttpClient http_ = server_.client();
  SignedIn therapist_, dana_;
  long long dana_client_ = 0, ravi_client_ = 0, cleo_client_ = 0;
};

TEST_F(ApiCareLoopTest, LogsASessionWithinThePlan) {
  const auto logged = Log(dana_client_, WithinPlan());
  ASSERT_EQ(logged.status, 201) << logged.body;
  const json session = logged.Json();
  const long long id = session["id"];
  EXPECT_EQ(logged.Header("location").value_or(""), "/api/v1/sessions/" + std::to_string(id));
  EXPECT_EQ(session["client_id"], dana_client_);
  EXPECT_FALSE(session["flagged"].get<bool>());
  EXPECT_TRUE(session["deviations"].empty());
  EXPECT_EQ(session["regions"].size(), 2u);
  EXPECT_EQ(session["soap"]["objective"], "guarding L4-L5");
  EXPECT_EQ(session["response"]["kind"], "insufficient_data");
  ASSERT_EQ(session["check_ins"].size(), 3u);
  EXPECT_EQ(session["check_ins"][0]["kind"], "24h");
  EXPECT_EQ(session["check_ins"][0]["status"], "upcoming");

  const auto read = http_.Get("/api/v1/sessions/" + std::to_string(id), therapist_.bearer());
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Json()["started_at"], session["started_at"]);
  // The client reads their own session; the list is newest first.
  EXPECT_EQ(http_.Get("/api/v1/sessions/" + std::to_string(id), dana_.bearer()).status, 200);
  const auto second = Log(dana_client_, WithinPlan());
  ASSERT_EQ(second.status, 201) << second.body;
  const auto list = http_.Get(ClientPath(dana_client_, "/sessions"), dana_.bearer());
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json()["items"].size(), 2u);
  EXPECT_EQ(list.Json()["items"][0]["id"], second.Json()["id"]);
  EXPECT_EQ(list.Json()["items"][1]["id"], id);
  EXPECT_EQ(list.Json()["items"][1]["response"]["kind"], "insufficient_data");
  const auto paged = http_.Get(ClientPath(dana_client_, "/sessions?limit=1"), dana_.bearer());
  ASSERT_EQ(paged.status, 200);
  EXPECT_EQ(paged.Json()["next_after"], second.Json()["id"]);
  const auto next = http_.Get(
      ClientPath(dana_client_, "/sessions?limit=1&after=" + paged.Json()["next_after"].dump()),
      dana_.bearer());
  ASSERT_EQ(next.Json()["items"].size(), 1u);
  EXPECT_EQ(next.Json()["items"][0]["id"], id);
}

TEST_F(ApiCareLoopTest, AboveTheCeilingWithoutOverrideIsRefusedNamingTheEntry) {
  auto body = SessionBody(
      json::array({{{"region", "thoracic"}, {"technique", "swedish"}, {"pressure", 2}},
                   {{"region", "lumbar"}, {"technique", "deep_tissue"}, {"pressure", 5}}}));
  const auto refused = Log(dana_client_, body);
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.ContentType(), "application/problem+json");
  EXPECT_TRUE(NamesPath(refused.Json(), "regions[1].override_reason")) << refused.body;
  EXPECT_FALSE(NamesPath(refused.Json(), "regions[0].override_reason")) << refused.body;
  const auto list = http_.Get(ClientPath(dana_client_, "/sessions"), therapist_.bearer());
  EXPECT_TRUE(list.Json()["items"].empty()) << list.body;
}

TEST_F(ApiCareLoopTest, AnOverrideIsStoredAndFlagged) {
  auto body = SessionBody(
      json::array({{{"region", "lumbar"},
                    {"technique", "deep_tissue"},
                    {"pressure", 5},
                    {"override_reason", "client asked for firmer work; tolerated last time"}}}));
  const auto logged = Log(dana_client_, body);
  ASSERT_EQ(logged.status, 201) << logged.body;
  const json session = logged.Json();
  EXPECT_TRUE(session["flagged"].get<bool>());
  ASSERT_EQ(session["deviations"].size(), 1u) << logged.body;
  EXPECT_EQ(session["deviations"][0]["kind"], "above_ceiling");
  EXPECT_EQ(session["deviations"][0]["region"], "lumbar");
  EXPECT_EQ(session["deviations"][0]["region_index"], 0);
  EXPECT_EQ(session["deviations"][0]["override_reason"],
            "client asked for firmer work; tolerated last time");
  const auto read = http_.Get("/api/v1/sessions/" + session["id"].dump(), therapist_.bearer());
  EXPECT_TRUE(read.Json()["flagged"].get<bool>());
}

TEST_F(ApiCareLoopTest, EveryInvalidFieldIsNamed) {
  json body = WithinPlan();
  body["started_at"] = "20 Nov 2026";
  body["regions"][0]["pressure"] = 9;
  body["regions"][1]["region"] = "elbow";
  body.erase("pain_after");
  body["pain_before"]["back"] = 11;
  body["colour"] = "blue";
  const auto refused = Log(dana_client_, body);
  ASSERT_EQ(refused.status, 400) << refused.body;
  const json problem = refused.Json();
  for (const auto* path : {"started_at", "regions[0].pressure", "regions[1].region", "pain_after",
                           "pain_before.back", "colour"})
    EXPECT_TRUE(NamesPath(problem, path)) << path << ": " << refused.body;

  json future = WithinPlan();
  future["started_at"] = HoursAgo(-48);
  const auto ahead = Log(dana_client_, future);
  EXPECT_EQ(ahead.status, 400);
  EXPECT_TRUE(NamesPath(ahead.Json(), "started_at")) << ahead.body;
}

TEST_F(ApiCareLoopTest, WhoMayLogAndWhen) {
  HttpRequest as_client{"POST", ClientPath(dana_client_, "/sessions"), {}, std::nullopt};
  as_client.Bearer(dana_.token).JsonBody(WithinPlan());
  EXPECT_EQ(http_.Send(as_client).status, 403);
  // Cleo's screening gave no plan: nothing to log a session against.
  const auto no_plan = Log(cleo_client_, WithinPlan());
  EXPECT_EQ(no_plan.status, 409) << no_plan.body;
  EXPECT_NE(no_plan.Json().value("detail", "").find("does not allow treatment"), std::string::npos)
      << no_plan.body;
  EXPECT_EQ(Log(987654321, WithinPlan()).status, 404);
}

TEST_F(ApiCareLoopTest, IdempotencyKeyReplaysTheFirstSession) {
  const json body = WithinPlan();
  const auto first = Log(dana_client_, body, {{"Idempotency-Key", "care-key-1"}});
  ASSERT_EQ(first.status, 201) << first.body;
  const auto again = Log(dana_client_, body, {{"Idempotency-Key", "care-key-1"}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json()["id"], first.Json()["id"]);
  json other = body;
  other["duration_minutes"] = 30;
  EXPECT_EQ(Log(dana_client_, other, {{"Idempotency-Key", "care-key-1"}}).status, 409);
  const auto list = http_.Get(ClientPath(dana_client_, "/sessions"), therapist_.bearer());
  EXPECT_EQ(list.Json()["items"].size(), 1u);
}

TEST_F(ApiCareLoopTest, CheckInFlow) {
  const auto logged = Log(dana_client_, WithinPlan());
  ASSERT_EQ(logged.status, 201) << logged.body;
  const long long session = logged.Json()["id"];

  const auto answered = Answer(dana_, session, CheckInBody("24h", 5));
  ASSERT_EQ(answered.status, 201) << answered.body;
  const json after = answered.Json();
  EXPECT_EQ(after["check_ins"][0]["status"], "answered");
  EXPECT_EQ(after["check_ins"][0]["answer"]["back_pain"], 5);
  EXPECT_EQ(after["check_ins"][0]["answer"]["answered_by"], dana_.user_id());
  EXPECT_EQ(after["check_ins"][1]["status"], "upcoming");

  // One answer per kind.
  const auto twice = Answer(dana_, session, CheckInBody("24h", 3));
  EXPECT_EQ(twice.status, 409) << twice.body;
  // Staff may record on the client's behalf.
  EXPECT_EQ(Answer(therapist_, session, CheckInBody("72h", 3)).status, 201);
  // A bad answer names its fields.
  json bad = CheckInBody("5d", 12);
  bad["global"] = "fine";
  const auto invalid = Answer(dana_, session, bad);
  ASSERT_EQ(invalid.status, 400) << invalid.body;
  for (const auto* path : {"kind", "back_pain", "global"})
    EXPECT_TRUE(NamesPath(invalid.Json(), path)) << path << ": " << invalid.body;

  const auto list = http_.Get(ClientPath(dana_client_, "/check-ins"), dana_.bearer());
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json()["items"].size(), 1u);
  const json item = list.Json()["items"][0];
  EXPECT_EQ(item["session_id"], session);
  EXPECT_EQ(item["check_ins"][0]["status"], "answered");
  EXPECT_EQ(item["check_ins"][1]["status"], "answered");
  EXPECT_EQ(item["check_ins"][2]["status"], "upcoming");
}

TEST_F(ApiCareLoopTest, AClientAnswersOnlyTheirOwnCheckIns) {
  const auto logged = Log(dana_client_, WithinPlan());
  ASSERT_EQ(logged.status, 201) << logged.body;
  const long long session = logged.Json()["id"];
  const auto ravi = Login(http_, kDemoRavi, kDemoClientPassword);
  const auto foreign = Answer(ravi, session, CheckInBody("24h", 2));
  EXPECT_EQ(foreign.status, 404) << foreign.body;
  const auto unknown = Answer(ravi, 987654321, CheckInBody("24h", 2));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(foreign.body, unknown.body);
  EXPECT_EQ(http_.Get("/api/v1/sessions/" + std::to_string(session), ravi.bearer()).status, 404);
  EXPECT_EQ(http_.Get(ClientPath(dana_client_, "/check-ins"), ravi.bearer()).status, 404);
  EXPECT_EQ(http_.Get(ClientPath(dana_client_, "/progress"), ravi.bearer()).status, 404);
  // Ravi's refused answer left the check-in open for Dana.
  EXPECT_EQ(Answer(dana_, session, CheckInBody("24h", 2)).status, 201);
}

TEST_F(ApiCareLoopTest, AFlareMakesTheResponseFlareAndStepsProgressionDown) {
  const auto before = http_.Get(ClientPath(dana_client_, "/progress"), therapist_.bearer());
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_TRUE(before.Json()["sessions"].empty());
  EXPECT_EQ(before.Json()["progression"]["start"]["head"], 2);
  EXPECT_EQ(before.Json()["progression"]["current"]["head"], 2);

  const auto logged = Log(dana_client_, WithinPlan());
  ASSERT_EQ(logged.status, 201) << logged.body;
  const long long session = logged.Json()["id"];
  const auto flare = Answer(dana_, session, CheckInBody("24h", 6, /*flare=*/true));
  ASSERT_EQ(flare.status, 201) << flare.body;
  EXPECT_EQ(flare.Json()["response"]["kind"], "flare") << flare.body;
  EXPECT_EQ(http_.Get("/api/v1/sessions/" + std::to_string(session), therapist_.bearer())
                .Json()["response"]["kind"],
            "flare");

  const auto progress = http_.Get(ClientPath(dana_client_, "/progress"), dana_.bearer());
  ASSERT_EQ(progress.status, 200) << progress.body;
  const json body = progress.Json();
  ASSERT_EQ(body["sessions"].size(), 1u);
  EXPECT_EQ(body["sessions"][0]["id"], session);
  EXPECT_EQ(body["sessions"][0]["response"]["kind"], "flare");
  EXPECT_EQ(body["progression"]["start"]["head"], 2);
  EXPECT_EQ(body["progression"]["current"]["head"], 1) << progress.body;
  bool stepped_down = false;
  for (const auto& change : body["progression"]["history"])
    if (change["region"] == "head" && change["after_session"] == 0 && change["from"] == 2 &&
        change["to"] == 1 && !change["reason"]["text"].get<std::string>().empty())
      stepped_down = true;
  EXPECT_TRUE(stepped_down) << progress.body;
  EXPECT_TRUE(body["trend"]["changes"].is_array());

  // Cleo has an assessment but no plan: a trend, no progression.
  const auto cleo = http_.Get(ClientPath(cleo_client_, "/progress"), therapist_.bearer());
  ASSERT_EQ(cleo.status, 200) << cleo.body;
  EXPECT_TRUE(cleo.Json()["progression"].is_null());
}

}  // namespace
}  // namespace backplan::testing
