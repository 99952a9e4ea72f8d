// Slot search and the booking conflict rule (core/consults/slot_search.h):
// wall-clock working hours across the 2027 daylight-saving changes in New York
// and London, half-hour offsets (Kolkata), buffers, notice, horizon, days off,
// extra hours and busy time. Zones come from the system tz database.

#include "core/consults/slot_search.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/consults/zoned_render.h"

namespace backplan::core::consults {
namespace {

using std::chrono::hours;
using std::chrono::minutes;

const date::time_zone& NewYork() {
  return *date::locate_zone("America/New_York");
}
const date::time_zone& London() {
  return *date::locate_zone("Europe/London");
}
const date::time_zone& Kolkata() {
  return *date::locate_zone("Asia/Kolkata");
}

date::local_days Day(int y, unsigned m, unsigned d) {
  return date::local_days{date::year{y} / date::month{m} / date::day{d}};
}

sys_seconds Utc(int y, unsigned m, unsigned d, int hour, int minute = 0) {
  return date::sys_days{date::year{y} / date::month{m} / date::day{d}} + hours{hour} +
         minutes{minute};
}

// A wall-clock time that exists exactly once (the tests pick such times; the
// throwing overload of to_sys would tell if one did not).
sys_seconds At(const date::time_zone& zone, int y, unsigned m, unsigned d, int hour,
               int minute = 0) {
  return zone.to_sys(Day(y, m, d) + hours{hour} + minutes{minute}, date::choose::earliest);
}

LocalTimeRange Hours(int from_hour, int from_minute, int to_hour, int to_minute) {
  return {hours{from_hour} + minutes{from_minute}, hours{to_hour} + minutes{to_minute}};
}

Availability EveryDay(LocalTimeRange range) {
  Availability availability;
  for (auto& ranges : availability.weekly.by_weekday)
    ranges.push_back(range);
  return availability;
}

Availability MondayToFriday(LocalTimeRange range) {
  Availability availability;
  for (unsigned weekday = 1; weekday <= 5; ++weekday)
    availability.weekly.On(date::weekday{weekday}).push_back(range);
  return availability;
}

ConsultType Hourly() {
  ConsultType type;
  type.duration = minutes{60};
  type.slot_step = minutes{60};
  type.booking_horizon = date::days{365};
  return type;
}

const sys_seconds kLongBefore = Utc(2027, 1, 1, 0);

std::vector<std::string> Render(const std::vector<Slot>& slots, const date::time_zone& zone) {
  std::vector<std::string> rendered;
  for (const Slot& slot : slots)
    rendered.push_back(FormatLocalIso(slot.start, zone));
  return rendered;
}

std::vector<sys_seconds> Starts(const std::vector<Slot>& slots) {
  std::vector<sys_seconds> starts;
  for (const Slot& slot : slots)
    starts.push_back(slot.start);
  return starts;
}

// --- Wall-clock hours across daylight-saving changes -----------------------

TEST(ConsultSlots, NewYorkDayStartsAtNineLocalOnBothSidesOfSpringForward) {
  const auto slots = FindSlots(EveryDay(Hours(9, 0, 10, 0)), NewYork(), Hourly(), {},
                               Utc(2027, 3, 13, 0), Utc(2027, 3, 16, 0), kLongBefore);
  // 09:00 EST is 14:00 UTC; from Sunday 14 March 09:00 EDT is 13:00 UTC.
  EXPECT_EQ(Starts(slots), (std::vector<sys_seconds>{Utc(2027, 3, 13, 14), Utc(2027, 3, 14, 13),
                                                     Utc(2027, 3, 15, 13)}));
  EXPECT_EQ(Render(slots, NewYork()),
            (std::vector<std::string>{"2027-03-13T09:00:00-05:00", "2027-03-14T09:00:00-04:00",
                                      "2027-03-15T09:00:00-04:00"}));
  // A London client sees the US change three weeks before their own: 14:00, then 13:00.
  EXPECT_EQ(Render(slots, London()),
            (std::vector<std::string>{"2027-03-13T14:00:00+00:00", "2027-03-14T13:00:00+00:00",
                                      "2027-03-15T13:00:00+00:00"}));
}

TEST(ConsultSlots, LondonClientSeesFourHourGapOnlyBetweenTheTwoSpringChanges) {
  const Availability nine_to_ten = EveryDay(Hours(9, 0, 10, 0));
  const auto before_us = FindSlots(nine_to_ten, NewYork(), Hourly(), {}, Utc(2027, 3, 12, 0),
                                   Utc(2027, 3, 13, 0), kLongBefore);
  const auto between = FindSlots(nine_to_ten, NewYork(), Hourly(), {}, Utc(2027, 3, 27, 0),
                                 Utc(2027, 3, 28, 0), kLongBefore);
  const auto after_uk = FindSlots(nine_to_ten, NewYork(), Hourly(), {}, Utc(2027, 3, 29, 0),
                                  Utc(2027, 3, 30, 0), kLongBefore);
  EXPECT_EQ(Render(before_us, London()), std::vector<std::string>{"2027-03-12T14:00:00+00:00"});
  EXPECT_EQ(Render(between, London()), std::vector<std::string>{"2027-03-27T13:00:00+00:00"});
  EXPECT_EQ(Render(after_uk, London()), std::vector<std::string>{"2027-03-29T14:00:00+01:00"});
  EXPECT_EQ(Render(after_uk, NewYork()), std::vector<std::string>{"2027-03-29T09:00:00-04:00"});
}

TEST(ConsultSlots, NewYorkDayStartsAtNineLocalOnBothSidesOfFallBack) {
  const auto slots = FindSlots(EveryDay(Hours(9, 0, 10, 0)), NewYork(), Hourly(), {},
                               Utc(2027, 11, 6, 0), Utc(2027, 11, 9, 0), kLongBefore);
  EXPECT_EQ(Starts(slots), (std::vector<sys_seconds>{Utc(2027, 11, 6, 13), Utc(2027, 11, 7, 14),
                                                     Utc(2027, 11, 8, 14)}));
  EXPECT_EQ(Render(slots, NewYork()),
            (std::vector<std::string>{"2027-11-06T09:00:00-04:00", "2027-11-07T09:00:00-05:00",
                                      "2027-11-08T09:00:00-05:00"}));
  // London changed on 31 October already: 13:00 GMT in the odd week, then 14:00.
  EXPECT_EQ(Render(slots, London()),
            (std::vector<std::string>{"2027-11-06T13:00:00+00:00", "2027-11-07T14:00:00+00:00",
                                      "2027-11-08T14:00:00+00:00"}));
}

TEST(ConsultSlots, LondonPractitionerKeepsWallClockAcrossBothUkChanges) {
  const Availability nine_to_ten = EveryDay(Hours(9, 0, 10, 0));
  const auto spring = FindSlots(nine_to_ten, London(), Hourly(), {}, Utc(2027, 3, 27, 0),
                                Utc(2027, 3, 29, 0), kLongBefore);
  EXPECT_EQ(Render(spring, London()),
            (std::vector<std::string>{"2027-03-27T09:00:00+00:00", "2027-03-28T09:00:00+01:00"}));
  // The New York client is already on EDT: 05:00, then 04:00.
  EXPECT_EQ(Render(spring, NewYork()),
            (std::vector<std::string>{"2027-03-27T05:00:00-04:00", "2027-03-28T04:00:00-04:00"}));

  const auto autumn = FindSlots(nine_to_ten, London(), Hourly(), {}, Utc(2027, 10, 30, 0),
                                Utc(2027, 11, 1, 0), kLongBefore);
  EXPECT_EQ(Starts(autumn), (std::vector<sys_seconds>{Utc(2027, 10, 30, 8), Utc(2027, 10, 31, 9)}));
  EXPECT_EQ(Render(autumn, NewYork()),
            (std::vector<std::string>{"2027-10-30T04:00:00-04:00", "2027-10-31T05:00:00-04:00"}));

  // Before the US change in March the gap is five hours again.
  const auto early_march = FindSlots(nine_to_ten, London(), Hourly(), {}, Utc(2027, 3, 13, 0),
                                     Utc(2027, 3, 15, 0), kLongBefore);
  EXPECT_EQ(Render(early_march, NewYork()),
            (std::vector<std::string>{"2027-03-13T04:00:00-05:00", "2027-03-14T05:00:00-04:00"}));
}

TEST(ConsultSlots, SpringForwardNightRangeHasThreeRealHoursAndNoTwoOClock) {
  Availability night;
  night.extra_hours.push_back({Day(2027, 3, 14), Hours(0, 0, 4, 0)});
  const auto working = WorkingIntervals(night, NewYork(), Utc(2027, 3, 13, 0), Utc(2027, 3, 16, 0));
  ASSERT_EQ(working.size(), 1u);
  EXPECT_EQ(working[0], (UtcInterval{Utc(2027, 3, 14, 5), Utc(2027, 3, 14, 8)}));

  const auto slots = FindSlots(night, NewYork(), Hourly(), {}, Utc(2027, 3, 13, 0),
                               Utc(2027, 3, 16, 0), kLongBefore);
  EXPECT_EQ(Render(slots, NewYork()),
            (std::vector<std::string>{"2027-03-14T00:00:00-05:00", "2027-03-14T01:00:00-05:00",
                                      "2027-03-14T03:00:00-04:00"}));
}

TEST(ConsultSlots, LocalTimesInTheSpringGapHoldNoWork) {
  Availability gap_only;
  gap_only.extra_hours.push_back({Day(2027, 3, 14), Hours(2, 0, 3, 0)});
  EXPECT_TRUE(
      WorkingIntervals(gap_only, NewYork(), Utc(2027, 3, 13, 0), Utc(2027, 3, 16, 0)).empty());

  Availability from_inside_gap;
  from_inside_gap.extra_hours.push_back({Day(2027, 3, 14), Hours(2, 30, 4, 0)});
  EXPECT_EQ(WorkingIntervals(from_inside_gap, NewYork(), Utc(2027, 3, 13, 0), Utc(2027, 3, 16, 0)),
            (std::vector<UtcInterval>{{Utc(2027, 3, 14, 7), Utc(2027, 3, 14, 8)}}));
}

TEST(ConsultSlots, FallBackNightRangeHasFiveRealHoursAndOneOClockTwice) {
  Availability night;
  night.extra_hours.push_back({Day(2027, 11, 7), Hours(0, 0, 4, 0)});
  const auto slots = FindSlots(night, NewYork(), Hourly(), {}, Utc(2027, 11, 6, 0),
                               Utc(2027, 11, 9, 0), kLongBefore);
  EXPECT_EQ(Render(slots, NewYork()),
            (std::vector<std::string>{"2027-11-07T00:00:00-04:00", "2027-11-07T01:00:00-04:00",
                                      "2027-11-07T01:00:00-05:00", "2027-11-07T02:00:00-05:00",
                                      "2027-11-07T03:00:00-05:00"}));
}

TEST(ConsultSlots, RepeatedHourIsOfferedTwiceOnlyWhereTheClockReadsWorkingHours) {
  // 01:30–03:00 on the fall-back night: from 01:30 EDT the clock runs to 01:59
  // EDT, falls back to 01:00 EST (outside the range) and reaches 01:30 again.
  Availability late;
  late.extra_hours.push_back({Day(2027, 11, 7), Hours(1, 30, 3, 0)});
  EXPECT_EQ(WorkingIntervals(late, NewYork(), Utc(2027, 11, 6, 0), Utc(2027, 11, 9, 0)),
            (std::vector<UtcInterval>{{Utc(2027, 11, 7, 5, 30), Utc(2027, 11, 7, 6)},
                                      {Utc(2027, 11, 7, 6, 30), Utc(2027, 11, 7, 8)}}));
  ConsultType half_hour = Hourly();
  half_hour.duration = minutes{30};
  half_hour.slot_step = minutes{30};
  const auto slots = FindSlots(late, NewYork(), half_hour, {}, Utc(2027, 11, 6, 0),
                               Utc(2027, 11, 9, 0), kLongBefore);
  EXPECT_EQ(Render(slots, NewYork()),
            (std::vector<std::string>{"2027-11-07T01:30:00-04:00", "2027-11-07T01:30:00-05:00",
                                      "2027-11-07T02:00:00-05:00", "2027-11-07T02:30:00-05:00"}));

  // 00:00–01:30: the clock reads 01:00–01:29 a second time, after 01:59 EDT.
  Availability early;
  early.extra_hours.push_back({Day(2027, 11, 7), Hours(0, 0, 1, 30)});
  EXPECT_EQ(WorkingIntervals(early, NewYork(), Utc(2027, 11, 6, 0), Utc(2027, 11, 9, 0)),
            (std::vector<UtcInterval>{{Utc(2027, 11, 7, 4), Utc(2027, 11, 7, 5, 30)},
                                      {Utc(2027, 11, 7, 6), Utc(2027, 11, 7, 6, 30)}}));
}

// --- Half-hour offsets -------------------------------------------------------

TEST(ConsultSlots, KolkataPractitionerAtHalfHourOffset) {
  ConsultType half_hour = Hourly();
  half_hour.duration = minutes{30};
  half_hour.slot_step = minutes{30};
  const auto slots = FindSlots(EveryDay(Hours(9, 0, 10, 0)), Kolkata(), half_hour, {},
                               Utc(2027, 3, 13, 0), Utc(2027, 3, 16, 0), kLongBefore);
  EXPECT_EQ(Starts(slots),
            (std::vector<sys_seconds>{Utc(2027, 3, 13, 3, 30), Utc(2027, 3, 13, 4),
                                      Utc(2027, 3, 14, 3, 30), Utc(2027, 3, 14, 4),
                                      Utc(2027, 3, 15, 3, 30), Utc(2027, 3, 15, 4)}));
  EXPECT_EQ(FormatLocalIso(slots[0].start, Kolkata()), "2027-03-13T09:00:00+05:30");
  // The New York client's evening moves by an hour across the US change;
  // Kolkata has no daylight saving.
  EXPECT_EQ(FormatLocalIso(slots[0].start, NewYork()), "2027-03-12T22:30:00-05:00");
  EXPECT_EQ(FormatLocalIso(slots[2].start, NewYork()), "2027-03-13T22:30:00-05:00");
  EXPECT_EQ(FormatLocalIso(slots[4].start, NewYork()), "2027-03-14T23:30:00-04:00");
  EXPECT_EQ(FormatLocalIso(slots[4].start, Kolkata()), "2027-03-15T09:00:00+05:30");
}

TEST(ConsultSlots, NewYorkPractitionerSeenFromKolkata) {
  const auto slots = FindSlots(EveryDay(Hours(9, 0, 10, 0)), NewYork(), Hourly(), {},
                               Utc(2027, 3, 13, 0), Utc(2027, 3, 15, 0), kLongBefore);
  EXPECT_EQ(Render(slots, Kolkata()),
            (std::vector<std::string>{"2027-03-13T19:30:00+05:30", "2027-03-14T18:30:00+05:30"}));
}

// --- Buffers, notice, horizon, exceptions, busy time -------------------------

ConsultType ThirtyWithBuffers() {
  ConsultType type;
  type.duration = minutes{30};
  type.buffer_before = minutes{15};
  type.buffer_after = minutes{15};
  type.slot_step = minutes{15};
  type.booking_horizon = date::days{365};
  return type;
}

// Monday 7 June 2027, EDT (UTC-4), far from any change.
sys_seconds June7(int hour, int minute = 0) {
  return At(NewYork(), 2027, 6, 7, hour, minute);
}

std::vector<sys_seconds> June7Starts(std::initializer_list<std::pair<int, int>> times) {
  std::vector<sys_seconds> starts;
  for (const auto& [hour, minute] : times)
    starts.push_back(June7(hour, minute));
  return starts;
}

TEST(ConsultSlots, BuffersStayInsideWorkingHoursAndClearBusyTime) {
  const Availability mornings = MondayToFriday(Hours(9, 0, 13, 0));
  const std::vector<BookedConsult> busy = {{June7(11), June7(11, 30), minutes{0}, minutes{0}}};
  const auto slots =
      FindSlots(mornings, NewYork(), ThirtyWithBuffers(), busy, June7(0), June7(23), kLongBefore);
  // First start 09:15 (its buffer begins at 09:00), last 12:15 (buffer ends at
  // 13:00); 10:15 ends its buffer at 11:00 exactly and 11:45 starts its buffer
  // at 11:30 exactly, which touch the busy consult without overlapping.
  EXPECT_EQ(
      Starts(slots),
      June7Starts({{9, 15}, {9, 30}, {9, 45}, {10, 0}, {10, 15}, {11, 45}, {12, 0}, {12, 15}}));
  EXPECT_EQ(slots.front().end, June7(9, 45));
}

TEST(ConsultSlots, BusyConsultBuffersCountToo) {
  const Availability mornings = MondayToFriday(Hours(9, 0, 13, 0));
  // The booked consult keeps 30 min after it: free again from 12:00 + 15 min
  // of the new consult's own buffer.
  const std::vector<BookedConsult> busy = {{June7(11), June7(11, 30), minutes{0}, minutes{30}}};
  const auto slots =
      FindSlots(mornings, NewYork(), ThirtyWithBuffers(), busy, June7(11), June7(23), kLongBefore);
  EXPECT_EQ(Starts(slots), June7Starts({{12, 15}}));
}

TEST(ConsultSlots, MinimumNoticeClosesEarlySlotsButKeepsTheGrid) {
  ConsultType type = ThirtyWithBuffers();
  type.minimum_notice = minutes{60};
  const auto slots = FindSlots(MondayToFriday(Hours(9, 0, 13, 0)), NewYork(), type, {}, June7(0),
                               June7(23), June7(9, 50));
  ASSERT_FALSE(slots.empty());
  EXPECT_EQ(slots.front().start, June7(11));  // 10:50 is off the grid; 11:00 is the next
  // Exactly now + notice is still bookable.
  const auto on_the_dot = FindSlots(MondayToFriday(Hours(9, 0, 13, 0)), NewYork(), type, {},
                                    June7(0), June7(23), June7(10));
  EXPECT_EQ(on_the_dot.front().start, June7(11));
}

TEST(ConsultSlots, HorizonEndsTheSearch) {
  ConsultType type = Hourly();
  type.booking_horizon = date::days{2};
  const auto slots = FindSlots(EveryDay(Hours(9, 0, 10, 0)), NewYork(), type, {}, June7(0),
                               June7(0) + date::days{7}, June7(9));
  // Mon 09:00 (now, no notice), Tue, Wed 09:00 = now + 48 h exactly; not Thursday.
  EXPECT_EQ(Starts(slots), (std::vector<sys_seconds>{June7(9), June7(9) + date::days{1},
                                                     June7(9) + date::days{2}}));
}

TEST(ConsultSlots, PastSlotsAreNeverOffered) {
  const auto slots = FindSlots(EveryDay(Hours(9, 0, 12, 0)), NewYork(), Hourly(), {}, June7(0),
                               June7(23), June7(10, 30));
  EXPECT_EQ(Starts(slots), June7Starts({{11, 0}}));
}

TEST(ConsultSlots, DayOffRemovesTheWholeDayEvenItsExtraHours) {
  Availability availability = MondayToFriday(Hours(9, 0, 10, 0));
  const date::local_days tuesday = Day(2027, 6, 8);
  availability.days_off.push_back(tuesday);
  availability.extra_hours.push_back({tuesday, Hours(18, 0, 19, 0)});
  const auto slots = FindSlots(availability, NewYork(), Hourly(), {}, June7(0),
                               June7(0) + date::days{3}, kLongBefore);
  EXPECT_EQ(Starts(slots),
            (std::vector<sys_seconds>{June7(9), At(NewYork(), 2027, 6, 9, 9)}));  // Mon, Wed
}

TEST(ConsultSlots, ExtraHoursOpenAWeekend) {
  Availability availability = MondayToFriday(Hours(9, 0, 10, 0));
  availability.extra_hours.push_back({Day(2027, 6, 12), Hours(10, 0, 11, 0)});  // Saturday
  const auto slots = FindSlots(availability, NewYork(), Hourly(), {}, At(NewYork(), 2027, 6, 12, 0),
                               At(NewYork(), 2027, 6, 14, 0), kLongBefore);
  EXPECT_EQ(Starts(slots), (std::vector<sys_seconds>{At(NewYork(), 2027, 6, 12, 10)}));
}

TEST(ConsultSlots, TouchingRangesActAsOne) {
  Availability availability;
  availability.weekly.On(date::Monday).push_back(Hours(9, 0, 12, 0));
  availability.weekly.On(date::Monday).push_back(Hours(12, 0, 14, 0));
  ConsultType type = Hourly();
  type.slot_step = minutes{30};
  const auto slots = FindSlots(availability, NewYork(), type, {}, June7(0), June7(23), kLongBefore);
  EXPECT_EQ(slots.size(), 9u);  // 09:00 … 13:00 every 30 min, 11:30 and 12:00 included
  EXPECT_EQ(slots[5].start, June7(11, 30));
  EXPECT_EQ(slots.back().start, June7(13));
}

TEST(ConsultSlots, ConsultsMayRunAcrossMidnightAndTheNewDayStartsItsGrid) {
  Availability availability;
  availability.weekly.On(date::Monday).push_back(Hours(22, 0, 24, 0));
  availability.weekly.On(date::Tuesday).push_back(Hours(0, 0, 2, 0));
  ConsultType type = Hourly();
  type.slot_step = minutes{45};
  const auto slots =
      FindSlots(availability, NewYork(), type, {}, June7(0), June7(0) + date::days{2}, kLongBefore);
  const date::local_days tuesday = Day(2027, 6, 8);
  EXPECT_EQ(Render(slots, NewYork()),
            (std::vector<std::string>{"2027-06-07T22:00:00-04:00", "2027-06-07T22:45:00-04:00",
                                      "2027-06-07T23:30:00-04:00", "2027-06-08T00:00:00-04:00",
                                      "2027-06-08T00:45:00-04:00"}));
  EXPECT_EQ(slots[2].end, NewYork().to_sys(tuesday + minutes{30}, date::choose::earliest));
}

TEST(ConsultSlots, GridDoesNotDependOnTheQueryRange) {
  // Round-the-clock hours with a step that does not divide a day: a search over
  // a week and a booking check for one start must agree.
  const Availability always = EveryDay(Hours(0, 0, 24, 0));
  ConsultType type = Hourly();
  type.duration = minutes{25};
  type.slot_step = minutes{25};
  const sys_seconds from = Utc(2027, 11, 3, 0);
  const auto week = FindSlots(always, NewYork(), type, {}, from, from + date::days{7}, kLongBefore);
  ASSERT_FALSE(week.empty());
  const sys_seconds day_six = from + date::days{6};
  const auto one_day =
      FindSlots(always, NewYork(), type, {}, day_six, day_six + date::days{1}, kLongBefore);
  std::vector<Slot> same_day_in_week;
  for (const Slot& slot : week) {
    if (slot.start >= day_six && slot.start < day_six + date::days{1})
      same_day_in_week.push_back(slot);
  }
  EXPECT_EQ(one_day, same_day_in_week);
  for (std::size_t slot_idx = 0; slot_idx < week.size(); slot_idx += 37)
    EXPECT_TRUE(IsOfferedSlot(always, NewYork(), type, {}, week[slot_idx].start, kLongBefore))
        << FormatLocalIso(week[slot_idx].start, NewYork());
  // Each local day starts at midnight, also on the fall-back Sunday (25 hours).
  EXPECT_TRUE(
      IsOfferedSlot(always, NewYork(), type, {}, At(NewYork(), 2027, 11, 8, 0), kLongBefore));
  EXPECT_TRUE(
      IsOfferedSlot(always, NewYork(), type, {}, At(NewYork(), 2027, 11, 7, 0), kLongBefore));
}

TEST(ConsultSlots, RangeBoundsApplyToTheStart) {
  const auto slots = FindSlots(EveryDay(Hours(9, 0, 12, 0)), NewYork(), Hourly(), {}, June7(10),
                               June7(11), kLongBefore);
  EXPECT_EQ(Starts(slots), June7Starts({{10, 0}}));  // 11:00 is the exclusive end
}

TEST(ConsultSlots, InvalidConsultTypeYieldsNoSlotsAndSaysWhy) {
  ConsultType type = Hourly();
  type.slot_step = minutes{0};
  type.duration = minutes{-5};
  const FieldErrors errors = Validate(type);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].path, "duration");
  EXPECT_EQ(errors[1].path, "slot_step");
  EXPECT_TRUE(
      FindSlots(EveryDay(Hours(9, 0, 12, 0)), NewYork(), type, {}, June7(0), June7(23), kLongBefore)
          .empty());
}

