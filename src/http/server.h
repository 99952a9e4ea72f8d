#pragma once
// HttpServer: HTTP/1.1 over TCP with Boost.Beast, keep-alive, hard limits and
// timeouts, for a handler that turns a Request into a Response and does no
// I/O of its own with the client.
//
// Contract:
//  - The handler runs on a worker thread pool, never on an I/O thread, so
//    that database work cannot stall other connections. One connection has
//    at most one request in the handler at a time.
//  - Limits: a header block (request line + fields) over header_limit bytes
//    answers 431, a body over body_limit bytes answers 413, an unparsable
//    request 400 (also: both Content-Length and Transfer-Encoding, a
//    Transfer-Encoding other than exactly "chunked", a target not starting
//    with '/'); each of these then closes the connection.
//  - Timeouts: a request (from the first byte, or from accepting the
//    connection for the first request) must arrive whole within
//    read_timeout; a response must be written within write_timeout; a
//    keep-alive connection idle for keep_alive_idle_timeout is closed.
//  - An exception escaping the handler answers 500 problem+json with no
//    details; so does a response with a header that is not a valid field
//    (e.g. a CR or LF in a value: header injection).
//  - Every response carries X-Content-Type-Options: nosniff,
//    Referrer-Policy: no-referrer, X-Frame-Options: DENY and, unless the
//    handler set one, Cache-Control: no-store; never a Server header. A HEAD
//    response carries the headers of the body it does not send.
//  - Every response is recorded in options.metrics (if set) by method,
//    Response::route and status.
//  - Stop is graceful: stop accepting, close idle keep-alive connections,
//    let requests in flight finish (their responses say Connection: close),
//    and after shutdown_grace close whatever is left. Threads are joined
//    before Stop()/Wait() return; a handler still running then is waited
//    for, as a thread cannot be cancelled: handlers must not block forever.
//
// Thread-safety: Start() once, from one thread. BeginStop() from any thread,
// including handlers and signal handlers run by asio. Stop() and Wait() from
// any thread except the server's own I/O and worker threads (they join
// those), and may be called concurrently and repeatedly.

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "http/access_log.h"
#include "http/message.h"
#include "http/metrics.h"

namespace backplan::http {

inline unsigned DefaultThreadCount() {
  const unsigned cores = std::thread::hardware_concurrency();
  return cores == 0 ? 1 : cores;
}

struct ServerOptions {
  std::string address = "127.0.0.1";  // numeric IPv4 or IPv6 address to listen on
  std::uint16_t port = 0;             // 0: an ephemeral port, returned by Start()
  unsigned io_threads = DefaultThreadCount();
  // Handlers run off the I/O threads, on two pools: requests that change
  // state (they mostly wait on a durable commit, so more threads than cores
  // let commits group up) and safe ones (GET, HEAD: CPU-bound, so one thread
  // per core and no more context switches than needed).
  unsigned worker_threads = DefaultThreadCount();
  unsigned read_worker_threads = DefaultThreadCount();
  std::size_t header_limit = 8192;     // bytes: request line + header fields + blank line
  std::uint64_t body_limit = 1 << 20;  // bytes of body, after removing chunked framing
  std::chrono::milliseconds read_timeout{10'000};
  std::chrono::milliseconds write_timeout{10'000};
  std::chrono::milliseconds keep_alive_idle_timeout{30'000};
  std::chrono::milliseconds shutdown_grace{10'000};
  Metrics* metrics = nullptr;       // not owned, must outlive the server; null: nothing recorded
  AccessLog* access_log = nullptr;  // not owned, must outlive the server; null: no lines
};

using RequestHandler = std::function<Response(const Request&)>;

class HttpServer {
 public:
  HttpServer(ServerOptions options, RequestHandler handler);
  ~HttpServer();  // Stop()s a running server
  HttpServer(const HttpServer&) = delete;
  HttpServer& operator=(const HttpServer&) = delete;

  // Binds, listens and starts the threads; returns the bound port. Throws
  // std::runtime_error naming the address and the reason when it cannot
  // listen (address in use, not an IP address, …), std::logic_error when
  // called twice.
  std::uint16_t Start();

  // Starts a graceful stop and returns at once. Idempotent.
  void BeginStop();
  // Blocks until the server has stopped (after BeginStop(), Stop() or a
  // signal from InstallSignalStop) and its threads are joined. Returns at
  // once if it was never started.
  void Wait();
  // BeginStop() then Wait().
  void Stop();

  // True on one of this server's I/O threads; lets handlers and tests
  // assert that they never run there.
  bool IsIoThread() const;

 private:
  friend void InstallSignalStop(HttpServer& server);
  class Impl;
  std::unique_ptr<Impl> impl_;
};

// SIGINT or SIGTERM → server.BeginStop(), so that Wait() in main returns
// after a graceful stop. Call after Start(); while installed, those signals
// no longer end the process by themselves.
void InstallSignalStop(HttpServer& server);

}  // namespace backplan::http
