#pragma once
// One treatment session and the check-ins that follow it, as the core sees
// them: already validated (pressure 0–5, pain 0–10), times already resolved to
// UTC. The core never reads a clock; every time here was passed in.
// Rules that read these records: plan_check.h, check_in_schedule.h,
// session_response.h, progression.h; docs/care-loop-rules.md lists them.

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/intake.h"
#include "core/plan.h"

namespace backplan::core {

// The version of the care-loop rules (plan check, check-in windows, response,
// trend, meaningful change, progression). Change it with any threshold, rule
// or reason text in src/core/care/ and follow in docs/care-loop-rules.md; the
// service stores it with each result it derives from these rules.
inline constexpr const char* kCareRulesVersion = "2026.11.1";

// The work done on one region. A region worked with two techniques is two
// entries; each is checked against the plan on its own.
struct RegionWork {
  Region region = Region::lumbar;
  Technique technique = Technique::light_swedish;
  int pressure = 0;  // pressure ladder 0–5 (plan.h)
  // Why the practitioner went outside the plan here; empty = no override.
  // Required for any deviation plan_check.h finds, and shown in the record
  // and the report.
  std::string override_reason;
};

// NPRS 0–10, back and leg rated separately because a flare or relief can show
// in one and not the other.
struct PainReading {
  int back = 0;
  int leg = 0;
};

struct SoapNotes {
  std::string subjective;
  std::string objective;
  std::string assessment;
  std::string plan;
};

struct Adjuncts {
  bool heat = false;
  bool topical = false;
  std::string other;  // empty = none
};

struct Session {
  std::optional<std::int64_t> id;  // absent until stored
  std::chrono::sys_seconds started_at{};
  int duration_minutes = 0;
  std::vector<RegionWork> regions;
  PainReading pain_before;
  PainReading pain_after;
  // How far down the leg symptoms reached before the session: the reference
  // for peripheralization in the check-ins that follow.
  LegExtent leg_extent_before = LegExtent::none;
  std::string positioning;
  SoapNotes notes;
  Adjuncts adjuncts;
};

// Check-ins follow each session at 24 h, 72 h and 7 days (check_in_schedule.h).
enum class CheckInKind { after_24h, after_72h, after_7d };
inline constexpr std::size_t kCheckInKindCount = 3;
inline constexpr std::array<CheckInKind, kCheckInKindCount> kAllCheckInKinds = {
    CheckInKind::after_24h, CheckInKind::after_72h, CheckInKind::after_7d};

// The client's own global rating since the session.
enum class GlobalChange { better, same, worse };

struct CheckIn {
  CheckInKind kind = CheckInKind::after_24h;
  std::chrono::sys_seconds answered_at{};
  int back_pain = 0;  // NPRS 0–10
  int leg_pain = 0;   // NPRS 0–10
  LegExtent leg_extent = LegExtent::none;
  GlobalChange change = GlobalChange::same;
  // The client said "flare" in so many words. "Worse" alone is not a flare:
  // the client's wording is kept apart from the practitioner's reading.
  bool flare_reported = false;
  std::string note;
};

inline constexpr std::string_view Name(CheckInKind kind) {
  switch (kind) {
    case CheckInKind::after_24h:
      return "24h";
    case CheckInKind::after_72h:
      return "72h";
    case CheckInKind::after_7d:
      return "7d";
  }
  return "unknown";
}

inline constexpr std::string_view Name(GlobalChange change) {
  switch (change) {
    case GlobalChange::better:
      return "better";
    case GlobalChange::same:
      return "same";
    case GlobalChange::worse:
      return "worse";
  }
  return "unknown";
}

}  // namespace backplan::core
