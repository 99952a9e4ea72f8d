#pragma once
// Keele STarT Back Screening Tool, 9 items (CLINICAL.md 1.3).
// Items 1–8: agree = 1. Item 9 (bothersomeness) is positive only for "very much"
// or "extremely". Total = positives of items 1–9; psychosocial subscale = items
// 5–9. Risk: total ≤ 3 → low; otherwise subscale ≤ 3 → medium, ≥ 4 → high.
// No score and no class when any item is missing (product rule).

#include <optional>
#include <string_view>
#include <vector>

#include "core/intake.h"

namespace backplan::core {

enum class StartBackRisk { low, medium, high };

struct StartBackScore {
  std::vector<int> missing_items;   // item numbers 1–9 with no answer
  std::optional<int> total;         // 0–9
  std::optional<int> psychosocial;  // 0–5
  std::optional<StartBackRisk> risk;
};

StartBackScore ScoreStartBack(const StartBackAnswers& answers);
std::string_view Name(StartBackRisk risk);

}  // namespace backplan::core
