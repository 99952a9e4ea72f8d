// The diary over the API (issue 4, item 5, and the trigger part of item 6),
// against the real binary and the demo clinic: one day at a time, a date
// range, a whole CSV in (all or nothing) and out, the client's own exposures,
// who may see whose diary, and the trigger finder over the stored diary.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/api_helpers.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace backplan::testing {
namespace {

using nlohmann::json;

const std::string kHeader =
    "date,pain_morning,pain_evening,leg_pain,sitting_minutes,driving_minutes,standing_minutes,"
    "walking_minutes,lifts,bending,sleep_hours,sleep_quality,stress,exercise_done,massage,"
    "home_program_done,note\n";

bool NamesPath(const json& problem, const std::string& path) {
  for (const auto& error : problem.value("errors", json::array()))
    if (error.value("path", "") == path)
      return true;
  return false;
}

class ApiDiaryTest : public ::testing::Test {
 protected:
  void SetUp() override {
    therapist_ = Login(http_, kDemoTherapist, kDemoTherapistPassword);
    dana_ = Login(http_, kDemoDana, kDemoClientPassword);
    ravi_ = Login(http_, kDemoRavi, kDemoClientPassword);
    const auto clients = http_.Get("/api/v1/clients", therapist_.bearer());
    Require(clients.status == 200, "list clients: " + Describe(clients));
    const json client_list = clients.Json();
    for (const auto& client : client_list["items"]) {
      if (client["user_id"] == dana_.user_id())
        dana_client_ = client["id"];
      if (client["user_id"] == ravi_.user_id())
        ravi_client_ = client["id"];
    }
    Require(dana_client_ > 0 && ravi_client_ > 0, "demo clients not found");
  }

  std::string Diary(long long client) const {
    return "/api/v1/clients/" + std::to_string(client) + "/diary";
  }

  HttpResponse Put(const SignedIn& who, long long client, const std::string& day,
                   const json& entry) {
    return http_.Send(
        HttpRequest{"PUT", Diary(client) + "/" + day, {}, std::nullopt}.Bearer(who.token).JsonBody(
            entry));
  }

  HttpResponse Import(const SignedIn& who, long long client, const std::string& csv) {
    HttpRequest request{"POST", Diary(client) + "/import", {}, std::nullopt};
    request.Bearer(who.token).With("Content-Type", "text/csv");
    request.body = csv;
    return http_.Send(request);
  }

  ServerProcess server_;
  HttpClient http_ = server_.client();
  SignedIn therapist_, dana_, ravi_;
  long long dana_client_ = 0, ravi_client_ = 0;
};

TEST_F(ApiDiaryTest, PutAndListDays) {
  const auto first = Put(dana_, dana_client_, "2026-01-05",
                         {{"pain_morning", 3},
                          {"pain_evening", 5},
                          {"exposures", {{"driving_minutes", 90}, {"massage", true}}},
                          {"home_program_done", {"home.walk_daily"}},
                          {"note", "long drive"}});
  ASSERT_EQ(first.status, 200) << first.body;
  EXPECT_EQ(first.Json()["replaced"], false);
  EXPECT_EQ(first.Json()["exposures"]["driving_minutes"], 90);
  EXPECT_EQ(first.Json()["leg_pain"], nullptr);

  // The therapist records the next day on Dana's behalf, then Dana corrects
  // the first: the day is replaced, not duplicated.
  ASSERT_EQ(Put(therapist_, dana_client_, "2026-01-06", {{"pain_morning", 4}}).status, 200);
  const auto again = Put(dana_, dana_client_, "2026-01-05", {{"pain_morning", 2}});
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json()["replaced"], true);

  const auto all = http_.Get(Diary(dana_client_), dana_.bearer());
  ASSERT_EQ(all.status, 200) << all.body;
  ASSERT_EQ(all.Json()["items"].size(), 2u);
  EXPECT_EQ(all.Json()["items"][0]["date"], "2026-01-05");
  EXPECT_EQ(all.Json()["items"][0]["pain_morning"], 2);
  EXPECT_EQ(all.Json()["items"][1]["recorded_by"], therapist_.user_id());

