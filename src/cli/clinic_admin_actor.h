#pragma once
// Who a command that works straight on the database file acts as: the admin
// of the client's clinic (the first admin account, by id), with the audit
// address "cli". Whoever can run such a command can open the database file,
// which is already admin-level access; recording it under the clinic admin
// keeps every row's author a real user and the audit trail readable in the
// same place as the API's.

#include <iosfwd>
#include <optional>

#include "service/principal.h"
#include "storage/store.h"

namespace backplan::cli {

// nullopt after saying why on `err`: an unknown client, a clinic without an
// admin, or a database that cannot be read.
std::optional<service::Principal> ClinicAdminFor(storage::Store& store, storage::Id client_id,
                                                 std::ostream& err);

}  // namespace backplan::cli
