#include "service/clinic_service.h"

#include "service/audit.h"
#include "service/idempotency.h"
#include "service/permissions.h"
#include "service/secrets.h"

namespace backplan::service {
namespace {

constexpr std::size_t kMaxNameLength = 200;

std::optional<ServiceError> CheckName(const std::string& name, const char* path) {
  if (name.empty())
    return Invalid(path, "is required");
  if (name.size() > kMaxNameLength)
    return Invalid(path, "must be at most " + std::to_string(kMaxNameLength) + " characters");
  return std::nullopt;
}

}  // namespace

Outcome<storage::UserRow> ClinicService::Bootstrap(const std::string& clinic_name,
                                                   const std::string& email,
                                                   const std::string& display_name,
                                                   const std::string& password) {
  if (auto e = CheckName(clinic_name, "clinic_name"))
    return *e;
  if (auto e = CheckName(display_name, "display_name"))
    return *e;
  const std::string normalized = NormalizeEmail(email);
  if (normalized.empty())
    return Invalid("email", "is not an email address");
  if (auto problem = PasswordProblem(password); !problem.empty())
    return Invalid("password", problem);
  const std::string hash = HashPassword(password);
  const auto now = auth_.Now();

  std::optional<ServiceError> error;
  storage::UserRow admin;
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    if (tx.CountUsers() > 0) {
      error = ServiceError{core::ErrorKind::conflict, "the clinic already exists", {}, 0};
      return storage::Status{};
    }
    const auto clinic_id = tx.InsertClinic({0, clinic_name, now});
    admin = {0, clinic_id, normalized, display_name, storage::Role::admin, hash, true, now};
    auto id = tx.InsertUser(admin);
    if (!id.ok())
      return id.status();
    admin.id = id.value();
    Audit(tx, {Principal{admin.id, clinic_id, admin.role, "local"}, "local"}, clinic_id,
          "clinic.bootstrap", "clinic", clinic_id, std::nullopt, "ok", now);
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok())
    return Internal();
  return admin;
}

Outcome<Invited> ClinicService::Invite(const Principal& p, storage::UserRow user,
                                       std::optional<storage::ClientRow> client,
                                       const std::optional<std::string>& idempotency_key) {
  if (auto problem = IdempotencyKeyProblem(idempotency_key))
    return *problem;
  const auto now = auth_.Now();
  user.clinic_id = p.clinic_id;
  user.created_at = now;
  const char* const operation = client ? "client.create" : "practitioner.create";
  const std::string request_hash = IdempotencyRequestHash(
      operation, user.email + "\n" + user.display_name + "\n" +
                     (client ? std::to_string(client->practitioner_id) : ""));
  std::optional<ServiceError> error;
  Invited invited;
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    auto earlier = LookUpIdempotencyKey(tx, p, idempotency_key, request_hash);
    if (!earlier.ok()) {
      error = earlier.error();
      return storage::Status{};
    }
    if (earlier.value()) {
      auto replay = ReplayInvitation(tx, p, std::stoll(earlier.value()->resource_id), now);
      if (!replay)
        return storage::Status::Error(storage::StorageError::internal,
                                      "idempotency key names a missing user");
      invited = std::move(*replay);
      return storage::Status{};
    }
    auto id = tx.InsertUser(user);
    if (!id.ok()) {
      if (id.status().error() == storage::StorageError::conflict) {
        error = Invalid("email", "is already in use");
        return storage::Status{};
      }
      return id.status();
    }
    user.id = id.value();
    if (client) {
      client->clinic_id = p.clinic_id;
      client->user_id = user.id;
      client->created_at = now;
      client->id = tx.InsertClient(*client);
    }
    invited.link_token = auth_.IssueOneTimeToken(tx, user.id, storage::TokenPurpose::invitation);
    RememberIdempotencyKey(tx, p, idempotency_key, request_hash, std::to_string(user.id), now);
    Audit(tx, CallerOf(p), p.clinic_id, operation, client ? "client" : "user",
          client ? client->id : user.id, client ? std::optional(client->id) : std::nullopt, "ok",
          now);
    invited.user = user;
    invited.client = client;
    return storage::Status{};
  });
  if (error)
    return *error;
  if (!status.ok())
    return Internal();
  return invited;
}

std::optional<Invited> ClinicService::ReplayInvitation(storage::WriteTx& tx, const Principal& p,
                                                       storage::Id user_id,
                                                       storage::UnixSeconds now) {
  Invited invited;
  invited.replayed = true;
  auto user = tx.UserById(user_id);
  if (!user)
    return std::nullopt;  // the key's row was written with the user: cannot happen
  invited.user = std::move(*user);
  invited.client = tx.ClientByUserId(user_id);
  if (invited.user.password_hash.empty())
    invited.link_token = auth_.IssueOneTimeToken(tx, user_id, storage::TokenPurpose::invitation);
  Audit(tx, CallerOf(p), p.clinic_id, invited.client ? "client.create" : "practitioner.create",
        invited.client ? "client" : "user", invited.client ? invited.client->id : user_id,
        invited.client ? std::optional(invited.client->id) : std::nullopt, "replayed", now);
  return invited;
}

