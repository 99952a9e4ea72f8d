#pragma once
// Classification of the presentation (CLINICAL.md section 0 and 3): symptom
// pattern, duration band, Quebec category, irritability, directional
// intolerances, stability and guarding. Each conclusion carries its reason.

#include <string_view>
#include <vector>

#include "core/intake.h"
#include "core/reason.h"

namespace backplan::core {

enum class Pattern { localized, referred, radicular };
enum class Acuity { acute, subacute, chronic };
enum class Irritability { low, moderate, high };

struct Classification {
  Pattern pattern = Pattern::localized;
  Acuity acuity = Acuity::acute;
  int days_since_onset = 0;
  double weeks_since_onset = 0;
  int quebec_category = 1;          // 1–3 from the body map
  bool possible_radicular = false;  // nerve-root signs reported: Quebec 4 needs an examination
  Irritability irritability = Irritability::moderate;
  std::vector<Movement> intolerances;  // movements and postures that provoke
  std::vector<Movement> relieving;     // movements and postures that ease
  bool stability_concern = false;
  bool guarding = false;
  std::vector<Reason> reasons;

  bool AcuteAndIrritable() const {
    return acuity == Acuity::acute && irritability == Irritability::high;
  }
  bool Intolerant(Movement m) const;
};

// Duration bands in days: acute < 6 weeks, subacute 6–12 weeks, chronic > 12.
inline constexpr int kSubacuteFromDay = 6 * 7;
inline constexpr int kChronicAfterDay = 12 * 7;

// Stress (0–10) at or above this is high: a yellow flag and a de-stress item
// in the home program (principle 9; product rule).
inline constexpr int kHighStress = 7;

Classification Classify(const Intake& intake);

std::string_view Name(Pattern p);
std::string_view Name(Acuity a);
std::string_view Name(Irritability i);

}  // namespace backplan::core
