#pragma once
// A small blocking HTTP/1.1 client on POSIX sockets for the API integration
// tests (tests/api/): one connection per request with `Connection: close`,
// the response read to EOF. Loopback only. Every socket operation has a
// timeout, so a test cannot hang on a server that stops answering; failures
// to connect or a response cut short throw std::runtime_error (the test
// fails with the message).
//
// RawSocket is the same socket without the HTTP: for the tests that send
// bytes no real client would (half a request line, oversized headers).

#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <poll.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <unistd.h>

#include <cctype>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstring>
#include <nlohmann/json.hpp>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace backplan::testing {

using Headers = std::vector<std::pair<std::string, std::string>>;

inline std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A connected TCP socket to 127.0.0.1:port with send and receive timeouts.
class RawSocket {
 public:
  explicit RawSocket(std::uint16_t port,
                     std::chrono::milliseconds timeout = std::chrono::seconds(10)) {
    fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    if (fd_ < 0)
      throw std::runtime_error(std::string("socket: ") + std::strerror(errno));
    SetTimeout(timeout);
    int one = 1;
    ::setsockopt(fd_, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
    sockaddr_in address{};
    address.sin_family = AF_INET;
    address.sin_port = htons(port);
    address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&address), sizeof address) != 0) {
      const std::string reason = std::strerror(errno);
      ::close(fd_);
      throw std::runtime_error("connect to 127.0.0.1:" + std::to_string(port) + ": " + reason);
    }
  }
  ~RawSocket() {
    if (fd_ >= 0)
      ::close(fd_);
  }
  RawSocket(const RawSocket&) = delete;
  RawSocket& operator=(const RawSocket&) = delete;

  void SetTimeout(std::chrono::milliseconds timeout) {
    timeval tv{};
    tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
    tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
    ::setsockopt(fd_, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    ::setsockopt(fd_, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof tv);
  }

  // False when the peer has closed or reset the connection (or the send
  // timed out) before every byte was sent.
  bool SendAll(std::string_view bytes) {
    while (!bytes.empty()) {
      const ssize_t sent = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
      if (sent <= 0) {
        if (sent < 0 && errno == EINTR)
          continue;
        return false;
      }
      bytes.remove_prefix(static_cast<std::size_t>(sent));
    }
    return true;
  }

  void ShutdownWrite() { ::shutdown(fd_, SHUT_WR); }

  // True when something (data or EOF) can be read within `timeout`.
  bool Readable(std::chrono::milliseconds timeout) {
    pollfd p{fd_, POLLIN, 0};
    return ::poll(&p, 1, static_cast<int>(timeout.count())) > 0;
  }

  // Appends what arrives to `out` until EOF. Returns true on EOF (or a reset
  // after some data), false when the receive timeout ran out first.
  bool ReadToEnd(std::string& out) {
    char buffer[16384];
    while (true) {
      const ssize_t received = ::recv(fd_, buffer, sizeof buffer, 0);
      if (received == 0)
        return true;
      if (received < 0) {
        if (errno == EINTR)
          continue;
        return errno == ECONNRESET || errno == EPIPE;
      }
      out.append(buffer, static_cast<std::size_t>(received));
    }
  }

  // True when the server closes (EOF or reset) within the receive timeout;
  // data that arrives first is collected in `received` if given.
  bool WaitClosed(std::string* received = nullptr) {
    std::string sink;
    return ReadToEnd(received ? *received : sink);
  }

 private:
  int fd_ = -1;
};

struct HttpResponse {
  int status = 0;
  Headers headers;  // names in lower case, in arrival order
  std::string body;

  std::optional<std::string> Header(std::string_view name) const {
    const std::string wanted = Lower(name);
    for (const auto& [key, value] : headers)
      if (key == wanted)
        return value;
    return std::nullopt;
  }
  std::vector<std::string> AllHeaders(std::string_view name) const {
    std::vector<std::string> out;
    const std::string wanted = Lower(name);
    for (const auto& [key, value] : headers)
      if (key == wanted)
        out.push_back(value);
    return out;
  }
  // The body as JSON; a discarded value (is_discarded()) when it is not JSON.
  nlohmann::json Json() const { return nlohmann::json::parse(body, nullptr, false); }
  std::string ContentType() const { return Header("content-type").value_or(""); }
};

