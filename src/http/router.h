#pragma once
// Routes a Request to the handler registered for its method and path
// pattern. Patterns are "/" or literal segments and whole-segment parameters:
// "/api/v1/clients/{client_id}/assessments". Each path segment is
// percent-decoded once before matching (http/target.h); a segment that
// decodes to '/', or to a control character, or a malformed escape answers
// 400; empty segments ("//", a trailing '/') match nothing.
//
//   no pattern matches the path        → 404 problem, route ""
//   a pattern matches, method does not → 405 problem with Allow, route = pattern
//   HEAD without a HEAD route          → the GET handler (the server drops the body)
//   the handler throws                 → 500 problem without details, route = pattern
//
// When several patterns match, the most specific wins: at the first segment
// where they differ, a literal beats a parameter ("/clients/me" before
// "/clients/{id}").
//
// Every response gets `route` = the matched pattern, for metrics labels.
//
// Thread-safety: Add() only before serving; Handle() and Routes() are const
// and safe to call from any number of threads at once.

#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "http/message.h"

namespace backplan::http {

// Parameter name → decoded value; look up with params.at("client_id").
using PathParams = std::map<std::string, std::string, std::less<>>;
using RouteHandler = std::function<Response(const Request&, const PathParams&)>;

struct RouteEntry {
  std::string method;   // "GET"
  std::string pattern;  // "/api/v1/clients/{id}"
  friend bool operator==(const RouteEntry&, const RouteEntry&) = default;
};

class Router {
 public:
  // Throws std::invalid_argument when the pattern is malformed (not starting
  // with '/', an empty segment, a '{' that is not a whole "{name}" segment,
  // a repeated parameter name) or when the same method already has a
  // pattern of the same shape ("/a/{x}" vs "/a/{y}"): routes are fixed at
  // start-up, so either is a programmer error.
  void Add(std::string_view method, std::string_view pattern, RouteHandler handler);

  Response Handle(const Request& request) const;

  // Every registered (method, pattern), in registration order: lets a test
  // compare the routes with the OpenAPI document.
  std::vector<RouteEntry> Routes() const;

 private:
  struct Segment {
    bool is_parameter = false;
    std::string text;  // the literal, or the parameter name
  };
  struct Route {
    RouteEntry entry;
    std::vector<Segment> segments;
    RouteHandler handler;
  };

  std::vector<Route> routes_;
};

}  // namespace backplan::http
