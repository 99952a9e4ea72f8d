#pragma once
// Commands that work straight on the database file, without a running server
// (`backplan diary import`, `backplan report --client`), go through the same
// use cases as the API. They act as the admin of the client's clinic (the
// first admin account, by id), with the audit address "cli". Whoever can run
// such a command can open the database file, which is already admin-level
// access; recording it under the clinic admin keeps every row's author a real
// user and the audit trail readable in the same place as the API's.

#include <functional>
#include <iosfwd>
#include <string>

#include "service/audit_writer.h"
#include "service/principal.h"
#include "storage/store.h"

namespace backplan::cli {

// What the command does once the store is open and the actor known; returns
// the exit code. Audit rows written through `audit` are flushed before the
// store closes.
using AdminCommandBody = std::function<int(storage::Store& store, service::AuditWriter& audit,
                                           const service::Principal& actor)>;

// Checks the client id, opens the existing database (never creates one),
// finds the clinic admin, runs `body`, closes the database. Every refusal is
// said on `err`: exit code 2 for a bad id, a missing file, an unknown client
// or a clinic without an admin; 1 when the database cannot be opened or
// closed cleanly.
int RunAsClinicAdmin(const std::string& db_path, storage::Id client_id, std::ostream& err,
                     const AdminCommandBody& body);

// The wall clock, for the services these commands build.
storage::UnixSeconds CommandClock();

}  // namespace backplan::cli
