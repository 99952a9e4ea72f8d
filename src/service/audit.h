#pragma once
// Builds audit rows. Every read and write of health data, every login and
// every denial goes through here, inside the same transaction as the work it
// records, so an action is never kept without its audit row. Rows carry ids,
// never health data.

#include <optional>
#include <string>

#include "service/principal.h"
#include "storage/records.h"
#include "storage/store.h"

namespace backplan::service {

inline void Audit(storage::WriteTx& tx, const Caller& caller, storage::Id clinic_id,
                  std::string action, std::string resource, std::optional<storage::Id> resource_id,
                  std::optional<storage::Id> client_id, std::string outcome,
                  storage::UnixSeconds at) {
  storage::AuditRow row;
  row.at = at;
  if (caller.principal) {
    row.actor_user_id = caller.principal->user_id;
    row.actor_role = storage::Name(caller.principal->role);
  } else {
    row.actor_role = "anonymous";
  }
  row.action = std::move(action);
  row.resource = std::move(resource);
  row.resource_id = resource_id;
  row.client_id = client_id;
  row.address = caller.address;
  row.outcome = std::move(outcome);
  tx.AppendAudit(clinic_id, row);
}

}  // namespace backplan::service