// Parses one whole response (as read to EOF). Throws when it is not HTTP.
inline HttpResponse ParseResponse(const std::string& raw) {
  const auto head_end = raw.find("\r\n\r\n");
  if (head_end == std::string::npos || !raw.starts_with("HTTP/1.") || raw.size() < 12)
    throw std::runtime_error("not an HTTP response: \"" + raw.substr(0, 200) + "\"");
  HttpResponse response;
  response.status = std::stoi(raw.substr(9, 3));
  std::size_t line_start = raw.find("\r\n") + 2;
  while (line_start < head_end) {
    const std::size_t line_end = raw.find("\r\n", line_start);
    const std::string line = raw.substr(line_start, line_end - line_start);
    const auto colon = line.find(':');
    if (colon != std::string::npos) {
      std::string value = line.substr(colon + 1);
      const auto first = value.find_first_not_of(" \t");
      value = first == std::string::npos ? "" : value.substr(first);
      while (!value.empty() && (value.back() == ' ' || value.back() == '\t'))
        value.pop_back();
      response.headers.emplace_back(Lower(line.substr(0, colon)), value);
    }
    line_start = line_end + 2;
  }
  std::string body = raw.substr(head_end + 4);
  if (auto length = response.Header("content-length")) {
    const std::size_t n = std::stoul(*length);
    if (body.size() < n)
      throw std::runtime_error("response body cut short: " + std::to_string(body.size()) + " of " +
                               std::to_string(n) + " bytes");
    body.resize(n);
  } else if (Lower(response.Header("transfer-encoding").value_or("")) == "chunked") {
    std::string decoded;
    std::size_t pos = 0;
    while (true) {
      const auto eol = body.find("\r\n", pos);
      if (eol == std::string::npos)
        throw std::runtime_error("bad chunked body");
      const std::size_t size = std::stoul(body.substr(pos, eol - pos), nullptr, 16);
      if (size == 0)
        break;
      decoded += body.substr(eol + 2, size);
      pos = eol + 2 + size + 2;
    }
    body = std::move(decoded);
  }
  response.body = std::move(body);
  return response;
}

struct HttpRequest {
  std::string method = "GET";
  std::string target = "/";
  Headers headers;  // sent as given, after Host and before Content-Length
  std::optional<std::string> body;

  HttpRequest& With(std::string name, std::string value) {
    headers.emplace_back(std::move(name), std::move(value));
    return *this;
  }
  HttpRequest& Bearer(const std::string& token) { return With("Authorization", "Bearer " + token); }
  HttpRequest& JsonBody(const nlohmann::json& json) { return JsonText(json.dump()); }
  HttpRequest& JsonText(std::string text) {
    headers.emplace_back("Content-Type", "application/json");
    body = std::move(text);
    return *this;
  }
};

inline std::string Serialize(const HttpRequest& request) {
  std::string out = request.method + " " + request.target + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  for (const auto& [name, value] : request.headers)
    out += name + ": " + value + "\r\n";
  if (request.body)
    out += "Content-Length: " + std::to_string(request.body->size()) + "\r\n";
  out += "Connection: close\r\n\r\n";
  if (request.body)
    out += *request.body;
  return out;
}

// One request per connection against 127.0.0.1:port.
class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : port_(port) {}

  std::uint16_t port() const { return port_; }

  HttpResponse Send(const HttpRequest& request) const {
    RawSocket socket(port_);
    socket.SendAll(Serialize(request));  // may stop early when the server answers first
    std::string raw;
    if (!socket.ReadToEnd(raw) && raw.empty())
      throw std::runtime_error(request.method + " " + request.target + ": no response in time");
    return ParseResponse(raw);
  }

  HttpResponse Get(std::string target, Headers headers = {}) const {
    return Send(HttpRequest{"GET", std::move(target), std::move(headers), std::nullopt});
  }
  HttpResponse Delete(std::string target, Headers headers = {}) const {
    return Send(HttpRequest{"DELETE", std::move(target), std::move(headers), std::nullopt});
  }
  HttpResponse PostJson(std::string target, const nlohmann::json& body,
                        Headers headers = {}) const {
    HttpRequest request{"POST", std::move(target), std::move(headers), std::nullopt};
    return Send(request.JsonBody(body));
  }

 private:
  std::uint16_t port_;
};

inline Headers BearerHeader(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

}  // namespace backplan::testing
