#include "cli/clinic_admin_actor.h"

#include <ostream>

namespace backplan::cli {

std::optional<service::Principal> ClinicAdminFor(storage::Store& store, storage::Id client_id,
                                                 std::ostream& err) {
  std::optional<service::Principal> actor;
  bool known_client = false;
  const auto status = store.Read([&](storage::ReadTx& tx) {
    const auto client = tx.ClientById(client_id);
    if (!client)
      return storage::Status{};
    known_client = true;
    storage::Page first;
    first.limit = 1;
    const auto admins = tx.UsersByRole(client->clinic_id, storage::Role::admin, first);
    if (!admins.empty())
      actor = service::Principal{admins.front().id, client->clinic_id, storage::Role::admin, "cli"};
    return storage::Status{};
  });
  if (!status.ok()) {
    err << "cannot read the database: " << status.message() << "\n";
    return std::nullopt;
  }
  if (!known_client)
    err << "--client " << client_id << ": no such client in this database\n";
  else if (!actor)
    err << "--client " << client_id << ": the client's clinic has no admin to act as\n";
  return actor;
}

}  // namespace backplan::cli
