#include "storage/sqlite/migrations.h"

#include <string>

namespace backplan::storage::sqlite {
namespace {

Result<int> ReadUserVersion(Connection& connection) {
  Result<Statement> query = connection.Prepare("PRAGMA user_version");
  if (!query.ok()) {
    return query.status();
  }
  Result<StepResult> step = query.value().Step();
  if (!step.ok()) {
    return step.status();
  }
  if (step.value() != StepResult::row) {
    return Status::Error(StorageError::internal, "PRAGMA user_version returned no row");
  }
  return static_cast<int>(query.value().Int64(0));
}

Status CheckNumbering(std::span<const Migration> migrations) {
  for (std::size_t migration_idx = 0; migration_idx < migrations.size(); ++migration_idx) {
    const int expected = static_cast<int>(migration_idx) + 1;
    if (migrations[migration_idx].version != expected) {
      return Status::Error(StorageError::internal,
                           "migrations: expected version " + std::to_string(expected) +
                               " at position " + std::to_string(migration_idx + 1) + ", found " +
                               std::to_string(migrations[migration_idx].version));
    }
  }
  return Status::Ok();
}

Status SchemaTooNew(int file_version, int newest_known) {
  return Status::Error(StorageError::schema_too_new,
                       "database schema version " + std::to_string(file_version) +
                           " is newer than this binary's newest migration " +
                           std::to_string(newest_known));
}

Status ApplyOne(Database& database, const Migration& migration, int newest_known) {
  return database.Write("migrate", [&](Connection& connection) -> Status {
    // Re-read under the write lock: another process may have migrated since.
    Result<int> version = ReadUserVersion(connection);
    if (!version.ok()) {
      return version.status();
    }
    if (version.value() > newest_known) {
      return SchemaTooNew(version.value(), newest_known);
    }
    if (version.value() >= migration.version) {
      return Status::Ok();
    }
    const std::string label =
        "migration " + std::to_string(migration.version) + " (" + std::string(migration.name) + ")";
    if (Status status = connection.Execute(migration.sql); !status.ok()) {
      return Status::Error(status.error(), label + ": " + status.message());
    }
    // A pragma takes no bound parameters; the number is ours, not input.
    if (Status status =
            connection.Execute("PRAGMA user_version=" + std::to_string(migration.version));
        !status.ok()) {
      return Status::Error(status.error(), label + ": " + status.message());
    }
    return Status::Ok();
  });
}

}  // namespace

Result<int> SchemaVersion(Database& database) {
  int version = 0;
  Status status = database.Read("schema_version", [&version](Connection& connection) -> Status {
    Result<int> read = ReadUserVersion(connection);
    if (!read.ok()) {
      return read.status();
    }
    version = read.value();
    return Status::Ok();
  });
  if (!status.ok()) {
    return status;
  }
  return version;
}

Status ApplyMigrations(Database& database, std::span<const Migration> migrations) {
  if (Status status = CheckNumbering(migrations); !status.ok()) {
    return status;
  }
  const int newest_known = static_cast<int>(migrations.size());

  // Checked before any write so that a newer file is refused without even
  // taking the write lock.
  Result<int> current = SchemaVersion(database);
  if (!current.ok()) {
    return current.status();
  }
  if (current.value() > newest_known) {
    return SchemaTooNew(current.value(), newest_known);
  }
  for (const Migration& migration : migrations) {
    if (migration.version <= current.value()) {
      continue;
    }
    if (Status status = ApplyOne(database, migration, newest_known); !status.ok()) {
      return status;
    }
  }
  return Status::Ok();
}

}  // namespace backplan::storage::sqlite
