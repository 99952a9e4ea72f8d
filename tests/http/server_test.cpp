// HttpServer over real sockets on 127.0.0.1: keep-alive, the worker pool,
// graceful stop, failures of handlers, headers on every response, metrics.

#include "http/server.h"

#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <atomic>
#include <future>
#include <nlohmann/json.hpp>
#include <stdexcept>
#include <thread>

#include "http/raw_client.h"
#include "http/router.h"
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

Response Echo(const Request& request) {
  return Response::Json(200, json{{"method", request.method},
                                  {"path", request.path},
                                  {"query", request.query},
                                  {"body", request.body},
                                  {"remote", request.remote_address},
                                  {"header", request.Header("x-probe").value_or("")}});
}

TEST(HttpServerTest, GetThenPostOnOneKeepAliveConnection) {
  TestServer server(Echo);
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.connected());

  ASSERT_TRUE(connection.Send(Get("/a/b?x=1", "X-Probe: yes\r\n")));
  auto first = connection.ReadResponse();
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->status, 200);
  EXPECT_EQ(first->headers["content-type"], "application/json");
  EXPECT_NE(first->headers["connection"], "close");
  json body = json::parse(first->body);
  EXPECT_EQ(body["method"], "GET");
  EXPECT_EQ(body["path"], "/a/b");
  EXPECT_EQ(body["query"], "x=1");
  EXPECT_EQ(body["header"], "yes");
  EXPECT_EQ(body["remote"], "127.0.0.1");

  ASSERT_TRUE(connection.Send(Post("/items", R"({"n":1})")));
  auto second = connection.ReadResponse();
  ASSERT_TRUE(second.has_value());
  EXPECT_EQ(second->status, 200);
  EXPECT_EQ(json::parse(second->body)["body"], R"({"n":1})");
}

TEST(HttpServerTest, PipelinedRequestsAreAnsweredInOrder) {
  TestServer server(Echo);
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.Send(Get("/one") + Get("/two")));
  auto first = connection.ReadResponse();
  auto second = connection.ReadResponse();
  ASSERT_TRUE(first && second);
  EXPECT_EQ(json::parse(first->body)["path"], "/one");
  EXPECT_EQ(json::parse(second->body)["path"], "/two");
}

TEST(HttpServerTest, ChunkedBodyAndExpectContinue) {
  TestServer server(Echo);
  RawConnection connection(server.port());
  ASSERT_TRUE(
      connection.Send("POST /c HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: "
                      "chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n"));
  auto chunked = connection.ReadResponse();
  ASSERT_TRUE(chunked.has_value());
  EXPECT_EQ(json::parse(chunked->body)["body"], "abcde");

  ASSERT_TRUE(connection.Send(
      "POST /e HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nExpect: 100-continue\r\n\r\n"));
  auto interim = connection.ReadResponse();
  ASSERT_TRUE(interim.has_value());
  EXPECT_EQ(interim->status, 100);
  ASSERT_TRUE(connection.Send("hi"));
  auto final_response = connection.ReadResponse();
  ASSERT_TRUE(final_response.has_value());
  EXPECT_EQ(json::parse(final_response->body)["body"], "hi");
}

TEST(HttpServerTest, HandlerRunsOffTheIoThreads) {
  ServerOptions options = TestOptions();
  options.io_threads = 1;  // if a handler ran on it, the slow one would block the fast one
  options.worker_threads = 2;
  HttpServer* server_pointer = nullptr;
  std::atomic<int> on_io_thread{0};
  std::promise<void> slow_started;
  TestServer server(options, [&](const Request& request) {
    if (server_pointer->IsIoThread()) {
      ++on_io_thread;
    }
    if (request.path == "/slow") {
      slow_started.set_value();
      std::this_thread::sleep_for(800ms);
    }
    return Response::Json(200, json{{"path", request.path}});
  });
  server_pointer = &server.server();

  RawConnection slow(server.port());
  ASSERT_TRUE(slow.Send(Get("/slow")));
  ASSERT_EQ(slow_started.get_future().wait_for(3s), std::future_status::ready);

  const auto before = Clock::now();
  RawConnection fast(server.port());
  ASSERT_TRUE(fast.Send(Get("/fast")));
  auto fast_response = fast.ReadResponse();
  ASSERT_TRUE(fast_response.has_value());
  EXPECT_LT(Clock::now() - before, 500ms) << "the fast request waited for the slow handler";

  auto slow_response = slow.ReadResponse();
  ASSERT_TRUE(slow_response.has_value());
  EXPECT_EQ(slow_response->status, 200);
  EXPECT_EQ(on_io_thread.load(), 0);
  EXPECT_FALSE(server.server().IsIoThread());  // the test thread is not one either
}