TEST(ConsultSlots, InvalidRangesAreReported) {
  Availability availability = EveryDay(Hours(10, 0, 9, 0));
  availability.extra_hours.push_back({Day(2027, 6, 7), Hours(23, 0, 24, 30)});
  const FieldErrors errors = Validate(availability);
  ASSERT_EQ(errors.size(), 8u);
  EXPECT_EQ(errors[0].path, "weekly[0][0].end");
  EXPECT_EQ(errors[7].path, "extra_hours[0].end");
  EXPECT_TRUE(Validate(EveryDay(Hours(0, 0, 24, 0))).empty());
}

// --- Booking conflicts ---------------------------------------------------------

TEST(ConsultConflicts, TouchingReservationsDoNotConflict) {
  const ConsultType type = ThirtyWithBuffers();
  const std::vector<BookedConsult> existing = {ConsultAt(June7(10), type)};  // reserves 09:45–10:45
  EXPECT_FALSE(ConflictsWithAny(ConsultAt(June7(11), type), existing));      // from 10:45
  EXPECT_FALSE(ConflictsWithAny(ConsultAt(June7(9), type), existing));       // until 09:45
  EXPECT_TRUE(ConflictsWithAny(ConsultAt(June7(10, 59), type), existing));
  EXPECT_TRUE(ConflictsWithAny(ConsultAt(June7(9, 1), type), existing));
  EXPECT_TRUE(ConflictsWithAny(ConsultAt(June7(10), type), existing));
}

