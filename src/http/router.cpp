#include "http/router.h"

#include <algorithm>
#include <optional>
#include <set>
#include <stdexcept>

#include "http/target.h"

namespace backplan::http {
namespace {

bool IsParameterName(std::string_view name) {
  return !name.empty() && std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

// Literals are matched against decoded segments, so a literal holding an
// escape or a reserved character could never match as written.
bool IsLiteral(std::string_view text) {
  return !text.empty() && text.find_first_of("{}%?#") == std::string_view::npos &&
         std::none_of(text.begin(), text.end(),
                      [](char c) { return static_cast<unsigned char>(c) < 0x21 || c == 0x7f; });
}

// A literal beats a parameter at the first segment where two patterns differ.
template <typename Segments>
bool MoreSpecific(const Segments& a, const Segments& b) {
  for (std::size_t index = 0; index < a.size() && index < b.size(); ++index) {
    if (a[index].is_parameter != b[index].is_parameter) {
      return !a[index].is_parameter;
    }
  }
  return false;
}

}  // namespace

void Router::Add(std::string_view method, std::string_view pattern, RouteHandler handler) {
  auto invalid = [&](std::string_view why) {
    return std::invalid_argument("route " + std::string(method) + " " + std::string(pattern) +
                                 ": " + std::string(why));
  };
  if (method.empty() || !IsParameterName(method)) {
    throw invalid("the method must be a token such as GET");
  }
  if (pattern.empty() || pattern.front() != '/') {
    throw invalid("the pattern must start with '/'");
  }
  if (!handler) {
    throw invalid("the handler is empty");
  }
  Route route{{std::string(method), std::string(pattern)}, {}, std::move(handler)};
  std::set<std::string, std::less<>> names;
  for (std::string_view piece : SplitPath(pattern)) {
    if (piece.size() >= 2 && piece.front() == '{' && piece.back() == '}') {
      std::string_view name = piece.substr(1, piece.size() - 2);
      if (!IsParameterName(name)) {
        throw invalid("a parameter name must be letters, digits or '_'");
      }
      if (!names.emplace(name).second) {
        throw invalid("a parameter name is repeated");
      }
      route.segments.push_back({true, std::string(name)});
    } else if (IsLiteral(piece)) {
      route.segments.push_back({false, std::string(piece)});
    } else {
      throw invalid("a segment is empty or holds '{', '}', '%', '?', '#' or a control character");
    }
  }
  for (const Route& existing : routes_) {
    bool same_shape = existing.entry.method == route.entry.method &&
                      existing.segments.size() == route.segments.size();
    for (std::size_t index = 0; same_shape && index < route.segments.size(); ++index) {
      const Segment& a = existing.segments[index];
      const Segment& b = route.segments[index];
      same_shape = a.is_parameter == b.is_parameter && (a.is_parameter || a.text == b.text);
    }
    if (same_shape) {
      throw invalid("it overlaps " + existing.entry.method + " " + existing.entry.pattern);
    }
  }
  routes_.push_back(std::move(route));
}

Response Router::Handle(const Request& request) const {
  if (request.path.empty() || request.path.front() != '/') {
    return Response::Problem(400, "Bad Request", "The request path is not valid.");
  }
  std::vector<std::string> segments;
  for (std::string_view raw : SplitPath(request.path)) {
    std::optional<std::string> decoded = DecodePathSegment(raw);
    if (!decoded) {
      return Response::Problem(400, "Bad Request", "The request path is not valid.");
    }
    segments.push_back(std::move(*decoded));
  }

  auto matches = [&segments](const Route& route) {
    if (route.segments.size() != segments.size()) {
      return false;
    }
    for (std::size_t index = 0; index < segments.size(); ++index) {
      const Segment& segment = route.segments[index];
      if (segments[index].empty() || (!segment.is_parameter && segment.text != segments[index])) {
        return false;
      }
    }
    return true;
  };

  const Route* best_for_path = nullptr;
  const Route* best_for_method = nullptr;
  const Route* best_get = nullptr;  // HEAD falls back to GET
  std::set<std::string> allowed;
  for (const Route& route : routes_) {
    if (!matches(route)) {
      continue;
    }
    allowed.insert(route.entry.method);
    auto better = [&route](const Route* current) {
      return current == nullptr || MoreSpecific(route.segments, current->segments);
    };
    if (better(best_for_path)) {
      best_for_path = &route;
    }
    if (route.entry.method == request.method && better(best_for_method)) {
      best_for_method = &route;
    }
    if (route.entry.method == "GET" && better(best_get)) {
      best_get = &route;
    }
  }
  if (best_for_method == nullptr && request.method == "HEAD") {
    best_for_method = best_get;
  }

  if (best_for_path == nullptr) {
    return Response::Problem(404, "Not Found", "No resource exists at this path.");
  }
  if (best_for_method == nullptr) {
    if (allowed.contains("GET")) {
      allowed.insert("HEAD");
    }
    std::string allow;
    for (const std::string& method : allowed) {
      allow += allow.empty() ? method : ", " + method;
    }
    Response response = Response::Problem(405, "Method Not Allowed",
                                          "This resource does not support the request method.");
    response.SetHeader("Allow", allow);
    response.route = best_for_path->entry.pattern;
    return response;
  }

  PathParams params;
  for (std::size_t index = 0; index < segments.size(); ++index) {
    if (best_for_method->segments[index].is_parameter) {
      params.emplace(best_for_method->segments[index].text, std::move(segments[index]));
    }
  }
  Response response;
  try {
    response = best_for_method->handler(request, params);
  } catch (...) {
    // The one boundary for route handlers: the client learns nothing about
    // what failed, while metrics still see the route.
    response = InternalServerError();
  }
  response.route = best_for_method->entry.pattern;
  return response;
}

std::vector<RouteEntry> Router::Routes() const {
  std::vector<RouteEntry> entries;
  entries.reserve(routes_.size());
  for (const Route& route : routes_) {
    entries.push_back(route.entry);
  }
  return entries;
}

}  // namespace backplan::http
