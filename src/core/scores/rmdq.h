#pragma once
// Roland-Morris Disability Questionnaire, 24 items (CLINICAL.md 1.2): the score
// is the number of items ticked, 0–24. Unticked items score 0. The parser has
// already rejected duplicates and numbers outside 1–24.

#include <vector>

namespace backplan::core {

inline constexpr int kRmdqItems = 24;

inline int ScoreRmdq(const std::vector<int>& ticked_items) {
  return static_cast<int>(ticked_items.size());
}

}  // namespace backplan::core
