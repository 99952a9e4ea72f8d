#pragma once
// Session and link lifetimes (OWASP ASVS 4.0 V3 level 2: re-authenticate after
// 30 minutes idle or 12 hours in all).

#include <cstdint>

namespace backplan::service {

inline constexpr std::int64_t kSessionIdleSeconds = 30 * 60;
inline constexpr std::int64_t kSessionAbsoluteSeconds = 12 * 60 * 60;
// A session's last-seen time is written at most this often, so that reads do
// not each turn into a database write.
inline constexpr std::int64_t kSessionTouchEverySeconds = 60;
inline constexpr std::int64_t kInvitationSeconds = 7 * 24 * 60 * 60;
inline constexpr std::int64_t kPasswordResetSeconds = 60 * 60;

}  // namespace backplan::service
