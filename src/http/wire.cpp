#include "http/wire.h"

#include <algorithm>
#include <array>
#include <boost/beast/core/string.hpp>

namespace backplan::http::wire {
namespace {

namespace beast = boost::beast;
namespace beast_http = boost::beast::http;

// Beast 1.74 has its own string_view type.
std::string_view Std(beast::string_view text) {
  return {text.data(), text.size()};
}
beast::string_view Beast(std::string_view text) {
  return {text.data(), text.size()};
}

// RFC 9110 §5.6.2 tchar.
bool IsToken(std::string_view text) {
  static constexpr std::string_view kSymbols = "!#$%&'*+-.^_`|~";
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
           kSymbols.find(c) != std::string_view::npos;
  });
}

// RFC 9110 §5.5: visible characters, spaces and tabs; obs-text allowed.
bool IsFieldValue(std::string_view text) {
  return std::none_of(text.begin(), text.end(), [](char c) {
    const auto byte = static_cast<unsigned char>(c);
    return (byte < 0x20 && c != '\t') || byte == 0x7f;
  });
}

// Framing and connection management belong to the server alone.
bool IsServerOwned(std::string_view name) {
  static constexpr std::array<std::string_view, 7> kOwned = {
      "content-length", "transfer-encoding", "connection", "keep-alive", "upgrade", "server",
      "trailer"};
  return std::any_of(kOwned.begin(), kOwned.end(), [name](std::string_view owned) {
    return beast::iequals(Beast(owned), Beast(name));
  });
}

std::string ToLower(std::string_view text) {
  std::string lower(text);
  std::transform(lower.begin(), lower.end(), lower.begin(), [](char c) {
    return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
  });
  return lower;
}

bool IsValid(const Response& response) {
  if (response.status < 200 || response.status > 599 || !IsFieldValue(response.content_type)) {
    return false;
  }
  return std::all_of(response.headers.begin(), response.headers.end(), [](const auto& header) {
    return IsToken(header.first) && IsFieldValue(header.second);
  });
}

}  // namespace

std::optional<std::string_view> FramingProblem(const BeastRequest& header) {
  const bool has_content_length = header.count(beast_http::field::content_length) > 0;
  const auto transfer_encodings = header.count(beast_http::field::transfer_encoding);
  if (has_content_length && transfer_encodings > 0) {
    return "The request has both Content-Length and Transfer-Encoding.";
  }
  if (transfer_encodings > 1 ||
      (transfer_encodings == 1 && !beast::iequals(beast::string_view("chunked"),
                                                  header[beast_http::field::transfer_encoding]))) {
    return "The only transfer coding accepted is a single \"chunked\".";
  }
  const beast::string_view target = header.target();
  if (target.empty() || target.front() != '/') {
    return "The request target must be an absolute path.";
  }
  return std::nullopt;
}

Request FromBeast(BeastRequest&& message, std::string remote_address) {
  Request request;
  request.method = std::string(message.method_string());
  request.target = std::string(message.target());
  const std::size_t question = request.target.find('?');
  request.path = request.target.substr(0, question);
  if (question != std::string::npos) {
    request.query = request.target.substr(question + 1);
  }
  for (const auto& field : message) {
    request.headers.emplace_back(ToLower(Std(field.name_string())), std::string(field.value()));
  }
  request.body = std::move(message.body());
  request.remote_address = std::move(remote_address);
  return request;
}

BeastResponse ToBeast(Response response, unsigned version, bool keep_alive, bool head_request) {
  if (!IsValid(response)) {
    std::string route = std::move(response.route);
    response = InternalServerError();
    response.route = std::move(route);
  }
  BeastResponse message;
  message.version(version);
  message.result(static_cast<unsigned>(response.status));
  for (auto& [name, value] : response.headers) {
    if (!IsServerOwned(name)) {
      message.insert(Beast(name), Beast(value));
    }
  }
  if (!response.content_type.empty()) {
    message.set(beast_http::field::content_type, response.content_type);
  }
  message.set("X-Content-Type-Options", "nosniff");
  message.set("Referrer-Policy", "no-referrer");
  message.set(beast_http::field::x_frame_options, "DENY");
  if (message.count(beast_http::field::cache_control) == 0) {
    message.set(beast_http::field::cache_control, "no-store");
  }
  const bool bodiless = response.status == 204 || response.status == 304;
  if (!bodiless) {
    message.body() = std::move(response.body);
  }
  message.keep_alive(keep_alive);
  message.prepare_payload();
  if (head_request) {
    // Content-Length stays that of the body a GET would have received.
    message.body().clear();
  }
  return message;
}

}  // namespace backplan::http::wire
