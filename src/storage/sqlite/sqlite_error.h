#pragma once
// The one place where SQLite result codes become StorageErrors, so that every
// caller reports a constraint violation, a lock timeout or a damaged file the
// same way.
//
// Messages are built from the operation name and SQLite's own error text.
// SQLite's text names tables, columns and constraints but never echoes bound
// parameter values, which is what keeps health data out of messages.
//
// Thread safety: stateless; reading a connection's error text is only correct
// on the thread currently using that connection.

#include <string_view>

#include "storage/status.h"

struct sqlite3;

namespace backplan::storage::sqlite {

// SQLITE_CONSTRAINT → conflict, SQLITE_BUSY/LOCKED → busy,
// SQLITE_CORRUPT/NOTADB → corrupt, I/O, full disk, open and permission
// failures → io, everything else → internal. Extended codes are accepted.
StorageError ErrorForSqliteCode(int code);

// A failed Status for `code`: "<operation>: <SQLite's message>". `db` may be
// null (e.g. when open failed before a handle existed); then SQLite's generic
// text for the code is used.
Status SqliteStatus(int code, sqlite3* db, std::string_view operation);

}  // namespace backplan::storage::sqlite