TEST(ConsultConflicts, DifferentTypesUseTheirOwnBuffers) {
  ConsultType short_no_buffer;
  short_no_buffer.duration = minutes{15};
  const std::vector<BookedConsult> existing = {ConsultAt(June7(10), ThirtyWithBuffers())};
  // The existing consult ends at 10:30 and keeps 15 min after it; the short
  // one has no buffer of its own, so it may start at 10:45 but not at 10:40.
  EXPECT_TRUE(ConflictsWithAny(ConsultAt(June7(10, 40), short_no_buffer), existing));
  EXPECT_FALSE(ConflictsWithAny(ConsultAt(June7(10, 45), short_no_buffer), existing));
  EXPECT_FALSE(ConflictsWithAny(ConsultAt(June7(9, 30), short_no_buffer), existing));
  EXPECT_TRUE(ConflictsWithAny(ConsultAt(June7(9, 35), short_no_buffer), existing));
}

TEST(ConsultConflicts, EmptyCalendarNeverConflicts) {
  EXPECT_FALSE(ConflictsWithAny(ConsultAt(June7(10), Hourly()), {}));
}

TEST(ConsultConflicts, OfferedSlotCheckFollowsTheSearch) {
  const Availability mornings = MondayToFriday(Hours(9, 0, 13, 0));
  const ConsultType type = ThirtyWithBuffers();
  const std::vector<BookedConsult> busy = {{June7(11), June7(11, 30), minutes{0}, minutes{0}}};
  EXPECT_TRUE(IsOfferedSlot(mornings, NewYork(), type, busy, June7(9, 15), kLongBefore));
  EXPECT_FALSE(IsOfferedSlot(mornings, NewYork(), type, busy, June7(9, 20), kLongBefore));  // grid
  EXPECT_FALSE(IsOfferedSlot(mornings, NewYork(), type, busy, June7(9), kLongBefore));   // buffer
  EXPECT_FALSE(IsOfferedSlot(mornings, NewYork(), type, busy, June7(11), kLongBefore));  // busy
  EXPECT_FALSE(IsOfferedSlot(mornings, NewYork(), type, busy, June7(9, 15), June7(9, 30)));  // past
}

}  // namespace
}  // namespace backplan::core::consults
