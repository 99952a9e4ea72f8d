#pragma once
// A connection's prepared statements, kept by SQL text so that each query is
// compiled once per connection rather than once per use.
//
// Contract: Acquire hands out a Statement that nobody else holds. When the
// SQL's cached statement is already out (a query run while iterating another
// run of the same query), a second one is prepared, so a caller can never see
// its cursor reset underneath it. A released statement comes back reset with
// its bindings cleared; beyond `max_idle` idle statements, released ones are
// finalized instead of kept. Every Statement must be destroyed before its cache.
//
// Thread safety: none; it belongs to one Connection, used by one thread at a time.

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "storage/sqlite/statement.h"
#include "storage/status.h"

struct sqlite3;
struct sqlite3_stmt;

namespace backplan::storage::sqlite {

class StatementCache {
 public:
  static constexpr std::size_t kDefaultMaxIdle = 128;

  explicit StatementCache(sqlite3* db, std::size_t max_idle = kDefaultMaxIdle);
  StatementCache(const StatementCache&) = delete;
  StatementCache& operator=(const StatementCache&) = delete;
  ~StatementCache();  // finalizes every idle statement

  // `sql` must hold exactly one statement (trailing ';', whitespace and comments
  // are fine): silently ignoring a second statement would hide a bug.
  Result<Statement> Acquire(std::string_view sql);

  std::size_t idle_count() const { return idle_count_; }
  std::size_t outstanding_count() const { return outstanding_count_; }

 private:
  friend class Statement;
  void Release(std::vector<sqlite3_stmt*>* slot, sqlite3_stmt* stmt) noexcept;

  sqlite3* db_;
  std::size_t max_idle_;
  // std::map because Statements keep a pointer to their slot, and map nodes
  // never move; std::less<> so lookups by string_view do not allocate.
  std::map<std::string, std::vector<sqlite3_stmt*>, std::less<>> idle_by_sql_;
  std::size_t idle_count_ = 0;
  std::size_t outstanding_count_ = 0;
};

}  // namespace backplan::storage::sqlite
