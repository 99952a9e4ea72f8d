#pragma once
// The one place that decides who may touch which record. Deny by default:
// admin — every record of their own clinic; practitioner — their own clients;
// client — their own record only. Callers turn a denial on a specific record
// into "not found" so that ids of other people's records leak nothing.

#include "service/principal.h"
#include "storage/records.h"

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

inline bool IsAdmin(const Principal& p) {
  return p.role == storage::Role::admin;
}
inline bool IsStaff(const Principal& p) {
  return p.role == storage::Role::admin || p.role == storage::Role::practitioner;
}

}  // namespace backplan::service
