#include "http/session.h"

#include <algorithm>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/execution.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/bind_handler.hpp>
#include <boost/beast/core/string.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <cstdint>

namespace backplan::http::detail {

namespace net = boost::asio;
namespace beast = boost::beast;
namespace beast_http = boost::beast::http;

namespace {

// After an error response the client may still be sending (a body over the
// limit): closing with unread bytes makes the kernel send RST, and the
// client may lose the response. So the write side is shut and input is
// read and dropped for a while, up to a bound.
constexpr std::chrono::milliseconds kLingerTime{2000};
constexpr std::uint64_t kLingerExtraBytes = 64 * 1024;

Response InvokeHandler(const RequestHandler& handler, const Request& request) {
  try {
    return handler(request);
  } catch (...) {
    // The server's boundary: nothing about the failure reaches the client.
    return InternalServerError();
  }
}

}  // namespace

void SessionShared::Add(const std::shared_ptr<Session>& session) {
  std::lock_guard lock(mutex_);
  live_.emplace(session.get(), session);
}

void SessionShared::Remove(Session* session) {
  bool drained = false;
  {
    std::lock_guard lock(mutex_);
    live_.erase(session);
    drained = live_.empty() && stopping.load();
  }
  if (drained && on_drained) {
    on_drained();
  }
}

std::vector<std::shared_ptr<Session>> SessionShared::Live() {
  std::vector<std::shared_ptr<Session>> sessions;
  std::lock_guard lock(mutex_);
  for (const auto& [pointer, weak] : live_) {
    if (auto session = weak.lock()) {
      sessions.push_back(std::move(session));
    }
  }
  return sessions;
}

Session::Session(net::ip::tcp::socket&& socket, std::shared_ptr<SessionShared> shared)
    : shared_(std::move(shared)), stream_(std::move(socket)), idle_timer_(stream_.get_executor()) {
  ErrorCode ec;
  const auto endpoint = stream_.socket().remote_endpoint(ec);
  if (!ec) {
    remote_address_ = endpoint.address().to_string();
  }
}

Session::~Session() {
  shared_->Remove(this);
}

void Session::Start() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->read_deadline_ = Clock::now() + self->shared_->options.read_timeout;
    self->AwaitRequest();
  });
}

void Session::Drain() {
  net::post(stream_.get_executor(), [self = shared_from_this()] {
    self->draining_ = true;
    if (self->state_ == State::idle) {
      self->CloseNow();
    }
  });
}

void Session::Close() {
  net::post(stream_.get_executor(), [self = shared_from_this()] { self->CloseNow(); });
}

// Waits for the first byte of the next request without a read operation, so
// that an idle keep-alive connection has its own (longer) timeout and can be
// told apart from one in the middle of a request when the server drains.
void Session::AwaitRequest() {
  if (draining_ || state_ == State::closed) {
    CloseNow();
    return;
  }
  parser_.emplace();
  parser_->header_limit(
      static_cast<std::uint32_t>(std::min<std::size_t>(shared_->options.header_limit, UINT32_MAX)));
  parser_->body_limit(shared_->options.body_limit);
  method_.clear();
  route_.clear();
  if (buffer_.size() > 0) {
    ReadHeader();  // the client pipelined: the next request is already here
    return;
  }
  state_ = State::idle;
  stream_.expires_never();
  idle_timer_.expires_at(first_request_ ? read_deadline_
                                        : Clock::now() + shared_->options.keep_alive_idle_timeout);
  idle_timer_.async_wait([self = shared_from_this()](ErrorCode ec) {
    if (!ec && self->state_ == State::idle) {
      self->CloseNow();
    }
  });
  stream_.socket().async_wait(net::ip::tcp::socket::wait_read,
                              beast::bind_front_handler(&Session::OnReadable, shared_from_this()));
}

void Session::OnReadable(ErrorCode ec) {
  idle_timer_.cancel();
  if (ec || state_ != State::idle) {
    CloseNow();
    return;
  }
  if (!first_request_) {
    read_deadline_ = Clock::now() + shared_->options.read_timeout;
  }
  ReadHeader();
}

void Session::ReadHeader() {
  state_ = State::reading;
  // One deadline for the whole request, headers and body: a client sending a
  // byte at a time cannot keep the connection by staying just under a
  // per-read timeout.
  stream_.expires_at(read_deadline_);
  beast_http::async_read_header(stream_, buffer_, *parser_,
                                beast::bind_front_handler(&Session::OnHeader, shared_from_this()));
}

void Session::OnHeader(ErrorCode ec, std::size_t header_bytes) {
  if (ec) {
    OnReadError(ec);
    return;
  }
  // Beast 1.74 gives the request line and the fields a budget each, so
  // the whole block is checked here; memory stays bounded by twice the limit.
  if (header_bytes > shared_->options.header_limit) {
    OnReadError(beast_http::error::header_limit);
    return;
  }
  const auto& header = parser_->get();
  method_ = std::string(header.method_string());
  if (auto problem = wire::FramingProblem(header)) {
    Reject(400, *problem);
    return;
  }
  if (!parser_->is_done() && beast::iequals(header[beast_http::field::expect], "100-continue")) {
    // curl and others wait for this before sending a large body.
    continue_.emplace(beast_http::status::continue_, header.version());
    beast_http::async_write(
        stream_, *continue_,
        beast::bind_front_handler(&Session::OnContinueWritten, shared_from_this()));
    return;
  }
  ReadBody();
}