  const auto range =
      http_.Get(Diary(dana_client_) + "?from=2026-01-06&to=2026-01-31", therapist_.bearer());
  ASSERT_EQ(range.status, 200) << range.body;
  ASSERT_EQ(range.Json()["items"].size(), 1u);
  EXPECT_EQ(range.Json()["items"][0]["date"], "2026-01-06");

  const auto bad_range = http_.Get(Diary(dana_client_) + "?from=2026-13-01", dana_.bearer());
  EXPECT_EQ(bad_range.status, 400);
  EXPECT_TRUE(NamesPath(bad_range.Json(), "from")) << bad_range.body;
}

TEST_F(ApiDiaryTest, InvalidEntryNamesEveryField) {
  const auto bad = Put(dana_, dana_client_, "2026-01-05",
                       {{"pain_morning", 12},
                        {"exposures", {{"driving_minutes", 2000}, {"gardening_minutes", 10}}},
                        {"home_program_done", {7}},
                        {"mood", "fine"}});
  ASSERT_EQ(bad.status, 400) << bad.body;
  const json problem = bad.Json();
  for (const char* path : {"pain_morning", "exposures.driving_minutes",
                           "exposures.gardening_minutes", "home_program_done[0]", "mood"})
    EXPECT_TRUE(NamesPath(problem, path)) << path << ": " << bad.body;

  const auto bad_day = Put(dana_, dana_client_, "2026-02-30", {{"pain_morning", 2}});
  EXPECT_EQ(bad_day.status, 400);
  EXPECT_TRUE(NamesPath(bad_day.Json(), "date")) << bad_day.body;
  EXPECT_EQ(http_.Get(Diary(dana_client_), dana_.bearer()).Json()["items"].size(), 0u);
}

TEST_F(ApiDiaryTest, ImportGoodCsvThenExportAndFindTriggers) {
  const std::string csv = ReadSourceFile("examples/diary-90-days.csv");
  const auto imported = Import(therapist_, dana_client_, csv);
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.Json()["imported_days"], 90);
  EXPECT_EQ(imported.Json()["replaced_days"], 0);

  const auto listed = http_.Get(Diary(dana_client_), dana_.bearer());
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.Json()["items"].size(), 90u);

  // Importing again replaces every day (kept in the history), adds none.
  const auto again = Import(dana_, dana_client_, csv);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json()["replaced_days"], 90);
  EXPECT_EQ(http_.Get(Diary(dana_client_), dana_.bearer()).Json()["items"].size(), 90u);

  const auto exported = http_.Get(Diary(dana_client_) + "/export", dana_.bearer());
  ASSERT_EQ(exported.status, 200);
  EXPECT_TRUE(exported.ContentType().starts_with("text/csv")) << exported.ContentType();
  EXPECT_TRUE(exported.body.starts_with(kHeader)) << exported.body.substr(0, 300);
  // What is exported imports again unchanged.
  EXPECT_EQ(Import(dana_, dana_client_, exported.body).status, 200);

  const auto triggers =
      http_.Get("/api/v1/clients/" + std::to_string(dana_client_) + "/triggers", dana_.bearer());
  ASSERT_EQ(triggers.status, 200) << triggers.body;
  const json report = triggers.Json();
  EXPECT_EQ(report["enough_data"], true) << triggers.body;
  bool driving = false;
  for (const auto& finding : report["findings"])
    if (finding.value("exposure", "") == "driving_minutes" && finding.value("reported", false))
      driving = true;
  EXPECT_TRUE(driving) << triggers.body.substr(0, 2000);
}

TEST_F(ApiDiaryTest, BadCsvIsRefusedWholeWithLineAndColumn) {
  const std::string csv = kHeader + "2026-01-05,3,4,2,215,20,,21,2,14,8,4,6,no,no,,\n" +
                          "2026-01-06,3,12,1,345,149,69,69,0,15,8,5,4,yes,no,,\n";
  const auto refused = Import(therapist_, dana_client_, csv);
  ASSERT_EQ(refused.status, 400) << refused.body;
  EXPECT_EQ(refused.ContentType(), "application/problem+json");
  const json problem = refused.Json();
  ASSERT_FALSE(problem["errors"].empty()) << refused.body;
  EXPECT_EQ(problem["errors"][0]["line"], 3) << refused.body;
  EXPECT_EQ(problem["errors"][0]["column"], "pain_evening") << refused.body;
  EXPECT_EQ(problem["errors"][0]["column_number"], 3) << refused.body;
  EXPECT_FALSE(problem["errors"][0]["reason"].get<std::string>().empty());
  // Nothing of the file was stored, not even its good first row.
  EXPECT_EQ(http_.Get(Diary(dana_client_), dana_.bearer()).Json()["items"].size(), 0u);

  HttpRequest not_csv{"POST", Diary(dana_client_) + "/import", {}, std::nullopt};
  not_csv.Bearer(dana_.token).JsonText("{}");
  EXPECT_EQ(http_.Send(not_csv).status, 415);
}