Outcome<Invited> ClinicService::CreatePractitioner(
    const Principal& p, const std::string& email, const std::string& display_name,
    const std::optional<std::string>& idempotency_key) {
  if (!IsAdmin(p))
    return Forbidden();
  if (auto e = CheckName(display_name, "display_name"))
    return *e;
  const std::string normalized = NormalizeEmail(email);
  if (normalized.empty())
    return Invalid("email", "is not an email address");
  storage::UserRow user;
  user.email = normalized;
  user.display_name = display_name;
  user.role = storage::Role::practitioner;
  return Invite(p, user, std::nullopt, idempotency_key);
}

Outcome<std::vector<storage::UserRow>> ClinicService::ListPractitioners(const Principal& p,
                                                                        const storage::Page& page) {
  if (!IsAdmin(p))
    return Forbidden();
  std::vector<storage::UserRow> rows;
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             rows = tx.UsersByRole(p.clinic_id, storage::Role::practitioner, page);
             return storage::Status{};
           })
           .ok())
    return Internal();
  return rows;
}

Outcome<Invited> ClinicService::CreateClient(const Principal& p, const NewClient& request) {
  if (!IsStaff(p))
    return Forbidden();
  if (auto e = CheckName(request.display_name, "display_name"))
    return *e;
  const std::string normalized = NormalizeEmail(request.email);
  if (normalized.empty())
    return Invalid("email", "is not an email address");

  storage::ClientRow client;
  client.display_name = request.display_name;
  if (p.role == storage::Role::practitioner) {
    if (request.practitioner_id && *request.practitioner_id != p.user_id)
      return Invalid("practitioner_id", "a practitioner adds clients to their own list only");
    client.practitioner_id = p.user_id;
  } else {
    if (!request.practitioner_id)
      return Invalid("practitioner_id", "is required for an admin");
    std::optional<storage::UserRow> practitioner;
    if (!store_
             .Read([&](storage::ReadTx& tx) {
               practitioner = tx.UserById(*request.practitioner_id);
               return storage::Status{};
             })
             .ok())
      return Internal();
    if (!practitioner || practitioner->clinic_id != p.clinic_id ||
        practitioner->role != storage::Role::practitioner)
      return Invalid("practitioner_id", "is not a practitioner of this clinic");
    client.practitioner_id = practitioner->id;
  }
  storage::UserRow user;
  user.email = normalized;
  user.display_name = request.display_name;
  user.role = storage::Role::client;
  return Invite(p, user, client, request.idempotency_key);
}

Outcome<std::vector<storage::ClientRow>> ClinicService::ListClients(const Principal& p,
                                                                    const storage::Page& page) {
  if (!IsStaff(p))
    return Forbidden();
  std::vector<storage::ClientRow> rows;
  const auto now = auth_.Now();
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             rows = tx.Clients(p.clinic_id,
                               IsAdmin(p) ? std::nullopt : std::optional<storage::Id>(p.user_id),
                               page);
             Audit(audit_, CallerOf(p), p.clinic_id, "client.list", "client", std::nullopt,
                   std::nullopt, "ok", now);
             return storage::Status{};
           })
           .ok())
    return Internal();
  return rows;
}

Outcome<storage::ClientRow> ClinicService::GetClient(const Principal& p, storage::Id client_id) {
  std::optional<storage::ClientRow> client;
  bool allowed = false;
  const auto now = auth_.Now();
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             client = tx.ClientById(client_id);
             allowed = client && CanAccessClient(p, *client);
             Audit(audit_, CallerOf(p), p.clinic_id, "client.read", "client", client_id, client_id,
                   allowed ? "ok" : "not_found", now);
             return storage::Status{};
           })
           .ok())
    return Internal();
  if (!allowed)
    return NotFound();
  return *client;
}

Outcome<std::string> ClinicService::IssuePasswordReset(const Principal& p, storage::Id user_id) {
  if (!IsStaff(p))
    return Forbidden();
  std::string token;
  bool allowed = false;
  const auto now = auth_.Now();
  if (!store_
           .Write([&](storage::WriteTx& tx) {
             const auto user = tx.UserById(user_id);
             if (user && user->clinic_id == p.clinic_id) {
               if (user->role == storage::Role::client) {
                 const auto client = tx.ClientByUserId(user->id);
                 allowed = client && CanAccessClient(p, *client);
               } else {
                 allowed = IsAdmin(p) && user->id != p.user_id;
               }
             }
             if (allowed)
               token = auth_.IssueOneTimeToken(tx, user_id, storage::TokenPurpose::password_reset);
             Audit(tx, CallerOf(p), p.clinic_id, "password_reset.issue", "user", user_id,
                   std::nullopt, allowed ? "ok" : "not_found", now);
             return storage::Status{};
           })
           .ok())
    return Internal();
  if (!allowed)
    return NotFound();
  return token;
}

Outcome<std::vector<storage::AuditRow>> ClinicService::ListAudit(const Principal& p,
                                                                 const storage::AuditFilter& filter,
                                                                 const storage::Page& page) {
  if (!IsAdmin(p))
    return Forbidden();
  // Reads are audited in the background: what was read before this listing
  // must be in it.
  if (!audit_.Flush())
    return Internal();
  std::vector<storage::AuditRow> rows;
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             rows = tx.Audit(p.clinic_id, filter, page);
             return storage::Status{};
           })
           .ok())
    return Internal();
  return rows;
}

Outcome<storage::UserRow> ClinicService::Me(const Principal& p) {
  std::optional<storage::UserRow> user;
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             user = tx.UserById(p.user_id);
             return storage::Status{};
           })
           .ok())
    return Internal();
  if (!user)
    return NotFound();
  return *user;
}

}  // namespace backplan::service
