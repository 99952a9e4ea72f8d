#pragma once
// Who is asking: the authenticated user of one request, with where the request
// came from (for the audit trail). Anonymous requests have no user.

#include <optional>
#include <string>

#include "storage/records.h"

namespace backplan::service {

struct Principal {
  storage::Id user_id = 0;
  storage::Id clinic_id = 0;
  storage::Role role = storage::Role::client;
  std::string address;
};

// The caller of a use case: a principal, or anonymous with only an address.
struct Caller {
  std::optional<Principal> principal;
  std::string address;
};

inline Caller CallerOf(const Principal& p) {
  return {p, p.address};
}

}  // namespace backplan::service
