#include "storage/sqlite/statement.h"

#include <sqlite3.h>

#include <cassert>
#include <string>
#include <utility>

#include "storage/sqlite/sqlite_error.h"
#include "storage/sqlite/statement_cache.h"

namespace backplan::storage::sqlite {
namespace {

// Out-of-range columns are undefined behaviour in SQLite; here they are a bug
// in the caller, caught in debug builds.
void AssertColumnInRange([[maybe_unused]] sqlite3_stmt* stmt, [[maybe_unused]] int column) {
  assert(column >= 0 && column < sqlite3_column_count(stmt));
}

}  // namespace

Statement::Statement(StatementCache* cache, std::vector<sqlite3_stmt*>* slot, sqlite3_stmt* stmt)
    : cache_(cache), slot_(slot), stmt_(stmt) {}

Statement::Statement(Statement&& other) noexcept
    : cache_(std::exchange(other.cache_, nullptr)),
      slot_(std::exchange(other.slot_, nullptr)),
      stmt_(std::exchange(other.stmt_, nullptr)),
      stepped_(std::exchange(other.stepped_, false)),
      finished_(std::exchange(other.finished_, false)) {}

Statement& Statement::operator=(Statement&& other) noexcept {
  if (this != &other) {
    ReleaseToCache();
    cache_ = std::exchange(other.cache_, nullptr);
    slot_ = std::exchange(other.slot_, nullptr);
    stmt_ = std::exchange(other.stmt_, nullptr);
    stepped_ = std::exchange(other.stepped_, false);
    finished_ = std::exchange(other.finished_, false);
  }
  return *this;
}

Statement::~Statement() {
  ReleaseToCache();
}

void Statement::ReleaseToCache() noexcept {
  if (stmt_ != nullptr) {
    cache_->Release(slot_, stmt_);
    stmt_ = nullptr;
  }
}

void Statement::ResetIfStepped() {
  if (stepped_) {
    // The return value repeats the last Step's error, already reported there.
    sqlite3_reset(stmt_);
    stepped_ = false;
    finished_ = false;
  }
}

Status Statement::BindResult(int rc, int index) {
  if (rc == SQLITE_OK) {
    return Status::Ok();
  }
  return SqliteStatus(rc, sqlite3_db_handle(stmt_), "bind parameter " + std::to_string(index));
}

Status Statement::Bind(int index, std::int64_t value) {
  ResetIfStepped();
  return BindResult(sqlite3_bind_int64(stmt_, index, value), index);
}

Status Statement::Bind(int index, double value) {
  ResetIfStepped();
  return BindResult(sqlite3_bind_double(stmt_, index, value), index);
}

Status Statement::Bind(int index, std::string_view value) {
  ResetIfStepped();
  // A null data pointer would bind SQL NULL; an empty view must bind ''.
  const char* data = value.data() != nullptr ? value.data() : "";
  // TRANSIENT: SQLite copies the text now, so the caller's buffer may go away.
  return BindResult(
      sqlite3_bind_text64(stmt_, index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
}

Status Statement::Bind(int index, std::span<const std::byte> value) {
  ResetIfStepped();
  if (value.empty()) {  // as with text: a null pointer would bind NULL, not x''
    return BindResult(sqlite3_bind_zeroblob(stmt_, index, 0), index);
  }
  return BindResult(sqlite3_bind_blob64(stmt_, index, value.data(), value.size(), SQLITE_TRANSIENT),
                    index);
}

Status Statement::Bind(int index, std::nullopt_t) {
  ResetIfStepped();
  return BindResult(sqlite3_bind_null(stmt_, index), index);
}

Result<int> Statement::ParameterIndex(std::string_view name) const {
  const std::string terminated(name);  // SQLite wants a NUL-terminated name
  const int index = sqlite3_bind_parameter_index(stmt_, terminated.c_str());
  if (index == 0) {
    return Status::Error(StorageError::internal, "bind: no parameter named " + terminated);
  }
  return index;
}

Result<StepResult> Statement::Step() {
  if (finished_) {  // run the statement again, with the same bindings
    sqlite3_reset(stmt_);
    finished_ = false;
  }
  stepped_ = true;
  const int rc = sqlite3_step(stmt_);
  if (rc == SQLITE_ROW) {
    return StepResult::row;
  }
  finished_ = true;
  if (rc == SQLITE_DONE) {
    return StepResult::done;
  }
  return SqliteStatus(rc, sqlite3_db_handle(stmt_), "step");
}

Status Statement::Run() {
  while (true) {
    Result<StepResult> step = Step();
    if (!step.ok()) {
      return step.status();
    }
    if (step.value() == StepResult::done) {
      return Status::Ok();
    }
  }
}

void Statement::Reset() {
  sqlite3_reset(stmt_);
  sqlite3_clear_bindings(stmt_);
  stepped_ = false;
  finished_ = false;
}

int Statement::ColumnCount() const {
  return sqlite3_column_count(stmt_);
}

bool Statement::IsNull(int column) const {
  AssertColumnInRange(stmt_, column);
  return sqlite3_column_type(stmt_, column) == SQLITE_NULL;
}

std::int64_t Statement::Int64(int column) const {
  AssertColumnInRange(stmt_, column);
  return sqlite3_column_int64(stmt_, column);
}

double Statement::Double(int column) const {
  AssertColumnInRange(stmt_, column);
  return sqlite3_column_double(stmt_, column);
}

std::string_view Statement::TextView(int column) const {
  AssertColumnInRange(stmt_, column);
  // Text first, then bytes: that order makes the length match the UTF-8 text.
  const auto* text = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, column));
  if (text == nullptr) {
    return {};
  }
  return {text, static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column))};
}

std::string Statement::Text(int column) const {
  return std::string(TextView(column));
}

std::vector<std::byte> Statement::Blob(int column) const {
  AssertColumnInRange(stmt_, column);
  const auto* data = static_cast<const std::byte*>(sqlite3_column_blob(stmt_, column));
  if (data == nullptr) {
    return {};
  }
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_, column));
  return {data, data + size};
}

std::optional<std::int64_t> Statement::OptionalInt64(int column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return Int64(column);
}

std::optional<double> Statement::OptionalDouble(int column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return Double(column);
}

std::optional<std::string> Statement::OptionalText(int column) const {
  if (IsNull(column)) {
    return std::nullopt;
  }
  return Text(column);
}

}  // namespace backplan::storage::sqlite
