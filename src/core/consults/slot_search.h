#pragma once
// Free consult slots and the booking conflict rule.
//
// All instants are UTC (sys_seconds); the practitioner's zone is only used to
// turn wall-clock working hours into real intervals. "Now" is a parameter.
//
// Daylight saving: working hours are the set of instants at which the
// practitioner's wall clock reads a time inside a working range. So a 09:00
// New York day starts at 09:00 New York time on both sides of a change; local
// times that do not exist (the spring gap) hold no slot; a range of 00:00–04:00
// on the spring-forward night is 3 real hours, on the fall-back night 5 real
// hours; a repeated local time (the autumn overlap) is offered twice only when
// both instants lie inside working hours. Details: docs/consult-slots.md.
//
// Buffers: each booked consult keeps the buffers of its type at booking time.
// Its reserved interval is [start - buffer_before, end + buffer_after); two
// reserved intervals of one practitioner never overlap (touching is fine).
//
// Pure functions; safe to call from any thread with distinct or const inputs.

#include <chrono>
#include <span>
#include <vector>

#include <date/tz.h>

#include "core/consults/availability.h"

namespace backplan::core::consults {

using std::chrono::sys_seconds;

struct UtcInterval {
  sys_seconds start{};
  sys_seconds end{};  // exclusive

  friend bool operator==(const UtcInterval&, const UtcInterval&) = default;
};

// Two half-open intervals share at least one instant.
inline bool Overlaps(const UtcInterval& a, const UtcInterval& b) {
  return a.start < b.end && b.start < a.end;
}

// A consult already on the practitioner's calendar (any type), with the
// buffers it was booked with. External busy time uses zero buffers.
struct BookedConsult {
  sys_seconds start{};
  sys_seconds end{};
  std::chrono::minutes buffer_before{0};
  std::chrono::minutes buffer_after{0};

  UtcInterval Reserved() const { return {start - buffer_before, end + buffer_after}; }
};

// The consult a client would get by booking `start` with `consult_type`.
BookedConsult ConsultAt(sys_seconds start, const ConsultType& consult_type);

// A bookable slot: the consult itself, without buffers.
struct Slot {
  sys_seconds start{};
  sys_seconds end{};

  friend bool operator==(const Slot&, const Slot&) = default;
};

// The practitioner's working time between `from` and `to`, as disjoint UTC
// intervals in order (touching ranges merged, days off removed, extra hours
// added), clipped to [from, to).
std::vector<UtcInterval> WorkingIntervals(const Availability& availability,
                                          const date::time_zone& practitioner_zone,
                                          sys_seconds from, sys_seconds to);

// Free slots whose start lies in [range_from, range_to), in order. A slot is
// offered when
//   - the consult plus its buffers lies inside one working interval,
//   - its reserved interval overlaps no booked consult's reserved interval,
//   - it starts at or after now + minimum notice and at or before now + horizon,
// on a grid of `slot_step` for the reserved start, counted from the start of
// each working interval and again from each local midnight inside one (so the
// first start of a 09:00 day is 09:00 + buffer_before, and the grid does not
// depend on the query range). Invalid consult types (see Validate) yield no
// slots.
std::vector<Slot> FindSlots(const Availability& availability,
                            const date::time_zone& practitioner_zone,
                            const ConsultType& consult_type, std::span<const BookedConsult> busy,
                            sys_seconds range_from, sys_seconds range_to, sys_seconds now);

// Whether `candidate` clashes with any of `existing` (buffers included). The
// booking service calls this inside its write transaction, with every consult
// of the practitioner that is not cancelled.
bool ConflictsWithAny(const BookedConsult& candidate, std::span<const BookedConsult> existing);

// Whether `start` is a slot FindSlots would offer now: the check a booking
// request passes before the conflict check.
bool IsOfferedSlot(const Availability& availability, const date::time_zone& practitioner_zone,
                   const ConsultType& consult_type, std::span<const BookedConsult> busy,
                   sys_seconds start, sys_seconds now);

}  // namespace backplan::core::consults
