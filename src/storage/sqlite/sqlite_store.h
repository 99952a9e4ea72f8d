#pragma once
// storage::Store on one SQLite file: the embedded default. Opens (or creates)
// the database, applies the schema migrations, and serves every Read/Write on
// the generic Database layer (one writer, a pool of readers, WAL,
// synchronous=FULL unless told otherwise). Thread-safe.

#include <filesystem>
#include <memory>

#include "storage/sqlite/database.h"
#include "storage/store.h"

namespace backplan::storage::sqlite {

class SqliteStore final : public Store {
 public:
  // Refuses a file whose schema is newer than this binary (schema_too_new).
  static Result<std::unique_ptr<SqliteStore>> Open(const std::filesystem::path& path,
                                                   DatabaseOptions options = {});

  Status Read(const std::function<Status(ReadTx&)>& fn) override;
  Status Write(const std::function<Status(WriteTx&)>& fn) override;
  Status Ping() override;

  Database& database() { return *database_; }
  Status Close() { return database_->Close(); }

 private:
  explicit SqliteStore(std::unique_ptr<Database> database) : database_(std::move(database)) {}
  std::unique_ptr<Database> database_;
};

}  // namespace backplan::storage::sqlite
