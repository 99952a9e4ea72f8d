// The server's limits and framing checks (docs/SECURITY §3–4): oversized
// bodies and headers, malformed requests, request smuggling, slow clients.
// Each case is a raw byte stream a well-behaved client would never send.

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>
#include <thread>

#include "http/raw_client.h"
#include "http/server.h"
#include "http/test_server.h"

namespace backplan::http {
namespace {

using namespace std::chrono_literals;
using nlohmann::json;
using testing::Get;
using testing::Post;
using testing::RawConnection;
using testing::TestOptions;
using testing::TestServer;
using Clock = std::chrono::steady_clock;

Response BodySize(const Request& request) {
  return Response::Json(200, json{{"bytes", request.body.size()}});
}

// Sends `bytes`, expects one problem response with `status`, then the close.
void ExpectRejected(std::uint16_t port, const std::string& bytes, int status) {
  RawConnection connection(port);
  ASSERT_TRUE(connection.connected());
  connection.Send(bytes);  // may fail part-way once the server has answered
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response.has_value()) << "no response";
  EXPECT_EQ(response->status, status);
  EXPECT_EQ(response->headers["content-type"], "application/problem+json");
  EXPECT_EQ(response->headers["connection"], "close");
  EXPECT_EQ(json::parse(response->body)["status"], status);
  connection.ShutdownWrite();
  EXPECT_TRUE(connection.WaitClosed()) << "the connection stayed open";
}

std::string HeaderBlockOfSize(std::size_t total) {
  // "GET / HTTP/1.1\r\n" + "X-Fill: …\r\n" + "\r\n"
  const std::string start = "GET / HTTP/1.1\r\n";
  const std::size_t fixed = start.size() + std::string("X-Fill: \r\n\r\n").size();
  return start + "X-Fill: " + std::string(total - fixed, 'a') + "\r\n\r\n";
}

TEST(HttpServerLimitsTest, BodyAtTheLimitIsServed) {
  TestServer server(BodySize);
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.Send(Post("/b", std::string(1 << 20, 'x'))));
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(json::parse(response->body)["bytes"], 1 << 20);
}

TEST(HttpServerLimitsTest, BodyOverTheLimitIs413ThenClose) {
  TestServer server(BodySize);
  ExpectRejected(server.port(), Post("/b", std::string((1 << 20) + 1, 'x')), 413);
}

TEST(HttpServerLimitsTest, ChunkedBodyOverTheLimitIs413) {
  ServerOptions options = TestOptions();
  options.body_limit = 1000;
  TestServer server(options, BodySize);
  std::string request = "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
  for (int chunk_idx = 0; chunk_idx < 3; ++chunk_idx) {
    request += "190\r\n" + std::string(400, 'x') + "\r\n";  // 3 × 400 bytes > 1000
  }
  ExpectRejected(server.port(), request, 413);
}

TEST(HttpServerLimitsTest, ChunkedBodyWithoutFinalChunkTimesOut) {
  ServerOptions options = TestOptions();
  options.read_timeout = 300ms;
  TestServer server(options, BodySize);
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.Send(
      "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n"));
  const auto before = Clock::now();
  EXPECT_TRUE(connection.WaitClosed());
  EXPECT_LT(Clock::now() - before, 2s);
}

TEST(HttpServerLimitsTest, HeaderBlockOfExactly8192BytesIsServed) {
  TestServer server(BodySize);
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.Send(HeaderBlockOfSize(8192)));
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
}

TEST(HttpServerLimitsTest, HeaderBlockOf8193BytesIs431ThenClose) {
  TestServer server(BodySize);
  ExpectRejected(server.port(), HeaderBlockOfSize(8193), 431);
}

TEST(HttpServerLimitsTest, TenThousandHeaderLinesAre431) {
  TestServer server(BodySize);
  std::string request = "GET / HTTP/1.1\r\n";
  for (int line_idx = 0; line_idx < 10'000; ++line_idx) {
    request += "X: y\r\n";
  }
  ExpectRejected(server.port(), request + "\r\n", 431);
}

TEST(HttpServerLimitsTest, OverlongRequestLineIs431) {
  TestServer server(BodySize);
  ExpectRejected(server.port(), Get("/" + std::string(9000, 'a')), 431);
}

