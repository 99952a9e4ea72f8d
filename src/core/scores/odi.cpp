#include "core/scores/odi.h"

#include <algorithm>

namespace backplan::core {

OdiScore ScoreOdi(const std::array<OdiSection, 10>& sections) {
  OdiScore score;
  for (const auto& section : sections) {
    if (section.ticks.empty())
      continue;
    ++score.sections_answered;
    score.sum += *std::max_element(section.ticks.begin(), section.ticks.end());
  }
  if (score.sections_answered >= kOdiMinimumSections) {
    score.percent = 100.0 * score.sum / (5.0 * score.sections_answered);
    score.band = BandForOdi(*score.percent);
  }
  return score;
}

OdiBand BandForOdi(double percent) {
  if (percent <= 20.0)
    return OdiBand::minimal;
  if (percent <= 40.0)
    return OdiBand::moderate;
  if (percent <= 60.0)
    return OdiBand::severe;
  if (percent <= 80.0)
    return OdiBand::crippling;
  return OdiBand::bed_bound;
}

std::string_view Name(OdiBand band) {
  switch (band) {
    case OdiBand::minimal:
      return "minimal";
    case OdiBand::moderate:
      return "moderate";
    case OdiBand::severe:
      return "severe";
    case OdiBand::crippling:
      return "crippling";
    case OdiBand::bed_bound:
      return "bed_bound";
  }
  return "minimal";
}

}  // namespace backplan::core
