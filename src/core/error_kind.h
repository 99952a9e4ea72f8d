#pragma once
// The kinds of expected failure, and the one place where each maps to a CLI
// exit code and an HTTP status, so that every face reports a failure the same
// way.

namespace backplan::core {

enum class ErrorKind {
  invalid_input, unauthenticated, forbidden, not_found, conflict, rate_limited, internal
};

constexpr int ExitCodeFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::internal:
      return 1;
    default:
      return 2;  // the input or the request was wrong, not the program
  }
}

constexpr int HttpStatusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::invalid_input:
      return 400;
    case ErrorKind::unauthenticated:
      return 401;
    case ErrorKind::forbidden:
      return 403;
    case ErrorKind::not_found:
      return 404;
    case ErrorKind::conflict:
      return 409;
    case ErrorKind::rate_limited:
      return 429;
    case ErrorKind::internal:
      return 500;
  }
  return 500;
}

}  // namespace backplan::core
