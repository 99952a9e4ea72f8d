// Virtual consults over the real server (issue 5): the therapist sets hours in
// New York, Dana finds slots in London, books (idempotently), downloads the
// invitation and cancels; another client cannot see her consult; and 200
// simultaneous bookings of one slot give one consult and 199 clear 409s.

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <ctime>
#include <latch>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <vector>

#include "support/api_helpers.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace backplan::testing {
namespace {

using nlohmann::json;

// "YYYY-MM-DD", `days` after today (UTC).
std::string DateIn(int days) {
  const auto day = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) +
                   std::chrono::days(days);
  const std::time_t seconds = std::chrono::system_clock::to_time_t(day);
  std::tm utc{};
  gmtime_r(&seconds, &utc);
  char text[16];
  std::strftime(text, sizeof text, "%Y-%m-%d", &utc);
  return text;
}

// 09:00–17:00 every day in the practitioner's zone.
json SettingsBody(const std::string& zone) {
  json weekly = json::object();
  for (const char* day :
       {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday"})
    weekly[day] = json::array({{{"start", "09:00"}, {"end", "17:00"}}});
  return {{"time_zone", zone},
          {"weekly_hours", weekly},
          {"days_off", json::array()},
          {"extra_hours", json::array()},
          {"meeting_url", "https://meet.example.test/sam"},
          {"change_cutoff_hours", 24}};
}

HttpRequest Post(const std::string& target, const json& body, const SignedIn& who) {
  return HttpRequest{"POST", target, {}, std::nullopt}.Bearer(who.token).JsonBody(body);
}

class ApiConsultsTest : public ::testing::Test {
 protected:
  void SetUp() override {
    therapist_ = Login(http_, kDemoTherapist, kDemoTherapistPassword);
    dana_ = Login(http_, kDemoDana, kDemoClientPassword);
    const auto clients = http_.Get("/api/v1/clients", therapist_.bearer());
    Require(clients.status == 200, "list clients: " + Describe(clients));
    const json client_list = clients.Json();  // kept: a range-for over a temporary's member dangles
    for (const auto& client : client_list["items"])
      if (client["user_id"] == dana_.user_id())
        dana_client_ = client["id"];
    Require(dana_client_ > 0, "dana's client record not found");

    const std::string practitioner =
        "/api/v1/practitioners/" + std::to_string(therapist_.user_id());
    const auto settings = http_.Send(HttpRequest{"PUT", practitioner + "/consult-settings", {}, {}}
                                         .Bearer(therapist_.token)
                                         .JsonBody(SettingsBody("America/New_York")));
    Require(settings.status == 200, "settings: " + Describe(settings));
    const auto type = http_.Send(Post(practitioner + "/consult-types",
                                      {{"name", "Video consult"},
                                       {"duration_minutes", 30},
                                       {"buffer_after_minutes", 10},
                                       {"slot_step_minutes", 30}},
                                      therapist_));
    Require(type.status == 201, "consult type: " + Describe(type));
    type_id_ = type.Json()["id"];
  }

  // Dana's free slots over two days starting the day after tomorrow.
  json DanaSlots() {
    const auto slots =
        http_.Get("/api/v1/practitioners/" + std::to_string(therapist_.user_id()) +
                      "/slots?type=" + std::to_string(type_id_) + "&from=" + DateIn(2) +
                      "&to=" + DateIn(3) + "&zone=Europe/London",
                  dana_.bearer());
    Require(slots.status == 200, "slots: " + Describe(slots));
    return slots.Json();
  }

  std::string Consults() const {
    return "/api/v1/clients/" + std::to_string(dana_client_) + "/consults";
  }

  ServerProcess server_;
  HttpClient http_ = server_.client();
  SignedIn therapist_, dana_;
  long long dana_client_ = 0;
  long long type_id_ = 0;
};

TEST_F(ApiConsultsTest, DanaBooksInLondonDownloadsTheInvitationAndCancels) {
  // Settings and types read back as set.
  const std::string practitioner = "/api/v1/practitioners/" + std::to_string(therapist_.user_id());
  const auto settings = http_.Get(practitioner + "/consult-settings", therapist_.bearer());
  ASSERT_EQ(settings.status, 200) << settings.body;
  EXPECT_EQ(settings.Json()["time_zone"], "America/New_York");
  EXPECT_EQ(settings.Json()["weekly_hours"]["monday"][0]["end"], "17:00");
  const auto types = http_.Get(practitioner + "/consult-types", dana_.bearer());
  ASSERT_EQ(types.status, 200) << types.body;
  ASSERT_EQ(types.Json()["items"].size(), 1u);
  EXPECT_EQ(types.Json()["items"][0]["buffer_after_minutes"], 10);

  // A bad settings body names the field.
  json bad = SettingsBody("Mars/Olympus_Mons");
  bad["weekly_hours"]["monday"][0]["end"] = "25:00";
  const auto refused = http_.Send(HttpRequest{"PUT", practitioner + "/consult-settings", {}, {}}
                                      .Bearer(therapist_.token)
                                      .JsonBody(bad));
  EXPECT_EQ(refused.status, 400) << refused.body;
  EXPECT_NE(refused.body.find("weekly_hours.monday[0].end"), std::string::npos) << refused.body;

  // Slots in London: UTC instants and the client's clock.
  const json slots = DanaSlots();
  ASSERT_FALSE(slots["items"].empty()) << slots.dump();
  const json slot = slots["items"][0];
  EXPECT_TRUE(slot["start"].get<std::string>().ends_with("Z")) << slot.dump();
  const std::string local = slot["local_start"];
  EXPECT_TRUE(local.ends_with("+00:00") || local.ends_with("+01:00")) << local;

  // Booking, then the same request retried with its Idempotency-Key.
  const json booking = {{"type_id", type_id_}, {"start", slot["start"]}};
  auto request = Post(Consults(), booking, dana_);
  request.With("Idempotency-Key", "dana-consult-1");
  const auto booked = http_.Send(request);
  ASSERT_EQ(booked.status, 201) << booked.body;
  const json consult = booked.Json();
  EXPECT_EQ(consult["start"], slot["start"]);
  EXPECT_EQ(consult["status"], "booked");
  EXPECT_EQ(consult["video_link"], "https://meet.example.test/sam");
  const auto replay = http_.Send(request);
  ASSERT_EQ(replay.status, 200) << replay.body;
  EXPECT_EQ(replay.Json()["id"], consult["id"]);

  // Without the key, the same slot is taken: 409 with a clear problem.
  const auto taken = http_.Send(Post(Consults(), booking, dana_));
  EXPECT_EQ(taken.status, 409) << taken.body;
  EXPECT_EQ(taken.ContentType(), "application/problem+json");
  EXPECT_NE(taken.Json().value("detail", "").find("no longer free"), std::string::npos)
      << taken.body;
  // And the slot is no longer offered.
  const json slots_after = DanaSlots();
  for (const auto& free : slots_after["items"])
    EXPECT_NE(free["start"], slot["start"]);

  const auto list = http_.Get(Consults(), dana_.bearer());
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json()["items"].size(), 1u) << list.body;
  const std::string one = "/api/v1/consults/" + std::to_string(consult["id"].get<long long>());
  const auto read = http_.Get(one, dana_.bearer());
  ASSERT_EQ(read.status, 200) << read.body;
  ASSERT_EQ(read.Json()["history"].size(), 1u) << read.body;
  EXPECT_EQ(read.Json()["history"][0]["change"], "booked");

  const auto invitation = http_.Get(one + "/invitation.ics", dana_.bearer());
  ASSERT_EQ(invitation.status, 200) << invitation.body;
  EXPECT_EQ(invitation.ContentType(), "text/calendar; charset=utf-8");
  EXPECT_TRUE(invitation.Header("content-disposition").value_or("").starts_with("attachment"));
  EXPECT_NE(invitation.body.find("METHOD:REQUEST"), std::string::npos) << invitation.body;
  EXPECT_NE(invitation.body.find("BEGIN:VEVENT"), std::string::npos) << invitation.body;
  const std::string uid = "UID:" + consult["ics_uid"].get<std::string>();
  EXPECT_NE(invitation.body.find(uid), std::string::npos) << invitation.body;

  // Another client sees nothing of it.
  const auto ravi = Login(http_, kDemoRavi, kDemoClientPassword);
  EXPECT_EQ(http_.Get(one, ravi.bearer()).status, 404);
  EXPECT_EQ(http_.Get(one + "/invitation.ics", ravi.bearer()).status, 404);
  EXPECT_EQ(http_.Get(Consults(), ravi.bearer()).status, 404);
  EXPECT_EQ(http_.Send(Post(one + "/cancel", json::object(), ravi)).status, 404);

  // Dana cancels; the invitation becomes a cancellation with the same UID.
  const auto cancelled = http_.Send(Post(one + "/cancel", json::object(), dana_));
  ASSERT_EQ(cancelled.status, 200) << cancelled.body;
  EXPECT_EQ(cancelled.Json()["status"], "cancelled");
  EXPECT_GT(cancelled.Json()["sequence"].get<int>(), consult["sequence"].get<int>());
  const auto cancellation = http_.Get(one + "/invitation.ics", dana_.bearer());
  ASSERT_EQ(cancellation.status, 200);
  EXPECT_NE(cancellation.body.find("METHOD:CANCEL"), std::string::npos) << cancellation.body;
  EXPECT_NE(cancellation.body.find(uid), std::string::npos) << cancellation.body;
  EXPECT_EQ(http_.Send(Post(one + "/cancel", json::object(), dana_)).status, 409);
}

TEST_F(ApiConsultsTest, RescheduleKeepsTheConsultAndRaisesTheSequence) {
  const json slots = DanaSlots();
  ASSERT_GE(slots["items"].size(), 4u) << slots.dump();
  const auto booked = http_.Send(
      Post(Consults(), {{"type_id", type_id_}, {"start", slots["items"][0]["start"]}}, dana_));
  ASSERT_EQ(booked.status, 201) << booked.body;
  const std::string one =
      "/api/v1/consults/" + std::to_string(booked.Json()["id"].get<long long>());
  const auto bad = http_.Send(Post(one + "/reschedule", {{"start", "tomorrow"}}, dana_));
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_NE(bad.body.find("\"start\""), std::string::npos) << bad.body;
  const auto moved =
      http_.Send(Post(one + "/reschedule", {{"start", slots["items"][3]["start"]}}, dana_));
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.Json()["id"], booked.Json()["id"]);
  EXPECT_EQ(moved.Json()["ics_uid"], booked.Json()["ics_uid"]);
  EXPECT_EQ(moved.Json()["start"], slots["items"][3]["start"]);
  EXPECT_GT(moved.Json()["sequence"].get<int>(), booked.Json()["sequence"].get<int>());
  const auto read = http_.Get(one, therapist_.bearer());
  ASSERT_EQ(read.status, 200);
  ASSERT_EQ(read.Json()["history"].size(), 2u) << read.body;
  EXPECT_EQ(read.Json()["history"][1]["change"], "rescheduled");
}

