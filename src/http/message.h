#pragma once
// The HTTP request and response as plain values, independent of Boost.Beast,
// so that handlers (and their tests) never see the transport. A handler is a
// function from Request to Response; the server owns sockets, parsing,
// timeouts and threads.
//
// Thread-safety: plain values; a const object may be read from any thread.

#include <nlohmann/json_fwd.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/field_error.h"

namespace backplan::http {

using HeaderList = std::vector<std::pair<std::string, std::string>>;

struct Request {
  std::string method;  // the method token as sent; methods are case-sensitive ("GET")
  std::string target;  // the request target as sent: "/api/v1/clients/7?limit=20"
  std::string path;    // target before '?', still percent-encoded: "/api/v1/clients/7"
  std::string query;   // target after '?', still percent-encoded, without the '?'
  HeaderList headers;  // names in lower case, in arrival order; repeated names kept
  std::string body;
  std::string remote_address;  // peer IP address, e.g. "127.0.0.1"

  // The value of the first header named `name` (any case), or nullopt. The
  // view points into this request.
  std::optional<std::string_view> Header(std::string_view name) const;
};

struct Response {
  int status = 200;
  HeaderList headers;  // extra headers; Content-Type and Content-Length are set from the fields
  std::string body;
  std::string content_type;  // empty: no Content-Type header (e.g. for 204)
  // The route template that produced this response ("/api/v1/clients/{id}"),
  // set by the Router; it labels metrics, so it never carries ids. Empty:
  // no route matched ("unmatched" in metrics).
  std::string route;

  // Replaces every header named `name` (any case) with one `name: value`.
  void SetHeader(std::string_view name, std::string_view value);
  // The value of the first header named `name` (any case), or nullopt.
  std::optional<std::string_view> Header(std::string_view name) const;

  // `application/json` with `body` serialized. Invalid UTF-8 in strings is
  // replaced rather than thrown on, because strings may come from requests.
  static Response Json(int status, const nlohmann::json& body);
  // `application/json` with an already serialized body (e.g. an ordered_json
  // the codec built).
  static Response JsonText(int status, std::string json_text);
  // RFC 9457 `application/problem+json`:
  //   {"type":"about:blank","title":…,"status":…,"detail":…,
  //    "errors":[{"path":…,"reason":…}]}   ("errors" only when not empty)
  // `detail` is shown to the client: never put internals or health data in it.
  static Response Problem(int status, std::string_view title, std::string_view detail,
                          const core::FieldErrors& errors = {});
};

// The 500 problem every unexpected failure becomes: it says nothing about
// what went wrong, because internals must not reach the client.
Response InternalServerError();

// The standard reason phrase for a status ("Not Found"), or "Unknown".
std::string_view StatusTitle(int status);

}  // namespace backplan::http
