#pragma once
// Starts an HttpServer on 127.0.0.1 and an ephemeral port for one test, with
// short limits so that every test ends within seconds, and stops it at the
// end of the scope.

#include <chrono>
#include <functional>
#include <memory>

#include "http/server.h"

namespace backplan::http::testing {

inline ServerOptions TestOptions() {
  ServerOptions options;
  options.io_threads = 2;
  options.worker_threads = 2;
  options.read_timeout = std::chrono::seconds(3);
  options.write_timeout = std::chrono::seconds(3);
  options.keep_alive_idle_timeout = std::chrono::seconds(3);
  options.shutdown_grace = std::chrono::seconds(3);
  return options;
}

class TestServer {
 public:
  TestServer(ServerOptions options, RequestHandler handler)
      : server_(std::make_unique<HttpServer>(std::move(options), std::move(handler))) {
    port_ = server_->Start();
  }
  explicit TestServer(RequestHandler handler) : TestServer(TestOptions(), std::move(handler)) {}
  ~TestServer() { server_->Stop(); }

  std::uint16_t port() const { return port_; }
  HttpServer& server() { return *server_; }

 private:
  std::unique_ptr<HttpServer> server_;
  std::uint16_t port_ = 0;
};

}  // namespace backplan::http::testing
