#pragma once
// `backplan report --client ID [--db FILE]`: the printable progress report of
// a stored client, from the database file without a running server, through
// the same ReportService as `GET /api/v1/clients/{id}/report`: the same data,
// the same page, the same audit rows. Acts as the clinic admin, audited from
// "cli" (clinic_admin_actor.h).
//
// Exit codes: 0 written (HTML on `out`), 2 invalid input (an unknown client,
// a clinic without an admin), 1 internal error.

#include <iosfwd>
#include <string>

#include "storage/records.h"

namespace backplan::cli {

struct StoredReportOptions {
  std::string db_path = "backplan.db";
  storage::Id client_id = 0;
};

int RunStoredReport(const StoredReportOptions& options, std::ostream& out, std::ostream& err);

}  // namespace backplan::cli
