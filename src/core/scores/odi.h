#pragma once
// Oswestry Disability Index v2.1a (CLINICAL.md 1.1 and section 0).
// percent = 100 × sum / (5 × sections answered); at least 8 of 10 sections must
// be answered, else the ODI is incomplete. A double tick counts as the higher.
// The exact value is kept; rounding to one decimal is for display only.

#include <array>
#include <optional>
#include <string_view>

#include "core/intake.h"

namespace backplan::core {

enum class OdiBand { minimal, moderate, severe, crippling, bed_bound };

struct OdiScore {
  int sections_answered = 0;
  int sum = 0;
  std::optional<double> percent;  // nullopt when fewer than 8 sections answered
  std::optional<OdiBand> band;
};

inline constexpr int kOdiMinimumSections = 8;

OdiScore ScoreOdi(const std::array<OdiSection, 10>& sections);

// Bands: 0–20 minimal, >20–40 moderate, >40–60 severe, >60–80 crippling, >80
// bed-bound; a value exactly on a boundary belongs to the lower band.
OdiBand BandForOdi(double percent);
std::string_view Name(OdiBand band);

}  // namespace backplan::core
