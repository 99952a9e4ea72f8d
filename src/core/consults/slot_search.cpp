#include "core/consults/slot_search.h"

#include <algorithm>

namespace backplan::core::consults {
namespace {

using std::chrono::seconds;

struct LocalInterval {
  date::local_seconds start;
  date::local_seconds end;
};

sys_seconds AsSys(date::local_seconds local) {
  return sys_seconds{local.time_since_epoch()};
}

// The instants at which the wall clock of `zone` reads a time in
// [local.start, local.end). Walks the zone's offset periods (sys_info) that
// can hold such instants; in each period the clock is UTC + offset, so the
// matching instants are one interval. A spring gap leaves nothing for the
// missing times; an autumn overlap contributes from both periods.
//
// Why not to_sys(start, choose::earliest) .. to_sys(end, choose::latest): that
// is the same except when a range boundary falls inside a repeated hour, where
// it would also count the minutes the clock shows before the start (or after
// the end) the second time round.
void AppendWallClockSpan(const date::time_zone& zone, const LocalInterval& local,
                         std::vector<UtcInterval>& out) {
  // No zone is more than a day away from UTC.
  sys_seconds period_from = AsSys(local.start) - date::days{1};
  const sys_seconds period_to = AsSys(local.end) + date::days{1};
  while (period_from < period_to) {
    const date::sys_info info = zone.get_info(period_from);
    const sys_seconds start = std::max(info.begin, AsSys(local.start) - info.offset);
    const sys_seconds end = std::min(info.end, AsSys(local.end) - info.offset);
    if (start < end)
      out.push_back({start, end});
    if (info.end <= period_from)
      break;  // defensive: the database always moves forward
    period_from = info.end;
  }
}

// Sorts and merges overlapping or touching intervals.
void Merge(std::vector<UtcInterval>& intervals) {
  std::sort(intervals.begin(), intervals.end(),
            [](const UtcInterval& a, const UtcInterval& b) { return a.start < b.start; });
  std::size_t kept = 0;
  for (const UtcInterval& interval : intervals) {
    if (kept > 0 && interval.start <= intervals[kept - 1].end)
      intervals[kept - 1].end = std::max(intervals[kept - 1].end, interval.end);
    else
      intervals[kept++] = interval;
  }
  intervals.resize(kept);
}

// Working time on every local day that can touch [from, to), merged but not
// clipped: slot grids are anchored at the real start of each working interval,
// which must not depend on the query range.
std::vector<UtcInterval> UnclippedWorkingIntervals(const Availability& availability,
                                                   const date::time_zone& zone, sys_seconds from,
                                                   sys_seconds to) {
  const date::local_days first_day = date::floor<date::days>(zone.to_local(from)) - date::days{1};
  const date::local_days last_day = date::floor<date::days>(zone.to_local(to)) + date::days{1};

  std::vector<date::local_days> days_off = availability.days_off;
  std::sort(days_off.begin(), days_off.end());
  const auto is_day_off = [&days_off](date::local_days day) {
    return std::binary_search(days_off.begin(), days_off.end(), day);
  };

  std::vector<UtcInterval> intervals;
  const auto add = [&](date::local_days day, const LocalTimeRange& range) {
    if (range.end <= range.start)
      return;  // invalid ranges are reported by Validate and never widen hours
    AppendWallClockSpan(zone, {day + range.start, day + range.end}, intervals);
  };
  for (date::local_days day = first_day; day <= last_day; day += date::days{1}) {
    if (is_day_off(day))
      continue;
    for (const LocalTimeRange& range : availability.weekly.On(date::weekday{day}))
      add(day, range);
  }
  for (const ExtraHours& extra : availability.extra_hours) {
    if (extra.date >= first_day && extra.date <= last_day && !is_day_off(extra.date))
      add(extra.date, extra.range);
  }
  Merge(intervals);
  return intervals;
}

// The first instant of the local day after the one `instant` falls in. A
// midnight in a spring gap maps to the end of the gap (choose::earliest and
// latest agree there); a repeated midnight to its first occurrence unless that
// lies behind `instant`.
sys_seconds NextLocalMidnight(const date::time_zone& zone, sys_seconds instant) {
  // Fast path: no change of offset between `instant` and that midnight.
  const date::sys_info info = zone.get_info(instant);
  const auto local_now = date::local_seconds{(instant + info.offset).time_since_epoch()};
  const date::local_days next_day = date::floor<date::days>(local_now) + date::days{1};
  const sys_seconds same_offset = AsSys(next_day) - info.offset;
  if (same_offset < info.end)
    return same_offset;
  const sys_seconds earliest = zone.to_sys(next_day, date::choose::earliest);
  if (earliest > instant)
    return earliest;
  const sys_seconds latest = zone.to_sys(next_day, date::choose::latest);
  return latest > instant ? latest : instant + date::days{1};
}

}  // namespace

BookedConsult ConsultAt(sys_seconds start, const ConsultType& consult_type) {
  return {start, start + consult_type.duration, consult_type.buffer_before,
          consult_type.buffer_after};
}

std::vector<UtcInterval> WorkingIntervals(const Availability& availability,
                                          const date::time_zone& practitioner_zone,
                                          sys_seconds from, sys_seconds to) {
  std::vector<UtcInterval> clipped;
  for (const UtcInterval& interval :
       UnclippedWorkingIntervals(availability, practitioner_zone, from, to)) {
    const UtcInterval part{std::max(interval.start, from), std::min(interval.end, to)};
    if (part.start < part.end)
      clipped.push_back(part);
  }
  return clipped;
}

std::vector<Slot> FindSlots(const Availability& availability,
                            const date::time_zone& practitioner_zone,
                            const ConsultType& consult_type, std::span<const BookedConsult> busy,
                            sys_seconds range_from, sys_seconds range_to, sys_seconds now) {
  std::vector<Slot> slots;
  if (!Validate(consult_type).empty())
    return slots;

  // Start bounds, both inclusive.
  const sys_seconds earliest_start = std::max(range_from, now + consult_type.minimum_notice);
  const sys_seconds latest_start =
      std::min(range_to - seconds{1}, now + consult_type.booking_horizon);
  if (earliest_start > latest_start)
    return slots;

  const seconds before = consult_type.buffer_before;
  const seconds after = consult_type.buffer_after;
  const seconds duration = consult_type.duration;
  const seconds step = consult_type.slot_step;

  std::vector<UtcInterval> reserved;
  reserved.reserve(busy.size());
  for (const BookedConsult& consult : busy)
    reserved.push_back(consult.Reserved());
  Merge(reserved);
  std::size_t busy_idx = 0;

  const std::vector<UtcInterval> working = UnclippedWorkingIntervals(
      availability, practitioner_zone, earliest_start - before, latest_start + duration + after);
  for (const UtcInterval& interval : working) {
    // A grid starts at the interval's start and again at each local midnight
    // inside it, so where a grid point lies never depends on how far back the
    // query reaches into a run of working days (24-hour availability).
    for (sys_seconds anchor = interval.start; anchor < interval.end;) {
      const sys_seconds next_day = NextLocalMidnight(practitioner_zone, anchor);
      // Candidates by the start of their reserved interval: r = anchor + k * step.
      sys_seconds reserved_start = anchor;
      if (reserved_start + before < earliest_start)
        reserved_start +=
            (earliest_start - before - reserved_start + step - seconds{1}) / step * step;
      for (;
           reserved_start < next_day && reserved_start + before + duration + after <= interval.end;
           reserved_start += step) {
        const sys_seconds start = reserved_start + before;
        if (start > latest_start)
          return slots;
        const UtcInterval wanted{reserved_start, start + duration + after};
        while (busy_idx < reserved.size() && reserved[busy_idx].end <= wanted.start)
          ++busy_idx;
        if (busy_idx < reserved.size() && Overlaps(reserved[busy_idx], wanted))
          continue;
        slots.push_back({start, start + duration});
      }
      anchor = next_day;
    }
  }
  return slots;
}

bool ConflictsWithAny(const BookedConsult& candidate, std::span<const BookedConsult> existing) {
  const UtcInterval wanted = candidate.Reserved();
  return std::any_of(existing.begin(), existing.end(), [&wanted](const BookedConsult& consult) {
    return Overlaps(consult.Reserved(), wanted);
  });
}

bool IsOfferedSlot(const Availability& availability, const date::time_zone& practitioner_zone,
                   const ConsultType& consult_type, std::span<const BookedConsult> busy,
                   sys_seconds start, sys_seconds now) {
  const std::vector<Slot> slots = FindSlots(availability, practitioner_zone, consult_type, busy,
                                            start, start + seconds{1}, now);
  return !slots.empty() && slots.front().start == start;
}

}  // namespace backplan::core::consults
