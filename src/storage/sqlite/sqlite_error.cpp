#include "storage/sqlite/sqlite_error.h"

#include <sqlite3.h>

#include <string>

namespace backplan::storage::sqlite {

StorageError ErrorForSqliteCode(int code) {
  switch (code & 0xff) {  // the primary code; extended codes refine it
    case SQLITE_CONSTRAINT:
      return StorageError::conflict;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      return StorageError::busy;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      return StorageError::corrupt;
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_PROTOCOL:
    case SQLITE_NOLFS:
      return StorageError::io;
    default:
      return StorageError::internal;
  }
}

Status SqliteStatus(int code, sqlite3* db, std::string_view operation) {
  std::string message(operation);
  message += ": ";
  // sqlite3_errmsg describes the most recent failure on this connection; when
  // it belongs to a different code (or there is no handle) the generic text is
  // the honest answer.
  if (db != nullptr && (sqlite3_extended_errcode(db) & 0xff) == (code & 0xff)) {
    message += sqlite3_errmsg(db);
  } else {
    message += sqlite3_errstr(code);
  }
  return Status::Error(ErrorForSqliteCode(code), std::move(message));
}

}  // namespace backplan::storage::sqlite
