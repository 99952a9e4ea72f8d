#include "service/login_throttle.h"

#include <algorithm>

namespace backplan::service {

std::int64_t LoginThrottle::RetryAfterLocked(Failures& failures, int limit, std::int64_t now) {
  while (!failures.empty() && failures.front() <= now - limits_.window_seconds)
    failures.pop_front();
  if (static_cast<int>(failures.size()) < limit)
    return 0;
  return std::max<std::int64_t>(1, failures.front() + limits_.window_seconds - now);
}

std::int64_t LoginThrottle::RetryAfter(const std::string& account, const std::string& address,
                                       std::int64_t now) {
  std::lock_guard lock(mutex_);
  return std::max(RetryAfterLocked(by_account_[account], limits_.max_failures_per_account, now),
                  RetryAfterLocked(by_address_[address], limits_.max_failures_per_address, now));
}

void LoginThrottle::RecordFailure(const std::string& account, const std::string& address,
                                  std::int64_t now) {
  std::lock_guard lock(mutex_);
  by_account_[account].push_back(now);
  by_address_[address].push_back(now);
}

void LoginThrottle::RecordSuccess(const std::string& account) {
  std::lock_guard lock(mutex_);
  by_account_.erase(account);
}

}  // namespace backplan::service
