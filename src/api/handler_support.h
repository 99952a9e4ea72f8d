#pragma once
// Small pieces every API handler file shares: ids in paths, JSON bodies,
// pagination, the signed-in wrapper and the Idempotency-Key header. Pure
// request → value helpers; no I/O.

#include <cctype>
#include <charconv>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "api/api_services.h"
#include "api/problem.h"
#include "api/request_auth.h"
#include "http/message.h"
#include "http/router.h"
#include "http/target.h"

namespace backplan::api {

using http::PathParams;
using http::Request;
using http::Response;
using nlohmann::json;
using service::Principal;

inline constexpr int kDefaultPageSize = 50;
inline constexpr int kMaxPageSize = 200;

inline std::optional<storage::Id> ParseId(std::string_view text) {
  storage::Id id = 0;
  if (text.empty() || text.size() > 18)
    return std::nullopt;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc() || end != text.data() + text.size() || id <= 0)
    return std::nullopt;
  return id;
}

// Media type names are case-insensitive; parameters such as charset may follow.
inline bool IsJsonContentType(std::optional<std::string_view> header) {
  if (!header)
    return false;
  std::string_view type = header->substr(0, header->find(';'));
  while (!type.empty() && type.back() == ' ')
    type.remove_suffix(1);
  constexpr std::string_view kJson = "application/json";
  if (type.size() != kJson.size())
    return false;
  for (std::size_t i = 0; i < kJson.size(); ++i)
    if (std::tolower(static_cast<unsigned char>(type[i])) != kJson[i])
      return false;
  return true;
}

// The request body as a JSON object, or the response that refuses it.
struct JsonBody {
  json value;
  std::optional<Response> refusal;
};

inline JsonBody ReadJsonBody(const Request& request) {
  if (!IsJsonContentType(request.Header("content-type")))
    return {{},
            Response::Problem(415, "Unsupported Media Type", "send the body as application/json")};
  json value = json::parse(request.body, nullptr, /*allow_exceptions=*/false);
  if (value.is_discarded())
    return {{}, BadRequest("(root)", "is not valid JSON")};
  return {std::move(value), std::nullopt};
}

inline std::optional<std::string> StringField(const json& body, const char* name) {
  auto it = body.find(name);
  if (it == body.end() || !it->is_string())
    return std::nullopt;
  return it->get<std::string>();
}

struct PageOrRefusal {
  storage::Page page;
  std::optional<Response> refusal;
  http::QueryParams params;
};

inline PageOrRefusal ReadPage(const Request& request) {
  PageOrRefusal out;
  out.page.limit = kDefaultPageSize;
  auto params = http::ParseQuery(request.query);
  if (!params)
    return {{}, BadRequest("(query)", "is not a valid query string"), {}};
  for (const auto& [key, value] : *params) {
    if (key == "limit") {
      auto limit = ParseId(value);
      if (!limit || *limit > kMaxPageSize)
        return {{}, BadRequest("limit", "must be 1–" + std::to_string(kMaxPageSize)), {}};
      out.page.limit = static_cast<int>(*limit);
    } else if (key == "after") {
      auto after = ParseId(value);
      if (!after)
        return {{}, BadRequest("after", "must be a positive id"), {}};
      out.page.after = after;
    }
  }
  out.params = std::move(*params);
  return out;
}

template <typename Row, typename ToJson>
Response PageResponse(const std::vector<Row>& rows, const storage::Page& page, ToJson to_json) {
  json items = json::array();
  for (const auto& row : rows)
    items.push_back(to_json(row));
  const bool more = static_cast<int>(rows.size()) == page.limit;
  return Response::Json(
      200, {{"items", items}, {"next_after", more ? json(rows.back().id) : json(nullptr)}});
}

// Wraps a handler that needs a signed-in user.
template <typename Fn>
http::RouteHandler Authed(ApiServices& s, Fn fn) {
  return [&s, fn](const Request& request, const PathParams& params) {
    auto auth = AuthenticateRequest(s.auth, request);
    if (!auth.authenticated)
      return auth.refusal;
    return fn(auth.authenticated->principal, request, params);
  };
}

inline std::optional<std::string> IdempotencyKeyOf(const Request& request) {
  if (auto key = request.Header("idempotency-key"))
    return std::string(*key);
  return std::nullopt;
}

}  // namespace backplan::api
