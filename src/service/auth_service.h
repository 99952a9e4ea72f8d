#pragma once
// Accounts and sessions: login and logout, resolving a session token to a
// principal, invitations and password resets through single-use, expiring
// links. Tokens are returned to the caller once and stored only as hashes.
// Thread-safe.

#include <functional>
#include <string>

#include "service/login_throttle.h"
#include "service/principal.h"
#include "service/service_error.h"
#include "service/session_cache.h"
#include "storage/store.h"

namespace backplan::service {

using Clock = std::function<storage::UnixSeconds()>;

struct LoginResult {
  std::string session_token;  // give to the client once; never log it
  std::string csrf_token;
  storage::UserRow user;
};

struct SessionContext {
  Principal principal;
  std::string csrf_token;
};

class AuthService {
 public:
  AuthService(storage::Store& store, Clock clock, ThrottleLimits limits = {});

  Outcome<LoginResult> Login(const std::string& email, const std::string& password,
                             const std::string& address);
  Outcome<SessionContext> Authenticate(const std::string& session_token,
                                       const std::string& address);
  // False when the store failed; the session may then still exist.
  bool Logout(const std::string& session_token);

  // Sets the password of the user a one-time link belongs to, and uses the link up.
  Outcome<storage::UserRow> CompleteOneTimeLink(const std::string& token,
                                                const std::string& password,
                                                const std::string& address);

  // A new single-use link token for a user (invitation or reset).
  std::string IssueOneTimeToken(storage::WriteTx& tx, storage::Id user_id,
                                storage::TokenPurpose purpose);

  storage::UnixSeconds Now() const { return clock_(); }

 private:
  storage::Store& store_;
  Clock clock_;
  LoginThrottle throttle_;
  SessionCache sessions_;
};

// Lower-cases and trims an email; nullopt-like empty string when malformed.
std::string NormalizeEmail(const std::string& email);
// Why a password is not acceptable, or empty when it is.
std::string PasswordProblem(const std::string& password);

}  // namespace backplan::service
