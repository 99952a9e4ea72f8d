#include "storage/sqlite/statement_cache.h"

#include <sqlite3.h>

#include <cassert>
#include <limits>

#include "storage/sqlite/sqlite_error.h"

namespace backplan::storage::sqlite {
namespace {

// True when `rest` holds a further statement (or trailing text SQLite cannot
// parse), as opposed to whitespace, semicolons and comments only.
bool HoldsAnotherStatement(sqlite3* db, std::string_view rest) {
  sqlite3_stmt* next = nullptr;
  const int rc = sqlite3_prepare_v2(db, rest.data(), static_cast<int>(rest.size()), &next, nullptr);
  sqlite3_finalize(next);
  return rc != SQLITE_OK || next != nullptr;
}

}  // namespace

StatementCache::StatementCache(sqlite3* db, std::size_t max_idle) : db_(db), max_idle_(max_idle) {}

StatementCache::~StatementCache() {
  // A Statement still out would point at a dead cache and a closed connection.
  assert(outstanding_count_ == 0);
  for (auto& [sql, statements] : idle_by_sql_) {
    for (sqlite3_stmt* stmt : statements) {
      sqlite3_finalize(stmt);
    }
  }
}

Result<Statement> StatementCache::Acquire(std::string_view sql) {
  auto slot = idle_by_sql_.find(sql);
  if (slot != idle_by_sql_.end() && !slot->second.empty()) {
    sqlite3_stmt* stmt = slot->second.back();
    slot->second.pop_back();
    --idle_count_;
    ++outstanding_count_;
    return Statement(this, &slot->second, stmt);
  }

  if (sql.size() > static_cast<std::size_t>(std::numeric_limits<int>::max())) {
    return Status::Error(StorageError::internal, "prepare: SQL text too long");
  }
  sqlite3_stmt* stmt = nullptr;
  const char* tail = nullptr;
  // PERSISTENT tells SQLite the statement will be reused many times, so it
  // allocates it outside the lookaside pool.
  const int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()),
                                    SQLITE_PREPARE_PERSISTENT, &stmt, &tail);
  if (rc != SQLITE_OK) {
    return SqliteStatus(rc, db_, "prepare");
  }
  if (stmt == nullptr) {
    return Status::Error(StorageError::internal, "prepare: SQL text holds no statement");
  }
  const std::string_view rest(tail, static_cast<std::size_t>(sql.data() + sql.size() - tail));
  if (!rest.empty() && HoldsAnotherStatement(db_, rest)) {
    sqlite3_finalize(stmt);
    return Status::Error(StorageError::internal,
                         "prepare: SQL text holds more than one statement; use Execute");
  }
  if (slot == idle_by_sql_.end()) {
    slot = idle_by_sql_.emplace(std::string(sql), std::vector<sqlite3_stmt*>{}).first;
  }
  ++outstanding_count_;
  return Statement(this, &slot->second, stmt);
}

void StatementCache::Release(std::vector<sqlite3_stmt*>* slot, sqlite3_stmt* stmt) noexcept {
  --outstanding_count_;
  // Reset releases any read lock the statement held; clearing the bindings
  // drops the copies of values (which may be health data) right away.
  sqlite3_reset(stmt);
  sqlite3_clear_bindings(stmt);
  if (idle_count_ >= max_idle_) {
    sqlite3_finalize(stmt);
    return;
  }
  try {
    slot->push_back(stmt);
    ++idle_count_;
  } catch (...) {  // out of memory: keeping it was only an optimisation
    sqlite3_finalize(stmt);
  }
}

}  // namespace backplan::storage::sqlite
