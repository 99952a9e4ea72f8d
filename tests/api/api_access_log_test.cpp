// The real binary's access log and session cache (issue 3: "Logs are
// structured and carry no health data, passwords or tokens"; a logged-out
// session must stop working at once even though sessions are cached).

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

#include "support/api_helpers.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace backplan::testing {
namespace {

TEST(ApiAccessLogTest, OneJsonLinePerRequestWithoutSecretsOrHealthData) {
  ServerProcess server;
  const auto http = server.client();
  const auto therapist = Login(http, kDemoTherapist, kDemoTherapistPassword);
  ASSERT_EQ(http.Get("/api/v1/clients/1/assessments/latest", therapist.bearer()).status, 200);
  ASSERT_EQ(http.Get("/api/v1/clients/1?secret-query=1", therapist.bearer()).status, 200);

  std::string log;
  for (int attempt = 0; attempt < 50; ++attempt) {  // lines are written in the background
    log = server.Stderr();
    if (log.find("/api/v1/clients/{id}/assessments/latest") != std::string::npos)
      break;
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  int request_lines = 0;
  std::istringstream lines(log);
  for (std::string line; std::getline(lines, line);) {
    if (line.find("\"http.request\"") == std::string::npos)
      continue;
    ++request_lines;
    const auto json = nlohmann::json::parse(line);
    EXPECT_TRUE(json.contains("status")) << line;
    EXPECT_TRUE(json.contains("ms")) << line;
  }
  EXPECT_GE(request_lines, 3);
  EXPECT_NE(log.find("\"route\":\"/api/v1/sessions\""), std::string::npos);
  EXPECT_EQ(log.find(therapist.token), std::string::npos);
  EXPECT_EQ(log.find(kDemoTherapistPassword), std::string::npos);
  EXPECT_EQ(log.find(kDemoTherapist), std::string::npos);
  EXPECT_EQ(log.find("secret-query"), std::string::npos);
  EXPECT_EQ(log.find("chronic"), std::string::npos);
}

TEST(ApiAccessLogTest, ALoggedOutSessionStopsWorkingAtOnceDespiteTheCache) {
  ServerProcess server;
  const auto http = server.client();
  const auto therapist = Login(http, kDemoTherapist, kDemoTherapistPassword);
  ASSERT_EQ(http.Get("/api/v1/me", therapist.bearer()).status, 200);  // now cached
  ASSERT_EQ(http.Delete("/api/v1/sessions/current", therapist.bearer()).status, 204);
  EXPECT_EQ(http.Get("/api/v1/me", therapist.bearer()).status, 401);
}

}  // namespace
}  // namespace backplan::testing
