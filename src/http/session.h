#pragma once
// Internal to the server: one TCP connection, from accept to close. Reads a
// request (with the limits and the read deadline), hands it to the worker
// pool, writes the response on the connection's strand, and repeats while
// keep-alive allows. Owns the socket; I/O errors are error_codes, never
// exceptions.
//
// Thread-safety: every member runs on the connection's strand; Start(),
// Drain() and Close() may be called from any thread (they post to it).
// SessionRegistry is safe from any thread.

#include <atomic>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/thread_pool.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/parser.hpp>
#include <chrono>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>
#include <vector>

#include "http/server.h"
#include "http/wire.h"

namespace backplan::http::detail {

class Session;

// What the sessions of one server share. Held by shared_ptr, so that it
// outlives every session whatever order the I/O context destroys them in.
struct SessionShared {
  SessionShared(ServerOptions server_options, RequestHandler request_handler,
                boost::asio::thread_pool::executor_type worker_executor,
                boost::asio::thread_pool::executor_type read_worker_executor)
      : options(std::move(server_options)),
        handler(std::move(request_handler)),
        workers(worker_executor),
        read_workers(read_worker_executor) {}

  const ServerOptions options;
  const RequestHandler handler;
  const boost::asio::thread_pool::executor_type workers;       // requests that change state
  const boost::asio::thread_pool::executor_type read_workers;  // GET and HEAD
  std::atomic<bool> stopping{false};
  // Called, from any thread, when the last session ends after `stopping`
  // was set. Set before the first session starts, never changed after.
  std::function<void()> on_drained;

  void Add(const std::shared_ptr<Session>& session);
  void Remove(Session* session);  // from ~Session
  std::vector<std::shared_ptr<Session>> Live();

 private:
  std::mutex mutex_;
  std::unordered_map<Session*, std::weak_ptr<Session>> live_;  // guarded by mutex_
};

class Session : public std::enable_shared_from_this<Session> {
 public:
  Session(boost::asio::ip::tcp::socket&& socket, std::shared_ptr<SessionShared> shared);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  void Start();
  // Let the request in flight finish (answered with Connection: close),
  // then close; an idle connection closes now.
  void Drain();
  void Close();

 private:
  using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;
  using Clock = std::chrono::steady_clock;
  using ErrorCode = boost::beast::error_code;
  enum class State { idle, reading, processing, writing, closing, closed };

  void AwaitRequest();
  void OnReadable(ErrorCode ec);
  void ReadHeader();
  void OnHeader(ErrorCode ec, std::size_t bytes);
  void OnContinueWritten(ErrorCode ec, std::size_t bytes);
  void ReadBody();
  void OnBody(ErrorCode ec, std::size_t bytes);
  void OnReadError(ErrorCode ec);
  void Process();
  void Respond(Response response);
  void Reject(int status, std::string_view detail);
  void OnWrite(ErrorCode ec, std::size_t bytes);
  void CloseGently();
  void DiscardInput();
  void CloseNow();

  std::shared_ptr<SessionShared> shared_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  boost::asio::steady_timer idle_timer_;
  std::optional<Parser> parser_;
  std::optional<wire::BeastResponse> response_;
  std::optional<boost::beast::http::response<boost::beast::http::empty_body>> continue_;
  std::string remote_address_;

  State state_ = State::idle;
  bool first_request_ = true;
  bool draining_ = false;
  bool keep_alive_ = false;
  bool head_request_ = false;
  bool rejected_ = false;  // answered without reading the whole request
  unsigned version_ = 11;
  std::string method_;  // of the request being answered, for metrics
  std::string route_;   // of the response being written, for metrics
  Clock::time_point read_deadline_;
  Clock::time_point started_;
  std::uint64_t discarded_bytes_ = 0;
};

}  // namespace backplan::http::detail
