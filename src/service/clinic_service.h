#pragma once
// People in a clinic: the admin creates practitioners; a practitioner (or the
// admin on their behalf) adds clients and invites them; staff issue password
// reset links. Every operation is permission-checked here and audited.
// Thread-safe.

#include <optional>
#include <string>
#include <vector>

#include "service/audit_writer.h"
#include "service/auth_service.h"
#include "service/principal.h"
#include "service/service_error.h"
#include "storage/store.h"

namespace backplan::service {

struct Invited {
  storage::UserRow user;
  std::optional<storage::ClientRow> client;
  std::string link_token;  // hand to the person once; it sets their password
  // A retry with the same Idempotency-Key: the first request's person, with a
  // fresh link while they have not set a password yet (the first link's token
  // is stored only as a hash, so it cannot be shown again).
  bool replayed = false;
};

struct NewClient {
  std::string display_name;
  std::string email;
  std::optional<storage::Id> practitioner_id;  // admins must say whose client
  std::optional<std::string> idempotency_key;
};

class ClinicService {
 public:
  ClinicService(storage::Store& store, AuthService& auth, AuditWriter& audit)
      : store_(store), auth_(auth), audit_(audit) {}

  // First start: a clinic and its admin with a password. Fails with conflict
  // once any user exists.
  Outcome<storage::UserRow> Bootstrap(const std::string& clinic_name, const std::string& email,
                                      const std::string& display_name, const std::string& password);

  Outcome<Invited> CreatePractitioner(const Principal& p, const std::string& email,
                                      const std::string& display_name,
                                      const std::optional<std::string>& idempotency_key = {});
  Outcome<std::vector<storage::UserRow>> ListPractitioners(const Principal& p,
                                                           const storage::Page& page);
  Outcome<Invited> CreateClient(const Principal& p, const NewClient& client);
  Outcome<std::vector<storage::ClientRow>> ListClients(const Principal& p,
                                                       const storage::Page& page);
  Outcome<storage::ClientRow> GetClient(const Principal& p, storage::Id client_id);
  // A reset link for a practitioner (admin) or a client (their practitioner or admin).
  Outcome<std::string> IssuePasswordReset(const Principal& p, storage::Id user_id);
  Outcome<std::vector<storage::AuditRow>> ListAudit(const Principal& p,
                                                    const storage::AuditFilter& filter,
                                                    const storage::Page& page);
  Outcome<storage::UserRow> Me(const Principal& p);

 private:
  Outcome<Invited> Invite(const Principal& p, storage::UserRow user,
                          std::optional<storage::ClientRow> client,
                          const std::optional<std::string>& idempotency_key);
  std::optional<Invited> ReplayInvitation(storage::WriteTx& tx, const Principal& p,
                                          storage::Id user_id, storage::UnixSeconds now);

  storage::Store& store_;
  AuthService& auth_;
  AuditWriter& audit_;
};

}  // namespace backplan::service
