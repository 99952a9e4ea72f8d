#pragma once
// Builds audit rows. Every read and write of health data, every login and
// every denial goes through here. A write's row goes into the same
// transaction as the write, so a change is never kept without its audit row;
// a read's row goes to the background AuditWriter. Rows carry ids, never
// health data.

#include <optional>
#include <string>

#include "service/audit_writer.h"
#include "service/principal.h"
#include "storage/records.h"
#include "storage/store.h"

namespace backplan::service {

inline storage::AuditRow AuditRowFor(const Caller& caller, std::string action, std::string resource,
                                     std::optional<storage::Id> resource_id,
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
  return row;
}

// In the transaction of the write it records.
inline void Audit(storage::WriteTx& tx, const Caller& caller, storage::Id clinic_id,
                  std::string action, std::string resource, std::optional<storage::Id> resource_id,
                  std::optional<storage::Id> client_id, std::string outcome,
                  storage::UnixSeconds at) {
  tx.AppendAudit(clinic_id, AuditRowFor(caller, std::move(action), std::move(resource), resource_id,
                                        client_id, std::move(outcome), at));
}

// For a read: queued to the background writer (see audit_writer.h).
inline void Audit(AuditWriter& writer, const Caller& caller, storage::Id clinic_id,
                  std::string action, std::string resource, std::optional<storage::Id> resource_id,
                  std::optional<storage::Id> client_id, std::string outcome,
                  storage::UnixSeconds at) {
  writer.Append(clinic_id, AuditRowFor(caller, std::move(action), std::move(resource), resource_id,
                                       client_id, std::move(outcome), at));
}

}  // namespace backplan::service
