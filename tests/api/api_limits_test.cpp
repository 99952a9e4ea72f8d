// The request limits of the real binary (SECURITY §3 "Slow and oversized
// requests"; issue 3 "Tests for the limits"): oversized body and header block,
// malformed JSON, wrong content type, an invalid intake, a slow client.

#include <gtest/gtest.h>

#include <chrono>
#include <cstdio>
#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "support/api_helpers.h"
#include "support/http_client.h"
#include "support/server_process.h"

namespace backplan::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr std::size_t kBodyLimit = 1 << 20;  // 1 MiB, http::ServerOptions::body_limit
constexpr std::size_t kHeaderLimit = 8192;   // http::ServerOptions::header_limit

class ApiLimitsTest : public ::testing::Test {
 protected:
  // Sends raw bytes and reads the one response the server gives before
  // closing.
  HttpResponse SendRaw(const std::string& bytes) {
    RawSocket socket(server_.port());
    socket.SendAll(bytes);  // may stop early once the server has answered
    std::string raw;
    socket.ReadToEnd(raw);
    return ParseResponse(raw);
  }

  // "POST /api/v1/sessions" with a header block of exactly `total` bytes.
  static std::string HeaderBlockOfSize(std::size_t total) {
    const std::string start = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
    const std::string end = "Connection: close\r\n\r\n";
    const std::size_t fixed = start.size() + end.size() + std::string("X-Fill: \r\n").size();
    return start + "X-Fill: " + std::string(total - fixed, 'a') + "\r\n" + end;
  }

  static void ExpectProblem(const HttpResponse& response, int status) {
    EXPECT_EQ(response.status, status) << response.body;
    EXPECT_EQ(response.ContentType(), "application/problem+json");
    const auto body = response.Json();
    ASSERT_FALSE(body.is_discarded()) << response.body;
    EXPECT_EQ(body["status"], status);
    EXPECT_TRUE(body["title"].is_string());
  }

  ServerProcess server_;
  HttpClient http_ = server_.client();
};

TEST_F(ApiLimitsTest, BodyOverOneMebibyteIs413) {
  HttpRequest request{"POST", "/api/v1/sessions", {}, std::nullopt};
  request.JsonText(std::string(kBodyLimit + 1, ' '));
  const auto response = http_.Send(request);
  ExpectProblem(response, 413);

  // At the limit the body is read and judged on its content instead.
  HttpRequest at_limit{"POST", "/api/v1/sessions", {}, std::nullopt};
  at_limit.JsonText(std::string(kBodyLimit, ' '));
  ExpectProblem(http_.Send(at_limit), 400);

  // The same for an authenticated intake upload.
  const auto therapist = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  ExpectProblem(SubmitIntake(http_, therapist.token, 1, std::string(kBodyLimit + 1, ' ')), 413);

  // Chunked framing does not get around the limit.
  std::string chunked =
      "POST /api/v1/sessions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
      "Transfer-Encoding: chunked\r\nConnection: close\r\n\r\n";
  const std::string piece(64 * 1024, ' ');
  char size_line[32];
  std::snprintf(size_line, sizeof size_line, "%zx\r\n", piece.size());
  for (std::size_t sent = 0; sent <= kBodyLimit; sent += piece.size())
    chunked += size_line + piece + "\r\n";
  chunked += "0\r\n\r\n";
  ExpectProblem(SendRaw(chunked), 413);
}

TEST_F(ApiLimitsTest, HeaderBlockOver8KiBIs431) {
  const auto fits = SendRaw(HeaderBlockOfSize(kHeaderLimit));
  EXPECT_EQ(fits.status, 200) << fits.body;
  ExpectProblem(SendRaw(HeaderBlockOfSize(kHeaderLimit + 1)), 431);
  ExpectProblem(SendRaw(HeaderBlockOfSize(64 * 1024)), 431);

  // Many small header lines count together.
  std::string many = "GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (int i = 0; i < 10'000; ++i)
    many += "X-" + std::to_string(i) + ": a\r\n";
  many += "Connection: close\r\n\r\n";
  ExpectProblem(SendRaw(many), 431);

  // The server still serves afterwards.
  EXPECT_EQ(http_.Get("/healthz").status, 200);
}

TEST_F(ApiLimitsTest, MalformedJsonIs400NamingTheRoot) {
  for (const std::string body : {"{\"email\": ", "not json", "", "{\"email\":\"a@b\",}", "\xff"}) {
    HttpRequest request{"POST", "/api/v1/sessions", {}, std::nullopt};
    request.JsonText(body);
    const auto response = http_.Send(request);
    ExpectProblem(response, 400);
    const auto problem = response.Json();
    ASSERT_TRUE(problem["errors"].is_array()) << response.body;
    ASSERT_FALSE(problem["errors"].empty()) << response.body;
    EXPECT_EQ(problem["errors"][0]["path"], "(root)") << "body: " << body;
    EXPECT_TRUE(problem["errors"][0]["reason"].is_string());
  }
  // Valid JSON without the fields names the field.
  const auto missing = http_.PostJson("/api/v1/sessions", {{"email", "a@b.test"}});
  ExpectProblem(missing, 400);
  EXPECT_EQ(missing.Json()["errors"][0]["path"], "password");
}

