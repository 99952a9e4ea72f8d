#include "core/scores/start_back.h"

#include <algorithm>

namespace backplan::core {
namespace {

bool Contains(const std::vector<int>& items, int item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

constexpr int kFirstPsychosocialItem = 5;
constexpr int kLowRiskMaxTotal = 3;
constexpr int kMediumRiskMaxSubscale = 3;

}  // namespace

StartBackScore ScoreStartBack(const StartBackAnswers& answers) {
  StartBackScore score;
  int total = 0;
  int psychosocial = 0;
  for (int item = 1; item <= 8; ++item) {
    const bool agreed = Contains(answers.agree, item);
    // Without a disagree list, an item not agreed with is taken as disagreed.
    const bool answered = agreed || !answers.disagree || Contains(*answers.disagree, item);
    if (!answered) {
      score.missing_items.push_back(item);
      continue;
    }
    if (agreed) {
      ++total;
      if (item >= kFirstPsychosocialItem)
        ++psychosocial;
    }
  }
  if (!answers.bothersomeness) {
    score.missing_items.push_back(9);
  } else if (*answers.bothersomeness == Bothersomeness::very_much ||
             *answers.bothersomeness == Bothersomeness::extremely) {
    ++total;
    ++psychosocial;
  }
  if (!score.missing_items.empty())
    return score;

  score.total = total;
  score.psychosocial = psychosocial;
  if (total <= kLowRiskMaxTotal) {
    score.risk = StartBackRisk::low;
  } else if (psychosocial <= kMediumRiskMaxSubscale) {
    score.risk = StartBackRisk::medium;
  } else {
    score.risk = StartBackRisk::high;
  }
  return score;
}

std::string_view Name(StartBackRisk risk) {
  switch (risk) {
    case StartBackRisk::low:
      return "low";
    case StartBackRisk::medium:
      return "medium";
    case StartBackRisk::high:
      return "high";
  }
  return "low";
}

}  // namespace backplan::core
