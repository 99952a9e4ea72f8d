// The progress report, the home program and the trend against the intake over
// the API (issue 4, items 3, 7 and 8), against the real binary and the demo
// clinic: a diary, a session with a flare and a reassessment feed the
// printable report; the trigger finder's findings feed the home program.

#include <gtest/gtest.h>

#include <chrono>
#include <nlohmann/json.hpp>
#include <string>

#include "codec/care_json.h"
#include "codec/diary_entry_json.h"
#include "support/api_helpers.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace backplan::testing {
namespace {

using nlohmann::json;

class ApiReportTest : public ::testing::Test {
 protected:
  void SetUp() override {
    therapist_ = Login(http_, kDemoTherapist, kDemoTherapistPassword);
    dana_ = Login(http_, kDemoDana, kDemoClientPassword);
    ravi_ = Login(http_, kDemoRavi, kDemoClientPassword);
    const auto clients = http_.Get("/api/v1/clients", therapist_.bearer());
    Require(clients.status == 200, "list clients: " + Describe(clients));
    const json list = clients.Json();
    for (const auto& client : list["items"]) {
      const std::string name = client.value("display_name", "");
      if (client["user_id"] == dana_.user_id())
        dana_client_ = client["id"];
      if (name.starts_with("Cleo"))
        cleo_client_ = client["id"];
    }
    Require(dana_client_ > 0 && cleo_client_ > 0, "demo clients not found");
  }

  std::string ClientPath(long long client, const std::string& tail) const {
    return "/api/v1/clients/" + std::to_string(client) + tail;
  }

  void ImportExampleDiary() {
    HttpRequest request{"POST", ClientPath(dana_client_, "/diary/import"), {}, std::nullopt};
    request.Bearer(therapist_.token).With("Content-Type", "text/csv");
    request.body = ReadSourceFile("examples/diary-90-days.csv");
    const auto imported = http_.Send(request);
    Require(imported.status == 200, "import: " + Describe(imported));
  }

  // A session two hours ago, within Dana's plan, then a flare at 24 h.
  void LogSessionWithFlare() {
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    const json session = {
        {"started_at", codec::FormatUtcTime(now - std::chrono::hours(2))},
        {"duration_minutes", 45},
        {"regions", {{{"region", "lumbar"}, {"technique", "light_swedish"}, {"pressure", 1}}}},
        {"pain_before", {{"back", 6}, {"leg", 1}}},
        {"pain_after", {{"back", 4}, {"leg", 1}}},
        {"leg_extent_before", "none"}};
    HttpRequest log{"POST", ClientPath(dana_client_, "/sessions"), {}, std::nullopt};
    const auto logged = http_.Send(log.Bearer(therapist_.token).JsonBody(session));
    Require(logged.status == 201, "session: " + Describe(logged));
    const long long id = logged.Json()["id"];
    HttpRequest answer{
        "POST", "/api/v1/sessions/" + std::to_string(id) + "/check-ins", {}, std::nullopt};
    const auto answered = http_.Send(answer.Bearer(dana_.token)
                                         .JsonBody({{"kind", "24h"},
                                                    {"back_pain", 7},
                                                    {"leg_pain", 1},
                                                    {"leg_extent", "none"},
                                                    {"global", "worse"},
                                                    {"flare_reported", true},
                                                    {"note", ""}}));
    Require(answered.status == 201, "check-in: " + Describe(answered));
  }

