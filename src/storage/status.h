#pragma once
// Expected storage failures as values: a Status says "ok" or names one
// StorageError with a message; a Result<T> holds either a T or a failed Status.
// std::expected is C++23, so backplan carries its own.
//
// Contract: a message describes what failed (the operation, the SQLite error
// text, a table or constraint name) and never contains a bound parameter
// value, because values may be health data and messages end up in logs.
//
// Thread safety: plain values; distinct objects may be used from distinct
// threads, one object is not synchronized.

#include <cassert>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>

namespace backplan::storage {

enum class StorageError {
  not_found,       // the row asked for does not exist
  conflict,        // a constraint refused the change: unique, foreign key, check, not null
  busy,            // another connection held the lock for longer than we were willing to wait
  corrupt,         // the file is damaged or is not a database
  schema_too_new,  // the file was migrated by a newer binary than this one
  io,              // the operating system or the disk failed us
  internal,        // a bug or a misuse of the API; not the caller's input
};

constexpr std::string_view Name(StorageError error) {
  switch (error) {
    case StorageError::not_found:
      return "not_found";
    case StorageError::conflict:
      return "conflict";
    case StorageError::busy:
      return "busy";
    case StorageError::corrupt:
      return "corrupt";
    case StorageError::schema_too_new:
      return "schema_too_new";
    case StorageError::io:
      return "io";
    case StorageError::internal:
      return "internal";
  }
  return "internal";
}

class [[nodiscard]] Status {
 public:
  Status() = default;  // ok

  static Status Ok() { return Status(); }
  static Status Error(StorageError error, std::string message) {
    Status status;
    status.error_ = error;
    status.message_ = std::move(message);
    return status;
  }

  bool ok() const { return !error_.has_value(); }
  // Precondition: !ok(). An ok Status has no error; asking is a bug.
  StorageError error() const {
    assert(error_.has_value());
    return error_.value_or(StorageError::internal);
  }
  const std::string& message() const { return message_; }  // empty when ok

  // "conflict: UNIQUE constraint failed: client.email", or "ok"; for logs.
  std::string ToString() const {
    if (ok()) {
      return "ok";
    }
    std::string text(Name(*error_));
    if (!message_.empty()) {
      text += ": ";
      text += message_;
    }
    return text;
  }

 private:
  std::optional<StorageError> error_;
  std::string message_;
};

template <typename T>
class [[nodiscard]] Result {
  static_assert(!std::is_same_v<std::remove_cvref_t<T>, Status>,
                "Result<Status> is ambiguous; return a Status instead");

 public:
  // Implicit both ways so that `return value;` and `return status;` read naturally.
  Result(T value) : value_(std::move(value)) {}
  Result(Status status) : status_(std::move(status)) {
    // A Result built from an ok Status would hold nothing; that is a bug in
    // the caller, reported as a failure rather than as undefined behaviour.
    assert(!status_.ok());
    if (status_.ok()) {
      status_ = Status::Error(StorageError::internal, "Result built from an ok Status");
    }
  }

  bool ok() const { return value_.has_value(); }
  StorageError error() const { return status_.error(); }  // precondition: !ok()
  const std::string& message() const { return status_.message(); }
  const Status& status() const { return status_; }  // Status::Ok() when ok()

  // Precondition: ok(). Asking a failed Result for its value throws
  // std::bad_optional_access (after an assert in debug builds).
  T& value() & {
    assert(ok());
    return value_.value();
  }
  const T& value() const& {
    assert(ok());
    return value_.value();
  }
  T&& value() && {
    assert(ok());
    return std::move(value_.value());
  }

 private:
  std::optional<T> value_;
  Status status_;
};

}  // namespace backplan::storage