void Session::OnContinueWritten(ErrorCode ec, std::size_t /*bytes*/) {
  continue_.reset();
  if (ec) {
    CloseNow();
    return;
  }
  ReadBody();
}

void Session::ReadBody() {
  if (parser_->is_done()) {
    Process();
    return;
  }
  beast_http::async_read(stream_, buffer_, *parser_,
                         beast::bind_front_handler(&Session::OnBody, shared_from_this()));
}

void Session::OnBody(ErrorCode ec, std::size_t /*bytes*/) {
  if (ec) {
    OnReadError(ec);
    return;
  }
  Process();
}

void Session::OnReadError(ErrorCode ec) {
  if (ec == beast_http::error::body_limit) {
    Reject(413, "The request body is larger than the server accepts.");
  } else if (ec == beast_http::error::header_limit) {
    Reject(431, "The request header is larger than the server accepts.");
  } else if (ec == beast_http::error::end_of_stream || ec == beast_http::error::partial_message ||
             ec.category() != ErrorCode(beast_http::error::end_of_stream).category()) {
    // The client went away, timed out (the stream has closed the socket),
    // or the socket failed: there is nobody to answer.
    CloseNow();
  } else {
    Reject(400, "The request is not valid HTTP/1.1.");
  }
}

void Session::Process() {
  first_request_ = false;
  state_ = State::processing;
  stream_.expires_never();
  started_ = Clock::now();
  const auto& message = parser_->get();
  keep_alive_ = message.keep_alive();
  version_ = message.version();
  head_request_ = message.method() == beast_http::verb::head;
  const bool safe = head_request_ || message.method() == beast_http::verb::get;
  Request request = wire::FromBeast(parser_->release(), remote_address_);

  // The handler may block (a database); it runs on a worker pool, the
  // read pool for safe methods (ServerOptions::read_worker_threads). The
  // tracked executor keeps the I/O context running until the response has
  // been handed back, so that a graceful stop waits for it.
  auto back = net::prefer(stream_.get_executor(), net::execution::outstanding_work.tracked);
  net::post(
      safe ? shared_->read_workers : shared_->workers,
      [self = shared_from_this(), request = std::move(request), back = std::move(back)]() mutable {
        Response response = InvokeHandler(self->shared_->handler, request);
        net::post(back, [self = std::move(self), response = std::move(response)]() mutable {
          self->Respond(std::move(response));
        });
      });
}

void Session::Reject(int status, std::string_view detail) {
  state_ = State::processing;
  rejected_ = true;
  started_ = Clock::now();
  keep_alive_ = false;
  head_request_ = false;
  if (parser_ && parser_->is_header_done()) {
    version_ = parser_->get().version();
  }
  Respond(Response::Problem(status, StatusTitle(status), detail));
}

void Session::Respond(Response response) {
  if (state_ == State::closed) {
    return;  // closed while the handler ran (stop grace ran out)
  }
  route_ = response.route;
  const bool keep_alive = keep_alive_ && !draining_ && !shared_->stopping.load();
  response_.emplace(wire::ToBeast(std::move(response), version_, keep_alive, head_request_));
  state_ = State::writing;
  stream_.expires_after(shared_->options.write_timeout);
  beast_http::async_write(stream_, *response_,
                          beast::bind_front_handler(&Session::OnWrite, shared_from_this()));
}

void Session::OnWrite(ErrorCode ec, std::size_t /*bytes*/) {
  const std::chrono::duration<double> elapsed = Clock::now() - started_;
  const int status = static_cast<int>(response_->result_int());
  if (Metrics* metrics = shared_->options.metrics)
    metrics->RecordRequest(method_, route_, status, elapsed.count());
  if (AccessLog* log = shared_->options.access_log)
    log->Record({method_, route_, status, elapsed.count(), remote_address_});
  const bool keep_alive = response_->keep_alive();
  response_.reset();
  if (ec) {
    CloseNow();
  } else if (!keep_alive && rejected_) {
    CloseGently();
  } else if (!keep_alive) {
    // The request was read whole, so nothing unread can turn the close
    // into a reset that would destroy the response.
    CloseNow();
  } else {
    AwaitRequest();
  }
}

void Session::CloseGently() {
  state_ = State::closing;
  ErrorCode ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_send, ec);
  stream_.expires_after(std::min<Clock::duration>(kLingerTime, shared_->options.read_timeout));
  buffer_.clear();
  discarded_bytes_ = 0;
  DiscardInput();
}

void Session::DiscardInput() {
  stream_.async_read_some(
      buffer_.prepare(16 * 1024), [self = shared_from_this()](ErrorCode ec, std::size_t bytes) {
        self->discarded_bytes_ += bytes;
        const std::uint64_t bound = self->shared_->options.body_limit +
                                    self->shared_->options.header_limit + kLingerExtraBytes;
        if (ec || self->discarded_bytes_ > bound) {
          self->CloseNow();
        } else {
          self->DiscardInput();
        }
      });
}

void Session::CloseNow() {
  if (state_ == State::closed) {
    return;
  }
  state_ = State::closed;
  idle_timer_.cancel();
  ErrorCode ec;
  stream_.socket().shutdown(net::ip::tcp::socket::shutdown_both, ec);
  stream_.close();
}

}  // namespace backplan::http::detail
