#pragma once
// One SQLite connection, opened the way backplan needs every connection to be:
// WAL journal (readers never block the writer), synchronous=FULL by default (a
// commit survives power loss, not only a crash of the process), foreign keys
// enforced, a busy timeout, and temporary tables kept in memory.
//
// Contract:
// - Open fails, rather than silently running in another mode, when the file
//   will not switch to WAL (":memory:" and some file systems).
// - Prepare hands out cached statements keyed by SQL text (statement_cache.h).
//   Execute runs constant SQL (DDL, pragmas, transaction control) and may hold
//   several statements; it has no way to bind values, on purpose.
// - Statements from Prepare must be destroyed before the Connection.
//
// Thread safety: opened with SQLITE_OPEN_NOMUTEX, so SQLite does not lock for
// us: a Connection, and its Statements, must be used by one thread at a time.
// Database hands connections out that way; use it rather than sharing one.

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <memory>
#include <string_view>

#include "storage/sqlite/statement.h"
#include "storage/status.h"

struct sqlite3;

namespace backplan::storage::sqlite {

class StatementCache;

// NORMAL in WAL mode is faster but may lose the last commits on power loss
// (never on a crash of the process); FULL syncs the WAL on every commit.
enum class Synchronous { normal, full };

struct ConnectionOptions {
  Synchronous synchronous = Synchronous::full;
  // How long SQLite itself retries a lock held by another connection.
  std::chrono::milliseconds busy_timeout{5000};
  // PRAGMA query_only: any write fails. The reader pool uses this so that a
  // write slipped into Database::Read fails loudly instead of racing the writer.
  bool query_only = false;
};

class Connection {
 public:
  // Creates the file when it does not exist. Errors: io (cannot open or
  // create, or WAL refused), corrupt (the file is not a database).
  static Result<std::unique_ptr<Connection>> Open(const std::filesystem::path& path,
                                                  const ConnectionOptions& options = {});

  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection();  // closes; use Close() to learn whether closing failed

  // A statement for `sql` (exactly one statement), from the cache when one is idle.
  Result<Statement> Prepare(std::string_view sql);
  // Runs every statement in `sql` to completion, discarding rows.
  Status Execute(std::string_view sql);
  // Runs exactly one statement through the statement cache. For the hot
  // transaction-control statements (BEGIN, COMMIT, savepoints), which would
  // otherwise be parsed again on every request.
  Status ExecuteCached(std::string_view sql);

  std::int64_t LastInsertRowId() const;
  std::int64_t ChangeCount() const;  // rows changed by the last INSERT/UPDATE/DELETE
  bool InTransaction() const;
  std::size_t idle_statement_count() const;

  // Finalizes the cached statements and closes the handle. Fails (internal)
  // when a Statement is still alive. Afterwards only destruction is allowed.
  Status Close();

 private:
  explicit Connection(sqlite3* db);
  Status Configure(const ConnectionOptions& options);

  sqlite3* db_;
  std::unique_ptr<StatementCache> statements_;
};

}  // namespace backplan::storage::sqlite
