// Session security of the real binary (issue 3 "Accounts"): CSRF protection
// for cookie sessions (bearer tokens need none), the session cookie's
// attributes, and login throttling per account.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <string>

#include "support/api_helpers.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace backplan::testing {
namespace {

using nlohmann::json;

class ApiCsrfTest : public ::testing::Test {
 protected:
  HttpRequest NewClient(const Headers& credentials) {
    HttpRequest request{"POST", "/api/v1/clients", credentials, std::nullopt};
    request.JsonBody({{"email", "csrf-" + std::to_string(++counter_) + "@example.test"},
                      {"display_name", "Csrf Client"}});
    return request;
  }

  ServerProcess server_;
  HttpClient http_ = server_.client();
  int counter_ = 0;
};

TEST_F(ApiCsrfTest, SessionCookieAttributes) {
  const auto response = http_.PostJson(
      "/api/v1/sessions", {{"email", kDemoTherapist}, {"password", kDemoTherapistPassword}});
  ASSERT_EQ(response.status, 201);
  const auto cookies = response.AllHeaders("set-cookie");
  ASSERT_EQ(cookies.size(), 1u);
  const std::string& cookie = cookies[0];
  const std::string token = response.Json()["token"];
  EXPECT_TRUE(cookie.starts_with("backplan_session=" + token + ";")) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Path=/"), std::string::npos) << cookie;
  // 256-bit random tokens: at least 43 base64url or 64 hex characters.
  EXPECT_GE(token.size(), 43u);
  EXPECT_NE(token, response.Json()["csrf_token"]);
}

TEST_F(ApiCsrfTest, CookieSessionNeedsTheCsrfHeaderToChangeState) {
  const auto therapist = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  ASSERT_FALSE(therapist.cookie.empty());
  const Headers cookie = {{"Cookie", therapist.cookie}};

  // Reading needs no CSRF token.
  EXPECT_EQ(http_.Get("/api/v1/me", cookie).status, 200);
  EXPECT_EQ(http_.Get("/api/v1/clients/1/assessments/latest", cookie).status, 200);

  // Changing state without it, or with a wrong one, is 403.
  const auto without = http_.Send(NewClient(cookie));
  EXPECT_EQ(without.status, 403) << without.body;
  EXPECT_EQ(without.ContentType(), "application/problem+json");
  auto wrong = NewClient(cookie);
  wrong.With("X-CSRF-Token", therapist.csrf_token + "x");
  EXPECT_EQ(http_.Send(wrong).status, 403);
  auto empty = NewClient(cookie);
  empty.With("X-CSRF-Token", "");
  EXPECT_EQ(http_.Send(empty).status, 403);
  // Another session's CSRF token does not fit this session.
  const auto other = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  auto foreign = NewClient(cookie);
  foreign.With("X-CSRF-Token", other.csrf_token);
  EXPECT_EQ(http_.Send(foreign).status, 403);

  // Nothing was created by the refused requests.
  const auto before = http_.Get("/api/v1/clients", cookie);
  ASSERT_EQ(before.status, 200);
  EXPECT_EQ(before.Json()["items"].size(), 4u) << before.body;  // the demo clients

  // With the right token: created.
  auto right = NewClient(cookie);
  right.With("X-CSRF-Token", therapist.csrf_token);
  const auto created = http_.Send(right);
  EXPECT_EQ(created.status, 201) << created.body;

  // An intake upload and a logout are state changes too.
  HttpRequest intake{"POST", "/api/v1/clients/1/assessments", cookie, std::nullopt};
  intake.JsonText(ReadSourceFile("examples/chronic-localized.json"));
  EXPECT_EQ(http_.Send(intake).status, 403);
  intake.With("X-CSRF-Token", therapist.csrf_token);
  EXPECT_EQ(http_.Send(intake).status, 201);

  EXPECT_EQ(http_.Delete("/api/v1/sessions/current", cookie).status, 403);
  EXPECT_EQ(http_.Get("/api/v1/me", cookie).status, 200) << "a refused logout signed out";
  Headers logout = cookie;
  logout.emplace_back("X-CSRF-Token", therapist.csrf_token);
  EXPECT_EQ(http_.Delete("/api/v1/sessions/current", logout).status, 204);
  EXPECT_EQ(http_.Get("/api/v1/me", cookie).status, 401);
}

TEST_F(ApiCsrfTest, BearerTokenNeedsNoCsrfHeader) {
  const auto therapist = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  const auto created = http_.Send(NewClient(therapist.bearer()));
  EXPECT_EQ(created.status, 201) << created.body;
  const auto submitted =
      SubmitIntake(http_, therapist.token, 1, ReadSourceFile("examples/chronic-localized.json"));
  EXPECT_EQ(submitted.status, 201) << submitted.body;
}

TEST(ApiLoginThrottleTest, TenWrongPasswordsLockTheAccount) {
  ServerProcess server;
  const auto http = server.client();
  for (int attempt = 1; attempt <= 10; ++attempt) {
    const auto wrong = http.PostJson(
        "/api/v1/sessions",
        {{"email", kDemoDana}, {"password", "wrong-password-" + std::to_string(attempt)}});
    ASSERT_EQ(wrong.status, 401) << "attempt " << attempt << ": " << wrong.body;
    EXPECT_EQ(wrong.ContentType(), "application/problem+json");
  }
  // The 11th is refused even with the right password (and any spelling of
  // the same account).
  for (const std::string& email :
       {std::string(kDemoDana), std::string("  DANA@demo.backplan.local")}) {
    const auto locked =
        http.PostJson("/api/v1/sessions", {{"email", email}, {"password", kDemoClientPassword}});
    EXPECT_EQ(locked.status, 429) << email << ": " << locked.body;
    EXPECT_EQ(locked.ContentType(), "application/problem+json");
    const auto retry_after = locked.Header("retry-after");
    ASSERT_TRUE(retry_after.has_value()) << "no Retry-After";
    const int seconds = std::stoi(*retry_after);
    EXPECT_GT(seconds, 0);
    EXPECT_LE(seconds, 15 * 60);
    EXPECT_FALSE(locked.Json().contains("token"));
  }
  // Other accounts from the same address still sign in.
  EXPECT_EQ(
      http.PostJson("/api/v1/sessions", {{"email", kDemoRavi}, {"password", kDemoClientPassword}})
          .status,
      201);
}

}  // namespace
}  // namespace backplan::testing
