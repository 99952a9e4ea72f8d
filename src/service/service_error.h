#pragma once
// What a use case returns when it does not succeed: one ErrorKind (mapped to
// HTTP statuses and exit codes in core/error_kind.h), a message safe to show
// the caller (no health data, no internals), and field errors for bad input.

#include <optional>
#include <string>
#include <utility>
#include <variant>

#include "core/error_kind.h"
#include "core/field_error.h"

namespace backplan::service {

struct ServiceError {
  core::ErrorKind kind = core::ErrorKind::internal;
  std::string message;
  core::FieldErrors field_errors;
  int retry_after_seconds = 0;  // for throttled logins
};

inline ServiceError NotFound() {
  return {core::ErrorKind::not_found, "not found", {}, 0};
}
inline ServiceError Forbidden() {
  return {core::ErrorKind::forbidden, "not allowed for your role", {}, 0};
}
inline ServiceError Invalid(std::string path, std::string reason) {
  return {
      core::ErrorKind::invalid_input, "invalid input", {{std::move(path), std::move(reason)}}, 0};
}
inline ServiceError Conflict(std::string message) {
  return {core::ErrorKind::conflict, std::move(message), {}, 0};
}
inline ServiceError Internal() {
  return {core::ErrorKind::internal, "internal error", {}, 0};
}

// A value or a ServiceError.
template <typename T>
class Outcome {
 public:
  Outcome(T value) : state_(std::move(value)) {}             // NOLINT: implicit by design
  Outcome(ServiceError error) : state_(std::move(error)) {}  // NOLINT
  bool ok() const { return std::holds_alternative<T>(state_); }
  const T& value() const { return std::get<T>(state_); }
  T& value() { return std::get<T>(state_); }
  const ServiceError& error() const { return std::get<ServiceError>(state_); }

 private:
  std::variant<T, ServiceError> state_;
};

}  // namespace backplan::service