TEST(HttpServerLimitsTest, MalformedRequestsAre400ThenClose) {
  TestServer server(BodySize);
  for (const char* bytes : {
           "GET / HTTP/9.9\r\nHost: x\r\n\r\n",      // unknown version
           "GET /\r\n\r\n",                          // HTTP/0.9 style
           "G(T / HTTP/1.1\r\nHost: x\r\n\r\n",      // not a method token
           "GET /a b HTTP/1.1\r\nHost: x\r\n\r\n",   // space in the target
           "GET / HTTP/1.1\r\nBad Name: x\r\n\r\n",  // space in a field name
           "GET / HTTP/1.1\r\nX: a\rb\r\n\r\n",      // bare CR in a value
           "GET / HTTP/1.1\r\nContent-Length: -1\r\n\r\n",
           "GET / HTTP/1.1\r\nContent-Length: 1, 2\r\n\r\n",
           "GET http://evil.example/ HTTP/1.1\r\nHost: x\r\n\r\n",  // absolute form
           "OPTIONS * HTTP/1.1\r\nHost: x\r\n\r\n",
       }) {
    SCOPED_TRACE(bytes);
    ExpectRejected(server.port(), bytes, 400);
  }
}

TEST(HttpServerLimitsTest, ContentLengthWithTransferEncodingIs400) {
  TestServer server(BodySize);
  // Both orders, and CL: 0 (cpp-httplib CVE-2026-34441 and PR #2516).
  ExpectRejected(server.port(),
                 "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nTransfer-Encoding: "
                 "chunked\r\n\r\n0\r\n\r\n",
                 400);
  ExpectRejected(server.port(),
                 "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\nContent-Length: "
                 "5\r\n\r\n0\r\n\r\n",
                 400);
  ExpectRejected(server.port(),
                 "POST /b HTTP/1.1\r\nHost: x\r\nContent-Length: 0\r\nTransfer-Encoding: "
                 "chunked\r\n\r\n0\r\n\r\n",
                 400);
}

TEST(HttpServerLimitsTest, TransferEncodingOtherThanChunkedIs400) {
  TestServer server(BodySize);
  // Beast 1.74 reads these as "no body": the body would become the next
  // request on the connection.
  for (const char* coding : {"gzip", "chunked, chunked", "gzip, chunked", "identity"}) {
    SCOPED_TRACE(coding);
    ExpectRejected(server.port(),
                   std::string("POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: ") + coding +
                       "\r\n\r\nGET /smuggled HTTP/1.1\r\nHost: x\r\n\r\n",
                   400);
  }
  ExpectRejected(server.port(),
                 "POST /b HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\nTransfer-Encoding: "
                 "chunked\r\n\r\n0\r\n\r\n",
                 400);
}

TEST(HttpServerLimitsTest, SlowHeadersAreCutOffAtTheReadTimeout) {
  ServerOptions options = TestOptions();
  options.read_timeout = 300ms;
  TestServer server(options, BodySize);
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.Send("GET / HTTP/1.1\r\nHost: loc"));  // half the headers
  std::this_thread::sleep_for(600ms);
  connection.Send("alhost\r\n\r\n");  // too late
  EXPECT_TRUE(connection.WaitClosed());
  EXPECT_FALSE(connection.ReadResponse().has_value());
}

TEST(HttpServerLimitsTest, TricklingBytesDoesNotExtendTheDeadline) {
  ServerOptions options = TestOptions();
  options.read_timeout = 500ms;
  TestServer server(options, BodySize);
  RawConnection connection(server.port());
  const std::string request = Get("/");
  const auto before = Clock::now();
  bool open = true;
  for (std::size_t byte_idx = 0; byte_idx + 4 < request.size() && open; ++byte_idx) {
    open = connection.Send(request.substr(byte_idx, 1));
    std::this_thread::sleep_for(50ms);
    open = open && Clock::now() - before < 3s;
  }
  EXPECT_TRUE(connection.WaitClosed());
  EXPECT_LT(Clock::now() - before, 2s);
}

TEST(HttpServerLimitsTest, SilentConnectionIsClosedAtTheReadTimeout) {
  ServerOptions options = TestOptions();
  options.read_timeout = 300ms;
  TestServer server(options, BodySize);
  RawConnection connection(server.port());
  const auto before = Clock::now();
  EXPECT_TRUE(connection.WaitClosed());
  EXPECT_GE(Clock::now() - before, 250ms);
  EXPECT_LT(Clock::now() - before, 2s);
}

TEST(HttpServerLimitsTest, IdleKeepAliveConnectionIsClosed) {
  ServerOptions options = TestOptions();
  options.keep_alive_idle_timeout = 300ms;
  TestServer server(options, BodySize);
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.Send(Get("/")));
  ASSERT_TRUE(connection.ReadResponse().has_value());
  const auto before = Clock::now();
  EXPECT_TRUE(connection.WaitClosed());
  EXPECT_LT(Clock::now() - before, 2s);
}

TEST(HttpServerLimitsTest, ConnectionCloseIsHonoured) {
  TestServer server(BodySize);
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.Send(Get("/", "Connection: close\r\n")));
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->headers["connection"], "close");
  EXPECT_TRUE(connection.WaitClosed());
}

}  // namespace
}  // namespace backplan::http
