#include "core/care/check_in_schedule.h"

namespace backplan::core {
namespace {

using std::chrono::hours;

// A check-in is missed when the next one falls due, so a client is never asked
// about "24 h after" and "72 h after" at the same time.
const std::array<CheckInWindow, kCheckInKindCount> kWindows = {{
    {CheckInKind::after_24h, hours{24}, hours{48}, hours{72}},
    {CheckInKind::after_72h, hours{72}, hours{96}, hours{168}},
    {CheckInKind::after_7d, hours{168}, hours{216}, hours{336}},
}};

std::size_t Index(CheckInKind kind) {
  return static_cast<std::size_t>(kind);
}

}  // namespace

const std::array<CheckInWindow, kCheckInKindCount>& CheckInWindows() {
  return kWindows;
}

std::array<ScheduledCheckIn, kCheckInKindCount> ScheduleCheckIns(
    std::chrono::sys_seconds session_started_at, std::span<const CheckIn> answered,
    std::chrono::sys_seconds now) {
  std::array<ScheduledCheckIn, kCheckInKindCount> schedule{};
  for (const CheckIn& check_in : answered) {
    auto& earliest = schedule[Index(check_in.kind)].answered_at;
    if (!earliest || check_in.answered_at < *earliest)
      earliest = check_in.answered_at;
  }

  for (const CheckInWindow& window : kWindows) {
    ScheduledCheckIn& entry = schedule[Index(window.kind)];
    entry.kind = window.kind;
    entry.due_at = session_started_at + window.due_after;
    entry.overdue_at = session_started_at + window.overdue_after;
    entry.missed_at = session_started_at + window.missed_after;

    bool later_answered = false;
    for (std::size_t later = Index(window.kind) + 1; later < kCheckInKindCount; ++later)
      later_answered = later_answered || schedule[later].answered_at.has_value();

    if (entry.answered_at)
      entry.status = CheckInStatus::answered;
    else if (later_answered || now >= entry.missed_at)
      entry.status = CheckInStatus::missed;
    else if (now >= entry.overdue_at)
      entry.status = CheckInStatus::overdue;
    else if (now >= entry.due_at)
      entry.status = CheckInStatus::due;
    else
      entry.status = CheckInStatus::upcoming;
  }
  return schedule;
}

std::string_view Name(CheckInStatus status) {
  switch (status) {
    case CheckInStatus::upcoming:
      return "upcoming";
    case CheckInStatus::due:
      return "due";
    case CheckInStatus::overdue:
      return "overdue";
    case CheckInStatus::missed:
      return "missed";
    case CheckInStatus::answered:
      return "answered";
  }
  return "unknown";
}

}  // namespace backplan::core
