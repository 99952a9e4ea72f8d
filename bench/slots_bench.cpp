// Slot search over 60 days for a practitioner in America/New_York with a full
// calendar: weekly hours Mon–Fri 09:00–17:00, six consults booked on every
// working day, a 45-minute consult type with 5/10 min buffers on a 15-minute
// grid. The window (4 October – 3 December 2027) crosses the US fall-back.
// Baselines in the same run: the same search on an empty calendar, and a plain
// loop over precomputed UTC working intervals with the same grid and busy check
// (what remains without time zones, exceptions and merging). Goal: under
// 100 µs per search. Zones are looked up before the timed loops (the first
// lookup reads the tz database).

#include <benchmark/benchmark.h>

#include <algorithm>
#include <vector>

#include "core/consults/slot_search.h"

namespace {

using backplan::core::consults::Availability;
using backplan::core::consults::BookedConsult;
using backplan::core::consults::ConsultType;
using backplan::core::consults::Slot;
using backplan::core::consults::UtcInterval;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::sys_seconds;

constexpr int kDays = 60;
const date::local_days kFirstDay = date::local_days{date::year{2027} / 10 / 4};  // a Monday

const date::time_zone& NewYork() {
  static const date::time_zone* zone = date::locate_zone("America/New_York");
  return *zone;
}

Availability WorkingWeek() {
  Availability availability;
  for (unsigned weekday = 1; weekday <= 5; ++weekday)
    availability.weekly.On(date::weekday{weekday}).push_back({hours{9}, hours{17}});
  return availability;
}

ConsultType FortyFive() {
  ConsultType type;
  type.duration = minutes{45};
  type.buffer_before = minutes{5};
  type.buffer_after = minutes{10};
  type.slot_step = minutes{15};
  type.booking_horizon = date::days{90};
  return type;
}

// Six consults a working day at 09:05, 10:05, 11:05, 13:05, 14:05, 15:05 local:
// with their buffers they fill 09:00–12:00 and 13:00–16:00, leaving two free
// slots (12:05 and 16:05) a day.
std::vector<BookedConsult> FullCalendar() {
  std::vector<BookedConsult> busy;
  for (int day_idx = 0; day_idx < kDays; ++day_idx) {
    const date::local_days day = kFirstDay + date::days{day_idx};
    const unsigned weekday = date::weekday{day}.c_encoding();
    if (weekday == 0 || weekday == 6)
      continue;
    for (const minutes start :
         {minutes{545}, minutes{605}, minutes{665}, minutes{785}, minutes{845}, minutes{905}}) {
      const sys_seconds at = NewYork().to_sys(day + start, date::choose::earliest);
      busy.push_back({at, at + minutes{45}, minutes{5}, minutes{10}});
    }
  }
  return busy;
}

struct Window {
  sys_seconds from;
  sys_seconds to;
  sys_seconds now;
};

Window SixtyDays() {
  const sys_seconds from = NewYork().to_sys(kFirstDay, date::choose::earliest);
  const sys_seconds to = NewYork().to_sys(kFirstDay + date::days{kDays}, date::choose::earliest);
  return {from, to, from - hours{1}};
}

void BM_FindSlotsFullCalendar(benchmark::State& state) {
  const Availability availability = WorkingWeek();
  const ConsultType type = FortyFive();
  const std::vector<BookedConsult> busy = FullCalendar();
  const Window window = SixtyDays();
  std::size_t slot_count = 0;
  for (auto _ : state) {
    const auto slots = backplan::core::consults::FindSlots(availability, NewYork(), type, busy,
                                                           window.from, window.to, window.now);
    slot_count = slots.size();
    benchmark::DoNotOptimize(slots.data());
  }
  state.counters["slots"] = static_cast<double>(slot_count);
  state.counters["booked"] = static_cast<double>(busy.size());
}
BENCHMARK(BM_FindSlotsFullCalendar)
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(7)
    ->ReportAggregatesOnly(true);

void BM_FindSlotsEmptyCalendar(benchmark::State& state) {
  const Availability availability = WorkingWeek();
  const ConsultType type = FortyFive();
  const Window window = SixtyDays();
  std::size_t slot_count = 0;
  for (auto _ : state) {
    const auto slots = backplan::core::consults::FindSlots(availability, NewYork(), type, {},
                                                           window.from, window.to, window.now);
    slot_count = slots.size();
    benchmark::DoNotOptimize(slots.data());
  }
  state.counters["slots"] = static_cast<double>(slot_count);
}
BENCHMARK(BM_FindSlotsEmptyCalendar)
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(7)
    ->ReportAggregatesOnly(true);

// The grid and the busy sweep alone, on working intervals computed before the
// loop: the floor under any search that has to look at every candidate.
void BM_BaselineGridLoop(benchmark::State& state) {
  const ConsultType type = FortyFive();
  const std::vector<BookedConsult> busy = FullCalendar();
  const Window window = SixtyDays();
  const std::vector<UtcInterval> working =
      backplan::core::consults::WorkingIntervals(WorkingWeek(), NewYork(), window.from, window.to);
  std::vector<UtcInterval> reserved;
  for (const BookedConsult& consult : busy)
    reserved.push_back(consult.Reserved());
  std::size_t slot_count = 0;
  for (auto _ : state) {
    std::vector<Slot> slots;
    std::size_t busy_idx = 0;
    for (const UtcInterval& interval : working) {
      for (sys_seconds start = interval.start + type.buffer_before;
           start + type.duration + type.buffer_after <= interval.end; start += type.slot_step) {
        const UtcInterval wanted{start - type.buffer_before,
                                 start + type.duration + type.buffer_after};
        while (busy_idx < reserved.size() && reserved[busy_idx].end <= wanted.start)
          ++busy_idx;
        if (busy_idx < reserved.size() && reserved[busy_idx].start < wanted.end)
          continue;
        slots.push_back({start, start + type.duration});
      }
    }
    slot_count = slots.size();
    benchmark::DoNotOptimize(slots.data());
  }
  state.counters["slots"] = static_cast<double>(slot_count);
}
BENCHMARK(BM_BaselineGridLoop)
    ->Unit(benchmark::kMicrosecond)
    ->Repetitions(7)
    ->ReportAggregatesOnly(true);

}  // namespace

BENCHMARK_MAIN();