// 200 bookings of one slot released together, each on its own connection:
// exactly one 201, 199 × 409 with a problem body, and one booked consult.
TEST_F(ApiConsultsTest, TwoHundredSimultaneousBookingsOfOneSlotBookOnce) {
  constexpr int kRequests = 200;
  const json slots = DanaSlots();
  ASSERT_FALSE(slots["items"].empty());
  const json booking = {{"type_id", type_id_}, {"start", slots["items"][0]["start"]}};
  std::latch start(kRequests);
  std::atomic<int> created{0}, conflicts{0}, other{0};
  std::mutex failures_mutex;
  std::vector<std::string> failures;
  std::vector<std::thread> threads;
  threads.reserve(kRequests);
  for (int request_idx = 0; request_idx < kRequests; ++request_idx)
    threads.emplace_back([&] {
      const HttpClient client(server_.client().port());
      const auto request = Post(Consults(), booking, dana_);
      start.arrive_and_wait();
      try {
        const auto response = client.Send(request);
        if (response.status == 201) {
          ++created;
        } else if (response.status == 409 && response.ContentType() == "application/problem+json" &&
                   !response.Json().value("detail", "").empty()) {
          ++conflicts;
        } else {
          ++other;
          std::lock_guard lock(failures_mutex);
          failures.push_back(std::to_string(response.status) + " " + response.body);
        }
      } catch (const std::exception& e) {
        ++other;
        std::lock_guard lock(failures_mutex);
        failures.push_back(e.what());
      }
    });
  for (auto& thread : threads)
    thread.join();
  EXPECT_EQ(created.load(), 1);
  EXPECT_EQ(conflicts.load(), kRequests - 1);
  EXPECT_EQ(other.load(), 0) << (failures.empty() ? "" : failures.front());

  const auto list = http_.Get(Consults(), dana_.bearer());
  ASSERT_EQ(list.status, 200);
  int booked = 0;
  const json consults = list.Json();
  for (const auto& consult : consults["items"])
    booked += consult["status"] == "booked" ? 1 : 0;
  EXPECT_EQ(booked, 1) << list.body;
}

}  // namespace
}  // namespace backplan::testing
