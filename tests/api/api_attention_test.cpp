// The attention list over the API (GET /api/v1/attention), against the real
// binary and the demo clinic: a flare answered in a check-in puts the client
// on the list with tier "flare"; a client principal is refused, and nobody
// signed in gets 401.

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

#include "codec/care_json.h"
#include "support/api_helpers.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace backplan::testing {
namespace {

using nlohmann::json;

// Within Dana's plan (examples/chronic-localized.json: lumbar start 1).
json SessionTwoHoursAgo() {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  return {{"started_at", codec::FormatUtcTime(now - std::chrono::hours(2))},
          {"duration_minutes", 60},
          {"regions",
           json::array({{{"region", "lumbar"}, {"technique", "light_swedish"}, {"pressure", 1}}})},
          {"pain_before", {{"back", 6}, {"leg", 2}}},
          {"pain_after", {{"back", 4}, {"leg", 1}}}};
}

// The item of one client in a list, if it is there.
std::optional<json> ItemOf(const json& list, long long client_id) {
  for (const auto& item : list.at("items"))
    if (item.at("client_id") == client_id)
      return item;
  return std::nullopt;
}

class ApiAttentionTest : public ::testing::Test {
 protected:
  void SetUp() override {
    therapist_ = Login(http_, kDemoTherapist, kDemoTherapistPassword);
    dana_ = Login(http_, kDemoDana, kDemoClientPassword);
    const auto clients = http_.Get("/api/v1/clients", therapist_.bearer());
    Require(clients.status == 200, "list clients: " + Describe(clients));
    const json client_list = clients.Json();
    for (const auto& client : client_list["items"])
      if (client["user_id"] == dana_.user_id())
        dana_client_ = client["id"];
    Require(dana_client_ > 0, "Dana not found");
  }

  json Attention() {
    const auto list = http_.Get("/api/v1/attention", therapist_.bearer());
    Require(list.status == 200, "attention list: " + Describe(list));
    return list.Json();
  }

  ServerProcess server_;
  HttpClient http_ = server_.client();
  SignedIn therapist_, dana_;
  long long dana_client_ = 0;
};

TEST_F(ApiAttentionTest, AFlareInACheckInListsTheClientWithTierFlare) {
  const auto before = ItemOf(Attention(), dana_client_);
  EXPECT_TRUE(!before || before->at("tier") != "flare") << before->dump();

  HttpRequest log{
      "POST", "/api/v1/clients/" + std::to_string(dana_client_) + "/sessions", {}, std::nullopt};
  log.Bearer(therapist_.token).JsonBody(SessionTwoHoursAgo());
  const auto logged = http_.Send(log);
  ASSERT_EQ(logged.status, 201) << logged.body;
  HttpRequest answer{
      "POST", "/api/v1/sessions/" + logged.Json()["id"].dump() + "/check-ins", {}, std::nullopt};
  answer.Bearer(dana_.token)
      .JsonBody({{"kind", "24h"},
                 {"back_pain", 8},
                 {"leg_pain", 2},
                 {"global", "worse"},
                 {"flare_reported", true}});
  const auto answered = http_.Send(answer);
  ASSERT_EQ(answered.status, 201) << answered.body;

  const json list = Attention();
  const auto item = ItemOf(list, dana_client_);
  ASSERT_TRUE(item.has_value()) << list.dump();
  EXPECT_EQ(item->at("tier"), "flare");
  EXPECT_EQ(item->at("name"), "Dana Demo (chronic, localized)") << item->dump();
  ASSERT_FALSE(item->at("reasons").empty());
  EXPECT_EQ(item->at("reasons")[0]["rule_id"], "attention.flare");
  EXPECT_FALSE(item->at("reasons")[0]["text"].get<std::string>().empty());
  // Every item carries a known tier, most urgent first.
  const std::vector<std::string> tiers = {"red_flags", "flare", "overdue_check_in",
                                          "short_lived_relief", "due_check_in"};
  std::size_t previous = 0;
  for (const auto& listed : list["items"]) {
    const auto at = std::find(tiers.begin(), tiers.end(), listed["tier"].get<std::string>());
    ASSERT_NE(at, tiers.end()) << listed.dump();
    EXPECT_GE(static_cast<std::size_t>(at - tiers.begin()), previous) << list.dump();
    previous = static_cast<std::size_t>(at - tiers.begin());
  }
}

TEST_F(ApiAttentionTest, AClientIsRefusedAndAnonymousMustSignIn) {
  const auto refused = http_.Get("/api/v1/attention", dana_.bearer());
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_EQ(refused.ContentType(), "application/problem+json");
  EXPECT_EQ(http_.Get("/api/v1/attention").status, 401);
}

}  // namespace
}  // namespace backplan::testing
