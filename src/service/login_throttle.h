#pragma once
// Slows password guessing: failed logins are counted per account and per
// address in a sliding window; past the limit, logins from that account or
// address are refused until the window has moved on. In memory, so the limit
// is per server process (a multi-server deployment would keep it in the store).
// Thread-safe.

#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <unordered_map>

namespace backplan::service {

struct ThrottleLimits {
  int max_failures_per_account = 10;  // well under OWASP ASVS's 100 per hour
  int max_failures_per_address = 50;
  std::int64_t window_seconds = 15 * 60;
};

class LoginThrottle {
 public:
  explicit LoginThrottle(ThrottleLimits limits = {}) : limits_(limits) {}

  // Seconds until a login may be tried again, or 0 when it may be tried now.
  std::int64_t RetryAfter(const std::string& account, const std::string& address, std::int64_t now);
  void RecordFailure(const std::string& account, const std::string& address, std::int64_t now);
  void RecordSuccess(const std::string& account);

 private:
  using Failures = std::deque<std::int64_t>;
  std::int64_t RetryAfterLocked(Failures& failures, int limit, std::int64_t now);

  ThrottleLimits limits_;
  std::mutex mutex_;
  std::unordered_map<std::string, Failures> by_account_;  // guarded by mutex_
  std::unordered_map<std::string, Failures> by_address_;  // guarded by mutex_
};

}  // namespace backplan::service
