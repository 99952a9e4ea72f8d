#pragma once
// The client's daily diary as the core sees it: one entry per calendar day,
// already validated. Exposures are a uniform name → value table so that the
// standard ones and those a practitioner defines per client are analysed the
// same way by the trigger finder. Optional means "not recorded", never zero.

#include <array>
#include <chrono>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace backplan::core {

// How an exposure is recorded, which fixes its range and how it is read.
enum class ExposureKind {
  minutes,  // 0–1440
  count,    // 0–1000
  hours,    // 0–24, fractions allowed
  scale,    // 0–10
  yes_no    // 0 or 1
};

struct ExposureDefinition {
  std::string name;   // snake_case key, also the CSV column
  ExposureKind kind;  // range and reading
  std::string label;  // what the client sees
};

// The exposures every diary has. Practitioner-defined ones follow the same
// shape and must not reuse these names.
inline const std::array<ExposureDefinition, 11>& StandardExposures() {
  static const std::array<ExposureDefinition, 11> kStandard = {{
      {"sitting_minutes", ExposureKind::minutes, "Sitting (minutes)"},
      {"driving_minutes", ExposureKind::minutes, "Driving (minutes)"},
      {"standing_minutes", ExposureKind::minutes, "Standing (minutes)"},
      {"walking_minutes", ExposureKind::minutes, "Walking (minutes)"},
      {"lifts", ExposureKind::count, "Lifts of anything heavy (count)"},
      {"bending", ExposureKind::count, "Bending forward (count)"},
      {"sleep_hours", ExposureKind::hours, "Sleep (hours)"},
      {"sleep_quality", ExposureKind::scale, "Sleep quality (0 poor – 10 excellent)"},
      {"stress", ExposureKind::scale, "Stress (0–10)"},
      {"exercise_done", ExposureKind::yes_no, "Home exercises done"},
      {"massage", ExposureKind::yes_no, "Massage that day"},
  }};
  return kStandard;
}

struct DiaryEntry {
  std::chrono::sys_days date{};
  std::optional<int> pain_morning;  // NPRS 0–10 on waking
  std::optional<int> pain_evening;  // NPRS 0–10 at bedtime
  std::optional<int> leg_pain;      // NPRS 0–10, worst of the day
  // Exposure name → value for that day; a missing key is "not recorded".
  std::map<std::string, double, std::less<>> exposures;
  // Home-program items (plan item ids) the client ticked as done that day.
  std::vector<std::string> home_program_done;
  std::string note;
};

// A diary is kept in date order with at most one entry per day; the codec and
// the store enforce this, the core relies on it.
using Diary = std::vector<DiaryEntry>;

}  // namespace backplan::core
