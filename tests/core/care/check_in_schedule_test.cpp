// Check-in schedule: due 24 h, 72 h and 7 d after the session; overdue and
// missed windows as documented in core/care/check_in_schedule.h.

#include "core/care/check_in_schedule.h"

#include <gtest/gtest.h>

#include <vector>

namespace backplan::core {
namespace {

using std::chrono::hours;
using std::chrono::sys_seconds;

const sys_seconds kSession = std::chrono::sys_days{std::chrono::year{2026} / 11 / 20} + hours{10};

CheckIn Answer(CheckInKind kind, hours after_session) {
  CheckIn c;
  c.kind = kind;
  c.answered_at = kSession + after_session;
  return c;
}

using Statuses = std::array<CheckInStatus, 3>;

Statuses StatusesAt(std::chrono::seconds after_session, const std::vector<CheckIn>& answered = {}) {
  const auto schedule = ScheduleCheckIns(kSession, answered, kSession + after_session);
  return {schedule[0].status, schedule[1].status, schedule[2].status};
}

constexpr auto kUpcoming = CheckInStatus::upcoming;
constexpr auto kDue = CheckInStatus::due;
constexpr auto kOverdue = CheckInStatus::overdue;
constexpr auto kMissed = CheckInStatus::missed;
constexpr auto kAnswered = CheckInStatus::answered;

TEST(CheckInSchedule, DueTimesAreCountedFromTheSessionStart) {
  const auto schedule = ScheduleCheckIns(kSession, {}, kSession);
  EXPECT_EQ(schedule[0].kind, CheckInKind::after_24h);
  EXPECT_EQ(schedule[0].due_at, kSession + hours{24});
  EXPECT_EQ(schedule[0].overdue_at, kSession + hours{48});
  EXPECT_EQ(schedule[0].missed_at, kSession + hours{72});
  EXPECT_EQ(schedule[1].kind, CheckInKind::after_72h);
  EXPECT_EQ(schedule[1].due_at, kSession + hours{72});
  EXPECT_EQ(schedule[1].overdue_at, kSession + hours{96});
  EXPECT_EQ(schedule[1].missed_at, kSession + hours{168});
  EXPECT_EQ(schedule[2].kind, CheckInKind::after_7d);
  EXPECT_EQ(schedule[2].due_at, kSession + hours{168});
  EXPECT_EQ(schedule[2].overdue_at, kSession + hours{216});
  EXPECT_EQ(schedule[2].missed_at, kSession + hours{336});
}

TEST(CheckInSchedule, StatusesAtTheBoundaries) {
  EXPECT_EQ(StatusesAt(hours{0}), (Statuses{kUpcoming, kUpcoming, kUpcoming}));
  EXPECT_EQ(StatusesAt(hours{24} - std::chrono::seconds{1}),
            (Statuses{kUpcoming, kUpcoming, kUpcoming}));
  EXPECT_EQ(StatusesAt(hours{24}), (Statuses{kDue, kUpcoming, kUpcoming}));
  EXPECT_EQ(StatusesAt(hours{48}), (Statuses{kOverdue, kUpcoming, kUpcoming}));
  EXPECT_EQ(StatusesAt(hours{72}), (Statuses{kMissed, kDue, kUpcoming}));
  EXPECT_EQ(StatusesAt(hours{96}), (Statuses{kMissed, kOverdue, kUpcoming}));
  EXPECT_EQ(StatusesAt(hours{168}), (Statuses{kMissed, kMissed, kDue}));
  EXPECT_EQ(StatusesAt(hours{216}), (Statuses{kMissed, kMissed, kOverdue}));
  EXPECT_EQ(StatusesAt(hours{336}), (Statuses{kMissed, kMissed, kMissed}));
}

TEST(CheckInSchedule, AnsweredStaysAnsweredWithItsTime) {
  const std::vector<CheckIn> answered = {Answer(CheckInKind::after_24h, hours{30})};
  const auto schedule = ScheduleCheckIns(kSession, answered, kSession + hours{400});
  EXPECT_EQ(schedule[0].status, kAnswered);
  ASSERT_TRUE(schedule[0].answered_at.has_value());
  EXPECT_EQ(*schedule[0].answered_at, kSession + hours{30});
  EXPECT_FALSE(schedule[1].answered_at.has_value());
}

TEST(CheckInSchedule, AnEarlyAnswerCounts) {
  EXPECT_EQ(StatusesAt(hours{21}, {Answer(CheckInKind::after_24h, hours{20})}),
            (Statuses{kAnswered, kUpcoming, kUpcoming}));
}

TEST(CheckInSchedule, ALaterAnswerMakesAnEarlierOpenOneMissed) {
  // 24h overdue at 80 h would be missed anyway; at 50 h it is still overdue
  // unless the 72h one has been answered (early) already.
  EXPECT_EQ(StatusesAt(hours{50}), (Statuses{kOverdue, kUpcoming, kUpcoming}));
  EXPECT_EQ(StatusesAt(hours{50}, {Answer(CheckInKind::after_72h, hours{49})}),
            (Statuses{kMissed, kAnswered, kUpcoming}));
  EXPECT_EQ(StatusesAt(hours{170}, {Answer(CheckInKind::after_7d, hours{169})}),
            (Statuses{kMissed, kMissed, kAnswered}));
}

TEST(CheckInSchedule, TwoAnswersOfOneKindKeepTheEarliest) {
  const std::vector<CheckIn> answered = {Answer(CheckInKind::after_72h, hours{80}),
                                         Answer(CheckInKind::after_72h, hours{75})};
  const auto schedule = ScheduleCheckIns(kSession, answered, kSession + hours{90});
  ASSERT_TRUE(schedule[1].answered_at.has_value());
  EXPECT_EQ(*schedule[1].answered_at, kSession + hours{75});
}

TEST(CheckInSchedule, OnlyDueAndOverdueAreOpen) {
  EXPECT_TRUE(IsOpen(kDue));
  EXPECT_TRUE(IsOpen(kOverdue));
  EXPECT_FALSE(IsOpen(kUpcoming));
  EXPECT_FALSE(IsOpen(kMissed));
  EXPECT_FALSE(IsOpen(kAnswered));
}

// Without answers a check-in only moves forward through its states as time
// passes, and at most one check-in of a session is open at any time.
TEST(CheckInSchedule, PropertyStatusesOnlyMoveForwardAndOneIsOpenAtATime) {
  Statuses previous = StatusesAt(hours{0});
  for (int minute = 0; minute <= 15 * 24 * 60; minute += 7) {
    const auto now = kSession + std::chrono::minutes{minute};
    const auto schedule = ScheduleCheckIns(kSession, {}, now);
    int open = 0;
    for (std::size_t k = 0; k < schedule.size(); ++k) {
      EXPECT_GE(schedule[k].status, previous[k]) << "minute " << minute;
      previous[k] = schedule[k].status;
      open += IsOpen(schedule[k].status) ? 1 : 0;
    }
    EXPECT_LE(open, 1) << "minute " << minute;
  }
}

}  // namespace
}  // namespace backplan::core
