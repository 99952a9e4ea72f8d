#pragma once
// The care loop's JSON shapes (issue 4): a treatment session and a check-in as
// sent to the API and stored, and the results the core derives from them
// (plan deviations, check-in schedule, session response, care trend,
// progression). Parsing validates every field and reports each problem with
// its JSON path, all at once; it never throws on any input. Times are RFC 3339
// UTC strings, "2026-11-20T10:00:00Z" (seconds, no fraction, no offset).

#include <chrono>
#include <nlohmann/json.hpp>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/care/check_in_schedule.h"
#include "core/care/plan_check.h"
#include "core/care/progression.h"
#include "core/care/session.h"
#include "core/care/session_response.h"
#include "core/field_error.h"

namespace backplan::codec {

// Inputs larger than this are refused before parsing.
inline constexpr std::size_t kMaxCareBytes = 256 * 1024;
inline constexpr std::size_t kMaxCareText = 4000;  // a SOAP note, a reason, a check-in note
inline constexpr std::size_t kMaxSessionRegions = 50;
inline constexpr int kMaxSessionMinutes = 480;

struct SessionParse {
  std::optional<core::Session> session;  // set only when errors is empty
  core::FieldErrors errors;
};

// {started_at, duration_minutes, regions: [{region, technique, pressure,
// override_reason?}], pain_before: {back, leg}, pain_after: {back, leg},
// leg_extent_before?, positioning?, soap?: {subjective, objective,
// assessment, plan}, adjuncts?: {heat, topical, other}}. Unknown keys are
// errors (a misspelled key must not silently drop a value).
SessionParse ParseSession(std::string_view json_text);

struct CheckInParse {
  std::optional<core::CheckIn> check_in;  // answered_at is left for the caller
  core::FieldErrors errors;
};

// {kind: "24h"|"72h"|"7d", back_pain, leg_pain, leg_extent?, global:
// "better"|"same"|"worse", flare_reported?, note?}.
CheckInParse ParseCheckIn(std::string_view json_text);

// RFC 3339 UTC with a "Z" and whole seconds; nullopt for anything else or an
// impossible date.
std::optional<std::chrono::sys_seconds> ParseUtcTime(std::string_view text);
std::string FormatUtcTime(std::chrono::sys_seconds time);

// The session as ParseSession reads it back (the stored form); no id.
nlohmann::ordered_json SessionToJson(const core::Session& session);
// The check-in as ParseCheckIn reads it back (the stored form); no time.
nlohmann::ordered_json CheckInToJson(const core::CheckIn& check_in);

nlohmann::ordered_json DeviationsToJson(std::span<const core::Deviation> deviations);
nlohmann::ordered_json ResponseToJson(const core::SessionResponse& response);
nlohmann::ordered_json ScheduleToJson(const core::ScheduledCheckIn& scheduled);
nlohmann::ordered_json TrendToJson(const core::CareTrend& trend);
nlohmann::ordered_json ProgressionToJson(const core::Progression& progression);

// The path of the override reason a deviation needs ("regions[2].override_reason").
std::string OverridePath(const core::Deviation& deviation);

}  // namespace backplan::codec
