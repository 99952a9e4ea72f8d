#pragma once
// Patient-Specific Functional Scale (CLINICAL.md 1.5): each activity 0 (unable)
// to 10 (as before the problem); the score is the mean. Higher is better, unlike
// every other instrument here.

#include <optional>
#include <vector>

#include "core/intake.h"

namespace backplan::core {

inline constexpr int kPsfsMaxActivities = 5;

inline std::optional<double> ScorePsfs(const std::vector<PsfsActivity>& activities) {
  if (activities.empty())
    return std::nullopt;
  double sum = 0;
  for (const auto& a : activities)
    sum += a.score;
  return sum / static_cast<double>(activities.size());
}

}  // namespace backplan::core
