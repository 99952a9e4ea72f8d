// The audit trail seen through the API of the real binary (issue 3 "Audit
// trail"): every read of health data is recorded with who, which record,
// what, when, from where and the outcome; denials too; and the rows carry no
// health data.

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

constexpr const char* kCanary = "audit-canary-activity-7731";

class ApiAuditTest : public ::testing::Test {
 protected:
  void SetUp() override {
    admin_ = Login(http_, kDemoAdmin, kDemoAdminPassword);
    first_ = Login(http_, kDemoTherapist, kDemoTherapistPassword);
    const auto second =
        CreatePractitioner(http_, admin_, "audit.second@example.test", "audit-second-password");
    second_ = Login(http_, second.email, second.password);
  }

  // Every audit row matching `query` (all pages), and the raw bodies.
  std::vector<json> Audit(const std::string& query, std::string* raw = nullptr) {
    std::vector<json> rows;
    std::string after;
    for (int page = 0; page < 100; ++page) {
      const auto response = http_.Get(
          "/api/v1/audit?limit=50" + (query.empty() ? "" : "&" + query) + after, admin_.bearer());
      Require(response.status == 200, "audit: " + Describe(response));
      if (raw)
        *raw += response.body;
      const auto body = response.Json();
      for (const auto& row : body["items"])
        rows.push_back(row);
      if (body["next_after"].is_null())
        break;
      after = "&after=" + std::to_string(body["next_after"].get<long long>());
    }
    return rows;
  }

  ServerProcess server_;
  HttpClient http_ = server_.client();
  SignedIn admin_, first_, second_;
};