  ServerProcess server_;
  HttpClient http_ = server_.client();
  SignedIn therapist_, dana_, ravi_;
  long long dana_client_ = 0, cleo_client_ = 0;
};

TEST_F(ApiReportTest, ReportIsOnePrintablePageWithPlotsTriggersAndPlanHistory) {
  ImportExampleDiary();
  LogSessionWithFlare();
  const auto report = http_.Get(ClientPath(dana_client_, "/report"), dana_.bearer());
  ASSERT_EQ(report.status, 200) << report.body.substr(0, 500);
  EXPECT_TRUE(report.ContentType().starts_with("text/html")) << report.ContentType();
  const std::string policy = report.Header("content-security-policy").value_or("");
  EXPECT_NE(policy.find("style-src 'sha256-"), std::string::npos) << policy;
  EXPECT_EQ(policy.find("unsafe-inline"), std::string::npos) << policy;
  EXPECT_EQ(policy.find("script-src"), std::string::npos) << policy;
  EXPECT_EQ(report.Header("cache-control").value_or(""), "no-store");
  const std::string& html = report.body;
  EXPECT_NE(html.find("<svg"), std::string::npos);
  EXPECT_EQ(html.find("<script"), std::string::npos);
  EXPECT_NE(html.find("Dana Demo"), std::string::npos);
  EXPECT_NE(html.find("driving_minutes"), std::string::npos) << "the trigger table";
  // The flare stepped the working pressure down: the plan history says so.
  EXPECT_NE(html.find("lumbar"), std::string::npos);
  EXPECT_NE(html.find("flare"), std::string::npos);
}

TEST_F(ApiReportTest, ReportFollowsThePermissionsOfTheRecordsItShows) {
  EXPECT_EQ(http_.Get(ClientPath(dana_client_, "/report"), ravi_.bearer()).status, 404);
  EXPECT_EQ(http_.Get(ClientPath(dana_client_, "/report"), {}).status, 401);
  EXPECT_EQ(http_.Get(ClientPath(999999, "/report"), therapist_.bearer()).status, 404);
  // Cleo's screening gave no plan: a report still, without plan history.
  EXPECT_EQ(http_.Get(ClientPath(cleo_client_, "/report"), therapist_.bearer()).status, 200);
}

TEST_F(ApiReportTest, HomeProgramAddsTheFoundTriggerAndCountsTicks) {
  const auto before = http_.Get(ClientPath(dana_client_, "/home-program"), dana_.bearer());
  ASSERT_EQ(before.status, 200) << before.body;
  const json plain = before.Json();
  ASSERT_FALSE(plain["items"].empty());
  for (const auto& item : plain["items"])
    EXPECT_EQ(item["origin"], "assessment") << before.body;
  EXPECT_EQ(plain["triggers_checked"], false);
  EXPECT_FALSE(plain["triggers_note"].get<std::string>().empty());

  ImportExampleDiary();
  const auto today = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::string first_item = plain["items"][0]["id"];
  HttpRequest put{
      "PUT", ClientPath(dana_client_, "/diary/" + codec::DiaryDateText(today)), {}, std::nullopt};
  const auto ticked = http_.Send(
      put.Bearer(dana_.token)
          .JsonBody(
              {{"pain_morning", 3}, {"pain_evening", 4}, {"home_program_done", {first_item}}}));
  ASSERT_EQ(ticked.status, 200) << ticked.body;

  const auto after = http_.Get(ClientPath(dana_client_, "/home-program"), dana_.bearer());
  ASSERT_EQ(after.status, 200) << after.body;
  const json program = after.Json();
  EXPECT_EQ(program["triggers_checked"], true);
  bool driving = false;
  for (const auto& item : program["items"])
    if (item["id"] == "home.trigger.driving_minutes") {
      driving = true;
      EXPECT_EQ(item["origin"], "triggers");
      EXPECT_NE(item["reason"].get<std::string>().find("points of pain"), std::string::npos);
    }
  EXPECT_TRUE(driving) << after.body.substr(0, 2000);
  EXPECT_EQ(program["items"][0]["id"], first_item);
  EXPECT_EQ(program["items"][0]["adherence"]["days_done"], 1) << after.body.substr(0, 1000);
  EXPECT_EQ(program["items"][0]["adherence"]["days_recorded"], 1);
  EXPECT_EQ(program["adherence_window"]["to"], codec::DiaryDateText(today));

  const auto cleo = http_.Get(ClientPath(cleo_client_, "/home-program"), therapist_.bearer());
  EXPECT_EQ(cleo.status, 409) << cleo.body;
  EXPECT_EQ(http_.Get(ClientPath(dana_client_, "/home-program"), ravi_.bearer()).status, 404);
}

TEST_F(ApiReportTest, TrendMeasuresAReassessmentAgainstTheIntake) {
  const auto first = http_.Get(ClientPath(dana_client_, "/progress"), therapist_.bearer());
  ASSERT_EQ(first.status, 200) << first.body;
  const long long intake_id = first.Json()["assessment_id"];
  EXPECT_EQ(first.Json()["baseline_assessment_id"], intake_id);

  // The reassessment re-administers the questionnaires: ODI from 28.9 % to 0.
  json intake = json::parse(ReadSourceFile("examples/chronic-localized.json"));
  intake["questionnaires"]["odi"] = json::array({0, 0, 0, 0, 0, 0, 0, nullptr, 0, 0});
  HttpRequest submit{"POST", ClientPath(dana_client_, "/assessments"), {}, std::nullopt};
  const auto reassessed = http_.Send(submit.Bearer(therapist_.token).JsonBody(intake));
  ASSERT_EQ(reassessed.status, 201) << reassessed.body;

  const auto progress = http_.Get(ClientPath(dana_client_, "/progress"), therapist_.bearer());
  ASSERT_EQ(progress.status, 200) << progress.body;
  const json body = progress.Json();
  EXPECT_EQ(body["baseline_assessment_id"], intake_id);
  EXPECT_NE(body["assessment_id"], intake_id);
  bool odi_improved = false;
  for (const auto& change : body["trend"]["changes"])
    if (change.value("instrument", "") == "odi")
      odi_improved = change.dump().find("change.odi.meaningful") != std::string::npos;
  EXPECT_TRUE(odi_improved) << progress.body;
}

}  // namespace
}  // namespace backplan::testing
