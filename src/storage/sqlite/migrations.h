#pragma once
// Versioned schema migrations, applied at start-up.
//
// Contract:
// - Migrations are numbered 1..N, contiguous and in order; anything else is a
//   programmer error, answered with an internal error before touching the file.
// - The file's schema version is PRAGMA user_version (0 for a new file). Each
//   migration above it runs in its own write transaction, which also sets
//   user_version to that migration's number: a migration is applied entirely,
//   version included, or not at all.
// - Applying again (at every restart) runs nothing that already ran.
// - A file whose user_version is above N was migrated by a newer binary: the
//   answer is schema_too_new, naming both versions, and nothing is run.
// - A failing migration stops the sequence: its error (with the migration's
//   number and name) is returned, and the versions before it stay applied.
// - A migration's SQL is constant text and may hold several statements. It
//   runs inside a transaction, so statements that cannot (VACUUM, and
//   PRAGMA foreign_keys, which is a no-op there) do not belong in it.
//
// Thread safety: as Database; two processes migrating the same file at once
// are safe, because each step re-reads user_version inside its write lock.

#include <span>
#include <string_view>

#include "storage/sqlite/database.h"
#include "storage/status.h"

namespace backplan::storage::sqlite {

struct Migration {
  int version;
  std::string_view name;
  std::string_view sql;
};

Status ApplyMigrations(Database& database, std::span<const Migration> migrations);

// The file's PRAGMA user_version.
Result<int> SchemaVersion(Database& database);

}  // namespace backplan::storage::sqlite
