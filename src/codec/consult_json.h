#pragma once
// The consult settings and consult types (issue 5) as the API's JSON, mapped
// to and from core::consults. Every problem is reported under its field path
// ("weekly_hours.monday[0].end", "extra_hours[1].date") instead of stopping at
// the first. Pure: JSON in, values out; the zone name is only checked to be
// text here (the service looks it up in the tz database).
//
// Settings:
//   {"time_zone": "America/New_York",
//    "weekly_hours": {"monday": [{"start": "09:00", "end": "17:00"}], …},
//    "days_off": ["2027-03-15"],
//    "extra_hours": [{"date": "2027-03-20", "start": "09:00", "end": "12:00"}],
//    "meeting_url": "https://…" or null,
//    "change_cutoff_hours": 24}
// Times of day are local "HH:MM" ("24:00" ends a day); a weekday left out has
// no hours.
//
// Consult type:
//   {"name": "First consult", "duration_minutes": 30, "buffer_before_minutes": 0,
//    "buffer_after_minutes": 10, "minimum_notice_minutes": 120,
//    "booking_horizon_days": 60, "slot_step_minutes": 30, "active": true}

#include <nlohmann/json.hpp>
#include <optional>
#include <string>

#include "core/consults/availability.h"
#include "core/field_error.h"

namespace backplan::codec {

struct ConsultSettingsDocument {
  std::string time_zone;
  core::consults::Availability availability;
  std::optional<std::string> meeting_url;
  int change_cutoff_hours = 24;
};

struct ConsultTypeDocument {
  std::string name;
  core::consults::ConsultType type;
  bool active = true;
};

// Errors are appended to `errors`; the value is meaningful only when none were.
ConsultSettingsDocument ReadConsultSettings(const nlohmann::json& body, core::FieldErrors& errors);
ConsultTypeDocument ReadConsultType(const nlohmann::json& body, core::FieldErrors& errors);

// weekly_hours, days_off and extra_hours as read above.
nlohmann::ordered_json AvailabilityToJson(const core::consults::Availability& availability);

}  // namespace backplan::codec
