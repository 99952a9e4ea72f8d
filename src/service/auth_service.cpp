#include "service/auth_service.h"

#include <algorithm>
#include <cctype>

#include "service/audit.h"
#include "service/secrets.h"
#include "service/session_policy.h"

namespace backplan::service {
namespace {

// Compared against when the account does not exist, so that a login for an
// unknown email takes as long as one with a wrong password.
const std::string& DummyHash() {
  static const std::string hash = HashPassword("backplan-timing-equalizer-password");
  return hash;
}

ServiceError LoginFailed() {
  return {core::ErrorKind::unauthenticated, "email or password is wrong", {}, 0};
}
ServiceError SessionInvalid() {
  return {core::ErrorKind::unauthenticated, "not signed in or the session has expired", {}, 0};
}

}  // namespace

std::string NormalizeEmail(const std::string& email) {
  std::string out;
  for (char c : email)
    if (!std::isspace(static_cast<unsigned char>(c)))
      out += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  const auto at = out.find('@');
  if (out.size() > 254 || at == std::string::npos || at == 0 || at + 1 >= out.size() ||
      out.find('@', at + 1) != std::string::npos)
    return "";
  return out;
}

std::string PasswordProblem(const std::string& password) {
  if (password.size() < kMinPasswordLength)
    return "must be at least " + std::to_string(kMinPasswordLength) + " characters";
  if (password.size() > kMaxPasswordLength)
    return "must be at most " + std::to_string(kMaxPasswordLength) + " characters";
  return "";
}

AuthService::AuthService(storage::Store& store, Clock clock, ThrottleLimits limits)
    : store_(store), clock_(std::move(clock)), throttle_(limits) {}

Outcome<LoginResult> AuthService::Login(const std::string& email, const std::string& password,
                                        const std::string& address) {
  const auto now = clock_();
  const std::string account = NormalizeEmail(email);
  if (account.empty())
    return LoginFailed();
  if (const auto wait = throttle_.RetryAfter(account, address, now); wait > 0) {
    ServiceError e{core::ErrorKind::rate_limited, "too many failed logins; try again later", {}, 0};
    e.retry_after_seconds = static_cast<int>(wait);
    return e;
  }

  std::optional<storage::UserRow> user;
  if (!store_
           .Read([&](storage::ReadTx& tx) {
             user = tx.UserByEmail(account);
             return storage::Status{};
           })
           .ok())
    return Internal();
  const bool ok = user && user->active ? VerifyPassword(password, user->password_hash)
                                       : (VerifyPassword(password, DummyHash()), false);

  const Caller caller{
      ok ? std::optional(Principal{user->id, user->clinic_id, user->role, address}) : std::nullopt,
      address};
  if (!ok) {
    throttle_.RecordFailure(account, address, now);
    if (user)
      if (!store_
               .Write([&](storage::WriteTx& tx) {
                 Audit(tx, caller, user->clinic_id, "login.failure", "user", user->id, std::nullopt,
                       "denied", now);
                 return storage::Status{};
               })
               .ok())
        return Internal();
    return LoginFailed();
  }
  throttle_.RecordSuccess(account);

  LoginResult result{NewToken(), NewToken(), *user};
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    tx.InsertSession({HashToken(result.session_token), user->id, result.csrf_token, now, now});
    Audit(tx, caller, user->clinic_id, "login.success", "user", user->id, std::nullopt, "ok", now);
    return storage::Status{};
  });
  if (!status.ok())
    return Internal();
  return result;
}

