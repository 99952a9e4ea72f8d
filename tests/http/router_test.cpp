// Router: matching, parameters, precedence, 404/405, and the route template
// that labels metrics.

#include "http/router.h"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <stdexcept>

namespace backplan::http {
namespace {

Request Make(std::string method, std::string path) {
  Request request;
  request.method = std::move(method);
  request.path = path;
  request.target = std::move(path);
  return request;
}

// Answers with the handler's name and its parameters, so a test sees which
// route ran with what.
RouteHandler Named(std::string name) {
  return [name](const Request&, const PathParams& params) {
    nlohmann::json body{{"handler", name}};
    for (const auto& [key, value] : params) {
      body["params"][key] = value;
    }
    return Response::Json(200, body);
  };
}

nlohmann::json Body(const Response& response) {
  return nlohmann::json::parse(response.body);
}

class RouterTest : public ::testing::Test {
 protected:
  RouterTest() {
    router_.Add("GET", "/", Named("root"));
    router_.Add("GET", "/api/v1/clients", Named("list"));
    router_.Add("POST", "/api/v1/clients", Named("create"));
    router_.Add("GET", "/api/v1/clients/{id}", Named("get"));
    router_.Add("DELETE", "/api/v1/clients/{id}", Named("delete"));
    router_.Add("GET", "/api/v1/clients/me", Named("me"));
    router_.Add("GET", "/api/v1/clients/{client_id}/assessments/{assessment_id}",
                Named("assessment"));
  }
  Router router_;
};

TEST_F(RouterTest, MatchesLiteralsAndSetsRoute) {
  Response response = router_.Handle(Make("POST", "/api/v1/clients"));
  EXPECT_EQ(Body(response)["handler"], "create");
  EXPECT_EQ(response.route, "/api/v1/clients");
  EXPECT_EQ(Body(router_.Handle(Make("GET", "/")))["handler"], "root");
}

TEST_F(RouterTest, ExtractsDecodedParameters) {
  Response response = router_.Handle(Make("GET", "/api/v1/clients/c%20(7)/assessments/42"));
  EXPECT_EQ(Body(response)["handler"], "assessment");
  EXPECT_EQ(Body(response)["params"]["client_id"], "c (7)");
  EXPECT_EQ(Body(response)["params"]["assessment_id"], "42");
  EXPECT_EQ(response.route, "/api/v1/clients/{client_id}/assessments/{assessment_id}");
}

TEST_F(RouterTest, LiteralBeatsParameterWhateverTheOrder) {
  EXPECT_EQ(Body(router_.Handle(Make("GET", "/api/v1/clients/me")))["handler"], "me");
  EXPECT_EQ(Body(router_.Handle(Make("GET", "/api/v1/clients/mf")))["handler"], "get");
}

TEST_F(RouterTest, UnknownPathIs404Problem) {
  for (const char* path : {"/nope", "/api/v1/clients/7/x", "/api/v1", "/api/v1/clients/",
                           "/api/v1//clients", "/api/v1/clients//assessments/1"}) {
    Response response = router_.Handle(Make("GET", path));
    EXPECT_EQ(response.status, 404) << path;
    EXPECT_EQ(response.content_type, "application/problem+json");
    EXPECT_EQ(response.route, "") << path;
  }
}

TEST_F(RouterTest, KnownPathWrongMethodIs405WithAllow) {
  Response response = router_.Handle(Make("PUT", "/api/v1/clients/7"));
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.Header("Allow"), "DELETE, GET, HEAD");
  EXPECT_EQ(response.route, "/api/v1/clients/{id}");
  EXPECT_EQ(Body(response)["status"], 405);
}

TEST_F(RouterTest, HeadFallsBackToGet) {
  EXPECT_EQ(Body(router_.Handle(Make("HEAD", "/api/v1/clients")))["handler"], "list");
}

TEST_F(RouterTest, MethodsAreCaseSensitive) {
  EXPECT_EQ(router_.Handle(Make("get", "/api/v1/clients")).status, 405);
}

TEST_F(RouterTest, SmuggledSeparatorsAndControlsAre400) {
  for (const char* path : {"/api/v1/clients/a%2Fb", "/api/v1/clients/%0D%0A", "/api/v1/clients/%00",
                           "/api/v1/clients/%zz", "/api/v1/clients/%"}) {
    EXPECT_EQ(router_.Handle(Make("GET", path)).status, 400) << path;
  }
  EXPECT_EQ(router_.Handle(Make("GET", "relative")).status, 400);
}

TEST_F(RouterTest, EncodedLiteralStillMatches) {
  EXPECT_EQ(Body(router_.Handle(Make("GET", "/api/v1/%63lients")))["handler"], "list");
}

TEST_F(RouterTest, HandlerExceptionIs500WithRouteAndNoDetails) {
  router_.Add("GET", "/boom", [](const Request&, const PathParams&) -> Response {
    throw std::runtime_error("secret: patient Jane Doe");
  });
  Response response = router_.Handle(Make("GET", "/boom"));
  EXPECT_EQ(response.status, 500);
  EXPECT_EQ(response.route, "/boom");
  EXPECT_EQ(response.body.find("Jane"), std::string::npos);
}

TEST_F(RouterTest, RoutesListsRegistrations) {
  auto routes = router_.Routes();
  ASSERT_EQ(routes.size(), 7u);
  EXPECT_EQ(routes[0], (RouteEntry{"GET", "/"}));
  EXPECT_EQ(routes[3], (RouteEntry{"GET", "/api/v1/clients/{id}"}));
}

TEST(RouterAddTest, RejectsMalformedAndOverlappingPatterns) {
  Router router;
  auto handler = Named("x");
  router.Add("GET", "/a/{id}", handler);
  EXPECT_THROW(router.Add("GET", "/a/{other}", handler), std::invalid_argument);
  EXPECT_NO_THROW(router.Add("PUT", "/a/{other}", handler));
  for (const char* pattern :
       {"", "a", "/a//b", "/a/", "/a/{}", "/a/{x-y}", "/a/x{y}", "/{x}/{x}", "/a%20b", "/a?b"}) {
    EXPECT_THROW(router.Add("GET", pattern, handler), std::invalid_argument) << pattern;
  }
  EXPECT_THROW(router.Add("GET", "/b", RouteHandler()), std::invalid_argument);
  EXPECT_THROW(router.Add("", "/c", handler), std::invalid_argument);
}

}  // namespace
}  // namespace backplan::http
