#include "http/message.h"

#include <algorithm>
#include <nlohmann/json.hpp>

namespace backplan::http {
namespace {

bool EqualsIgnoreCase(std::string_view a, std::string_view b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](char x, char y) {
    auto lower = [](char c) {
      return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
    };
    return lower(x) == lower(y);
  });
}

std::optional<std::string_view> FindHeader(const HeaderList& headers, std::string_view name) {
  for (const auto& [header_name, value] : headers) {
    if (EqualsIgnoreCase(header_name, name)) {
      return std::string_view(value);
    }
  }
  return std::nullopt;
}

// Strings in bodies can come from requests; a stray invalid UTF-8 byte must
// not turn a 4xx into a 500.
std::string Serialize(const nlohmann::ordered_json& body) {
  return body.dump(-1, ' ', false, nlohmann::ordered_json::error_handler_t::replace);
}

}  // namespace

std::optional<std::string_view> Request::Header(std::string_view name) const {
  return FindHeader(headers, name);
}

std::optional<std::string_view> Response::Header(std::string_view name) const {
  return FindHeader(headers, name);
}

void Response::SetHeader(std::string_view name, std::string_view value) {
  std::erase_if(headers,
                [name](const auto& header) { return EqualsIgnoreCase(header.first, name); });
  headers.emplace_back(name, value);
}

Response Response::Json(int status, const nlohmann::json& body) {
  return JsonText(status, body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

Response Response::JsonText(int status, std::string json_text) {
  Response response;
  response.status = status;
  response.content_type = "application/json";
  response.body = std::move(json_text);
  return response;
}

Response Response::Problem(int status, std::string_view title, std::string_view detail,
                           const core::FieldErrors& errors) {
  nlohmann::ordered_json problem;
  problem["type"] = "about:blank";
  problem["title"] = title;
  problem["status"] = status;
  problem["detail"] = detail;
  if (!errors.empty()) {
    auto& list = problem["errors"] = nlohmann::ordered_json::array();
    for (const auto& error : errors) {
      list.push_back({{"path", error.path}, {"reason", error.reason}});
    }
  }
  Response response;
  response.status = status;
  response.content_type = "application/problem+json";
  response.body = Serialize(problem);
  return response;
}

Response InternalServerError() {
  return Response::Problem(500, "Internal Server Error",
                           "The server could not complete the request.");
}

std::string_view StatusTitle(int status) {
  switch (status) {
    case 200:
      return "OK";
    case 201:
      return "Created";
    case 202:
      return "Accepted";
    case 204:
      return "No Content";
    case 301:
      return "Moved Permanently";
    case 302:
      return "Found";
    case 303:
      return "See Other";
    case 304:
      return "Not Modified";
    case 400:
      return "Bad Request";
    case 401:
      return "Unauthorized";
    case 403:
      return "Forbidden";
    case 404:
      return "Not Found";
    case 405:
      return "Method Not Allowed";
    case 406:
      return "Not Acceptable";
    case 408:
      return "Request Timeout";
    case 409:
      return "Conflict";
    case 410:
      return "Gone";
    case 411:
      return "Length Required";
    case 412:
      return "Precondition Failed";
    case 413:
      return "Content Too Large";
    case 415:
      return "Unsupported Media Type";
    case 422:
      return "Unprocessable Content";
    case 428:
      return "Precondition Required";
    case 429:
      return "Too Many Requests";
    case 431:
      return "Request Header Fields Too Large";
    case 500:
      return "Internal Server Error";
    case 501:
      return "Not Implemented";
    case 503:
      return "Service Unavailable";
    default:
      return "Unknown";
  }
}

}  // namespace backplan::http
