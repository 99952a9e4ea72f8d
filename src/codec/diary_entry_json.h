#pragma once
// One diary day as JSON, the shape the API takes and gives (PUT and GET
// /api/v1/clients/{id}/diary): the same fields and the same rules as a row of
// diary CSV v1 (docs/diary-csv-v1.md), so that a day entered in the app and a
// day imported from a file are the same entry.
//
//   {"date": "2026-01-05",                 // optional on input; must match the path
//    "pain_morning": 3, "pain_evening": 4, "leg_pain": null,   // NPRS 0–10 or null
//    "exposures": {"driving_minutes": 20, "massage": true},    // standard or the client's own
//    "home_program_done": ["home.walk_daily"],
//    "note": "long drive"}
//
// A missing field or null is "not recorded", never zero. Every problem is
// reported at once with its JSON path. Pure; never throws on any input.

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/diary.h"
#include "core/field_error.h"

namespace backplan::codec {

struct DiaryEntryParse {
  std::optional<core::DiaryEntry> entry;  // set only when errors is empty
  core::FieldErrors errors;
};

// `date`: the day the entry is for (from the request path). `custom`: the
// exposures the practitioner defined for this client.
DiaryEntryParse ParseDiaryEntryJson(std::string_view text, std::chrono::sys_days date,
                                    const std::vector<core::ExposureDefinition>& custom);

nlohmann::ordered_json DiaryEntryToJson(const core::DiaryEntry& entry);

// "YYYY-MM-DD" within the diary's calendar bounds, or nullopt.
std::optional<std::chrono::sys_days> ParseDiaryDate(std::string_view text);
std::string DiaryDateText(std::chrono::sys_days date);

// Why `name` cannot name a new custom exposure for a client that already has
// `existing` (empty when it can): snake_case, at most 64 bytes, not a standard
// exposure or CSV column, not already defined.
std::string CustomExposureNameProblem(std::string_view name,
                                      const std::vector<core::ExposureDefinition>& existing);

}  // namespace backplan::codec
