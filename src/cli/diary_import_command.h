#pragma once
// `backplan diary import FILE --client ID [--db FILE]`: imports a diary CSV
// straight into a client's stored diary, without a running server, through
// the same DiaryService the API uses: the same validation, the same
// all-or-nothing write transaction, the same audit row.
//
// Actor: the admin of the client's clinic, audited from "cli"
// (clinic_admin_actor.h).
//
// Exit codes: 0 imported (the count on `out`), 2 invalid input (every row
// error on `err` as "line N, column C: reason", nothing stored; also an
// unknown client, a clinic without an admin or a missing database file: a
// new one is never created), 1 internal error.

#include <iosfwd>
#include <string>

#include "storage/records.h"

namespace backplan::cli {

struct DiaryImportOptions {
  std::string db_path = "backplan.db";
  storage::Id client_id = 0;
  std::string path;  // "-" = standard input
};

int RunDiaryImport(const DiaryImportOptions& options, std::istream& in, std::ostream& out,
                   std::ostream& err);

}  // namespace backplan::cli
