#pragma once
// When a session's check-ins are due and where each stands at a given moment
// ("now" is passed in). Check-ins are due 24 h, 72 h and 7 days after the
// session starts. Each is:
//   upcoming  before its due time;
//   due       from its due time;
//   overdue   from its overdue time: 24 h after due for 24h and 72h, 48 h
//             after due for 7d (a week's recall tolerates a wider window);
//   missed    once the answer could no longer be read as that check-in:
//             when the next check-in falls due (24h at 72 h, 72h at 7 d), 7 days
//             after due for 7d, or as soon as a later check-in of the same
//             session is answered;
//   answered  once the client answered it, whenever that was (an early answer
//             still counts; the response rules read the values, not the time).
// Boundaries belong to the later state: exactly at the due time it is due.
// Rules: check_in.* in docs/care-loop-rules.md.

#include <array>
#include <chrono>
#include <optional>
#include <span>
#include <string_view>

#include "core/care/session.h"

namespace backplan::core {

enum class CheckInStatus { upcoming, due, overdue, missed, answered };

struct CheckInWindow {
  CheckInKind kind;
  std::chrono::hours due_after;      // from the session's start
  std::chrono::hours overdue_after;  // from the session's start
  std::chrono::hours missed_after;   // from the session's start
};

const std::array<CheckInWindow, kCheckInKindCount>& CheckInWindows();

struct ScheduledCheckIn {
  CheckInKind kind = CheckInKind::after_24h;
  std::chrono::sys_seconds due_at{};
  std::chrono::sys_seconds overdue_at{};
  std::chrono::sys_seconds missed_at{};
  CheckInStatus status = CheckInStatus::upcoming;
  std::optional<std::chrono::sys_seconds> answered_at;  // the earliest answer of this kind
};

// One entry per kind, in kAllCheckInKinds order. `answered` holds this
// session's check-ins; others must not be passed.
std::array<ScheduledCheckIn, kCheckInKindCount> ScheduleCheckIns(
    std::chrono::sys_seconds session_started_at, std::span<const CheckIn> answered,
    std::chrono::sys_seconds now);

// Due and overdue: the ones to list for the client and the practitioner.
inline bool IsOpen(CheckInStatus status) {
  return status == CheckInStatus::due || status == CheckInStatus::overdue;
}

std::string_view Name(CheckInStatus status);

}  // namespace backplan::core