TEST_F(ApiAuditTest, PractitionerReadOfLatestIsRecorded) {
  const auto latest = http_.Get("/api/v1/clients/1/assessments/latest", first_.bearer());
  ASSERT_EQ(latest.status, 200) << latest.body;
  const long long assessment_id = latest.Json()["id"];

  const auto rows = Audit("client_id=1&action=assessment.read_latest");
  ASSERT_FALSE(rows.empty());
  int matches = 0;
  for (const auto& row : rows) {
    if (row["actor_user_id"] != first_.user_id())
      continue;
    ++matches;
    EXPECT_EQ(row["action"], "assessment.read_latest");
    EXPECT_EQ(row["outcome"], "ok");
    EXPECT_EQ(row["actor_role"], "practitioner");
    EXPECT_EQ(row["resource"], "assessment");
    EXPECT_EQ(row["resource_id"], assessment_id);
    EXPECT_EQ(row["client_id"], 1);
    EXPECT_EQ(row["address"], "127.0.0.1");
    EXPECT_GT(row["at"].get<long long>(), 1'600'000'000);
  }
  EXPECT_EQ(matches, 1) << json(rows).dump();

  // The other reads of health data are recorded too.
  ASSERT_EQ(
      http_.Get("/api/v1/assessments/" + std::to_string(assessment_id), first_.bearer()).status,
      200);
  ASSERT_EQ(http_.Get("/api/v1/clients/1/assessments", first_.bearer()).status, 200);
  ASSERT_EQ(http_.Get("/api/v1/clients/1", first_.bearer()).status, 200);
  std::set<std::string> actions;
  for (const auto& row : Audit("actor_user_id=" + std::to_string(first_.user_id())))
    if (row["outcome"] == "ok")
      actions.insert(row["action"].get<std::string>());
  for (const char* action :
       {"assessment.read_latest", "assessment.read", "assessment.list", "client.read"})
    EXPECT_TRUE(actions.contains(action)) << action << " not audited";
}

TEST_F(ApiAuditTest, DeniedReadByAnotherPractitionerIsRecordedAsNotFound) {
  const auto denied = http_.Get("/api/v1/clients/1/assessments/latest", second_.bearer());
  ASSERT_EQ(denied.status, 404) << denied.body;

  const auto rows = Audit("actor_user_id=" + std::to_string(second_.user_id()) +
                          "&action=assessment.read_latest");
  ASSERT_EQ(rows.size(), 1u) << json(rows).dump();
  EXPECT_EQ(rows[0]["outcome"], "not_found");
  EXPECT_EQ(rows[0]["actor_role"], "practitioner");
  EXPECT_EQ(rows[0]["address"], "127.0.0.1");
}

// An admin reviewing who touched a client's records must see the attempts
// that were refused, not only the ones that succeeded: the row of a denied
// read names the client that was asked for.
TEST_F(ApiAuditTest, DeniedReadIsFoundUnderTheClientItTargeted) {
  ASSERT_EQ(http_.Get("/api/v1/clients/1/assessments/latest", second_.bearer()).status, 404);
  ASSERT_EQ(http_.Get("/api/v1/clients/1/assessments", second_.bearer()).status, 404);
  ASSERT_EQ(http_.Get("/api/v1/clients/1", second_.bearer()).status, 404);

  std::set<std::string> denied_actions;
  for (const auto& row : Audit("client_id=1"))
    if (row["actor_user_id"] == second_.user_id() && row["outcome"] == "not_found")
      denied_actions.insert(row["action"].get<std::string>());
  EXPECT_TRUE(denied_actions.contains("assessment.read_latest"))
      << "the denied read of client 1's latest assessment is not listed under client_id=1";
  EXPECT_TRUE(denied_actions.contains("assessment.list"))
      << "the denied read of client 1's history is not listed under client_id=1";
  EXPECT_TRUE(denied_actions.contains("client.read"))
      << "the denied read of client 1 is not listed under client_id=1";
}

TEST_F(ApiAuditTest, RowsCarryNoHealthDataPasswordsOrTokens) {
  auto intake = ExampleIntake();
  intake["questionnaires"]["psfs"][0]["activity"] = kCanary;
  const auto submitted = SubmitIntake(http_, first_.token, 2, intake.dump());
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const long long id = submitted.Json()["id"];
  const auto read = http_.Get("/api/v1/assessments/" + std::to_string(id), first_.bearer());
  ASSERT_EQ(read.status, 200);
  ASSERT_NE(read.body.find(kCanary), std::string::npos);
  // A failed login with a password that must not be stored anywhere.
  EXPECT_EQ(http_
                .PostJson("/api/v1/sessions",
                          {{"email", kDemoTherapist}, {"password", "audit-wrong-password-99"}})
                .status,
            401);

  std::string raw;
  const auto rows = Audit("", &raw);
  ASSERT_GT(rows.size(), 5u);
  const std::set<std::string> kFields = {"id",      "at",       "actor_user_id", "actor_role",
                                         "action",  "resource", "resource_id",   "client_id",
                                         "address", "outcome"};
  bool saw_create = false;
  for (const auto& row : rows) {
    std::set<std::string> fields;
    for (const auto& [key, value] : row.items()) {
      fields.insert(key);
      EXPECT_TRUE(value.is_null() || value.is_number_integer() || value.is_string())
          << key << " in " << row.dump();
    }
    EXPECT_EQ(fields, kFields) << row.dump();
    saw_create |= row["action"] == "assessment.create" && row["resource_id"] == id;
  }
  EXPECT_TRUE(saw_create) << "the submission is not audited";
  for (const std::string& secret :
       {std::string(kCanary), std::string("tie shoes"), std::string("nprs"),
        std::string("red_flags"), std::string("lumbar"), std::string("audit-wrong-password-99"),
        std::string(kDemoTherapistPassword), first_.token, first_.csrf_token, admin_.token}) {
    EXPECT_EQ(raw.find(secret), std::string::npos) << "audit rows contain \"" << secret << "\"";
  }

  // Nor do the server's logs.
  const std::string logs = server_.Stdout() + server_.Stderr();
  for (const std::string& secret : {std::string(kCanary), std::string("audit-wrong-password-99"),
                                    first_.token, first_.csrf_token, admin_.token})
    EXPECT_EQ(logs.find(secret), std::string::npos) << "server logs contain \"" << secret << "\"";
}

}  // namespace
}  // namespace backplan::testing
