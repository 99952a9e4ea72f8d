#include "storage/sqlite/connection.h"

#include <sqlite3.h>

#include <climits>
#include <string>

#include "storage/sqlite/sqlite_error.h"
#include "storage/sqlite/statement_cache.h"

namespace backplan::storage::sqlite {
namespace {

constexpr int kOpenFlags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE |
                           // One thread at a time per connection: SQLite's own
                           // mutex would only add cost.
                           SQLITE_OPEN_NOMUTEX |
                           // Extended result codes tell a unique violation
                           // from a foreign-key one in messages.
                           SQLITE_OPEN_EXRESCODE;

}  // namespace

Result<std::unique_ptr<Connection>> Connection::Open(const std::filesystem::path& path,
                                                     const ConnectionOptions& options) {
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(path.c_str(), &db, kOpenFlags, nullptr);
  if (rc != SQLITE_OK) {
    Status status = SqliteStatus(rc, db, "open");
    sqlite3_close(db);  // a handle is usually returned even on failure
    return status;
  }
  std::unique_ptr<Connection> connection(new Connection(db));
  if (Status status = connection->Configure(options); !status.ok()) {
    return status;
  }
  return connection;
}

Connection::Connection(sqlite3* db) : db_(db), statements_(std::make_unique<StatementCache>(db)) {}

Connection::~Connection() {
  statements_.reset();
  // _v2 defers the close if something is still open rather than leaking it.
  sqlite3_close_v2(db_);
}

Status Connection::Configure(const ConnectionOptions& options) {
  // Defensive mode forbids the schema-editing pragmas that can corrupt a file.
  sqlite3_db_config(db_, SQLITE_DBCONFIG_DEFENSIVE, 1, nullptr);

  const auto timeout_ms = options.busy_timeout.count();
  sqlite3_busy_timeout(db_, static_cast<int>(timeout_ms > INT_MAX ? INT_MAX : timeout_ms));

  // journal_mode answers with the mode now in force; a file that cannot do WAL
  // answers something else instead of failing, so the answer is checked.
  {
    Result<Statement> journal = Prepare("PRAGMA journal_mode=WAL");
    if (!journal.ok()) {
      return journal.status();
    }
    Result<StepResult> step = journal.value().Step();
    if (!step.ok()) {
      return step.status();
    }
    const std::string mode =
        step.value() == StepResult::row ? journal.value().Text(0) : std::string("none");
    if (mode != "wal") {
      return Status::Error(StorageError::io, "open: journal_mode is " + mode + ", not wal");
    }
  }

  const char* synchronous = options.synchronous == Synchronous::full ? "PRAGMA synchronous=FULL"
                                                                     : "PRAGMA synchronous=NORMAL";
  if (Status status = Execute(synchronous); !status.ok()) {
    return status;
  }
  if (Status status = Execute("PRAGMA foreign_keys=ON; PRAGMA temp_store=MEMORY"); !status.ok()) {
    return status;
  }
  if (options.query_only) {
    if (Status status = Execute("PRAGMA query_only=ON"); !status.ok()) {
      return status;
    }
  }
  return Status::Ok();
}

Result<Statement> Connection::Prepare(std::string_view sql) {
  if (db_ == nullptr) {
    return Status::Error(StorageError::internal, "prepare: connection is closed");
  }
  return statements_->Acquire(sql);
}

Status Connection::ExecuteCached(std::string_view sql) {
  Result<Statement> statement = Prepare(sql);
  if (!statement.ok()) {
    return statement.status();
  }
  while (true) {
    Result<StepResult> step = statement.value().Step();
    if (!step.ok()) {
      return step.status();
    }
    if (step.value() == StepResult::done) {
      return Status::Ok();
    }
  }
}

Status Connection::Execute(std::string_view sql) {
  if (db_ == nullptr) {
    return Status::Error(StorageError::internal, "execute: connection is closed");
  }
  if (sql.size() > static_cast<std::size_t>(INT_MAX)) {
    return Status::Error(StorageError::internal, "execute: SQL text too long");
  }
  const char* next = sql.data();
  const char* const end = sql.data() + sql.size();
  while (next < end) {
    sqlite3_stmt* stmt = nullptr;
    const char* tail = nullptr;
    int rc = sqlite3_prepare_v2(db_, next, static_cast<int>(end - next), &stmt, &tail);
    if (rc != SQLITE_OK) {
      return SqliteStatus(rc, db_, "execute");
    }
    if (stmt == nullptr) {  // only whitespace or comments were left
      break;
    }
    do {
      rc = sqlite3_step(stmt);
    } while (rc == SQLITE_ROW);
    // Read the message before finalize, which keeps the error but is one
    // more call that could replace it.
    Status status = rc == SQLITE_DONE ? Status::Ok() : SqliteStatus(rc, db_, "execute");
    sqlite3_finalize(stmt);
    if (!status.ok()) {
      return status;
    }
    next = tail;
  }
  return Status::Ok();
}

std::int64_t Connection::LastInsertRowId() const {
  return sqlite3_last_insert_rowid(db_);
}

std::int64_t Connection::ChangeCount() const {
  return sqlite3_changes64(db_);
}

bool Connection::InTransaction() const {
  return db_ != nullptr && sqlite3_get_autocommit(db_) == 0;
}

std::size_t Connection::idle_statement_count() const {
  return statements_ ? statements_->idle_count() : 0;
}

Status Connection::Close() {
  if (db_ == nullptr) {
    return Status::Ok();
  }
  if (statements_->outstanding_count() != 0) {
    return Status::Error(StorageError::internal, "close: a prepared statement is still in use");
  }
  statements_.reset();
  const int rc = sqlite3_close(db_);
  if (rc != SQLITE_OK) {
    Status status = SqliteStatus(rc, db_, "close");
    sqlite3_close_v2(db_);  // let SQLite finish closing once it can
    db_ = nullptr;
    return status;
  }
  db_ = nullptr;
  return Status::Ok();
}

}  // namespace backplan::storage::sqlite