TEST(HttpServerTest, GracefulStopLetsTheRequestInFlightFinish) {
  std::promise<void> started;
  auto server = std::make_unique<HttpServer>(TestOptions(), [&](const Request&) {
    started.set_value();
    std::this_thread::sleep_for(500ms);
    return Response::Json(200, json{{"done", true}});
  });
  const std::uint16_t port = server->Start();

  RawConnection idle(port);  // an idle keep-alive connection: closed at once
  RawConnection busy(port);
  ASSERT_TRUE(busy.Send(Get("/work")));
  ASSERT_EQ(started.get_future().wait_for(3s), std::future_status::ready);

  const auto stop_began = Clock::now();
  std::thread stopper([&server] { server->Stop(); });
  auto response = busy.ReadResponse();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 200);
  EXPECT_EQ(response->headers["connection"], "close");
  EXPECT_TRUE(idle.WaitClosed());
  stopper.join();
  EXPECT_LT(Clock::now() - stop_began, 2s) << "Stop waited for the grace period";

  RawConnection after(port);
  EXPECT_FALSE(after.connected() && after.Send(Get("/")) && after.ReadResponse().has_value());
}

TEST(HttpServerTest, StopClosesWhatIsLeftAfterTheGracePeriod) {
  ServerOptions options = TestOptions();
  options.shutdown_grace = 300ms;
  options.read_timeout = 10s;
  TestServer server(options, Echo);
  RawConnection half(server.port());
  ASSERT_TRUE(half.Send("GET / HTTP/1.1\r\nHost:"));  // mid-request: not idle
  std::this_thread::sleep_for(100ms);
  const auto before = Clock::now();
  server.server().Stop();
  EXPECT_TRUE(half.WaitClosed());
  EXPECT_LT(Clock::now() - before, 2s);
}

TEST(HttpServerTest, HandlerExceptionIs500ProblemWithoutDetails) {
  TestServer server([](const Request&) -> Response {
    throw std::runtime_error("db error: SELECT * FROM clients WHERE name='Jane Doe'");
  });
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.Send(Get("/x")));
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 500);
  EXPECT_EQ(response->headers["content-type"], "application/problem+json");
  EXPECT_EQ(response->body.find("Jane"), std::string::npos);
  EXPECT_EQ(response->body.find("SELECT"), std::string::npos);
  EXPECT_EQ(json::parse(response->body)["status"], 500);
  // The connection survives a failed handler.
  ASSERT_TRUE(connection.Send(Get("/x")));
  EXPECT_TRUE(connection.ReadResponse().has_value());
}

TEST(HttpServerTest, SecurityHeadersOnEveryResponseAndNoServerHeader) {
  Router router;
  router.Add("GET", "/plain",
             [](const Request&, const PathParams&) { return Response::Json(200, json::object()); });
  router.Add("GET", "/cached", [](const Request&, const PathParams&) {
    Response response = Response::Json(200, json::object());
    response.SetHeader("Cache-Control", "private, max-age=60");
    response.SetHeader("Server", "leaky/1.0");
    return response;
  });
  TestServer server([&router](const Request& request) { return router.Handle(request); });
  RawConnection connection(server.port());
  for (const char* path : {"/plain", "/cached", "/missing"}) {
    ASSERT_TRUE(connection.Send(Get(path)));
    auto response = connection.ReadResponse();
    ASSERT_TRUE(response.has_value()) << path;
    EXPECT_EQ(response->headers["x-content-type-options"], "nosniff") << path;
    EXPECT_EQ(response->headers["referrer-policy"], "no-referrer") << path;
    EXPECT_EQ(response->headers["x-frame-options"], "DENY") << path;
    EXPECT_EQ(response->headers["cache-control"],
              std::string(path) == "/cached" ? "private, max-age=60" : "no-store")
        << path;
    EXPECT_FALSE(response->has("server")) << path;
  }
}

