#pragma once
// A practitioner's consult availability and the consult types they offer.
//
// Hours are wall-clock times in the practitioner's own IANA zone: "Mondays
// 09:00–17:00" means 09:00 on the practitioner's clock on every Monday, before
// and after a daylight-saving change. The zone itself is not stored here: the
// caller looks it up (date::locate_zone reads the system tz database, which is
// I/O) and passes a `const date::time_zone&` to the functions that need it.
//
// Plain values; no clock, no I/O. Semantics: docs/consult-slots.md.

#include <array>
#include <chrono>
#include <vector>

#include <date/date.h>

#include "core/field_error.h"

namespace backplan::core::consults {

// A local [start, end) on one day, in minutes since local midnight:
// 0 <= start < end <= 24 h. 09:00–17:00 is {540, 1020}.
struct LocalTimeRange {
  std::chrono::minutes start{0};
  std::chrono::minutes end{0};
};

// Weekly hours, indexed by date::weekday::c_encoding() (0 = Sunday … 6 = Saturday).
// A weekday may hold several ranges (09:00–12:00 and 13:00–17:00); overlapping
// or touching ranges act as one.
struct WeeklyHours {
  std::array<std::vector<LocalTimeRange>, 7> by_weekday;

  std::vector<LocalTimeRange>& On(date::weekday day) { return by_weekday[day.c_encoding()]; }
  const std::vector<LocalTimeRange>& On(date::weekday day) const {
    return by_weekday[day.c_encoding()];
  }
};

// Hours added on one local date, on top of the weekly hours.
struct ExtraHours {
  date::local_days date;
  LocalTimeRange range;
};

struct Availability {
  WeeklyHours weekly;
  // Local dates on which nothing can be booked: the weekly hours and any extra
  // hours of that date are ignored (a day off wins).
  std::vector<date::local_days> days_off;
  std::vector<ExtraHours> extra_hours;
};

struct ConsultType {
  std::chrono::minutes duration{30};
  // Time the practitioner keeps free before and after the consult (notes,
  // preparation). The consult plus its buffers must fit in working hours and
  // must not overlap another consult plus that consult's buffers.
  std::chrono::minutes buffer_before{0};
  std::chrono::minutes buffer_after{0};
  // Booking closes this long before the start.
  std::chrono::minutes minimum_notice{0};
  // How far ahead a client may book: a slot starts at most this long after now
  // (counted in real time, 24 h per day).
  date::days booking_horizon{60};
  // Distance between candidate starts, counted from the start of each working
  // range; 15 min, or equal to the duration for back-to-back consults.
  std::chrono::minutes slot_step{30};
};

// Collects every problem; empty when the values can be used.
FieldErrors Validate(const Availability& availability);
FieldErrors Validate(const ConsultType& consult_type);

}  // namespace backplan::core::consults
