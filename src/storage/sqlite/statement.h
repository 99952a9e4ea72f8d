#pragma once
// One prepared SQL statement: bind values, step through rows, read columns.
//
// Contract:
// - Values reach SQL only through Bind: there is a Bind for every type the
//   schema stores (integers, doubles, text, blobs, NULL, optionals), so no
//   caller ever needs to splice a value into SQL text.
// - Parameters are numbered from 1 (SQLite's convention: `?1`, or the order of
//   `?`), or named (`:email`). Columns are numbered from 0.
// - Bind on a statement that has already been stepped resets it first, and a
//   Step after the last row (or after an error) runs the statement again, so
//   one Statement can be reused in a loop. Reset() also clears the bindings.
// - Column getters read the current row: call them only after Step() returned
//   StepResult::row, with a column index below ColumnCount(). They convert the
//   way SQLite does (an integer column read as Text gives its digits); reading
//   NULL gives 0, 0.0 or "" and the Optional* getters give nullopt.
// - A Statement comes from Connection::Prepare and goes back to that
//   connection's cache, reset and with its bindings cleared, when destroyed.
//   It must not outlive its Connection.
// - Error messages name the operation and the parameter index or name, never a
//   bound value.
//
// Thread safety: none. A Statement belongs to its Connection, and a Connection
// is used by one thread at a time.

#include <concepts>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "storage/status.h"

struct sqlite3_stmt;

namespace backplan::storage::sqlite {

class StatementCache;

enum class StepResult { row, done };

// Integers of every width bind as 64-bit, except those that cannot be
// represented (unsigned 64-bit) and plain char (almost always a mistake for a
// one-character string).
template <typename T>
concept BindableInteger = std::integral<T> && !std::same_as<T, char> &&
                          (std::signed_integral<T> || sizeof(T) < sizeof(std::int64_t));

class Statement {
 public:
  Statement(Statement&& other) noexcept;
  Statement& operator=(Statement&& other) noexcept;
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;
  ~Statement();

  // --- Binding (parameters numbered from 1) ---
  Status Bind(int index, std::int64_t value);
  Status Bind(int index, double value);  // NaN is stored as NULL (SQLite's rule)
  // Copied at bind time, so the view may die before Step(). Empty text binds
  // '' (not NULL), whatever the view points at.
  Status Bind(int index, std::string_view value);
  Status Bind(int index, std::span<const std::byte> value);  // a blob; empty binds x''
  Status Bind(int index, std::nullopt_t);
  template <BindableInteger T>
  Status Bind(int index, T value) {
    return Bind(index, static_cast<std::int64_t>(value));
  }
  template <typename T>
  Status Bind(int index, const std::optional<T>& value) {
    if (!value.has_value()) {
      return Bind(index, std::nullopt);
    }
    return Bind(index, *value);
  }

  // Named parameter, spelled as in the SQL including its prefix: ":email".
  template <typename T>
  Status Bind(std::string_view name, const T& value) {
    Result<int> index = ParameterIndex(name);
    if (!index.ok()) {
      return index.status();
    }
    return Bind(index.value(), value);
  }

  // Binds values to parameters 1..N in order; stops at the first failure.
  template <typename... Values>
  Status BindAll(const Values&... values) {
    Status status;
    int index = 0;
    ((status.ok() ? (void)(status = Bind(++index, values)) : (void)0), ...);
    return status;
  }

  // 1-based index of a named parameter; internal error when the SQL has none
  // of that name.
  Result<int> ParameterIndex(std::string_view name) const;

  // --- Running ---
  Result<StepResult> Step();
  // Steps to completion, discarding any rows: for INSERT, UPDATE, DELETE.
  Status Run();
  // Back to before the first Step, with every binding cleared to NULL.
  void Reset();

  // --- Reading the current row (columns numbered from 0) ---
  int ColumnCount() const;
  bool IsNull(int column) const;
  std::int64_t Int64(int column) const;
  double Double(int column) const;
  std::string Text(int column) const;
  // Points into SQLite's buffer: valid until the next Step, Reset or Bind.
  std::string_view TextView(int column) const;
  std::vector<std::byte> Blob(int column) const;
  std::optional<std::int64_t> OptionalInt64(int column) const;
  std::optional<double> OptionalDouble(int column) const;
  std::optional<std::string> OptionalText(int column) const;

 private:
  friend class StatementCache;
  // Idle statements of the same SQL wait in `slot` when this one is released.
  Statement(StatementCache* cache, std::vector<sqlite3_stmt*>* slot, sqlite3_stmt* stmt);
  void ReleaseToCache() noexcept;
  void ResetIfStepped();
  Status BindResult(int rc, int index);

  StatementCache* cache_ = nullptr;
  std::vector<sqlite3_stmt*>* slot_ = nullptr;
  sqlite3_stmt* stmt_ = nullptr;
  // Step() has run since the last reset: SQLite refuses new bindings until a reset.
  bool stepped_ = false;
  // The last Step() returned done or an error: the next Step() starts over.
  bool finished_ = false;
};

}  // namespace backplan::storage::sqlite
