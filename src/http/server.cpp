#include "http/server.h"

#include <atomic>
#include <boost/asio/bind_executor.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>
#include <boost/asio/thread_pool.hpp>
#include <csignal>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <vector>

#include "http/session.h"

namespace backplan::http {

namespace net = boost::asio;
using tcp = boost::asio::ip::tcp;
using ErrorCode = boost::system::error_code;

// The listener: accepts connections on its strand, and runs the stop
// sequence there (close the acceptor, drain the sessions, close the rest
// when the grace period ends).
class HttpServer::Impl {
 public:
  Impl(ServerOptions options, RequestHandler handler)
      : io_context_(static_cast<int>(std::max(1u, options.io_threads))),
        strand_(net::make_strand(io_context_)),
        acceptor_(strand_),
        grace_timer_(strand_),
        accept_retry_timer_(strand_),
        workers_(std::max(1u, options.worker_threads)),
        read_workers_(std::max(1u, options.read_worker_threads)) {
    shared_ = std::make_shared<detail::SessionShared>(std::move(options), std::move(handler),
                                                      workers_.get_executor(),
                                                      read_workers_.get_executor());
    shared_->on_drained = [this] {
      if (!io_finished_.load()) {
        net::post(strand_, [this] { grace_timer_.cancel(); });
      }
    };
  }

  ~Impl() {
    BeginStop();
    Wait();
  }

  std::uint16_t Start() {
    if (started_.exchange(true)) {
      throw std::logic_error("http: the server was already started");
    }
    const ServerOptions& options = shared_->options;
    const std::string where = options.address + ":" + std::to_string(options.port);
    ErrorCode ec;
    const net::ip::address address = net::ip::make_address(options.address, ec);
    if (ec) {
      throw std::runtime_error("http: cannot listen on " + where + ": not an IP address");
    }
    const tcp::endpoint endpoint(address, options.port);
    auto check = [&where](const ErrorCode& error) {
      if (error) {
        throw std::runtime_error("http: cannot listen on " + where + ": " + error.message());
      }
    };
    acceptor_.open(endpoint.protocol(), ec);
    check(ec);
    // A restart must not wait for the previous process's TIME_WAIT sockets.
    acceptor_.set_option(net::socket_base::reuse_address(true), ec);
    check(ec);
    acceptor_.bind(endpoint, ec);
    check(ec);
    acceptor_.listen(net::socket_base::max_listen_connections, ec);
    check(ec);
    const std::uint16_t port = acceptor_.local_endpoint().port();

    net::post(strand_, [this] { Accept(); });
    const unsigned thread_count = std::max(1u, options.io_threads);
    io_threads_.reserve(thread_count);
    for (unsigned index = 0; index < thread_count; ++index) {
      io_threads_.emplace_back([this] { RunIo(); });
    }
    return port;
  }

  void BeginStop() {
    if (!started_.load() || shared_->stopping.exchange(true)) {
      return;
    }
    net::post(strand_, [this] {
      ErrorCode ignored;
      acceptor_.close(ignored);
      accept_retry_timer_.cancel();
      {
        std::lock_guard lock(signals_mutex_);
        if (signals_) {
          signals_->cancel(ignored);
        }
      }
      const auto sessions = shared_->Live();
      for (const auto& session : sessions) {
        session->Drain();
      }
      if (sessions.empty()) {
        return;  // no work left: the I/O threads return from run()
      }
      // A session ending from now on posts a cancel of this timer, which
      // runs after this handler: the strand orders them.
      grace_timer_.expires_after(shared_->options.shutdown_grace);
      grace_timer_.async_wait([this](ErrorCode ec) {
        if (!ec) {
          for (const auto& session : shared_->Live()) {
            session->Close();
          }
        }
      });
    });
  }

  void Wait() {
    std::lock_guard lock(wait_mutex_);
    if (joined_) {
      return;
    }
    for (std::thread& thread : io_threads_) {
      thread.join();
    }
    io_finished_.store(true);
    // Workers finish last: a handler still running after the grace period
    // holds objects this server owns.
    workers_.join();
    read_workers_.join();
    joined_ = true;
  }

  bool IsIoThread() const { return io_context_.get_executor().running_in_this_thread(); }

  void InstallSignalStop() {
    std::lock_guard lock(signals_mutex_);
    if (signals_ || shared_->stopping.load()) {
      return;
    }
    // Installed here, synchronously, so that a signal arriving right after
    // this call is already ours and does not end the process.
    signals_.emplace(io_context_, SIGINT, SIGTERM);
    signals_->async_wait(net::bind_executor(strand_, [this](ErrorCode ec, int /*signal*/) {
      if (!ec) {
        BeginStop();
      }
    }));
  }

 private:
  void RunIo() {
    while (true) {
      try {
        io_context_.run();
        return;
      } catch (...) {
        // A completion handler threw, which the sessions never do on
        // purpose; keep serving the other connections.
      }
    }
  }

  void Accept() {
    acceptor_.async_accept(net::make_strand(io_context_),
                           net::bind_executor(strand_, [this](ErrorCode ec, tcp::socket socket) {
                             OnAccept(ec, std::move(socket));
                           }));
  }

  void OnAccept(ErrorCode ec, tcp::socket socket) {
    if (shared_->stopping.load() || ec == net::error::operation_aborted) {
      return;
    }
    if (ec) {
      // Out of file descriptors, a connection reset before accept …: try
      // again shortly instead of spinning or giving up listening.
      accept_retry_timer_.expires_after(std::chrono::milliseconds(50));
      accept_retry_timer_.async_wait([this](ErrorCode timer_ec) {
        if (!timer_ec && !shared_->stopping.load()) {
          Accept();
        }
      });
      return;
    }
    ErrorCode ignored;
    // Small responses on keep-alive connections: Nagle would hold them back.
    socket.set_option(tcp::no_delay(true), ignored);
    auto session = std::make_shared<detail::Session>(std::move(socket), shared_);
    shared_->Add(session);
    session->Start();
    Accept();
  }

  // Declared first, destroyed last: sessions destroyed with the I/O context
  // still unregister from it.
  std::shared_ptr<detail::SessionShared> shared_;
  mutable net::io_context io_context_;  // mutable: get_executor() is not const
  net::strand<net::io_context::executor_type> strand_;
  tcp::acceptor acceptor_;                // on strand_
  net::steady_timer grace_timer_;         // on strand_
  net::steady_timer accept_retry_timer_;  // on strand_
  std::mutex signals_mutex_;
  std::optional<net::signal_set> signals_;  // guarded by signals_mutex_
  net::thread_pool workers_;
  net::thread_pool read_workers_;
  std::vector<std::thread> io_threads_;
  std::atomic<bool> started_{false};
  std::atomic<bool> io_finished_{false};
  std::mutex wait_mutex_;
  bool joined_ = false;  // guarded by wait_mutex_
};

HttpServer::HttpServer(ServerOptions options, RequestHandler handler)
    : impl_(std::make_unique<Impl>(std::move(options), std::move(handler))) {}

HttpServer::~HttpServer() = default;

std::uint16_t HttpServer::Start() {
  return impl_->Start();
}

void HttpServer::BeginStop() {
  impl_->BeginStop();
}

void HttpServer::Wait() {
  impl_->Wait();
}

void HttpServer::Stop() {
  impl_->BeginStop();
  impl_->Wait();
}

bool HttpServer::IsIoThread() const {
  return impl_->IsIoThread();
}

void InstallSignalStop(HttpServer& server) {
  server.impl_->InstallSignalStop();
}

}  // namespace backplan::http
