#pragma once
// The one place that decides who may touch which record. Deny by default:
// admin — every record of their own clinic; practitioner — their own clients;
// client — their own record only. Callers turn a denial on a specific record
// into "not found" so that ids of other people's records leak nothing.

#include "service/principal.h"
#include "storage/records.h"
#include "storage/store.h"

namespace backplan::service {

inline bool CanAccessClient(const Principal& p, const storage::ClientRow& client) {
  if (client.clinic_id != p.clinic_id)
    return false;
  switch (p.role) {
    case storage::Role::admin:
      return true;
    case storage::Role::practitioner:
      return client.practitioner_id == p.user_id;
    case storage::Role::client:
      return client.user_id && *client.user_id == p.user_id;
  }
  return false;
}

// The same check by id, reading the client in the caller's transaction; an
// unknown id is simply not accessible.
inline bool CanAccessClientId(storage::ReadTx& tx, const Principal& p, storage::Id client_id) {
  const auto client = tx.ClientById(client_id);
  return client && CanAccessClient(p, *client);
}

inline bool IsAdmin(const Principal& p) {
  return p.role == storage::Role::admin;
}
inline bool IsStaff(const Principal& p) {
  return p.role == storage::Role::admin || p.role == storage::Role::practitioner;
}

}  // namespace backplan::service