TEST(HttpServerTest, HeaderInjectionFromAHandlerBecomes500) {
  TestServer server([](const Request& request) {
    Response response = Response::Json(200, json::object());
    response.SetHeader("Location", "/next\r\nSet-Cookie: session=stolen");
    response.route = request.path;
    return response;
  });
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.Send(Get("/x")));
  auto response = connection.ReadResponse();
  ASSERT_TRUE(response.has_value());
  EXPECT_EQ(response->status, 500);
  EXPECT_FALSE(response->has("set-cookie"));
  EXPECT_FALSE(response->has("location"));
}

TEST(HttpServerTest, HeadSendsHeadersWithoutTheBody) {
  TestServer server(Echo);
  RawConnection connection(server.port());
  ASSERT_TRUE(connection.Send("HEAD /h HTTP/1.1\r\nHost: x\r\n\r\n" + Get("/after")));
  // Read the HEAD answer's header only: its Content-Length describes a body
  // that must not follow.
  auto head = connection.ReadResponse();
  ASSERT_TRUE(head.has_value());
  EXPECT_EQ(head->status, 200);
  EXPECT_NE(head->headers["content-length"], "0");
  // ReadResponse consumed Content-Length bytes as the "body": they must be
  // the next response, proving the server sent no body.
  EXPECT_TRUE(head->body.starts_with("HTTP/1.1 200"));
}

TEST(HttpServerTest, RecordsMetricsByRouteTemplate) {
  Metrics metrics;
  Router router;
  router.Add("GET", "/api/v1/clients/{id}",
             [](const Request&, const PathParams&) { return Response::Json(200, json::object()); });
  ServerOptions options = TestOptions();
  options.metrics = &metrics;
  TestServer server(options, [&router](const Request& request) { return router.Handle(request); });
  RawConnection connection(server.port());
  for (const char* path : {"/api/v1/clients/7", "/api/v1/clients/8", "/nowhere"}) {
    ASSERT_TRUE(connection.Send(Get(path)));
    ASSERT_TRUE(connection.ReadResponse().has_value());
  }
  // A request is recorded once its response is written, which can be just
  // after the client has read it.
  std::string text;
  const auto deadline = Clock::now() + 3s;
  while (Clock::now() < deadline) {
    text = metrics.RenderPrometheus();
    if (text.find("route=\"unmatched\",status=\"404\"} 1") != std::string::npos) {
      break;
    }
    std::this_thread::sleep_for(10ms);
  }
  EXPECT_NE(text.find("http_requests_total{method=\"GET\",route=\"/api/v1/clients/{id}\","
                      "status=\"200\"} 2\n"),
            std::string::npos)
      << text;
  EXPECT_NE(text.find("http_requests_total{method=\"GET\",route=\"unmatched\",status=\"404\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("http_request_duration_seconds_count{route=\"/api/v1/clients/{id}\"} 2\n"),
            std::string::npos);
  EXPECT_NE(text.find("http_request_duration_seconds_bucket{route=\"/api/v1/clients/{id}\","
                      "le=\"+Inf\"} 2\n"),
            std::string::npos);
  EXPECT_EQ(text.find("/api/v1/clients/7"), std::string::npos) << "an id leaked into a label";
}

TEST(HttpServerTest, SignalStopsGracefully) {
  auto server = std::make_unique<HttpServer>(TestOptions(), Echo);
  server->Start();
  InstallSignalStop(*server);
  std::promise<void> waited;
  std::thread waiter([&] {
    server->Wait();
    waited.set_value();
  });
  ::kill(::getpid(), SIGTERM);
  EXPECT_EQ(waited.get_future().wait_for(5s), std::future_status::ready);
  waiter.join();
}

TEST(HttpServerTest, StartReportsWhyItCannotListen) {
  HttpServer first(TestOptions(), Echo);
  const std::uint16_t port = first.Start();
  ServerOptions same_port = TestOptions();
  same_port.port = port;
  HttpServer second(same_port, Echo);
  try {
    second.Start();
    FAIL() << "a second server listened on the same port";
  } catch (const std::runtime_error& error) {
    EXPECT_NE(std::string(error.what()).find(std::to_string(port)), std::string::npos);
  }
  ServerOptions bad_address = TestOptions();
  bad_address.address = "localhost:80";
  HttpServer third(bad_address, Echo);
  EXPECT_THROW(third.Start(), std::runtime_error);
  EXPECT_THROW(first.Start(), std::logic_error);
}

TEST(HttpServerTest, StopAndWaitWithoutStartReturn) {
  HttpServer server(TestOptions(), Echo);
  server.Stop();
  server.Wait();
}

}  // namespace
}  // namespace backplan::http