TEST_F(ApiDiaryTest, AClientCannotSeeAnotherClientsDiary) {
  ASSERT_EQ(Put(dana_, dana_client_, "2026-01-05", {{"pain_morning", 3}}).status, 200);
  const auto peek = http_.Get(Diary(dana_client_), ravi_.bearer());
  EXPECT_EQ(peek.status, 404) << peek.body;
  const auto unknown = http_.Get(Diary(987654321), ravi_.bearer());
  EXPECT_EQ(unknown.status, 404);
  EXPECT_EQ(peek.body, unknown.body);
  EXPECT_EQ(Put(ravi_, dana_client_, "2026-01-06", {{"pain_morning", 3}}).status, 404);
  EXPECT_EQ(Import(ravi_, dana_client_, kHeader + "2026-01-07,1,1,,,,,,,,,,,,,,\n").status, 404);
  EXPECT_EQ(http_.Get(Diary(dana_client_) + "/export", ravi_.bearer()).status, 404);
  EXPECT_EQ(
      http_.Get("/api/v1/clients/" + std::to_string(dana_client_) + "/triggers", ravi_.bearer())
          .status,
      404);
  EXPECT_EQ(http_.Get(Diary(dana_client_), dana_.bearer()).Json()["items"].size(), 1u);
}

TEST_F(ApiDiaryTest, PractitionerDefinesTheClientsOwnExposures) {
  const std::string path = "/api/v1/clients/" + std::to_string(dana_client_) + "/exposures";
  const json gardening = {
      {"name", "gardening_minutes"}, {"kind", "minutes"}, {"label", "Gardening (minutes)"}};
  HttpRequest by_client{"POST", path, {}, std::nullopt};
  by_client.Bearer(dana_.token).JsonBody(gardening);
  EXPECT_EQ(http_.Send(by_client).status, 403);

  HttpRequest define{"POST", path, {}, std::nullopt};
  define.Bearer(therapist_.token).JsonBody(gardening);
  const auto defined = http_.Send(define);
  ASSERT_EQ(defined.status, 201) << defined.body;
  EXPECT_EQ(defined.Json()["kind"], "minutes");
  EXPECT_EQ(http_.Send(define).status, 400);  // the name is taken now

  HttpRequest standard{"POST", path, {}, std::nullopt};
  standard.Bearer(therapist_.token)
      .JsonBody({{"name", "driving_minutes"}, {"kind", "hours"}, {"label", ""}});
  const auto clash = http_.Send(standard);
  ASSERT_EQ(clash.status, 400);
  EXPECT_TRUE(NamesPath(clash.Json(), "name")) << clash.body;
  EXPECT_TRUE(NamesPath(clash.Json(), "label")) << clash.body;

  const auto listed = http_.Get(path, dana_.bearer());
  ASSERT_EQ(listed.status, 200);
  EXPECT_EQ(listed.Json()["items"].back()["name"], "gardening_minutes");

  ASSERT_EQ(Put(dana_, dana_client_, "2026-01-05",
                {{"pain_morning", 3}, {"exposures", {{"gardening_minutes", 45}}}})
                .status,
            200);
  const auto exported = http_.Get(Diary(dana_client_) + "/export", therapist_.bearer());
  ASSERT_EQ(exported.status, 200);
  EXPECT_NE(exported.body.find("gardening_minutes"), std::string::npos);
  EXPECT_EQ(Import(therapist_, dana_client_, exported.body).status, 200);
}

}  // namespace
}  // namespace backplan::testing
