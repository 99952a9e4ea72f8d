// The access log's line (http/access_log.h): valid JSON with the route
// pattern, status and timing, and nothing else from the request.

#include "http/access_log.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace backplan::http {
namespace {

TEST(AccessLogTest, LineIsOneJsonObjectWithTheRoutePattern) {
  const std::string line = AccessLog::Line(
      {"GET", "/api/v1/clients/{id}", 200, 0.0123456, "127.0.0.1"}, 1790000000.25);
  EXPECT_EQ(line.find('\n'), std::string::npos);
  const auto json = nlohmann::json::parse(line);
  EXPECT_EQ(json.at("event"), "http.request");
  EXPECT_EQ(json.at("method"), "GET");
  EXPECT_EQ(json.at("route"), "/api/v1/clients/{id}");
  EXPECT_EQ(json.at("status"), 200);
  EXPECT_DOUBLE_EQ(json.at("ms").get<double>(), 12.34);
  EXPECT_EQ(json.at("remote"), "127.0.0.1");
  EXPECT_DOUBLE_EQ(json.at("ts").get<double>(), 1790000000.25);
  EXPECT_EQ(json.size(), 7u);
}

TEST(AccessLogTest, UnmatchedRequestsAreNamedSo) {
  const auto json =
      nlohmann::json::parse(AccessLog::Line({"GET", "", 404, 0.001, "::1"}, 1790000000.0));
  EXPECT_EQ(json.at("route"), "unmatched");
}

TEST(AccessLogTest, BrokenUtf8InAFieldStillGivesValidJson) {
  const auto line = AccessLog::Line({"G\xff", "", 400, 0.0, "127.0.0.1"}, 1.0);
  EXPECT_NO_THROW(static_cast<void>(nlohmann::json::parse(line)));
}

}  // namespace
}  // namespace backplan::http
