// Request/Response values and the problem+json shape (RFC 9457) every error
// of the API uses.

#include "http/message.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

namespace backplan::http {
namespace {

using nlohmann::json;

TEST(HttpMessageTest, RequestHeaderLookupIgnoresCase) {
  Request request;
  request.headers = {{"content-type", "application/json"}, {"x-a", "1"}, {"x-a", "2"}};
  EXPECT_EQ(request.Header("Content-Type"), "application/json");
  EXPECT_EQ(request.Header("X-A"), "1");
  EXPECT_FALSE(request.Header("authorization").has_value());
}

TEST(HttpMessageTest, SetHeaderReplacesEveryCase) {
  Response response;
  response.headers = {{"Cache-Control", "a"}, {"cache-control", "b"}};
  response.SetHeader("CACHE-CONTROL", "private");
  ASSERT_EQ(response.headers.size(), 1u);
  EXPECT_EQ(response.Header("cache-control"), "private");
}

TEST(HttpMessageTest, JsonSerializesAndSurvivesInvalidUtf8) {
  Response response = Response::Json(201, json{{"id", 7}, {"name", std::string("a\xff")}});
  EXPECT_EQ(response.status, 201);
  EXPECT_EQ(response.content_type, "application/json");
  EXPECT_EQ(json::parse(response.body)["id"], 7);
}

TEST(HttpMessageTest, ProblemHasTheRfc9457Members) {
  Response response =
      Response::Problem(422, "Invalid intake", "2 fields are invalid.",
                        {{"pain.nprs.now", "must be 0–10, got 12"}, {"client_id", "is required"}});
  EXPECT_EQ(response.status, 422);
  EXPECT_EQ(response.content_type, "application/problem+json");
  const json body = json::parse(response.body);
  EXPECT_EQ(body["type"], "about:blank");
  EXPECT_EQ(body["title"], "Invalid intake");
  EXPECT_EQ(body["status"], 422);
  EXPECT_EQ(body["detail"], "2 fields are invalid.");
  ASSERT_EQ(body["errors"].size(), 2u);
  EXPECT_EQ(body["errors"][0]["path"], "pain.nprs.now");
  EXPECT_EQ(body["errors"][0]["reason"], "must be 0–10, got 12");
}

TEST(HttpMessageTest, ProblemWithoutFieldErrorsHasNoErrorsMember) {
  const json body = json::parse(Response::Problem(404, "Not Found", "x").body);
  EXPECT_FALSE(body.contains("errors"));
}

TEST(HttpMessageTest, InternalServerErrorSaysNothingSpecific) {
  Response response = InternalServerError();
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(json::parse(response.body)["detail"], "The server could not complete the request.");
}

}  // namespace
}  // namespace backplan::http