TEST_F(ApiLimitsTest, WrongContentTypeIs415) {
  for (const std::string type : {"text/plain", "application/x-www-form-urlencoded",
                                 "multipart/form-data; boundary=x", "application/jso"}) {
    HttpRequest request{"POST",
                        "/api/v1/sessions",
                        {{"Content-Type", type}},
                        json{{"email", kDemoAdmin}, {"password", kDemoAdminPassword}}.dump()};
    ExpectProblem(http_.Send(request), 415);
  }
  HttpRequest none{"POST",
                   "/api/v1/sessions",
                   {},
                   json{{"email", kDemoAdmin}, {"password", kDemoAdminPassword}}.dump()};
  ExpectProblem(http_.Send(none), 415);

  const auto therapist = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  HttpRequest intake{"POST",
                     "/api/v1/clients/1/assessments",
                     {{"Content-Type", "text/plain"}},
                     ReadSourceFile("examples/chronic-localized.json")};
  intake.Bearer(therapist.token);
  ExpectProblem(http_.Send(intake), 415);
}

// Media type names are case-insensitive and may carry parameters (RFC 9110
// §8.3.1): these all name JSON.
TEST_F(ApiLimitsTest, JsonMediaTypeIsMatchedCaseInsensitively) {
  for (const std::string type :
       {"application/json; charset=utf-8", "Application/JSON", "application/json;charset=UTF-8"}) {
    HttpRequest request{"POST",
                        "/api/v1/sessions",
                        {{"Content-Type", type}},
                        json{{"email", kDemoAdmin}, {"password", kDemoAdminPassword}}.dump()};
    const auto response = http_.Send(request);
    EXPECT_EQ(response.status, 201) << type << ": " << response.body;
  }
}

TEST_F(ApiLimitsTest, InvalidIntakeIs400WithFieldPaths) {
  const auto therapist = Login(http_, kDemoTherapist, kDemoTherapistPassword);
  auto intake = ExampleIntake();
  intake["pain"]["nprs"]["now"] = 12;
  intake["stress"] = "high";
  const auto response = SubmitIntake(http_, therapist.token, 1, intake.dump());
  ExpectProblem(response, 400);
  std::set<std::string> paths;
  const auto problem = response.Json();
  for (const auto& error : problem["errors"]) {
    paths.insert(error["path"].get<std::string>());
    EXPECT_TRUE(error["reason"].is_string());
  }
  EXPECT_TRUE(paths.contains("pain.nprs.now")) << response.body;
  EXPECT_TRUE(paths.contains("stress")) << response.body;
  // No health data is echoed back beyond the reasons.
  EXPECT_EQ(response.body.find("tie shoes"), std::string::npos);

  // Nothing was stored.
  const auto history = http_.Get("/api/v1/clients/1/assessments", therapist.bearer());
  ASSERT_EQ(history.status, 200);
  EXPECT_EQ(history.Json()["items"].size(), 1u);

  // Not JSON at all: (root).
  const auto garbage = SubmitIntake(http_, therapist.token, 1, "{]");
  ExpectProblem(garbage, 400);
  ASSERT_FALSE(garbage.Json()["errors"].empty()) << garbage.body;
  EXPECT_EQ(garbage.Json()["errors"][0]["path"], "(root)");
}

// The server's read timeout is 10 s (http::ServerOptions::read_timeout) and
// `backplan serve` has no flag to shorten it, so this test takes ~10 s.
TEST_F(ApiLimitsTest, SlowClientIsDisconnected) {
  RawSocket slow(server_.port(), 14s);
  const auto start = std::chrono::steady_clock::now();
  ASSERT_TRUE(slow.SendAll("GET /heal"));  // half a request line, then nothing
  // Meanwhile other clients are served.
  EXPECT_EQ(http_.Get("/healthz").status, 200);
  std::string received;
  const bool closed = slow.WaitClosed(&received);
  const auto waited = std::chrono::steady_clock::now() - start;
  EXPECT_TRUE(closed) << "the slow connection was still open after 14 s";
  EXPECT_GE(waited, 9s);
  EXPECT_LE(waited, 13s);
  EXPECT_EQ(http_.Get("/healthz").status, 200);
}

}  // namespace
}  // namespace backplan::testing
