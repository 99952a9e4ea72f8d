// Idempotency keys on the creating POSTs other than assessments (issue 3:
// "idempotency keys on creating POSTs"): a retried create with the same key
// returns the first record, a different body or operation with the same key
// is a conflict, and keys belong to the user who sent them.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/api_helpers.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace backplan::testing {
namespace {

using nlohmann::json;

class ApiIdempotencyTest : public ::testing::Test {
 protected:
  HttpResponse CreateClient(const SignedIn& who, const std::string& key, const json& body) {
    Headers headers = who.bearer();
    headers.emplace_back("Idempotency-Key", key);
    return http_.PostJson("/api/v1/clients", body, headers);
  }

  ServerProcess server_;
  HttpClient http_ = server_.client();
};

TEST_F(ApiIdempotencyTest, ARetriedClientCreateReturnsTheSameClient) {
  const auto therapist = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  const json body = {{"email", "retry@example.test"}, {"display_name", "Retry Client"}};
  const auto first = CreateClient(therapist, "client-key-1", body);
  ASSERT_EQ(first.status, 201) << Describe(first);
  const auto again = CreateClient(therapist, "client-key-1", body);
  ASSERT_EQ(again.status, 200) << Describe(again);
  EXPECT_EQ(again.Json().at("client").at("id"), first.Json().at("client").at("id"));
  EXPECT_EQ(again.Json().at("user").at("id"), first.Json().at("user").at("id"));
  // The replay carries a working invitation link of its own.
  const auto link = again.Json().at("link_token").get<std::string>();
  EXPECT_NE(link, first.Json().at("link_token").get<std::string>());
  CompleteLink(http_, link, "a-long-enough-password");

  const auto clients = http_.Get("/api/v1/clients?limit=100", therapist.bearer());
  ASSERT_EQ(clients.status, 200) << Describe(clients);
  const auto listed = clients.Json();
  int named = 0;
  for (const auto& client : listed.at("items"))
    named += client.at("display_name") == "Retry Client" ? 1 : 0;
  EXPECT_EQ(named, 1) << clients.body;
}

TEST_F(ApiIdempotencyTest, AReplayAfterThePasswordWasSetHasNoLink) {
  const auto therapist = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  const json body = {{"email", "set@example.test"}, {"display_name", "Set Client"}};
  const auto first = CreateClient(therapist, "client-key-2", body);
  ASSERT_EQ(first.status, 201) << Describe(first);
  CompleteLink(http_, first.Json().at("link_token").get<std::string>(), "a-long-enough-password");
  const auto again = CreateClient(therapist, "client-key-2", body);
  ASSERT_EQ(again.status, 200) << Describe(again);
  EXPECT_FALSE(again.Json().contains("link_token"));
}

TEST_F(ApiIdempotencyTest, TheSameKeyWithAnotherBodyIsAConflict) {
  const auto therapist = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  ASSERT_EQ(CreateClient(therapist, "client-key-3",
                         {{"email", "a@example.test"}, {"display_name", "A"}})
                .status,
            201);
  const auto other =
      CreateClient(therapist, "client-key-3", {{"email", "b@example.test"}, {"display_name", "B"}});
  EXPECT_EQ(other.status, 409) << Describe(other);
  EXPECT_NE(other.body.find("Idempotency-Key"), std::string::npos);
}

TEST_F(ApiIdempotencyTest, KeysBelongToTheirUser) {
  const auto therapist = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  const auto admin = Login(http_, kDemoAdmin, kDemoAdminPassword);
  const json body = {{"email", "mine@example.test"}, {"display_name", "Mine"}};
  ASSERT_EQ(CreateClient(therapist, "shared-key", body).status, 201);
  // The admin's own use of the same key is a new request (here refused on its
  // own merits: an admin must say whose client), not a replay of the other's.
  const auto admins = CreateClient(admin, "shared-key", body);
  EXPECT_EQ(admins.status, 400) << Describe(admins);
}

TEST_F(ApiIdempotencyTest, ARetriedPractitionerCreateReturnsTheSamePractitioner) {
  const auto admin = Login(http_, kDemoAdmin, kDemoAdminPassword);
  Headers headers = admin.bearer();
  headers.emplace_back("Idempotency-Key", "practitioner-key-1");
  const json body = {{"email", "coach@example.test"}, {"display_name", "Coach"}};
  const auto first = http_.PostJson("/api/v1/practitioners", body, headers);
  ASSERT_EQ(first.status, 201) << Describe(first);
  const auto again = http_.PostJson("/api/v1/practitioners", body, headers);
  ASSERT_EQ(again.status, 200) << Describe(again);
  EXPECT_EQ(again.Json().at("user").at("id"), first.Json().at("user").at("id"));
}

TEST_F(ApiIdempotencyTest, AnEmptyOrOverlongKeyIsRefused) {
  const auto therapist = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  const json body = {{"email", "k@example.test"}, {"display_name", "K"}};
  EXPECT_EQ(CreateClient(therapist, "", body).status, 400);
  EXPECT_EQ(CreateClient(therapist, std::string(201, 'k'), body).status, 400);
}

}  // namespace
}  // namespace backplan::testing