Outcome<SessionContext> AuthService::Authenticate(const std::string& session_token,
                                                  const std::string& address) {
  if (session_token.empty() || session_token.size() > 128)
    return SessionInvalid();
  const auto now = clock_();
  const std::string hash = HashToken(session_token);
  std::optional<storage::SessionRow> session;
  std::optional<storage::UserRow> user;
  if (auto cached = sessions_.Find(hash, now)) {
    session = std::move(cached->session);
    user = std::move(cached->user);
  } else {
    const auto generation = sessions_.Generation();
    if (!store_
             .Read([&](storage::ReadTx& tx) {
               session = tx.SessionByTokenHash(hash);
               if (session)
                 user = tx.UserById(session->user_id);
               return storage::Status{};
             })
             .ok())
      return Internal();
    if (session && user)
      sessions_.Put({*session, *user}, now, generation);
  }
  if (!session || !user || !user->active)
    return SessionInvalid();
  const bool idle = now - session->last_seen_at > kSessionIdleSeconds;
  const bool too_old = now - session->created_at > kSessionAbsoluteSeconds;
  if (idle || too_old) {
    const auto status = store_.Write([&](storage::WriteTx& tx) {
      tx.DeleteSession(hash);
      return storage::Status{};
    });
    sessions_.Drop(hash);
    return status.ok() ? SessionInvalid() : Internal();
  }
  if (now - session->last_seen_at >= kSessionTouchEverySeconds) {
    const auto status = store_.Write([&](storage::WriteTx& tx) {
      tx.TouchSession(hash, now);
      return storage::Status{};
    });
    if (!status.ok())
      return Internal();
    sessions_.Touch(hash, now);
  }
  return SessionContext{Principal{user->id, user->clinic_id, user->role, address},
                        session->csrf_token};
}

bool AuthService::Logout(const std::string& session_token) {
  const std::string hash = HashToken(session_token);
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    tx.DeleteSession(hash);
    return storage::Status{};
  });
  // After the delete: a request that read the session before it cannot put
  // it back (SessionCache::Put checks the generation).
  sessions_.Drop(hash);
  return status.ok();
}

std::string AuthService::IssueOneTimeToken(storage::WriteTx& tx, storage::Id user_id,
                                           storage::TokenPurpose purpose) {
  const std::string token = NewToken();
  const auto ttl =
      purpose == storage::TokenPurpose::invitation ? kInvitationSeconds : kPasswordResetSeconds;
  tx.InsertOneTimeToken({HashToken(token), user_id, purpose, clock_() + ttl, std::nullopt});
  return token;
}

Outcome<storage::UserRow> AuthService::CompleteOneTimeLink(const std::string& token,
                                                           const std::string& password,
                                                           const std::string& address) {
  if (auto problem = PasswordProblem(password); !problem.empty())
    return Invalid("password", problem);
  const ServiceError link_invalid{
      core::ErrorKind::not_found, "this link is not valid any more; ask for a new one", {}, 0};
  if (token.empty() || token.size() > 128)
    return link_invalid;
  const auto now = clock_();
  const std::string hash = HashToken(token);
  // Hash outside the write transaction: Argon2id takes tens of milliseconds
  // and must not hold the single writer.
  const std::string password_hash = HashPassword(password);

  std::optional<storage::UserRow> user;
  bool valid = false;
  const auto status = store_.Write([&](storage::WriteTx& tx) {
    const auto link = tx.OneTimeTokenByHash(hash);
    if (!link || link->used_at || link->expires_at < now)
      return storage::Status{};
    user = tx.UserById(link->user_id);
    if (!user || !tx.MarkOneTimeTokenUsed(hash, now))
      return storage::Status{};
    tx.SetPasswordHash(user->id, password_hash);
    tx.DeleteSessionsOfUser(user->id);  // a reset signs out every other session
    const Caller caller{Principal{user->id, user->clinic_id, user->role, address}, address};
    Audit(tx, caller, user->clinic_id,
          link->purpose == storage::TokenPurpose::invitation ? "invitation.accept"
                                                             : "password_reset.complete",
          "user", user->id, std::nullopt, "ok", now);
    valid = true;
    return storage::Status{};
  });
  if (!status.ok())
    return Internal();
  if (!valid)
    return link_invalid;
  sessions_.DropUser(user->id);
  user->password_hash = password_hash;
  return *user;
}

}  // namespace backplan::service
